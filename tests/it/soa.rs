//! `kanrisaku soa`: the Statement of Applicability, read back as its readers read it (the
//! xlsx with calamine, the csv, Markdown and JSON parsed), on real catalogs.

use std::io::Read;
use std::path::Path;

use calamine::{Reader, Xlsx, open_workbook};
use serde_json::Value;

use crate::bad_input::MINIMAL;
use crate::common::*;

/// A catalog in 2022 numbering for service `id`, with `controls` (YAML under `controls:`).
fn catalog_2022(id: &str, controls: &str) -> String {
    MINIMAL
        .replace("id: bad-input", &format!("id: {id}"))
        .replace(
            "  baseline: none\n",
            "  baseline: none\n  standard: iso27002:2022\n",
        )
        .split("controls:\n")
        .next()
        .unwrap()
        .to_string()
        + "controls:\n"
        + controls
}

/// Every cell of the first sheet, as text.
fn xlsx_cells(path: &Path) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let range = book.worksheet_range_at(0).unwrap().unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    calamine::Data::String(s) => s.clone(),
                    calamine::Data::Empty => String::new(),
                    other => panic!("a cell that is no text: {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// One part of the xlsx archive, as text.
fn xlsx_part(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

fn row<'a>(cells: &'a [Vec<String>], id: &str) -> &'a [String] {
    cells
        .iter()
        .find(|r| r[0] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

fn soa(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["soa"];
    all.extend_from_slice(args);
    kanrisaku(dir)
        .args(&all)
        .env("KANRISAKU_LANG", "en")
        .output()
        .unwrap()
}

#[test]
fn xlsx_holds_the_93_annex_a_controls_with_their_decisions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("en"), dir.path().join("tsumiki.yaml")).unwrap();
    let out = soa(dir.path(), &["tsumiki.yaml", "-o", "soa.xlsx"]);
    assert_exit(&out, 0);
    assert!(
        stderr(&out).contains("wrote soa.xlsx (xlsx, 93 controls: "),
        "{}",
        stderr(&out)
    );
    let cells = xlsx_cells(&dir.path().join("soa.xlsx"));
    assert_eq!(cells.len(), 94, "a header and 93 controls");
    assert_eq!(
        cells[0],
        [
            "Control",
            "Title",
            "Theme",
            "2013 controls",
            "Applicable",
            "Status",
            "Justification for exclusion",
            "Implemented by",
            "Decided in"
        ]
    );
    let ids: Vec<String> = cells[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(
        ids,
        listed_ids("iso27002:2022"),
        "every control, in order, `5.10` as text"
    );
    // Through the 2013→2022 mapping: 9.1.1 and 9.1.2 are both 5.15.
    let access = row(&cells, "5.15");
    assert_eq!(access[1], "Access control");
    assert_eq!(access[2], "Organizational controls");
    assert_eq!(access[3], "9.1.1, 9.1.2");
    assert_eq!(&access[4..6], ["yes", "implemented"]);
    assert_eq!(access[7], "tsumiki-cloud 9.1.2 (implemented)");
    assert_eq!(access[8], "service catalogs");
    // 12.4.1 → 8.15.
    assert!(row(&cells, "8.15")[7].contains("tsumiki-cloud 12.4.1"));
    // New in 2022, and not in the catalog: undecided.
    let threat = row(&cells, "5.7");
    assert_eq!(threat[3], "");
    assert_eq!(&threat[4..], ["", "undecided", "", "", ""]);
}

#[test]
fn xlsx_is_laid_out_for_people_and_byte_identical_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("ja"), dir.path().join("tsumiki.yaml")).unwrap();
    for name in ["a.xlsx", "b.xlsx"] {
        let out = soa(dir.path(), &["tsumiki.yaml", "--lang", "ja", "-o", name]);
        assert_exit(&out, 0);
        assert!(
            stderr(&out).contains("を書き出しました"),
            "{}",
            stderr(&out)
        );
    }
    let a = std::fs::read(dir.path().join("a.xlsx")).unwrap();
    assert_eq!(a, std::fs::read(dir.path().join("b.xlsx")).unwrap());

    let path = dir.path().join("a.xlsx");
    assert_eq!(xlsx_cells(&path)[0][0], "管理策");
    let sheet = xlsx_part(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:I94"/>"#), "{sheet}");
    assert!(
        sheet.contains(r#"sqref="F2:F94""#)
            && sheet.contains("<formula1>\"実施済み,一部実施,計画中,適用除外,未決定\"</formula1>"),
        "status drop-down: {sheet}"
    );
    assert!(
        sheet.contains(r#"<formula1>"適用,除外"</formula1>"#),
        "{sheet}"
    );
    let widths = regex::Regex::new(r#"<col min="(\d+)" max="(\d+)" width="[\d.]+""#).unwrap();
    let covered: usize = widths
        .captures_iter(&sheet)
        .map(|c| c[2].parse::<usize>().unwrap() - c[1].parse::<usize>().unwrap() + 1)
        .sum();
    assert_eq!(covered, 9, "every column has a width: {sheet}");
    assert!(
        sheet.contains("customHeight=\"1\""),
        "rows are as tall as their text"
    );
    let styles = xlsx_part(&path, "xl/styles.xml");
    assert!(styles.contains(r#"wrapText="1""#), "{styles}");
    // The catalog's date, not the clock's.
    let core = xlsx_part(&path, "docProps/core.xml");
    assert!(core.contains("2026-10-01T00:00:00Z"), "{core}");
}

/// RFC 4180, as a spreadsheet reads it.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let (mut rows, mut row, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows.into_iter()
        .map(|r| r.into_iter().map(|c| c.replace("\r\n", "\n")).collect())
        .collect()
}

/// The table of the Markdown output, cells unescaped.
fn parse_md_table(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| l.starts_with("| "))
        .map(|l| {
            l.trim_start_matches("| ")
                .trim_end_matches(" |")
                .split(" | ")
                .map(|c| unescape_md(c.trim()))
                .collect()
        })
        .collect()
}

fn unescape_md(cell: &str) -> String {
    let mut out = cell.replace("<br>", "\n");
    for code in [
        "60", "62", "38", "92", "96", "42", "95", "91", "93", "35", "124", "126", "123", "125",
    ] {
        let c = char::from_u32(code.parse().unwrap()).unwrap();
        out = out.replace(&format!("&#{code};"), &c.to_string());
    }
    out
}

#[test]
fn csv_md_and_json_agree_with_the_xlsx() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example("ja"), dir.path().join("tsumiki.yaml")).unwrap();
    std::fs::write(
        dir.path().join("other.yaml"),
        catalog_2022(
            "other-cloud",
            "  \"5.15\":\n    status: planned\n    statement: Access rules are being written.\n  \"7.4\":\n    status: not-applicable\n    justification: \"=No premises | of our own <b>\"\n",
        ),
    )
    .unwrap();
    for name in ["soa.xlsx", "soa.csv", "soa.md", "soa.json"] {
        let out = soa(dir.path(), &[".", "-o", name]);
        assert_exit(&out, 0);
    }
    let xlsx = xlsx_cells(&dir.path().join("soa.xlsx"));
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    let csv = parse_csv(&read("soa.csv"));
    assert_eq!(csv, xlsx, "csv and xlsx hold the same cells");
    let premises = row(&xlsx, "7.4");
    assert_eq!(
        premises[6],
        "other-cloud 7.4: =No premises | of our own <b>"
    );
    assert_eq!(premises[4..6], ["no", "not applicable"]);

    let md = read("soa.md");
    assert!(md.contains("&#60;b&#62;") && !md.contains("<b>"), "{md}");
    assert_eq!(parse_md_table(&md), xlsx, "md and xlsx hold the same cells");

    // Both statements for 5.15: one implemented (ja example, 2013 numbering), one planned.
    let partial = row(&xlsx, "5.15");
    assert_eq!(partial[5], "partial");
    assert_eq!(
        partial[7],
        "other-cloud 5.15 (planned)\ntsumiki-cloud A.9.1.2 (implemented)"
    );

    let json: Value = serde_json::from_str(&read("soa.json")).unwrap();
    assert_eq!(json["count"], 93);
    let controls = json["controls"].as_array().unwrap();
    assert_eq!(controls.len(), 93);
    assert_eq!(
        json["undecided"],
        xlsx.iter().filter(|r| r[5] == "undecided").count()
    );
    for (c, cells) in controls.iter().zip(&xlsx[1..]) {
        assert_eq!(c["id"], cells[0].as_str());
        assert_eq!(c["title_en"], cells[1].as_str());
        let applicable = match c["applicable"].as_bool() {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        };
        assert_eq!(applicable, cells[4], "{c}");
        assert_eq!(c["status"].as_str().unwrap().replace('-', " "), cells[5]);
        assert_eq!(c["justification"], cells[6].as_str());
        let by: Vec<String> = c["implemented_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                format!(
                    "{} {} ({})",
                    i["service"].as_str().unwrap(),
                    i["clause"].as_str().unwrap(),
                    i["status"].as_str().unwrap().replace('-', " ")
                )
            })
            .collect();
        assert_eq!(by.join("\n"), cells[7], "{c}");
    }
}

const DECISIONS: &str = r#"# Decisions no service catalog records.
[controls."5.7"]
applicable = true
status = "implemented"
implementation = "Threat intelligence procedure ISMS-PR-07"

[controls."7.4"]
applicable = false
justification = "No premises of our own: the data centres are the IaaS provider's."

[controls."7.5"]
applicable = false
justification = "=HYPERLINK(\"https://example.com\")"
"#;

fn workspace(decisions: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kanrisaku.toml"), "catalogs = [\".\"]\n").unwrap();
    std::fs::copy(example("en"), dir.path().join("tsumiki.yaml")).unwrap();
    std::fs::write(dir.path().join("soa.toml"), decisions).unwrap();
    dir
}

#[test]
fn soa_toml_records_decisions_no_catalog_makes() {
    let dir = workspace(DECISIONS);
    let out = soa(dir.path(), &["--format", "json"]);
    assert_exit(&out, 0);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let control = |id: &str| {
        json["controls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    let threat = control("5.7");
    assert_eq!(threat["applicable"], true);
    assert_eq!(threat["status"], "implemented");
    assert_eq!(
        threat["implementation"],
        "Threat intelligence procedure ISMS-PR-07"
    );
    assert_eq!(threat["decided_in"]["by"], "decisions");
    assert_eq!(threat["decided_in"]["line"], 2);
    let premises = control("7.4");
    assert_eq!(premises["applicable"], false);
    assert_eq!(premises["status"], "not-applicable");
    assert!(
        premises["justification"]
            .as_str()
            .unwrap()
            .starts_with("No premises")
    );
    // The catalogs still decide what soa.toml does not.
    assert_eq!(control("5.15")["decided_in"]["by"], "catalogs");

    let out = soa(dir.path(), &["--format", "csv"]);
    let csv = parse_csv(&stdout(&out));
    let threat = csv.iter().find(|r| r[0] == "5.7").unwrap();
    assert_eq!(threat[7], "Threat intelligence procedure ISMS-PR-07");
    assert_eq!(threat[8], "soa.toml:2:11", "named as the user would");
    // A cell a spreadsheet would take for a formula is neutralised in the csv; the xlsx
    // types every cell as text.
    let formula = csv.iter().find(|r| r[0] == "7.5").unwrap();
    assert_eq!(formula[6], "'=HYPERLINK(\"https://example.com\")");
    assert_exit(&soa(dir.path(), &["-o", "soa.xlsx"]), 0);
    let cells = xlsx_cells(&dir.path().join("soa.xlsx"));
    assert_eq!(row(&cells, "7.5")[6], "=HYPERLINK(\"https://example.com\")");
}

#[test]
fn a_bad_soa_toml_is_refused_at_its_line_and_column() {
    let cases = [
        (
            DECISIONS.replace("\"5.7\"", "\"5.99\""),
            "soa.toml:2:11: `5.99` is no ISO/IEC 27001:2022 Annex A control",
        ),
        (
            DECISIONS.replace("justification = \"No premises of our own: the data centres are the IaaS provider's.\"\n", ""),
            "soa.toml:7:11: an excluded control needs the justification for its exclusion; add `justification = \"...\"`",
        ),
        (
            DECISIONS.replace("status = \"implemented\"\n", ""),
            "soa.toml:2:11: an applicable control needs its implementation status",
        ),
        (
            DECISIONS.replace("status = ", "statuss = "),
            "soa.toml:4:1: unknown field `statuss`",
        ),
        (
            DECISIONS.replace("\"implemented\"", "\"done\""),
            "soa.toml:4:10: unknown variant `done`, expected one of `implemented`, `partial`, `planned`",
        ),
        (
            format!("{DECISIONS}\n[controls.\"A.5.7\"]\napplicable = true\nstatus = \"planned\"\n"),
            "is decided twice (first at ",
        ),
    ];
    for (text, expected) in cases {
        let dir = workspace(&text);
        let out = soa(dir.path(), &["-o", "soa.md"]);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!dir.path().join("soa.md").exists(), "nothing written");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("soa.toml")).unwrap(),
            text
        );
    }
}

#[test]
fn check_exits_1_while_a_control_is_undecided_and_0_once_all_are() {
    let dir = workspace(DECISIONS);
    let out = soa(dir.path(), &["--check"]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("5.3 Segregation of duties: undecided; add a statement to a catalog or a decision to soa.toml"),
        "{text}"
    );
    assert!(!text.contains("5.7 "), "decided in soa.toml: {text}");
    let undecided: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": undecided"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert!(
        text.ends_with(&format!(
            "93 controls: {} decided, {} undecided\n",
            93 - undecided.len(),
            undecided.len()
        )),
        "{text}"
    );

    // Decide every one of them: the check passes.
    let mut all = DECISIONS.to_string();
    for id in &undecided {
        all.push_str(&format!(
            "\n[controls.\"{id}\"]\napplicable = false\njustification = \"Out of scope.\"\n"
        ));
    }
    std::fs::write(dir.path().join("soa.toml"), &all).unwrap();
    let out = soa(dir.path(), &["--check"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "93 controls: 93 decided, 0 undecided\n");

    // Japanese, with --lang.
    let out = soa(dir.path(), &["--check", "--lang", "ja"]);
    assert_eq!(stdout(&out), "管理策 93 件：決定済み 93 件、未決定 0 件\n");
}

#[test]
fn a_catalog_that_fails_to_load_is_reported_and_the_others_still_appear() {
    let dir = workspace(DECISIONS);
    std::fs::write(dir.path().join("broken.yaml"), "kanrisaku: 1\nservice: [\n").unwrap();
    for format in ["json", "md", "xlsx"] {
        let output = format!("soa.{format}");
        let out = soa(dir.path(), &["-o", &output]);
        assert_exit(&out, 2);
        let err = stderr(&out);
        assert!(err.starts_with("error: ./broken.yaml:"), "{err}");
        let path = dir.path().join(&output);
        match format {
            "json" => {
                let json: Value =
                    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
                assert_eq!(json["controls"].as_array().unwrap().len(), 93);
                assert!(
                    json["unloaded"][0]
                        .as_str()
                        .unwrap()
                        .starts_with("./broken.yaml:")
                );
                assert_eq!(
                    json["controls"][14]["implemented_by"][0]["service"],
                    "tsumiki-cloud"
                );
            }
            "md" => {
                let md = std::fs::read_to_string(&path).unwrap();
                assert!(
                    md.contains("> not read, so not in this statement: ./broken.yaml:"),
                    "{md}"
                );
                assert_eq!(parse_md_table(&md).len(), 94);
            }
            _ => {
                let cells = xlsx_cells(&path);
                assert_eq!(cells.len(), 94);
                assert!(row(&cells, "5.15")[7].contains("tsumiki-cloud"));
            }
        }
    }
    // --check: the unread catalog wins over undecided controls, as in `check`.
    assert_exit(&soa(dir.path(), &["--check"]), 2);
}

#[test]
fn never_writes_over_an_input() {
    let dir = workspace(DECISIONS);
    let before = std::fs::read(dir.path().join("tsumiki.yaml")).unwrap();
    for (target, format) in [("tsumiki.yaml", "md"), ("soa.toml", "csv")] {
        let out = soa(dir.path(), &["--format", format, "-o", target]);
        assert_exit(&out, 2);
        assert!(
            stderr(&out).contains(&format!("{target}: that is an input of this statement")),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(
        std::fs::read(dir.path().join("tsumiki.yaml")).unwrap(),
        before
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("soa.toml")).unwrap(),
        DECISIONS
    );
    // An extension that names no format is a usage error, before anything is read.
    let out = soa(dir.path(), &["-o", "soa.txt"]);
    assert_exit(&out, 2);
    assert!(stderr(&out).contains("soa.txt: cannot tell the format from the extension"));
}

#[test]
fn an_existing_output_is_replaced_atomically_keeping_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = workspace(DECISIONS);
    let out_path = dir.path().join("soa.csv");
    std::fs::write(&out_path, "old").unwrap();
    std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o640)).unwrap();
    assert_exit(&soa(dir.path(), &["-o", "soa.csv"]), 0);
    let meta = std::fs::metadata(&out_path).unwrap();
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    assert!(
        std::fs::read_to_string(&out_path)
            .unwrap()
            .starts_with("\u{feff}Control,")
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".kanrisaku-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn a_soa_toml_that_is_no_regular_file_is_refused() {
    let dir = workspace(DECISIONS);
    std::fs::remove_file(dir.path().join("soa.toml")).unwrap();
    std::fs::create_dir(dir.path().join("soa.toml")).unwrap();
    let out = soa(dir.path(), &["-o", "soa.md"]);
    assert_exit(&out, 2);
    assert!(
        stderr(&out).starts_with("error: soa.toml: "),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(!dir.path().join("soa.md").exists());
}
