//! PDF by printing the HTML whitepaper with headless Chromium: the browser's layout engine
//! does pagination, `@page` margin boxes (page numbers), repeated table headers and the
//! document outline, which no Rust PDF writer matches for Japanese text.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use crate::cleanup;
use crate::render::toc_pages;

/// Prints at most this many times while the contents' page numbers settle (two suffice
/// unless the numbers themselves move a heading to another page).
const MAX_PRINTS: usize = 3;

/// Browser executables tried on PATH, in order.
const CANDIDATES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Environment variable naming the browser, as an alternative to `--chrome`.
pub const CHROME_ENV: &str = "KANRISAKU_CHROME";

/// The browser to print with: `--chrome`, then `KANRISAKU_CHROME`, then PATH.
pub fn find_chrome(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(path) = explicit {
        return usable(path).with_context(|| "--chrome");
    }
    if let Some(path) = std::env::var_os(CHROME_ENV).filter(|v| !v.is_empty()) {
        return usable(Path::new(&path)).with_context(|| CHROME_ENV);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in CANDIDATES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    bail!(
        "no Chromium to print the PDF with (looked for {} on PATH); install it, e.g. `apt-get install chromium fonts-morisawa-bizud-gothic` on Debian, or pass --chrome PATH (or set {CHROME_ENV})",
        CANDIDATES.join(", ")
    )
}

fn usable(path: &Path) -> Result<PathBuf> {
    if path.is_file() {
        Ok(path.to_path_buf())
    } else {
        bail!("{}: no such browser executable", path.display())
    }
}

/// Print `html` with the page of every heading in its contents (`nav.toc`): print, read the
/// pages back ([`toc_pages`]), print again with the numbers, until they agree with the pages.
/// `timeout` applies to each print.
pub fn print_paged(chrome: &Path, html: &str, timeout: Duration) -> Result<Vec<u8>> {
    // A placeholder as wide as the numbers, so that filling them in moves nothing.
    let first = toc_pages::fill(html, &Default::default(), "000")?;
    let mut bytes = print(chrome, &first, timeout)?;
    if first == html {
        return Ok(bytes);
    }
    let mut printed = None;
    for n in 1..=MAX_PRINTS {
        let pages = toc_pages::destinations(&bytes)
            .context("cannot read the headings' pages back from the printed PDF")?;
        if printed.as_ref() == Some(&pages) {
            return Ok(bytes);
        }
        if n == MAX_PRINTS {
            break;
        }
        bytes = print(chrome, &toc_pages::fill(html, &pages, "")?, timeout)?;
        printed = Some(pages);
    }
    bail!("the contents' page numbers did not settle after {MAX_PRINTS} prints")
}

/// Print `html` to PDF bytes. Each run gets a fresh profile directory and no network.
/// The browser runs in its own process group, killed with all its helpers when printing
/// ends, fails, times out or a signal ends kanrisaku; the directory goes with it.
///
/// The page is a `file://` URL, which may otherwise load other local files; the
/// Content-Security-Policy the renderer puts in every document (`default-src 'none'`,
/// images only from `data:`) forbids that, and `render::guard` refuses a `<meta>`
/// refresh, the one way to navigate that a CSP does not cover.
pub fn print(chrome: &Path, html: &str, timeout: Duration) -> Result<Vec<u8>> {
    let work = cleanup::temp_dir().context("cannot create a temporary directory")?;
    let page = work.path().join("whitepaper.html");
    let pdf = work.path().join("whitepaper.pdf");
    let log = work.path().join("chromium.log");
    std::fs::write(&page, html).context("cannot write the page to print")?;
    let log_file = std::fs::File::create(&log).context("cannot create the browser log")?;
    let mut command = Command::new(chrome);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            // No network, whatever the page asks for: every host name (IP literals and
            // localhost included) fails to resolve, and every request would go through a
            // proxy that is not there. The page's CSP already forbids loads; this holds
            // even for a page that has none.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(file_url(&page))
        .stdin(Stdio::null())
        .stdout(log_file.try_clone()?)
        .stderr(log_file)
        // Chromium's own temporary files go where ours go, and are removed with them.
        .env("TMPDIR", work.path());
    let browser = cleanup::Group::spawn(&mut command)
        .with_context(|| format!("{}: cannot start the browser", chrome.display()))?;
    let Some(status) = browser.wait_timeout(timeout)? else {
        bail!(
            "{} did not finish printing within {} s (raise --timeout)",
            chrome.display(),
            timeout.as_secs()
        );
    };
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    if !status.success() || !bytes.starts_with(b"%PDF") {
        let said = std::fs::read_to_string(&log).unwrap_or_default();
        let tail: Vec<&str> = said
            .lines()
            .rev()
            .take(5)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        bail!(
            "{} failed to print the PDF ({status}): {}",
            chrome.display(),
            tail.join(" | ")
        );
    }
    Ok(bytes)
}

fn file_url(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for byte in abs.to_string_lossy().bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(byte as char)
            }
            _ => url.push_str(&format!("%{byte:02X}")),
        }
    }
    url
}
