//! A [`CatalogCheck`] as data the result cache can store and read back. Findings hold
//! `&'static str` message ids and argument names; read back, each is interned once, and a
//! stored value that does not make a valid outcome is refused (the catalog is re-checked).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use super::{
    Arg, CatalogCheck, CatalogSummary, Code, Finding, Message, Related, Severity, Subject,
};
use crate::catalog::Pos;
use crate::reference::{BaselineId, ClauseId, IdStyle, Lang};

#[derive(Serialize, Deserialize)]
pub struct StoredOutcome {
    findings: Vec<StoredFinding>,
    summary: StoredSummary,
    service_pos: (u32, u32),
}

#[derive(Serialize, Deserialize)]
struct StoredFinding {
    code: String,
    severity: Severity,
    path: PathBuf,
    line: u32,
    column: u32,
    subject: Option<StoredSubject>,
    message: StoredMessage,
    help: Vec<StoredMessage>,
    related: Vec<StoredRelated>,
    lang: Lang,
}

#[derive(Serialize, Deserialize)]
enum StoredSubject {
    Clause(String, IdStyle),
    Key(String),
}

#[derive(Serialize, Deserialize)]
struct StoredMessage {
    id: String,
    args: Vec<(String, StoredArg)>,
}

#[derive(Serialize, Deserialize)]
enum StoredArg {
    Text(String),
    Number(i64),
    Message(Box<StoredMessage>),
}

#[derive(Serialize, Deserialize)]
struct StoredRelated {
    path: PathBuf,
    line: u32,
    column: u32,
    label: StoredMessage,
}

#[derive(Serialize, Deserialize)]
struct StoredSummary {
    path: PathBuf,
    service: String,
    language: Lang,
    baseline: Option<BaselineId>,
    baseline_total: usize,
    covered: usize,
    missing: Vec<String>,
    clauses: usize,
    rows: Vec<(String, String)>,
}

impl From<&CatalogCheck> for StoredOutcome {
    fn from(o: &CatalogCheck) -> StoredOutcome {
        let s = &o.summary;
        StoredOutcome {
            findings: o.findings.iter().map(StoredFinding::from).collect(),
            summary: StoredSummary {
                path: s.path.clone(),
                service: s.service.clone(),
                language: s.language,
                baseline: s.baseline,
                baseline_total: s.baseline_total,
                covered: s.covered,
                missing: s.missing.clone(),
                clauses: s.clauses,
                rows: s.rows.clone(),
            },
            service_pos: (o.service_pos.line, o.service_pos.column),
        }
    }
}

impl StoredOutcome {
    /// The outcome, or `None` when the stored data is not one.
    pub fn restore(self) -> Option<CatalogCheck> {
        let findings = self
            .findings
            .into_iter()
            .map(StoredFinding::restore)
            .collect::<Option<Vec<_>>>()?;
        let s = self.summary;
        Some(CatalogCheck {
            findings,
            summary: CatalogSummary {
                path: s.path,
                service: s.service,
                language: s.language,
                baseline: s.baseline,
                baseline_total: s.baseline_total,
                covered: s.covered,
                missing: s.missing,
                clauses: s.clauses,
                rows: s.rows,
            },
            service_pos: Pos {
                line: self.service_pos.0,
                column: self.service_pos.1,
            },
        })
    }
}

impl From<&Finding> for StoredFinding {
    fn from(f: &Finding) -> StoredFinding {
        StoredFinding {
            code: f.code.as_str().to_string(),
            severity: f.severity,
            path: f.path.clone(),
            line: f.line,
            column: f.column,
            subject: f.subject.as_ref().map(|s| match s {
                Subject::Clause(id, style) => StoredSubject::Clause(id.to_string(), *style),
                Subject::Key(key) => StoredSubject::Key(key.clone()),
            }),
            message: (&f.message).into(),
            help: f.help.iter().map(StoredMessage::from).collect(),
            related: f
                .related
                .iter()
                .map(|r| StoredRelated {
                    path: r.path.clone(),
                    line: r.line,
                    column: r.column,
                    label: (&r.label).into(),
                })
                .collect(),
            lang: f.lang,
        }
    }
}

impl StoredFinding {
    fn restore(self) -> Option<Finding> {
        let subject = match self.subject {
            Some(StoredSubject::Clause(id, style)) => {
                Some(Subject::Clause(ClauseId::parse(&id).ok()?, style))
            }
            Some(StoredSubject::Key(key)) => Some(Subject::Key(key)),
            None => None,
        };
        let related = self
            .related
            .into_iter()
            .map(|r| {
                Some(Related {
                    path: r.path,
                    line: r.line,
                    column: r.column,
                    label: r.label.restore()?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Finding {
            code: Code::parse(&self.code)?,
            severity: self.severity,
            path: self.path,
            line: self.line,
            column: self.column,
            subject,
            message: self.message.restore()?,
            help: self
                .help
                .into_iter()
                .map(StoredMessage::restore)
                .collect::<Option<Vec<_>>>()?,
            related,
            lang: self.lang,
        })
    }
}

impl From<&Message> for StoredMessage {
    fn from(m: &Message) -> StoredMessage {
        let args = m.args.iter().map(|(name, value)| {
            let value = match value {
                Arg::Text(s) => StoredArg::Text(s.clone()),
                Arg::Number(n) => StoredArg::Number(*n),
                Arg::Message(m) => StoredArg::Message(Box::new(m.as_ref().into())),
            };
            (name.to_string(), value)
        });
        StoredMessage {
            id: m.id.to_string(),
            args: args.collect(),
        }
    }
}

impl StoredMessage {
    fn restore(self) -> Option<Message> {
        let mut message = Message::new(intern(self.id)?);
        for (name, value) in self.args {
            let value = match value {
                StoredArg::Text(s) => Arg::Text(s),
                StoredArg::Number(n) => Arg::Number(n),
                StoredArg::Message(m) => Arg::Message(Box::new(m.restore()?)),
            };
            message.args.push((intern(name)?, value));
        }
        Some(message)
    }
}

/// Message ids and argument names are few (the Fluent files' ids and variables), so each
/// distinct one is leaked once; past a bound far above their number a name is refused,
/// which keeps a hostile cache file from growing memory.
fn intern(name: String) -> Option<&'static str> {
    const MAX_NAMES: usize = 4096;
    const MAX_LEN: usize = 100;
    static NAMES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&known) = names.get(name.as_str()) {
        return Some(known);
    }
    if names.len() >= MAX_NAMES || name.len() > MAX_LEN {
        return None;
    }
    let leaked: &'static str = Box::leak(name.into_boxed_str());
    names.insert(leaked);
    Some(leaked)
}
