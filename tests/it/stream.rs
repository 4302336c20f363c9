//! Catalogs are read, parsed and worked on in parallel and dropped one by one (issue 13
//! item 1): what users see must not depend on which thread finished first, a file that
//! does not load must not stop the others, and a refused render must leave nothing behind.

use std::path::Path;

use crate::common::{TODAY, assert_exit, example, run, stderr, stdout};

/// `n` copies of the Japanese example as `svc-NN.yaml`, each its own service.
fn workspace(dir: &Path, n: usize) {
    let text = std::fs::read_to_string(example("ja")).unwrap();
    for i in 0..n {
        let own = text.replacen("id: tsumiki-cloud", &format!("id: svc-{i:02}"), 1);
        std::fs::write(dir.join(format!("svc-{i:02}.yaml")), own).unwrap();
    }
}

#[test]
fn check_reports_every_catalog_in_order_and_a_broken_one_among_them() {
    let dir = tempfile::tempdir().unwrap();
    workspace(dir.path(), 24);
    std::fs::write(dir.path().join("svc-07.yaml"), "service: [unclosed\n").unwrap();
    let first = run(dir.path(), &["check", ".", "--today", TODAY]);
    assert_exit(&first, 2);
    let text = stdout(&first);
    assert!(text.contains("./svc-07.yaml:"), "{text}");
    assert!(text.contains("load-error"), "{text}");
    let order: Vec<usize> = (0..24)
        .filter(|i| *i != 7)
        .map(|i| {
            let line = format!("./svc-{i:02}.yaml: svc-{i:02}");
            text.find(&line)
                .unwrap_or_else(|| panic!("{line} missing: {text}"))
        })
        .collect();
    assert!(order.is_sorted(), "catalogs out of input order: {text}");
    for _ in 0..3 {
        let again = run(
            dir.path(),
            &["check", ".", "--today", TODAY, "--format", "json"],
        );
        let json = stdout(&again);
        let once_more = run(
            dir.path(),
            &["check", ".", "--today", TODAY, "--format", "json"],
        );
        assert_eq!(json, stdout(&once_more), "output depends on scheduling");
    }
}

#[test]
fn a_refused_render_stages_nothing_and_makes_no_directory() {
    let dir = tempfile::tempdir().unwrap();
    workspace(dir.path(), 12);
    let broken = std::fs::read_to_string(dir.path().join("svc-09.yaml"))
        .unwrap()
        .replacen("\"A.6.1.1\":", "\"A.6.1.99\":", 1);
    std::fs::write(dir.path().join("svc-09.yaml"), broken).unwrap();
    let out = run(
        dir.path(),
        &[
            "render",
            ".",
            "--format",
            "html",
            "--out-dir",
            "out/site",
            "--today",
            TODAY,
        ],
    );
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("svc-09.yaml"), "{}", stderr(&out));
    assert!(
        !dir.path().join("out").exists(),
        "a refused render left its output directory behind"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".kanrisaku-"))
        .collect();
    assert!(left.is_empty(), "staged files left: {left:?}");
}

#[test]
fn render_out_dir_writes_every_document_and_says_so_in_input_order() {
    let dir = tempfile::tempdir().unwrap();
    workspace(dir.path(), 12);
    let out = run(
        dir.path(),
        &[
            "render",
            ".",
            "--format",
            "md",
            "--out-dir",
            "out",
            "--today",
            TODAY,
        ],
    );
    assert_exit(&out, 0);
    let said = stderr(&out);
    let mut last = 0;
    for i in 0..12 {
        let file = dir.path().join(format!("out/svc-{i:02}.ja.md"));
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.contains("情報セキュリティ基本方針"),
            "{}",
            file.display()
        );
        let at = said
            .find(&format!("svc-{i:02}.ja.md"))
            .unwrap_or_else(|| panic!("no line for svc-{i:02}: {said}"));
        assert!(at >= last, "confirmations out of order: {said}");
        last = at;
    }
    let names: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 12, "{names:?}");
}

/// A renamed file is still paired with its old self by service and language, while the
/// files under the same name are compared as they are read.
#[test]
fn diff_pairs_renamed_and_edited_catalogs_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (dir.path().join("old"), dir.path().join("new"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    workspace(&old, 6);
    workspace(&new, 6);
    let edit = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let text = text.replacen("年 1 回", "年 2 回", 1);
        std::fs::write(path, text).unwrap();
    };
    edit(&new.join("svc-02.yaml"));
    std::fs::rename(new.join("svc-04.yaml"), new.join("renamed.yaml")).unwrap();
    edit(&new.join("renamed.yaml"));
    let out = run(dir.path(), &["diff", "old", "new"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    for service in ["svc-02", "svc-04"] {
        assert!(text.contains(service), "{service} missing: {text}");
    }
    assert!(text.contains("[-1-]{+2+}"), "{text}");
    for unchanged in ["svc-00", "svc-01", "svc-03", "svc-05"] {
        assert!(!text.contains(unchanged), "{unchanged} listed: {text}");
    }
    assert_eq!(
        text.matches("\n+++ ").count() + usize::from(text.starts_with("+++ ")),
        2,
        "{text}"
    );
    assert!(
        text.contains("+++ new/renamed.yaml"),
        "paired by service: {text}"
    );
}

/// `render svc-00.yaml --format FORMAT` with a user's `whitepaper.FORMAT` template; its
/// standard output.
fn render_with_template(format: &str, template: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    workspace(dir.path(), 1);
    std::fs::create_dir_all(dir.path().join("tpl")).unwrap();
    std::fs::write(
        dir.path().join(format!("tpl/whitepaper.{format}")),
        template,
    )
    .unwrap();
    let args = [
        "render",
        "svc-00.yaml",
        "--format",
        format,
        "--today",
        TODAY,
        "--template",
        "tpl",
    ];
    let out = run(dir.path(), &args);
    assert_exit(&out, 0);
    stdout(&out)
}

/// A Markdown render makes no HTML of the statements, unless a user's Markdown template
/// reads it (raw HTML cannot be published in Markdown, but a template may test for it).
#[test]
fn a_markdown_template_that_shows_statement_html_still_gets_it() {
    let text = render_with_template(
        "md",
        "{% for c in clauses %}{% if c.statement_html %}[{{ c.id }} written]{% endif %}{% endfor %}\n",
    );
    assert!(text.contains("[5.1.1 written][6.1.1 written]"), "{text}");
}

/// An HTML render rewrites no statement into inert Markdown, unless a user's HTML template
/// reads it (to show the source of a statement, say).
#[test]
fn an_html_template_that_shows_statement_md_still_gets_it() {
    let text = render_with_template(
        "html",
        "<!DOCTYPE html><html><head><title>t</title></head><body>{% for c in clauses %}<pre>{{ c.id }}: {{ c.statement_md }}</pre>{% endfor %}</body></html>\n",
    );
    for id in ["5.1.1", "6.1.1"] {
        let shown = text
            .split(&format!("<pre>{id}: "))
            .nth(1)
            .and_then(|rest| rest.split("</pre>").next())
            .unwrap_or_default();
        assert!(!shown.trim().is_empty(), "{id} shows its Markdown: {text}");
    }
}
