//! `kanrisaku coverage`: the matrix of services × baseline clauses, on a workspace of the
//! two examples plus a partial catalog, in every format.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use crate::common::{assert_exit, edited_example, example, remove_clause, run, stderr, stdout};

/// The English example as another service: 5.1.1 left out, 6.1.1 partial, 6.1.3 planned,
/// 8.2.2 not applicable, 12.4.3 planned; its name is markup that must stay text.
fn partial_catalog() -> String {
    let text = edited_example("en", |t| {
        t.replace("id: tsumiki-cloud", "id: partial-cloud").replace(
            "name: Tsumiki Cloud",
            "name: \"<img src=x onerror=alert(1)>\"",
        )
    });
    let text = remove_clause(&text, "5.1.1");
    let text = set_status(&text, "6.1.1", "partial");
    let text = set_status(&text, "6.1.3", "planned");
    let text = set_status(&text, "12.4.3", "planned");
    set_status(
        &text,
        "8.2.2",
        "not-applicable\n    justification: Not used.",
    )
}

/// `status: implemented` of clause `key` replaced by `status`.
fn set_status(text: &str, key: &str, status: &str) -> String {
    let at = text
        .find(&format!("  \"{key}\":"))
        .unwrap_or_else(|| panic!("{key} in the example"));
    let (head, tail) = text.split_at(at);
    let edited = tail.replacen("status: implemented", &format!("status: {status}"), 1);
    assert_ne!(edited, tail, "{key} is implemented in the example");
    format!("{head}{edited}")
}

/// A workspace whose kanrisaku.toml lists `services/`: both examples and the partial catalog.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let services = dir.path().join("services");
    std::fs::create_dir(&services).unwrap();
    std::fs::write(
        dir.path().join("kanrisaku.toml"),
        "catalogs = [\"services\"]\n",
    )
    .unwrap();
    for lang in ["ja", "en"] {
        std::fs::copy(
            example(lang),
            services.join(format!("tsumiki-cloud.{lang}.yaml")),
        )
        .unwrap();
    }
    std::fs::write(services.join("partial-cloud.en.yaml"), partial_catalog()).unwrap();
    dir
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["coverage", "--format", "json", "--lang", "en"];
    all.extend(args);
    let out = run(dir, &all);
    assert_exit(&out, 0);
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// The column labels, in order.
fn labels(matrix: &Value) -> Vec<&str> {
    matrix["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect()
}

/// The row of clause `id`.
fn row<'a>(matrix: &'a Value, id: &str) -> &'a Value {
    matrix["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// clause id → service label → status, as the JSON has it.
fn cells(matrix: &Value) -> BTreeMap<String, BTreeMap<String, String>> {
    let labels = labels(matrix);
    matrix["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let cells = row["cells"].as_array().unwrap();
            assert_eq!(cells.len(), labels.len());
            let by_service = labels
                .iter()
                .zip(cells)
                .map(|(l, c)| (l.to_string(), c["status"].as_str().unwrap().to_string()))
                .collect();
            (row["id"].as_str().unwrap().to_string(), by_service)
        })
        .collect()
}

#[test]
fn the_matrix_of_a_workspace_has_the_right_cells() {
    let dir = workspace();
    let matrix = json(dir.path(), &[]);
    assert_eq!(matrix["baseline"], "iso27017:2015/provider");
    assert_eq!(
        labels(&matrix),
        ["partial-cloud", "tsumiki-cloud (en)", "tsumiki-cloud (ja)"]
    );
    let cells = cells(&matrix);
    assert_eq!(cells.len(), 40, "the provider baseline has 40 clauses");
    let expected = |id: &str| match id {
        "5.1.1" => "gap",
        "6.1.1" => "partial",
        "6.1.3" | "12.4.3" => "planned",
        "8.2.2" => "not-applicable",
        _ => "implemented",
    };
    for (id, by_service) in &cells {
        assert_eq!(by_service["partial-cloud"], expected(id), "{id}");
        assert_eq!(by_service["tsumiki-cloud (en)"], "implemented", "{id}");
        assert_eq!(by_service["tsumiki-cloud (ja)"], "implemented", "{id}");
    }
    // 12.4.3 is not in the provider baseline: its row is not there.
    assert!(!cells.contains_key("12.4.3"));

    let partial = &matrix["services"][0]["totals"];
    assert_eq!(partial["cells"], 40);
    assert_eq!(partial["implemented"], 36);
    assert_eq!(partial["gap"], 1);
    assert_eq!(partial["not_applicable"], 1);
    assert_eq!(partial["addressed_percent"], 97.5);
    let policies = row(&matrix, "5.1.1");
    assert_eq!(policies["totals"]["implemented"], 2);
    assert_eq!(policies["totals"]["gap"], 1);
    assert_eq!(policies["title"], "Policies for information security");
    assert_eq!(matrix["totals"]["cells"], 120);
    assert_eq!(matrix["totals"]["gap"], 1);
    assert_eq!(matrix["unloaded"], Value::Array(vec![]));
}

#[test]
fn the_2022_projection_goes_through_the_mapping() {
    let dir = workspace();
    let matrix = json(dir.path(), &["--standard", "iso27002:2022"]);
    let cells = cells(&matrix);
    assert_eq!(cells.len(), 93);
    // 8.15 Logging ← 12.4.1, 12.4.2, 12.4.3: the examples state 12.4.1 and 12.4.3.
    assert_eq!(cells["8.15"]["tsumiki-cloud (ja)"], "implemented");
    let logging = matrix["clauses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "8.15")
        .unwrap();
    assert_eq!(
        logging["cells"][1]["from"],
        serde_json::json!(["12.4.1", "12.4.3"])
    );
    // The weakest of the statements found: 12.4.3 planned makes 8.15 planned.
    assert_eq!(cells["8.15"]["partial-cloud"], "planned");
    // 5.1 ← 5.1.1, 5.1.2: the partial catalog states neither.
    assert_eq!(cells["5.1"]["partial-cloud"], "gap");
    assert_eq!(cells["5.1"]["tsumiki-cloud (en)"], "implemented");
    // 5.7 Threat intelligence is new in 2022: nobody's 2013 catalog covers it.
    assert!(cells["5.7"].values().all(|s| s == "gap"));

    let themes = matrix["themes"].as_array().unwrap();
    let names: Vec<&str> = themes
        .iter()
        .map(|t| t["theme"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        ["organizational", "people", "physical", "technological"]
    );
    for theme in themes {
        let prefix = match theme["theme"].as_str().unwrap() {
            "organizational" => "5.",
            "people" => "6.",
            "physical" => "7.",
            _ => "8.",
        };
        let of_theme: Vec<&String> = cells
            .iter()
            .filter(|(id, _)| id.starts_with(prefix))
            .flat_map(|(_, by)| by.values())
            .collect();
        let count = |s: &str| of_theme.iter().filter(|c| **c == s).count();
        assert_eq!(
            theme["controls"].as_u64().unwrap() as usize * 3,
            of_theme.len()
        );
        let applicable = of_theme.len() - count("not-applicable");
        let expected = (count("implemented") * 1000 + applicable / 2) / applicable;
        assert_eq!(
            (theme["totals"]["implemented_percent"].as_f64().unwrap() * 10.0).round() as usize,
            expected,
            "{theme}"
        );
    }
    let controls: u64 = themes.iter().map(|t| t["controls"].as_u64().unwrap()).sum();
    assert_eq!(controls, 93);
}

/// status word → the mark each format writes for it.
const MARKS: [(&str, &str, &str); 5] = [
    ("implemented", "●", "impl"),
    ("partial", "▲", "part"),
    ("planned", "△", "plan"),
    ("not-applicable", "–", "n/a"),
    ("gap", "✗", "GAP"),
];

fn status_of(mark: &str, text: bool) -> String {
    MARKS
        .iter()
        .find(|(_, symbol, code)| mark == if text { *code } else { *symbol })
        .unwrap_or_else(|| panic!("unknown mark {mark:?}"))
        .0
        .to_string()
}

/// Whether `s` starts with a clause id (`5.1.1`, `CLD.6.3.1`).
fn is_clause(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit()) || s.starts_with("CLD.")
}

#[test]
fn csv_markdown_and_text_agree_with_json() {
    let dir = workspace();
    let matrix = json(dir.path(), &[]);
    let expected: Vec<(String, Vec<String>)> = cells(&matrix)
        .into_iter()
        .map(|(id, by)| (id, by.into_values().collect()))
        .collect();
    let sorted = |mut rows: Vec<(String, Vec<String>)>| {
        rows.sort();
        rows
    };
    let format = |f: &str, extra: &[&str]| {
        let mut args = vec!["coverage", "--lang", "en", "--format", f];
        args.extend(extra);
        let out = run(dir.path(), &args);
        assert_exit(&out, 0);
        stdout(&out)
    };

    let csv = format("csv", &[]);
    assert!(csv.contains("\r\n"), "RFC 4180 records end in CRLF");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(
        header.iter().collect::<Vec<_>>(),
        [
            "clause",
            "title",
            "partial-cloud",
            "tsumiki-cloud (en)",
            "tsumiki-cloud (ja)",
            "implemented",
            "partial",
            "planned",
            "not-applicable",
            "gap"
        ]
    );
    let from_csv: Vec<(String, Vec<String>)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), (2..5).map(|i| r[i].to_string()).collect())
        })
        .collect();
    assert_eq!(sorted(from_csv), expected);

    let md = format("md", &[]);
    let from_md: Vec<(String, Vec<String>)> = md
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let id = cells.get(1)?.split(' ').next()?;
            let id = is_clause(id).then_some(id)?;
            Some((
                id.to_string(),
                cells[2..5].iter().map(|m| status_of(m, false)).collect(),
            ))
        })
        .collect();
    assert_eq!(sorted(from_md), expected);

    let text = format("text", &["--width", "0"]);
    let from_text: Vec<(String, Vec<String>)> = text
        .lines()
        .filter(|l| is_clause(l))
        .map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            // id, title words…, three marks, implemented n/N, gaps.
            let marks = &words[words.len() - 5..words.len() - 2];
            (
                words[0].to_string(),
                marks.iter().map(|m| status_of(m, true)).collect(),
            )
        })
        .collect();
    assert_eq!(sorted(from_text), expected);
}

#[test]
fn the_text_matrix_fits_the_terminal_in_japanese() {
    let dir = workspace();
    for width in [40, 60, 100] {
        let out = run(
            dir.path(),
            &["coverage", "--lang", "ja", "--width", &width.to_string()],
        );
        assert_exit(&out, 0);
        let text = stdout(&out);
        assert!(text.contains("5.1.1 情報"), "{text}");
        for line in text.lines() {
            assert!(line.width() <= width, "wider than {width}: {line:?}");
        }
        // Every service's column is there, however many blocks it took.
        for label in ["partial-cloud", "tsumiki-cloud (en)", "tsumiki-cloud (ja)"] {
            assert!(text.contains(label), "{label} at width {width}");
        }
    }
    // COLUMNS is read when standard output is not a terminal.
    let out = crate::common::kanrisaku(dir.path())
        .args(["coverage", "--lang", "ja"])
        .env("COLUMNS", "50")
        .output()
        .unwrap();
    assert!(stdout(&out).lines().all(|l| l.width() <= 50));
}

#[test]
fn a_catalog_that_fails_to_load_is_reported_and_the_others_still_appear() {
    let dir = workspace();
    let broken = dir.path().join("services/broken.yaml");
    std::fs::write(&broken, "kanrisaku: 1\nservice: [\n").unwrap();
    for format in ["json", "text", "md", "html", "csv"] {
        let out = run(
            dir.path(),
            &["coverage", "--lang", "en", "--format", format],
        );
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(
            err.lines()
                .any(|l| l.starts_with("error: ") && l.contains("broken.yaml")),
            "{format}: {err}"
        );
        let text = stdout(&out);
        assert!(text.contains("partial-cloud"), "{format}: {text}");
        assert!(text.contains("tsumiki-cloud (ja)"), "{format}: {text}");
        if format != "csv" {
            assert!(text.contains("broken.yaml"), "{format} names it: {text}");
        }
    }
    let matrix: Value =
        serde_json::from_str(&stdout(&run(dir.path(), &["coverage", "--format", "json"]))).unwrap();
    assert_eq!(matrix["services"].as_array().unwrap().len(), 3);
    assert_eq!(matrix["unloaded"].as_array().unwrap().len(), 1);
    assert_eq!(
        std::fs::read_to_string(&broken).unwrap(),
        "kanrisaku: 1\nservice: [\n"
    );
}

#[test]
fn the_html_heat_map_is_inert_and_marks_every_cell_with_a_symbol() {
    let dir = workspace();
    let out = run(
        dir.path(),
        &["coverage", "--format", "html", "-o", "coverage.html"],
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("coverage.html")).unwrap();
    assert_eq!(crate::inert::violation(&html), None);
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains("<img"), "a service name stays text");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    // The partial catalog's cells, by their class; then colour is not the only signal:
    // each cell carries its status's symbol (gap ✗, partial ▲ …).
    let of_partial = |status: &str| {
        html.matches(&format!("class=\"cell {status}\" title=\"partial-cloud: "))
            .count()
    };
    assert_eq!(of_partial("gap"), 1);
    assert_eq!(of_partial("partial"), 1);
    assert_eq!(of_partial("planned"), 1);
    assert_eq!(of_partial("not-applicable"), 1);
    assert_eq!(html.matches("<td class=\"cell ").count(), 120);
    for (status, symbol, _) in MARKS {
        let tag = format!("<td class=\"cell {status}\" title=");
        for at in html.match_indices(&tag).map(|(i, _)| i) {
            let cell = &html[at..at + html[at..].find("</td>").unwrap()];
            assert!(cell.contains(symbol), "{status} without {symbol}: {cell}");
        }
    }
}

#[test]
fn the_output_file_is_never_an_input() {
    let dir = workspace();
    let target = dir.path().join("services/partial-cloud.en.yaml");
    let before = std::fs::read(&target).unwrap();
    let out = run(
        dir.path(),
        &["coverage", "-o", "services/partial-cloud.en.yaml"],
    );
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("choose another output path"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&target).unwrap(), before);
}

#[test]
fn csv_labels_cannot_become_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let text = edited_example("en", |t| t.replace("id: tsumiki-cloud", "id: -cmd"));
    std::fs::write(dir.path().join("a.yaml"), text).unwrap();
    let out = run(dir.path(), &["coverage", "a.yaml", "--format", "csv"]);
    assert_exit(&out, 0);
    let first = stdout(&out).lines().next().unwrap().to_string();
    assert!(first.contains(",'-cmd,"), "{first}");
}

#[test]
fn a_catalog_in_2022_numbering_is_projected_back_onto_the_2013_baseline() {
    let dir = crate::common::temp_with(
        "isms.yaml",
        "kanrisaku: 1\n\
         service: { id: new-cloud, name: New Cloud, provider: Example }\n\
         document: { title: ISMS, version: \"1\", language: en, standard: \"iso27002:2022\" }\n\
         controls:\n  \
           \"8.15\": { status: implemented, statement: Logs are kept. }\n  \
           \"5.1\": { status: partial, statement: Policies exist. }\n  \
           \"CLD.6.3.1\": { status: planned, statement: Shared roles. }\n",
    );
    let matrix = json(dir.path(), &["isms.yaml"]);
    let cell = |id: &str| row(&matrix, id)["cells"][0].clone();
    assert_eq!(
        cell("12.4.1"),
        serde_json::json!({"status": "implemented", "from": ["8.15"]})
    );
    assert_eq!(
        cell("5.1.1"),
        serde_json::json!({"status": "partial", "from": ["5.1"]})
    );
    // CLD clauses have no 2022 counterpart: a 2022 catalog carries them as they are.
    assert_eq!(cell("CLD.6.3.1"), serde_json::json!({"status": "planned"}));
    assert_eq!(cell("6.1.1"), serde_json::json!({"status": "gap"}));
}
