//! Findings as data, in the reader's language: the document's language for findings,
//! summaries and the draft banner; `--lang` / KANRISAKU_LANG / the locale elsewhere;
//! `[check.severity]`; `check --explain`; SARIF related locations; the clause suggestion.

use std::path::Path;
use std::process::Output;

use crate::bad_input::MINIMAL;
use crate::common::*;

const TODAY: &str = "2026-10-01";

/// The binary with no language in its environment but `env`.
fn run_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = kanrisaku(dir);
    for name in ["KANRISAKU_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(name);
    }
    cmd.envs(env.iter().copied());
    cmd.args(args).output().expect("binary runs")
}

#[test]
fn a_japanese_catalog_reports_in_japanese_and_an_english_one_in_english() {
    // The interface language says ja; the English document still speaks English.
    let env = [("KANRISAKU_LANG", "ja")];
    let en = temp_with(
        "wp.yaml",
        edited_example("en", |t| remove_clause(&t, "12.3.1")),
    );
    let out = run_env(en.path(), &["check", "wp.yaml", "--today", TODAY], &env);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains(
            "error[coverage-gap] 12.3.1: baseline clause 12.3.1 Information backup has no statement"
        ),
        "{text}"
    );
    assert!(text.ends_with("1 error, 0 warnings\n"), "{text}");
    let out = run_env(
        en.path(),
        &["render", "wp.yaml", "--draft", "-o", "wp.html"],
        &env,
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(en.path().join("wp.html")).unwrap();
    assert!(
        html.contains("<li>12.3.1: baseline clause 12.3.1 Information backup has no statement"),
        "{html}"
    );

    let env = [("KANRISAKU_LANG", "en")];
    let ja = temp_with(
        "wp.yaml",
        edited_example("ja", |t| remove_clause(&t, "A.12.3.1")),
    );
    let out = run_env(ja.path(), &["check", "wp.yaml", "--today", TODAY], &env);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("error[coverage-gap] A.12.3.1: ベースラインの管理策 A.12.3.1 情報のバックアップ に記述がありません"), "{text}");
    assert!(text.ends_with("エラー 1 件、警告 0 件\n"), "{text}");
    let out = run_env(ja.path(), &["render", "wp.yaml", "-o", "wp.html"], &env);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("上のエラー 1 件のため出力しませんでした"),
        "{}",
        stderr(&out)
    );
    assert!(!ja.path().join("wp.html").exists());
    let out = run_env(
        ja.path(),
        &["render", "wp.yaml", "--draft", "-o", "wp.html"],
        &env,
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(ja.path().join("wp.html")).unwrap();
    assert!(
        html.contains(
            "<li>A.12.3.1: ベースラインの管理策 A.12.3.1 情報のバックアップ に記述がありません"
        ),
        "{html}"
    );
}

#[test]
fn without_a_document_the_interface_language_is_lang_then_env_then_locale() {
    let dir = tempfile::tempdir().unwrap();
    let explain = |args: &[&str], env: &[(&str, &str)]| {
        let mut all = vec!["check", "--explain", "stale-review"];
        all.extend_from_slice(args);
        let out = run_env(dir.path(), &all, env);
        assert_exit(&out, 0);
        stdout(&out)
    };
    assert!(explain(&[], &[]).contains("Why: statements drift"));
    assert!(explain(&["--lang", "ja"], &[]).contains("なぜ："));
    assert!(explain(&[], &[("KANRISAKU_LANG", "ja")]).contains("なぜ："));
    assert!(explain(&[], &[("LANG", "ja_JP.UTF-8")]).contains("なぜ："));
    assert!(explain(&["--lang", "en"], &[("KANRISAKU_LANG", "ja")]).contains("Why:"));
    assert!(explain(&[], &[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")]).contains("Why:"));

    // A file that does not load has no language of its own: the summary uses the interface's.
    std::fs::write(dir.path().join("wp.yaml"), "").unwrap();
    let out = run_env(
        dir.path(),
        &["check", "wp.yaml"],
        &[("KANRISAKU_LANG", "ja")],
    );
    assert_exit(&out, 2);
    let text = stdout(&out);
    assert!(
        text.contains("wp.yaml: 読み込めなかったため、何も確認していません（load-error）"),
        "{text}"
    );
    assert!(text.ends_with("エラー 1 件、警告 0 件\n"), "{text}");
}

#[test]
fn severity_overrides_change_the_exit_code() {
    // Every clause of the English example was reviewed before 2026-10; in 2028 all are stale.
    let dir = temp_with("wp.yaml", std::fs::read(example("en")).unwrap());
    let check = |config: &str, args: &[&str]| {
        std::fs::write(dir.path().join("kanrisaku.toml"), config).unwrap();
        let mut all = vec!["check", "wp.yaml", "--today", "2028-01-01"];
        all.extend_from_slice(args);
        run_env(dir.path(), &all, &[])
    };
    let out = check("", &[]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("warning[stale-review]"));

    let out = check("[check.severity]\nstale-review = \"error\"\n", &[]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("error[stale-review]") && !text.contains("warning[stale-review]"),
        "{text}"
    );
    assert!(
        text.contains("severity.stale-review = \"error\""),
        "the summary names the override: {text}"
    );

    let out = check(
        "[check.severity]\nstale-review = \"note\"\n",
        &["--fail-on", "warning"],
    );
    assert_exit(&out, 0);
    assert!(
        stdout(&out).contains("note[stale-review]"),
        "{}",
        stdout(&out)
    );

    let out = check(
        "[check.severity]\nstale-review = \"allow\"\n",
        &["--fail-on", "warning"],
    );
    assert_exit(&out, 0);
    assert!(!stdout(&out).contains("stale-review]"), "{}", stdout(&out));

    let out = check("[check.severity]\nstale-reviews = \"error\"\n", &[]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(err.contains("kanrisaku.toml:2:1: [check.severity]: unknown code `stale-reviews`; expected one of: unknown-clause,"), "{err}");
    let out = check("[check.severity]\nstale-review = \"fatal\"\n", &[]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("kanrisaku.toml:2:16: [check.severity] stale-review: unknown level `fatal`; expected one of: error, warning, note, allow"), "{}", stderr(&out));
    let out = check("[check.severity]\nload-error = \"allow\"\n", &[]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("load-error cannot be changed"),
        "{}",
        stderr(&out)
    );
    // The catalog was never touched.
    assert_eq!(
        std::fs::read(dir.path().join("wp.yaml")).unwrap(),
        std::fs::read(example("en")).unwrap()
    );
}

#[test]
fn sarif_and_text_show_where_a_duplicate_clause_was_first_written() {
    let dup = "  \"5.1.1\":\n    status: planned\n    statement: Second copy.\n";
    let dir = temp_with("wp.yaml", format!("{MINIMAL}{dup}"));
    let out = run_env(dir.path(), &["check", "wp.yaml", "--format", "sarif"], &[]);
    assert_exit(&out, 2);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let result = &sarif["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "load-error");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        19
    );
    let related = &result["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "wp.yaml"
    );
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 14);
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 3);
    assert_eq!(related["message"]["text"], "first written here");

    let out = run_env(dir.path(), &["check", "wp.yaml"], &[]);
    assert!(stdout(&out).contains("duplicate clause `5.1.1`, first written at line 14:3; a clause may appear once, so merge the two statements\n    = note: first written here: wp.yaml:14:3\n"), "{}", stdout(&out));
}

#[test]
fn sarif_names_the_other_catalog_of_a_duplicate_service() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("en"), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(example("en"), dir.path().join("b.yaml")).unwrap();
    let out = run_env(
        dir.path(),
        &[
            "check", "a.yaml", "b.yaml", "--today", TODAY, "--format", "sarif",
        ],
        &[],
    );
    assert_exit(&out, 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "duplicate-service")
        .expect("a duplicate-service result")
        .clone();
    assert_eq!(
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b.yaml"
    );
    let related = &result["relatedLocations"][0];
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "a.yaml"
    );
    assert_eq!(
        related["message"]["text"],
        "the other catalog of this service"
    );
}

#[test]
fn every_code_is_explained_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_env(dir.path(), &["check", "--explain", "no-such-code"], &[]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    let list = err
        .trim_end()
        .split_once("the codes are: ")
        .unwrap_or_else(|| panic!("{err}"))
        .1;
    let codes: Vec<&str> = list.split(", ").collect();
    assert!(
        codes.len() >= 25 && codes.contains(&"stale-review"),
        "{codes:?}"
    );
    for code in codes {
        for (lang, why, example) in [("en", "Why: ", "Example: "), ("ja", "なぜ：", "例：")] {
            let out = run_env(
                dir.path(),
                &["check", "--explain", code, "--lang", lang],
                &[],
            );
            assert_exit(&out, 0);
            let text = stdout(&out);
            assert!(text.starts_with(&format!("{code}: ")), "{text}");
            assert!(
                text.contains(why) && text.contains(example),
                "{code} {lang}: {text}"
            );
        }
    }
}

#[test]
fn an_unknown_clause_names_its_category_range_not_a_random_neighbour() {
    let text = edited_example("en", |t| t.replace("  \"9.2.2\":", "  \"9.2.7\":"));
    let dir = temp_with("wp.yaml", text);
    let out = run_env(dir.path(), &["check", "wp.yaml", "--today", TODAY], &[]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("error[unknown-clause] 9.2.7: `9.2.7` is not a clause of iso27017:2015; 9.2 has 9.2.1–9.2.6\n"),
        "{text}"
    );
    let text = edited_example("ja", |t| {
        t.replace("  \"A.9.2.2\":", "  \"A.9.2.7 利用者アクセスの提供\":")
    });
    let dir = temp_with("wp.yaml", text);
    let out = run_env(dir.path(), &["check", "wp.yaml", "--today", TODAY], &[]);
    let text = stdout(&out);
    assert!(
        text.contains("A.9.2 にあるのは A.9.2.1〜A.9.2.6 です。`A.9.2.2`（利用者アクセスの提供(provisioning)）のことですか？"),
        "{text}"
    );
}

/// Template labels are Fluent messages too: a template directory's `i18n/<lang>.ftl`
/// overrides the ones it names (with `{ $standard }` filled in), a syntax error is refused
/// at its line and column, and an old `i18n/<lang>.toml` still works.
#[test]
fn template_labels_are_overridden_with_a_fluent_file() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir_all(tpl.join("i18n")).unwrap();
    let render = |catalog: &str| {
        run_env(
            &root(),
            &[
                "render",
                catalog,
                "--format",
                "md",
                "--template",
                tpl.to_str().unwrap(),
            ],
            &[],
        )
    };
    std::fs::write(
        tpl.join("i18n/en.ftl"),
        "label-end = — end —\nlabel-annotation-note = Numbers in brackets: { $standard }.\n",
    )
    .unwrap();
    let out = render("examples/tsumiki-cloud.en.yaml");
    assert_exit(&out, 0);
    let md = stdout(&out);
    assert!(md.trim_end().ends_with("— end —"), "{md}");
    assert!(
        md.contains("Numbers in brackets: ISO/IEC 27002:2022."),
        "{md}"
    );
    assert!(
        md.contains("Revision history"),
        "other labels keep their built-in words"
    );

    std::fs::write(
        tpl.join("i18n/en.ftl"),
        "label-end = ok\nlabel-gap = { $standard\n",
    )
    .unwrap();
    let out = render("examples/tsumiki-cloud.en.yaml");
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("i18n/en.ftl:3:1: Expected a token starting with \"}\""),
        "{err}"
    );
    assert!(
        err.contains("a label is written `label-name = text`"),
        "{err}"
    );

    std::fs::remove_file(tpl.join("i18n/en.ftl")).unwrap();
    std::fs::write(tpl.join("i18n/en.toml"), "end = \"— old style —\"\n").unwrap();
    let out = render("examples/tsumiki-cloud.en.yaml");
    assert_exit(&out, 0);
    assert!(stdout(&out).trim_end().ends_with("— old style —"));
}
