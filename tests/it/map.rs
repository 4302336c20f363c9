//! `kanrisaku map`: the 2013 ↔ 2022 correspondence of ids, run on the real binary.

use serde_json::Value;

use crate::common::{assert_exit, run, stderr, stdout};

fn map(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec!["map"];
    all.extend_from_slice(args);
    run(dir.path(), &all)
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let out = map(&all);
    assert_exit(&out, 0);
    serde_json::from_str(&stdout(&out)).expect("map --format json prints JSON")
}

/// The ids of `found[i].counterparts`.
fn counterparts(found: &Value) -> Vec<&str> {
    found["counterparts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

#[test]
fn a_2013_control_maps_to_its_2022_successor_and_names_the_others_merged_into_it() {
    let out = map(&["12.4.1", "--lang", "en"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("A.12.4.1 Event logging (ISO/IEC 27002:2013)"),
        "{text}"
    );
    assert!(text.contains("→ 8.15 Logging"), "{text}");
    assert!(text.contains("many-to-one"), "{text}");
    assert!(
        text.contains("8.15 also replaces A.12.4.2, A.12.4.3"),
        "{text}"
    );

    let answer = json(&["12.4.1"]);
    let found = &answer[0]["found"];
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["standard"], "iso27002:2013");
    assert_eq!(found[0]["relation"], "many-to-one");
    assert_eq!(counterparts(&found[0]), ["8.15"]);
    assert_eq!(found[0]["counterparts"][0]["title_ja"], "ログ取得");
    assert_eq!(
        found[0]["counterparts"][0]["shared_with"],
        serde_json::json!(["12.4.2", "12.4.3"])
    );
}

#[test]
fn a_2022_control_lists_its_2013_predecessors_with_titles_in_both_languages() {
    let answer = json(&["8.24"]);
    let found = &answer[0]["found"][0];
    assert_eq!(found["standard"], "iso27002:2022");
    assert_eq!(found["relation"], "many-to-one");
    assert_eq!(counterparts(found), ["10.1.1", "10.1.2"]);
    assert_eq!(found["counterparts"][1]["title_en"], "Key management");
    assert_eq!(found["counterparts"][1]["title_ja"], "鍵管理");

    let out = map(&["A.8.24", "--lang", "ja"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("8.24 暗号の使用"), "{text}");
    assert!(text.contains("← A.10.1.1 "), "{text}");
    assert!(text.contains("← A.10.1.2 鍵管理"), "{text}");
}

#[test]
fn a_control_new_in_2022_says_so() {
    let out = map(&["5.7", "--lang", "en"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("new in 2022"), "{}", stdout(&out));
    let found = &json(&["5.7"])[0]["found"][0];
    assert_eq!(found["relation"], "new-in-2022");
    assert!(counterparts(found).is_empty());
}

#[test]
fn prefixed_plain_and_full_width_ids_are_the_same_id() {
    let plain = map(&["12.4.1", "--lang", "en"]);
    for form in ["A.12.4.1", "a.12.4.1", "１２．４．１"] {
        let out = map(&[form, "--lang", "en"]);
        assert_exit(&out, 0);
        assert_eq!(stdout(&out), stdout(&plain), "{form}");
    }
}

#[test]
fn a_2013_clause_split_in_two_is_one_to_many_both_ways() {
    let found = &json(&["18.2.3"])[0]["found"][0];
    assert_eq!(found["relation"], "one-to-many");
    assert_eq!(counterparts(found), ["5.36", "8.8"]);
    let found = &json(&["8.8"])[0]["found"][0];
    assert_eq!(found["relation"], "many-to-one");
    assert_eq!(counterparts(found), ["12.6.1", "18.2.3"]);
    assert_eq!(
        found["counterparts"][1]["shared_with"],
        serde_json::json!(["5.36"])
    );
}

#[test]
fn an_id_of_both_numberings_is_shown_both_ways_unless_from_picks_one() {
    let out = map(&["5.1", "--lang", "en"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("in both numberings"), "{text}");
    assert!(
        text.contains("A.5.1 is a category of ISO/IEC 27002:2013"),
        "{text}"
    );
    assert!(
        text.contains("A.5.1.1 Policies for information security"),
        "{text}"
    );
    assert!(
        text.contains("5.1 Policies for information security (ISO/IEC 27002:2022)"),
        "{text}"
    );

    let both = json(&["5.1"]);
    let standards: Vec<&str> = both[0]["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["standard"].as_str().unwrap())
        .collect();
    assert_eq!(
        standards,
        ["iso27002:2013", "iso27002:2013", "iso27002:2022"]
    );

    let new = json(&["5.1", "--from", "iso27002:2022"]);
    assert_eq!(new[0]["found"].as_array().unwrap().len(), 1);
    assert_eq!(counterparts(&new[0]["found"][0]), ["5.1.1", "5.1.2"]);
    let old = json(&["5.1", "--from", "iso27002:2013"]);
    let ids: Vec<&str> = old[0]["found"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["5.1.1", "5.1.2"]);
    assert_eq!(old[0]["found"][0]["category"], "5.1");
}

#[test]
fn a_cld_clause_has_no_2022_id_and_is_kept() {
    let out = map(&["CLD.6.3.1", "--lang", "en"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("no 2022 id"), "{}", stdout(&out));
    let found = &json(&["CLD.6.3.1"])[0]["found"][0];
    assert_eq!(found["standard"], "iso27017:2015");
    assert_eq!(found["relation"], "cloud");
}

#[test]
fn an_unknown_or_malformed_id_exits_2_after_the_others_are_shown() {
    let out = map(&["9.9.9", "12.4.1", "x.1", "--lang", "en"]);
    assert_exit(&out, 2);
    assert!(stdout(&out).contains("→ 8.15 Logging"), "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("error: `9.9.9` is not a control of ISO/IEC 27002:2013 or 2022"),
        "{err}"
    );
    assert!(err.contains("error: `x.1` is not a clause id"), "{err}");
    assert_eq!(err.lines().count(), 2, "{err}");
}

#[test]
fn control_characters_in_an_unknown_id_are_escaped() {
    let out = map(&["9.9.\u{1b}[31m9"]);
    assert_exit(&out, 2);
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
}
