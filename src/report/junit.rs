//! JUnit XML, which every CI system can show: one suite per catalog, one case per clause.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::check::{CheckReport, FailOn, Finding};

/// Name of the test case for findings about the document rather than one clause.
const DOCUMENT_CASE: &str = "document";

pub(super) fn write(report: &CheckReport, fail_on: FailOn, out: &mut dyn Write) -> Result<()> {
    let mut junit = Report::new("kanrisaku check");
    let unloaded: Vec<&Finding> = report.unloaded().collect();
    for file in unloaded.chunk_by(|a, b| a.path == b.path) {
        junit.add_test_suite(unloaded_suite(file));
    }
    for catalog in &report.catalogs {
        let findings: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.path == catalog.path)
            .collect();
        let mut by_case: BTreeMap<String, Vec<&Finding>> = BTreeMap::new();
        for f in &findings {
            by_case
                .entry(f.shown().unwrap_or_else(|| DOCUMENT_CASE.to_string()))
                .or_default()
                .push(f);
        }
        let mut suite = TestSuite::new(format!(
            "{} ({})",
            catalog.service,
            catalog.language.as_str()
        ));
        let classname = super::relative(&catalog.path);
        let mut cases: Vec<(&str, String)> = vec![(DOCUMENT_CASE, "document metadata".to_string())];
        cases.extend(
            catalog
                .rows
                .iter()
                .map(|(id, title)| (id.as_str(), format!("{id} {title}").trim().to_string())),
        );
        for (key, name) in cases {
            let found = by_case.get(key).map(Vec::as_slice).unwrap_or(&[]);
            let failing: Vec<&&Finding> = found.iter().filter(|f| f.fails(fail_on)).collect();
            let status = if failing.is_empty() {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                status.set_type(failing[0].code.as_str());
                status.set_message(failing[0].text(failing[0].lang));
                status.set_description(lines(&failing));
                status
            };
            let mut case = TestCase::new(name, status);
            case.set_classname(classname.clone());
            let others: Vec<&&Finding> = found.iter().filter(|f| !f.fails(fail_on)).collect();
            if !others.is_empty() {
                case.set_system_out(lines(&others));
            }
            suite.add_test_case(case);
        }
        junit.add_test_suite(suite);
    }
    junit.serialize(&mut *out)?;
    writeln!(out)?;
    Ok(())
}

/// A file that could not be loaded: a suite of its own (there is no service to name it
/// by) whose one case, loading the file, fails whatever the fail level; its description
/// lists every problem found in the file.
fn unloaded_suite(file: &[&Finding]) -> TestSuite {
    let f = file[0];
    let path = super::relative(&f.path);
    let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
    status.set_type(f.code.as_str());
    status.set_message(f.text(f.lang));
    status.set_description(lines(&file.iter().collect::<Vec<_>>()));
    let mut case = TestCase::new(format!("load {path}"), status);
    case.set_classname(path.clone());
    let mut suite = TestSuite::new(path);
    suite.add_test_case(case);
    suite
}

fn lines(findings: &[&&Finding]) -> String {
    findings
        .iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
