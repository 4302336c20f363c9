//! The files of a new workspace (`kanrisaku init`): a catalog with every clause of the
//! provider baseline as a placeholder, `kanrisaku.toml` and a CI workflow.
//!
//! The catalog is written as text, not serialised from the model, because its value is in
//! what the model has no place for: the official title and a hint above each clause, and the
//! editor's schema line. It must load and must fail `check` with exactly its placeholders
//! (tested); every text a user could type (the service name) is written as a JSON string,
//! which YAML reads as a double-quoted scalar, so no name can break the file.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::reference::{BaselineId, IdStyle, Lang, Reference};
use crate::{escape, t};

/// Where `init` puts the catalogs, relative to the workspace (`catalogs` in kanrisaku.toml).
pub const CATALOG_DIR: &str = "services";

/// The schema an editor validates catalogs against, relative to the workspace; init
/// writes it there (`kanrisaku schema > schema/catalog.schema.json` refreshes it).
pub const SCHEMA_PATH: &str = "schema/catalog.schema.json";

/// What `init` writes: paths relative to the workspace, and their text.
pub struct Files {
    pub catalog: PathBuf,
    pub files: Vec<(PathBuf, String)>,
}

/// The workspace for the service `name` (`service.id` = `id`, a slug), in `lang`, first
/// dated `today`.
pub fn workspace(id: &str, name: &str, lang: Lang, today: NaiveDate) -> Files {
    let catalog = PathBuf::from(CATALOG_DIR).join(format!("{id}.{}.yaml", lang.as_str()));
    let files = vec![
        (catalog.clone(), catalog_text(id, name, lang, today)),
        (PathBuf::from(crate::config::FILE_NAME), config_text()),
        (
            PathBuf::from(".github/workflows/kanrisaku.yml"),
            WORKFLOW.to_string(),
        ),
        (PathBuf::from(SCHEMA_PATH), crate::catalog::schema_text()),
    ];
    Files { catalog, files }
}

fn config_text() -> String {
    format!(
        "# kanrisaku settings for this workspace (see kanrisaku's README).\n\
         catalogs = [\"{CATALOG_DIR}\"]\n\n[check]\nfail-on = \"error\"\nreview-max-age-days = 365\n"
    )
}

/// The CI gate: annotations on pull requests, failing on any error.
const WORKFLOW: &str = r#"# kanrisaku: check the catalogs on every push and pull request.
name: kanrisaku
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: dtolnay/rust-toolchain@stable
      # Set the repository variable KANRISAKU_GIT_URL to wherever you host kanrisaku.
      - run: cargo install --locked --git "${{ vars.KANRISAKU_GIT_URL }}" kanrisaku
      - run: kanrisaku check --format github
"#;

fn catalog_text(id: &str, name: &str, lang: Lang, today: NaiveDate) -> String {
    let comment_name = escape::control(name);
    let mut out = format!("# yaml-language-server: $schema=../{SCHEMA_PATH}\n");
    push_comment(
        &mut out,
        "",
        &t!(lang, "init-catalog-intro", service = comment_name.as_ref()),
    );
    let title = t!(lang, "init-doc-title", service = name);
    out.push_str(&format!(
        "kanrisaku: 1\nservice:\n  id: {id}\n  name: {}\n  provider: {}\n",
        quoted(name),
        quoted(&t!(lang, "init-provider")),
    ));
    push_comment(
        &mut out,
        "  ",
        &format!("url: https://example.com  # {}", t!(lang, "init-url-hint")),
    );
    out.push_str(&format!(
        "document:\n  title: {}\n  version: \"1.0\"\n  date: {today}\n  language: {}\n  \
         standard: iso27017:2015\n  annotate: iso27002:2022\n  baseline: {}\n  revisions:\n    \
         - {{ version: \"1.0\", date: {today}, summary: {} }}\n",
        quoted(&title),
        lang.as_str(),
        BaselineId::Provider,
        quoted(&t!(lang, "init-first-revision")),
    ));
    sections(&mut out, lang);
    responsibility(&mut out, lang);
    controls(&mut out, lang);
    out
}

fn sections(out: &mut String, lang: Lang) {
    out.push_str("sections:\n");
    for id in ["purpose", "scope", "contact"] {
        let title = t!(lang, &format!("init-section-{id}"));
        let body = t!(lang, &format!("init-section-{id}-body"));
        out.push_str(&format!(
            "  - id: {id}\n    title: {}\n    body: |\n      {body}\n",
            quoted(&title)
        ));
    }
}

fn responsibility(out: &mut String, lang: Lang) {
    out.push_str("responsibility:\n");
    push_comment(out, "  ", &t!(lang, "init-responsibility-hint"));
    out.push_str("  parties:\n");
    for party in ["customer", "provider", "upstream"] {
        let label = t!(lang, &format!("init-party-{party}"));
        out.push_str(&format!("    {party}: {}\n", quoted(&label)));
    }
    out.push_str("  layers:\n");
    for (layer, owner) in [
        ("devices", "customer"),
        ("accounts", "customer"),
        ("data", "[customer, provider]"),
        ("application", "provider"),
        ("platform", "provider"),
        ("infrastructure", "upstream"),
    ] {
        let name = t!(lang, &format!("init-layer-{layer}"));
        out.push_str(&format!(
            "    - layer: {}\n      owner: {owner}\n",
            quoted(&name)
        ));
    }
}

/// One placeholder per baseline clause, in standard order: the official title and what
/// customers look for as comments, `status: planned` and a TODO statement.
fn controls(out: &mut String, lang: Lang) {
    let reference = Reference::get();
    out.push_str("controls:\n");
    push_comment(out, "  ", &t!(lang, "init-controls-hint"));
    let statement = quoted(&t!(lang, "init-statement"));
    let label = t!(lang, "init-clause-hint");
    for clause in reference.baseline(BaselineId::Provider) {
        out.push_str(&format!("\n  \"{}\":\n", clause.id.display(IdStyle::Annex)));
        push_comment(out, "    ", clause.title(lang));
        if let Some(hint) = reference.hint(&clause.id) {
            push_comment(out, "    ", &format!("{label}: {}", hint.text(lang)));
        }
        out.push_str(&format!(
            "    status: planned\n    statement: {statement}\n"
        ));
    }
}

fn push_comment(out: &mut String, indent: &str, text: &str) {
    out.push_str(&format!("{indent}# {text}\n"));
}

/// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_string()).to_string()
}
