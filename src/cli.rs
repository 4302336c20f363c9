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
    after_help = "Examples:\n  kanrisaku init my-cloud --service \"My Cloud\"\n  kanrisaku check\n  kanrisaku render -o whitepaper.html\n\nExit codes: 0 success, 1 findings at the fail level, 2 usage error or unreadable input."
)]
pub struct Cli {
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true)]
    pub color: ColorWhen,

    /// None: `kanrisaku` alone, which prints a getting-started instead of clap's usage error.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a workspace: a catalog with every baseline clause as a placeholder.
    Init(InitArgs),
    /// Check catalogs for coverage gaps and statement quality (a CI gate).
    Check(CheckArgs),
    /// Render the customer-facing whitepaper (Markdown, HTML or PDF).
    Render(RenderArgs),
    /// Show what changed between two versions of catalogs (files, directories or git revisions).
    Diff(DiffArgs),
    /// Turn an existing whitepaper (text, Markdown, DOCX or PDF) into a catalog.
    Import(ImportArgs),
    /// Work with the built-in whitepaper templates.
    #[command(
        subcommand,
        after_help = "Examples:\n  kanrisaku templates export my-templates\n  kanrisaku render services/ --template my-templates --out-dir public"
    )]
    Templates(TemplatesCommand),
    /// List or show the built-in reference clauses.
    Controls(ControlsArgs),
    /// Explain a clause: titles, 2022 mapping, cloud guidance, baselines, what whitepapers state.
    Explain(ExplainArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell).
    Completions(CompletionsArgs),
    /// Print the man page (roff) of kanrisaku or of one of its commands.
    Man(ManArgs),
    /// Write catalogs in one canonical form (clause order, id form, key order), keeping comments.
    Fmt(FmtArgs),
    /// Print the catalog's JSON Schema (committed as schema/catalog.schema.json): editors
    /// complete fields and clause ids from it and show their descriptions on hover.
    Schema(SchemaArgs),
    /// The Statement of Applicability against ISO/IEC 27001:2022 Annex A (xlsx, csv, md, json).
    Soa(SoaArgs),
    /// Show the ISO/IEC 27002 2013 <-> 2022 correspondence of clause ids, with titles.
    Map(MapArgs),
    /// Rewrite a catalog from 2013 to 2022 numbering, keeping every statement.
    Migrate(MigrateArgs),
    /// Show which service covers which clause of a baseline, with what status (a matrix).
    Coverage(CoverageArgs),
    /// Publish the workspace as a static security site: index, whitepapers, changes, Atom feed.
    Site(SiteArgs),
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku soa -o soa.xlsx\n  kanrisaku soa services/ --format csv --lang ja -o soa.csv\n  kanrisaku soa --check        # in CI: exit 1 while a control is undecided"
)]
pub struct SoaArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// Output format (default: from the extension of -o, else md).
    #[arg(long, value_enum)]
    pub format: Option<crate::soa::Format>,

    /// Output file; `-` or none for standard output (xlsx only to a file or a pipe).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The organisation's decisions for controls no catalog covers (default: soa.toml
    /// beside kanrisaku.toml, if there is one).
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,

    /// Language of headers and words (default: KANRISAKU_LANG, else the locale, else en).
    #[arg(long, value_enum)]
    pub lang: Option<crate::reference::Lang>,

    /// List the undecided controls and exit 1 if there are any (writes the SoA only with -o).
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku map 12.4.1\n  kanrisaku map A.8.24 5.7 --lang ja\n  kanrisaku map 5.1 --from iso27002:2013 --format json"
)]
pub struct MapArgs {
    /// Ids: 2013 (12.4.1, A.12.4.1, or a category such as 12.4), 2022 (8.24, A.8.24) or CLD.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,

    /// Read every id in this numbering: iso27002:2013 (iso27017:2015 alike) or
    /// iso27002:2022 (default: every numbering the id exists in).
    #[arg(long, value_name = "STANDARD")]
    pub from: Option<crate::reference::StandardId>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,

    /// Language of titles and notes in text output (default: $KANRISAKU_LANG, then the locale).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku migrate services/my-cloud.ja.yaml --to iso27002:2022 -o isms/my-cloud.ja.yaml\n  kanrisaku migrate services/my-cloud.ja.yaml --to iso27002:2022 --add-missing -o isms/my-cloud.ja.yaml\n  kanrisaku migrate isms/my-cloud.ja.yaml --to iso27002:2022 --in-place"
)]
pub struct MigrateArgs {
    /// The catalog to migrate (numbered by iso27017:2015 or iso27002:2013).
    pub catalog: PathBuf,

    /// The numbering to migrate to (only iso27002:2022).
    #[arg(long, value_name = "STANDARD")]
    pub to: crate::reference::StandardId,

    /// Where to write the migrated catalog (`-` for standard output; default: standard output).
    #[arg(short, long, value_name = "FILE", conflicts_with = "in_place")]
    pub output: Option<PathBuf>,

    /// Replace CATALOG itself (atomically).
    #[arg(long)]
    pub in_place: bool,

    /// Add a placeholder for each 2022 control new in 2022 that the catalog does not answer.
    #[arg(long)]
    pub add_missing: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku coverage\n  kanrisaku coverage services/ --standard iso27002:2022\n  kanrisaku coverage --format html -o coverage.html\n  kanrisaku coverage --format csv > coverage.csv\n\nCells: implemented, partial, planned, not-applicable, gap (no statement).\nExit codes: 0 the matrix was written, 2 a catalog could not be loaded (the others are still shown)."
)]
pub struct CoverageArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// The clauses to list: iso27017:2015/provider, iso27017:2015/customer, iso27017:2015,
    /// iso27002:2013, or iso27002:2022 (statements projected through the 2013↔2022 mapping).
    #[arg(
        long,
        default_value = "iso27017:2015/provider",
        value_name = "BASELINE"
    )]
    pub standard: crate::reference::BaselineId,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::coverage::format::Format::Text)]
    pub format: crate::coverage::format::Format,

    /// Language of titles and labels (default: KANRISAKU_LANG, else the locale, else en).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,

    /// A directory of templates overriding the built-in `coverage.html`, `coverage.md`,
    /// `coverage.css`.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,

    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Columns the text table may use; wider matrices are cut into blocks of services
    /// (default: the terminal's width, else $COLUMNS, else 100; 0: no limit).
    #[arg(long, value_name = "COLUMNS")]
    pub width: Option<usize>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku site --out-dir public\n  kanrisaku site services/ --out-dir public --git\n  kanrisaku site --out-dir public --template my-templates --lang en\n\nExit codes: 0 the site was written, 1 a catalog with errors was left out, 2 a catalog could not be loaded or usage error (the others are still published)."
)]
pub struct SiteArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// Output directory (created if missing; files of the site in it are replaced).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,

    /// Also list the customer-visible changes of each commit of the catalogs' git history
    /// (never NDA or internal ones).
    #[arg(long)]
    pub git: bool,

    /// Language of the front page (`index.html`) and the feed's title (default: the
    /// workspace's first: ja, then en).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,

    /// A directory of templates overriding the built-ins by name (default: `templates/`
    /// beside kanrisaku.toml, when there is one).
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,

    /// Leave out the PDF editions (otherwise printed when Chromium is found).
    #[arg(long)]
    pub no_pdf: bool,

    /// Chromium or Chrome executable for the PDFs (default: $KANRISAKU_CHROME, then PATH).
    #[arg(long, value_name = "PATH")]
    pub chrome: Option<PathBuf>,

    /// Seconds the browser may take to print one PDF.
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub timeout: u64,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku fmt services/example.yaml\n  kanrisaku fmt --check        # in CI: exit 1 when a catalog is not formatted\n  kanrisaku fmt services/"
)]
pub struct FmtArgs {
    /// Catalog files or directories (default: `catalogs` from kanrisaku.toml).
    pub paths: Vec<PathBuf>,

    /// Write nothing: list the catalogs that are not formatted (with their first difference)
    /// and exit 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku schema > schema/catalog.schema.json\n  kanrisaku schema | jq '.properties | keys'"
)]
pub struct SchemaArgs {}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku init my-cloud --service \"My Cloud\"\n  kanrisaku init . --lang en\n  cd my-cloud && kanrisaku check"
)]
pub struct InitArgs {
    /// Directory to create the workspace in (created if missing; default: the current one).
    pub dir: Option<PathBuf>,

    /// Language of the catalog and of the messages (default: $KANRISAKU_LANG, then the locale).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,

    /// The service's name, as customers know it (default: from the directory name).
    #[arg(long, value_name = "NAME")]
    pub service: Option<String>,

    /// Date of the first version and revision entry, YYYY-MM-DD (default: today); with it,
    /// init writes the same bytes on every run.
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku explain 9.2.1\n  kanrisaku explain CLD.6.3.1 --lang ja\n  kanrisaku explain 5.15 --standard iso27002:2022 --both"
)]
pub struct ExplainArgs {
    /// The clause: 9.2.1, A.9.2.1, CLD.6.3.1, or a 2022 id such as 5.15 with --standard.
    pub clause: String,

    /// The numbering the id is written in: iso27017:2015 (also any 27002:2013 id),
    /// iso27002:2013 or iso27002:2022.
    #[arg(long, default_value = "iso27017:2015")]
    pub standard: crate::reference::StandardId,

    /// Language to explain in (default: $KANRISAKU_LANG, then the locale).
    #[arg(long)]
    pub lang: Option<crate::reference::Lang>,

    /// Show titles and guidance in both Japanese and English.
    #[arg(long)]
    pub both: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku completions bash > ~/.local/share/bash-completion/completions/kanrisaku\n  kanrisaku completions zsh > \"${fpath[1]}/_kanrisaku\"\n  kanrisaku completions fish > ~/.config/fish/completions/kanrisaku.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    pub shell: clap_complete::Shell,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku man | man -l -\n  kanrisaku man check > kanrisaku-check.1\n  kanrisaku man > /usr/local/share/man/man1/kanrisaku.1"
)]
pub struct ManArgs {
    /// A command to show the page of (default: kanrisaku itself).
    pub command: Option<String>,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku render services/my-cloud.ja.yaml -o whitepaper.html\n  kanrisaku render services/my-cloud.ja.yaml --format pdf -o whitepaper.pdf\n  kanrisaku render --out-dir shared --format md --audience nda\n  kanrisaku render services/my-cloud.ja.yaml --audience audit -o whitepaper.audit.html"
)]
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

    /// Who the document is for: `public` (the whitepaper, without text marked `audience: nda`),
    /// `nda` (with it, marked confidential on every page; the file name must carry `.nda`) or
    /// `audit` (internal fields and findings per clause, marked not for publication; the file
    /// name must carry `.audit`).
    #[arg(long, value_enum, default_value_t = crate::render::Audience::Public)]
    pub audience: crate::render::Audience,

    /// Date review ages are measured against in the audit edition, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,

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

    /// A directory of templates overriding the built-in `diff.html`, `diff.md`, `diff.css`.
    #[arg(long, value_name = "DIR")]
    pub template: Option<PathBuf>,

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
#[command(
    after_help = "Examples:\n  kanrisaku import whitepaper.pdf -o services/my-cloud.ja.yaml\n  kanrisaku import whitepaper.docx --service-id my-cloud -o services/my-cloud.ja.yaml\n  kanrisaku import extracted.txt --report json > report.json"
)]
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
    #[command(
        after_help = "Examples:\n  kanrisaku templates export my-templates\n  kanrisaku templates export my-templates --force"
    )]
    Export {
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku check\n  kanrisaku check services/ --format github\n  kanrisaku check services/my-cloud.ja.yaml --fail-on warning --since origin/main"
)]
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

    /// Explain a finding code (what it means, why, how to fix it, an example) and exit.
    #[arg(long, value_name = "CODE")]
    pub explain: Option<String>,

    /// Language of messages not about one catalog, and of `--explain` (default:
    /// KANRISAKU_LANG, else the locale, else en). Findings use their catalog's language.
    #[arg(long, value_enum)]
    pub lang: Option<crate::reference::Lang>,

    /// Neither read nor write the result cache (.kanrisaku/cache/ beside kanrisaku.toml).
    #[arg(long)]
    pub no_cache: bool,

    /// Also print on stderr how many catalogs were served from the result cache.
    #[arg(long)]
    pub verbose: bool,
}

#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kanrisaku controls --standard iso27017:2015/provider --lang ja\n  kanrisaku controls --standard iso27002:2022 --format json\n  kanrisaku controls A.9.2.3"
)]
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
