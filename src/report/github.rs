//! GitHub Actions workflow commands: each finding becomes an annotation on the file.

use std::io::Write;

use crate::check::{CheckReport, Severity};

pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let text = f.text(f.lang);
        let message = match f.shown() {
            Some(clause) => format!("{clause}: {text}"),
            None => text,
        };
        writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&super::relative(&f.path)),
            f.line,
            f.column,
            escape_property(&format!("kanrisaku {}", f.code)),
            escape_data(&message)
        )?;
    }
    Ok(())
}

/// Workflow-command escaping (as in @actions/core `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Workflow-command escaping for property values (`escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_actions_core() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
