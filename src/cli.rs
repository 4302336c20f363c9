//! Command-line interface definitions.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::FailOn;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "kanrisaku",
    version,
    about = "ISO/IEC 27017 control catalogs as reviewed text: check coverage, render whitepapers, diff revisions",
    after_help = "Exit codes: 0 success, 1 findings at the fail level, 2 usage error or unreadable input."
)]
pub struct Cli {
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check catalogs for coverage gaps and statement quality (a CI gate).
    Check(CheckArgs),
    /// Render the customer-facing whitepaper (Markdown, HTML or PDF).
    Render(RenderArgs),
    /// Show what changed between two versions of catalogs (files, directories or git revisions).
    Diff(DiffArgs),
    /// Turn an existing whitepaper (text, Markdown or DOCX) into a catalog.
    Import(ImportArgs),
    /// Work with the built-in whitepaper templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// List or show the built-in reference clauses.
    Controls(ControlsArgs),
    /// Print the catalog's JSON Schema (committed as schema/catalog.schema.json): editors
    /// complete fields and clause ids from it and show their descriptions on hover.
    Schema,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::render::Format::Html)]
    pub format: crate::render::Format,

    /// A directory of templates overriding the built-ins by name, or the name of the main template.
    #[arg(long, value_name = "NAME|DIR")]
    pub template: Option<String>,

    /// Document language for headings and clause titles (default: the catalog's).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,

    /// Output file (one catalog); `-` for standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,

    /// Output directory: one `<service>.<lang>.<ext>` per catalog.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Render even with errors: the document is marked as a draft and each gap shown in place.
    #[arg(long)]
    pub draft: bool,

    /// A template option, e.g. `--set group_headings=true` (repeatable).
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub options: Vec<String>,

    /// Chromium or Chrome executable for PDF (default: $KANRISAKU_CHROME, then PATH).
    #[arg(long, value_name = "PATH")]
    pub chrome: Option<PathBuf>,

    /// Seconds the browser may take to print a PDF.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku diff old.yaml new.yaml\n  kanrisaku diff --git v1.2 services/\n  kanrisaku diff --git v1.2..v1.3 --format html -o redline.html\n  kanrisaku diff --git HEAD~1 --changelog"
)]
pub struct DiffArgs {
    /// OLD and NEW (files or directories); with --git, the catalogs to compare
    /// (default: `catalogs` from kanrisaku.toml, or the current directory).
    pub paths: Vec<PathBuf>,

    /// Compare catalogs as of git revision REV with the working tree, or REV1..REV2.
    #[arg(long, value_name = "REV[..REV]")]
    pub git: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::diff::format::Format::Text)]
    pub format: crate::diff::format::Format,

    /// Leave out internal changes (owner, evidence, review dates, notes).
    #[arg(long)]
    pub customer: bool,

    /// Print a proposed revision-history entry instead of the diff.
    #[arg(long)]
    pub changelog: bool,

    /// Exit 1 when there are customer-visible differences, 0 when there are none.
    #[arg(long)]
    pub exit_code: bool,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The whitepaper: .txt (e.g. text extracted from a PDF), .md or .docx.
    pub file: PathBuf,

    /// Input format (default: from the extension; plain text otherwise).
    #[arg(long, value_enum)]
    pub from: Option<crate::import::From>,

    /// Where to write the catalog (default: standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Overwrite the output file if it exists.
    #[arg(long)]
    pub force: bool,

    /// `service.id` of the catalog: lowercase letters, digits and hyphens (default: from the
    /// file name).
    #[arg(long, value_name = "ID", value_parser = service_id)]
    pub service_id: Option<String>,

    /// Format of the import report on standard error.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub report: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates to a directory, to start a custom template from.
    Export {
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Lowest severity that makes the exit code 1 (default: error, or kanrisaku.toml).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Date to measure review ages against, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

    /// Maximum days since a clause's `reviewed` date (default: 365, or kanrisaku.toml).
    #[arg(long, value_name = "DAYS")]
    pub review_max_age: Option<u32>,

    /// Also fail when customer-visible text changed since git revision REV without a new
    /// `document.version` and `revisions` entry.
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ControlsArgs {
    /// A clause to show (e.g. 9.2.3, A.9.2.3, CLD.6.3.1, 8.24); all clauses when omitted.
    pub id: Option<String>,

    /// Standard or baseline to list: iso27017:2015, iso27017:2015/provider,
    /// iso27017:2015/customer, iso27002:2013, iso27002:2022.
    #[arg(long, default_value = "iso27017:2015")]
    pub standard: String,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Language of titles in text output.
    #[arg(long, default_value = "en")]
    pub lang: crate::reference::Lang,
}

#[derive(Clone, Copy, Debug, Default, ValueEnum)]
pub enum ListFormat {
    #[default]
    Text,
    Json,
}

/// `--service-id` is checked here, so that a bad one is a usage error and not a catalog
/// the import then fails to load.
fn service_id(id: &str) -> Result<String, String> {
    if crate::catalog::is_slug(id) {
        Ok(id.to_string())
    } else {
        Err(format!(
            "a service id is a slug: lowercase letters, digits and hyphens only; try `--service-id {}`",
            crate::catalog::slugify(id)
        ))
    }
}
