//! PDF → text, page by page, through poppler's `pdftotext` (Debian `poppler-utils`).
//!
//! Why `pdftotext`, with `-bbox-layout`: its reading order gives each visual line of
//! Japanese text once, without the padding spaces `-layout` inserts between justified
//! full-width characters, page by page — the page boundaries furniture recognition needs
//! ([`super::furniture`]); `-bbox-layout` gives the same lines with each word's position,
//! from which [`super::layout`] rebuilds that text and reads tables by their columns. An
//! installed tool rather than a crate: the maintained Rust PDF readers lack poppler's CMap
//! and CID-font coverage for Japanese, and MuPDF bindings need a C toolchain and its AGPL.

use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::cleanup;
use crate::input::{self, Limit};

/// The words of a whitepaper PDF with their positions: about 30 times its text, which is a
/// few MiB at most; more is not a whitepaper.
const XML_LIMIT: Limit = Limit {
    bytes: 256 * 1024 * 1024,
    what: "the text extracted from a PDF, with its word positions,",
    advice: "is this the right file?",
};

/// What pdftotext says on failure; a few lines.
const MESSAGE_LIMIT: Limit = Limit {
    bytes: 64 * 1024,
    what: "pdftotext's error output",
    advice: "",
};

/// Extracting a 40-page whitepaper takes well under a second; a minute means it hangs.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The tool to run instead of `pdftotext` on PATH.
const TOOL_ENV: &str = "KANRISAKU_PDFTOTEXT";

/// The text of `bytes` (a PDF), pages ended by form feeds, tables as tab-separated rows.
pub fn text(bytes: &[u8]) -> Result<String> {
    if !bytes.starts_with(b"%PDF") {
        bail!("not a PDF (it does not start with %PDF); give --from txt, md or docx");
    }
    let work = cleanup::temp_dir().context("cannot create a temporary directory")?;
    let pdf = work.path().join("input.pdf");
    std::fs::write(&pdf, bytes).context("cannot copy the PDF to a temporary directory")?;
    let tool = std::env::var_os(TOOL_ENV).unwrap_or_else(|| "pdftotext".into());
    let mut command = Command::new(&tool);
    command
        .args(["-bbox-layout", "-enc", "UTF-8", "-eol", "unix"])
        .arg(&pdf)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = match cleanup::Group::spawn(&mut command) {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "{} not found: reading a PDF needs poppler's pdftotext; install it (`apt-get install poppler-utils` on Debian) or give the extracted text",
            tool.to_string_lossy()
        ),
        Err(e) => return Err(e).context("cannot start pdftotext"),
    };
    let stdout = child.take_stdout().context("pdftotext has no output")?;
    let stderr = child
        .take_stderr()
        .context("pdftotext has no error output")?;
    let out = thread::spawn(move || input::read_limited(stdout, XML_LIMIT));
    let err = thread::spawn(move || input::read_limited(stderr, MESSAGE_LIMIT));
    let Some(status) = child.wait_timeout(TIMEOUT)? else {
        bail!(
            "pdftotext did not finish within {} s: is this PDF damaged?",
            TIMEOUT.as_secs()
        );
    };
    // The output first: a tool stopped because its output was over the bound says so.
    let bytes = joined(out)?;
    let said = joined(err).unwrap_or_default();
    if !status.success() {
        let said = String::from_utf8_lossy(&said);
        bail!(
            "pdftotext cannot read this PDF ({status}): {}",
            said.lines().take(3).collect::<Vec<_>>().join(" | ")
        );
    }
    let xml = String::from_utf8(bytes).context("pdftotext gave text that is not UTF-8")?;
    super::layout::text(&xml)
}

fn joined(reader: thread::JoinHandle<Result<Vec<u8>, input::ReadError>>) -> Result<Vec<u8>> {
    match reader.join() {
        Ok(result) => Ok(result?),
        Err(_) => bail!("internal error: the pdftotext reader stopped"),
    }
}
