//! Rules across catalogs. They see only each catalog's [`CatalogCheck`], never the
//! catalog itself, so that catalogs can be checked one by one and dropped.

use std::collections::HashMap;

use super::{CatalogCheck, Code, Finding, Message, Related};
use crate::reference::Lang;

/// One service and language, one catalog: each later catalog for a (service, language)
/// already taken is a `duplicate-service` finding, with the index of the catalog it is about.
pub(super) fn check(checked: &[CatalogCheck]) -> Vec<(usize, Finding)> {
    let mut first: HashMap<(&str, Lang), &CatalogCheck> = HashMap::new();
    let mut findings = Vec::new();
    for (index, check) in checked.iter().enumerate() {
        let summary = &check.summary;
        let key = (summary.service.as_str(), summary.language);
        let Some(other) = first.get(&key) else {
            first.insert(key, check);
            continue;
        };
        let pos = check.service_pos;
        let finding = Finding {
            code: Code::DuplicateService,
            severity: Code::DuplicateService.severity(),
            path: summary.path.clone(),
            line: pos.line.max(1),
            column: if pos.line == 0 { 1 } else { pos.column },
            subject: None,
            message: Message::new("duplicate-service")
                .arg("service", key.0)
                .arg("lang", key.1.as_str())
                .arg("other", other.summary.path.display().to_string()),
            help: vec![Message::new("help-duplicate-service")],
            related: vec![Related {
                path: other.summary.path.clone(),
                line: other.service_pos.line.max(1),
                column: other.service_pos.column.max(1),
                label: Message::new("related-other-catalog"),
            }],
            lang: summary.language,
        };
        findings.push((index, finding));
    }
    findings
}
