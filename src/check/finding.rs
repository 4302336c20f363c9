//! A finding as data: what a rule found, where, about what, with which arguments. Words
//! are chosen only at output ([`Finding::text`]), in the document's language or the
//! reader's, through the Fluent message named by [`Message::id`].

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

use super::{Code, FailOn, Severity};
use crate::reference::{ClauseId, IdStyle, Lang};

/// What a finding is about, typed: consumers (render's draft markers, import's gap list)
/// compare ids, never the shown form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    /// A clause of the standard, shown in the document's id style.
    Clause(ClauseId, IdStyle),
    /// A clause key as written, when it names no clause of the document's standard.
    Key(String),
}

impl Subject {
    /// The subject as the document writes it (`A.5.1.1`, or the key as written).
    pub fn shown(&self) -> String {
        match self {
            Subject::Clause(id, style) => id.display(*style),
            Subject::Key(key) => key.clone(),
        }
    }

    pub fn clause(&self) -> Option<&ClauseId> {
        match self {
            Subject::Clause(id, _) => Some(id),
            Subject::Key(_) => None,
        }
    }
}

/// One argument of a message: text (from the catalog or the tool), a count, or a message
/// of its own (a reason), worded in the same language as the message that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Number(i64),
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(m: Message) -> Arg {
        Arg::Message(Box::new(m))
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Number(n)
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Arg {
        Arg::Number(n.into())
    }
}

/// A Fluent message id and its arguments (`locales/<lang>/findings.ftl`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// The words in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut args = fluent_bundle::FluentArgs::new();
        for (name, value) in &self.args {
            match value {
                Arg::Text(s) => args.set(*name, s.as_str()),
                Arg::Number(n) => args.set(*name, *n),
                Arg::Message(m) => args.set(*name, m.text(lang)),
            }
        }
        crate::i18n::message(lang, self.id, Some(&args))
    }

    /// Every text argument through `f` (escaping for output).
    pub(crate) fn map_text(&mut self, f: impl Fn(&str) -> String) {
        self.map_text_with(&f);
    }

    fn map_text_with(&mut self, f: &dyn Fn(&str) -> String) {
        for (_, value) in &mut self.args {
            match value {
                Arg::Text(s) => *s = f(s),
                Arg::Message(m) => m.map_text_with(f),
                Arg::Number(_) => {}
            }
        }
    }
}

/// A secondary place that explains the finding: a duplicate's first occurrence, the
/// other catalog of a duplicated service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub label: Message,
}

/// One problem, located where the fix belongs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    /// The code's severity, or what `[check.severity]` made of it.
    pub severity: Severity,
    pub path: PathBuf,
    pub line: u32,
    pub column: u32,
    pub subject: Option<Subject>,
    pub message: Message,
    /// How to fix it, when the message alone does not say.
    pub help: Vec<Message>,
    pub related: Vec<Related>,
    /// The language of the words: the document's, or the interface's for a file that
    /// did not load.
    pub lang: Lang,
}

impl Finding {
    /// Whether this finding fails the check. A catalog that was not loaded always does:
    /// nothing in it was checked, whatever the fail level.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.code == Code::LoadError || fail_on.fails(self.severity)
    }

    /// The message and its help in `lang`, as one line.
    pub fn text(&self, lang: Lang) -> String {
        let mut text = self.message.text(lang);
        for help in &self.help {
            text = crate::t!(lang, "with-help", message = text, help = help.text(lang));
        }
        text
    }

    /// The subject as the document writes it.
    pub fn shown(&self) -> Option<String> {
        self.subject.as_ref().map(Subject::shown)
    }

    /// The clause this finding is about, when it is one of the standard.
    pub fn clause(&self) -> Option<&ClauseId> {
        self.subject.as_ref().and_then(Subject::clause)
    }
}

/// The plain one-line form, `file:line:col: severity[code] clause: message`, for logs and
/// reports without colour (the terminal report styles the same layout). User text is
/// escaped: this line goes to terminals and CI logs.
impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::escape::control;
        write!(
            f,
            "{}:{}:{}: {}[{}] ",
            control(&self.path.to_string_lossy()),
            self.line,
            self.column,
            self.severity.as_str(),
            self.code
        )?;
        if let Some(shown) = self.shown() {
            write!(f, "{}: ", control(&shown))?;
        }
        f.write_str(&control(&self.text(self.lang)))
    }
}

/// JSON: the typed subject and the words in the finding's language, with the message id
/// and arguments for tools that translate themselves.
impl Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Finding", 11)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("severity", &self.severity)?;
        st.serialize_field("file", &self.path)?;
        st.serialize_field("line", &self.line)?;
        st.serialize_field("column", &self.column)?;
        st.serialize_field("clause", &self.shown())?;
        st.serialize_field("clause_id", &self.clause())?;
        st.serialize_field("message", &self.text(self.lang))?;
        st.serialize_field("message_id", self.message.id)?;
        st.serialize_field("args", &ArgsView(&self.message.args))?;
        let related: Vec<RelatedView> = self
            .related
            .iter()
            .map(|r| RelatedView {
                file: &r.path,
                line: r.line,
                column: r.column,
                message: r.label.text(self.lang),
            })
            .collect();
        st.serialize_field("related", &related)?;
        st.end()
    }
}

struct ArgsView<'a>(&'a [(&'static str, Arg)]);

impl Serialize for ArgsView<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in self.0 {
            match value {
                Arg::Text(t) => map.serialize_entry(name, t)?,
                Arg::Number(n) => map.serialize_entry(name, n)?,
                Arg::Message(m) => map.serialize_entry(
                    name,
                    &MessageView {
                        message_id: m.id,
                        args: ArgsView(&m.args),
                    },
                )?,
            }
        }
        map.end()
    }
}

#[derive(Serialize)]
struct MessageView<'a> {
    message_id: &'static str,
    args: ArgsView<'a>,
}

#[derive(Serialize)]
struct RelatedView<'a> {
    file: &'a PathBuf,
    line: u32,
    column: u32,
    message: String,
}
