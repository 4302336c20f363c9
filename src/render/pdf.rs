//! PDF by printing the HTML whitepaper with headless Chromium: the browser's layout engine
//! does pagination, `@page` margin boxes (page numbers), repeated table headers and the
//! document outline, which no Rust PDF writer matches for Japanese text.

mod cdp;

use std::io::{PipeReader, PipeWriter};
use std::os::fd::OwnedFd;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine as _;
use serde_json::{Value, json};

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

/// One headless Chromium printing many documents, each in a tab, over the DevTools
/// protocol ([`cdp`]). Starting the browser costs about as much as printing a document,
/// so it is started once.
///
/// The browser gets a fresh profile directory, no network, and runs in its own process
/// group, killed with all its helpers when the printer is dropped or a signal ends
/// kanrisaku (on Linux also when the thread that started it dies: start it on a thread that
/// outlives the printing); the directory goes with it.
///
/// Each page is a `file://` URL, which may otherwise load other local files; the
/// Content-Security-Policy the renderer puts in every document (`default-src 'none'`,
/// images only from `data:`) forbids that, and `render::guard` refuses a `<meta>`
/// refresh, the one way to navigate that a CSP does not cover.
pub struct Printer {
    // Fields drop in order: the browser's group is killed before its directory is removed.
    connection: cdp::Connection,
    idle: Mutex<Vec<Tab>>,
    tabs: AtomicUsize,
    /// Held for its `Drop`, which kills the browser's process group.
    _browser: cleanup::Group,
    work: cleanup::Tracked<tempfile::TempDir>,
    chrome: PathBuf,
    timeout: Duration,
}

/// A tab of the browser, with the file its documents are loaded from.
struct Tab {
    session: String,
    events: Receiver<Value>,
    page: PathBuf,
}

impl Printer {
    /// Start the browser. `timeout` applies to each print.
    pub fn start(chrome: &Path, timeout: Duration) -> Result<Printer> {
        let work = cleanup::temp_dir().context("cannot create a temporary directory")?;
        let (browser, to, from) = spawn(chrome, work.path())
            .with_context(|| format!("{}: cannot start the browser", chrome.display()))?;
        let connection = cdp::Connection::new(to, from).context("cannot read from the browser")?;
        Ok(Printer {
            connection,
            idle: Mutex::new(Vec::new()),
            tabs: AtomicUsize::new(0),
            _browser: browser,
            work,
            chrome: chrome.to_path_buf(),
            timeout,
        })
    }

    /// Print `html` with the page of every heading in its contents (`nav.toc`): print, read
    /// the pages back ([`toc_pages`]), write the numbers into the loaded page and print
    /// again, until they agree. The numbers go in through the DOM, not by loading the page
    /// again: that load was a tenth of each document's cost. `html` is the renderer's output.
    pub fn print_paged(&self, html: &[u8]) -> Result<Vec<u8>> {
        let html = std::str::from_utf8(html).context("the rendered document is not UTF-8")?;
        // A placeholder as wide as the numbers, so that filling them in moves nothing.
        let first = toc_pages::fill(html, &Default::default(), "000")?;
        if first.targets.is_empty() {
            return self.print(html);
        }
        let targets = first.targets;
        self.in_tab(&first.html, |tab| {
            // Read only for its pages: no tags, no outline, a third less work for the browser.
            let mut bytes = self.print_loaded(tab, Print::PagesOnly)?;
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
                self.number_contents(tab, html, &targets, &pages)?;
                bytes = self.print_loaded(tab, Print::Published)?;
                printed = Some(pages);
            }
            bail!("the contents' page numbers did not settle after {MAX_PRINTS} prints")
        })
    }

    /// Print `html` to PDF bytes in a tab of its own (an idle one, or a new one).
    pub fn print(&self, html: &str) -> Result<Vec<u8>> {
        self.in_tab(html, |tab| self.print_loaded(tab, Print::Published))
    }

    /// Load `html` in a tab of its own (an idle one, or a new one), then `work` in it.
    fn in_tab<T>(&self, html: &str, work: impl FnOnce(&Tab) -> Result<T>) -> Result<T> {
        let deadline = Instant::now() + self.timeout;
        let idle = lock(&self.idle).pop();
        let page = idle
            .as_ref()
            .map_or_else(|| self.new_page(), |t| t.page.clone());
        std::fs::write(&page, html).context("cannot write the page to print")?;
        let tab = match idle {
            Some(tab) => tab,
            None => self.open_tab(page, deadline)?,
        };
        self.load(&tab, deadline)?;
        let result = work(&tab)?;
        lock(&self.idle).push(tab);
        Ok(result)
    }

    /// Write each entry's page into the contents of the page loaded in `tab`, as
    /// [`toc_pages::fill`] would have written it. Should the page hold other spans where the
    /// numbers go (a template's own), the filled page is loaded instead.
    fn number_contents(
        &self,
        tab: &Tab,
        html: &str,
        targets: &[String],
        pages: &std::collections::BTreeMap<String, usize>,
    ) -> Result<()> {
        let deadline = Instant::now() + self.timeout;
        let session = Some(tab.session.as_str());
        let document = self.call(session, "DOM.getDocument", json!({"depth": 0}), deadline)?;
        let found = self.call(
            session,
            "DOM.querySelectorAll",
            json!({"nodeId": document["root"]["nodeId"], "selector": toc_pages::PAGE_SELECTOR}),
            deadline,
        )?;
        let spans = found["nodeIds"].as_array().map_or(&[][..], Vec::as_slice);
        if spans.len() != targets.len() {
            std::fs::write(&tab.page, toc_pages::fill(html, pages, "")?.html)
                .context("cannot write the page to print")?;
            return self.load(tab, deadline);
        }
        for (span, target) in spans.iter().zip(targets) {
            let page = toc_pages::page_text(pages, target, "");
            let html = toc_pages::page_span(&page);
            let params = json!({"nodeId": span, "outerHTML": html});
            self.call(session, "DOM.setOuterHTML", params, deadline)?;
        }
        Ok(())
    }

    /// The file a new tab loads its documents from. The first keeps the name it had when
    /// each document had a browser of its own.
    fn new_page(&self) -> PathBuf {
        match self.tabs.fetch_add(1, Ordering::Relaxed) {
            0 => self.work.path().join("whitepaper.html"),
            n => self.work.path().join(format!("whitepaper-{n}.html")),
        }
    }

    fn open_tab(&self, page: PathBuf, deadline: Instant) -> Result<Tab> {
        let target = self.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            deadline,
        )?;
        let target = target["targetId"]
            .as_str()
            .context("the browser opened no tab")?;
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
            deadline,
        )?;
        let session = attached["sessionId"]
            .as_str()
            .context("the browser attached to no tab")?
            .to_string();
        let events = self.connection.events(&session);
        self.call(Some(&session), "Page.enable", json!({}), deadline)?;
        Ok(Tab {
            session,
            events,
            page,
        })
    }

    /// Load the page in `tab` from its file and wait for the load event.
    fn load(&self, tab: &Tab, deadline: Instant) -> Result<()> {
        while tab.events.try_recv().is_ok() {}
        let session = Some(tab.session.as_str());
        let url = file_url(&tab.page);
        let navigated = self.call(session, "Page.navigate", json!({"url": url}), deadline)?;
        if let Some(error) = navigated["errorText"].as_str().filter(|e| !e.is_empty()) {
            bail!("{} could not load the page: {error}", self.chrome.display());
        }
        self.wait_for_load(tab, deadline)
    }

    /// Print the page loaded in `tab`.
    fn print_loaded(&self, tab: &Tab, kind: Print) -> Result<Vec<u8>> {
        let deadline = Instant::now() + self.timeout;
        let session = Some(tab.session.as_str());
        let printed = self.call(session, "Page.printToPDF", print_options(kind), deadline)?;
        let data = printed["data"]
            .as_str()
            .context("the browser returned no PDF")?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(data)
            .context("the browser returned a PDF that is not base64")?;
        if !bytes.starts_with(b"%PDF") {
            bail!(
                "{} returned something that is not a PDF",
                self.chrome.display()
            );
        }
        Ok(bytes)
    }

    fn wait_for_load(&self, tab: &Tab, deadline: Instant) -> Result<()> {
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            match tab.events.recv_timeout(wait) {
                Ok(event) if event["method"] == "Page.loadEventFired" => return Ok(()),
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => return Err(self.failed(cdp::Error::Timeout)),
                Err(RecvTimeoutError::Disconnected) => {
                    // The connection ended: the next call says why.
                    self.call(None, "Browser.getVersion", json!({}), deadline)?;
                    return Err(self.failed(cdp::Error::Closed("closed the tab".into())));
                }
            }
        }
    }

    fn call(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
        deadline: Instant,
    ) -> Result<Value> {
        self.connection
            .call(session, method, params, deadline)
            .map_err(|e| self.failed(e))
    }

    /// What went wrong, with the end of the browser's log when it died.
    fn failed(&self, error: cdp::Error) -> anyhow::Error {
        let chrome = self.chrome.display();
        match error {
            cdp::Error::Timeout => anyhow!(
                "{chrome} did not finish printing within {} s (raise --timeout)",
                self.timeout.as_secs()
            ),
            cdp::Error::Closed(why) => {
                let log = log_tail(&self.work.path().join("chromium.log"));
                anyhow!("{chrome} failed to print the PDF: the browser {why}: {log}")
            }
            refused => anyhow!("{chrome} failed to print the PDF: {refused}"),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Print {
    /// The document as published.
    Published,
    /// The same pages, printed only to read where each heading falls.
    PagesOnly,
}

/// What `--print-to-pdf` with the flags this module used to pass prints: the page's own
/// `@page` size and margins, backgrounds, no header or footer from the browser, tagged,
/// with an outline from the headings.
fn print_options(kind: Print) -> Value {
    let published = kind == Print::Published;
    json!({
        "printBackground": true,
        "preferCSSPageSize": true,
        "displayHeaderFooter": false,
        "generateTaggedPDF": published,
        "generateDocumentOutline": published,
        "transferMode": "ReturnAsBase64",
    })
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The last lines of the browser's log, read from its last 16 KiB.
fn log_tail(log: &Path) -> String {
    use std::io::{Read, Seek, SeekFrom};
    let mut said = Vec::new();
    if let Ok(mut file) = std::fs::File::open(log) {
        let _ = file
            .seek(SeekFrom::End(-(16 << 10)))
            .or_else(|_| file.rewind().map(|_| 0));
        let _ = file.take(16 << 10).read_to_end(&mut said);
    }
    let said = String::from_utf8_lossy(&said);
    let lines: Vec<&str> = said.lines().collect();
    lines[lines.len().saturating_sub(5)..].join(" | ")
}

/// Start the browser in `work` with the protocol on a pipe: (its group, our end to its fd 3,
/// our end from its fd 4).
fn spawn(chrome: &Path, work: &Path) -> Result<(cleanup::Group, PipeWriter, PipeReader)> {
    let log = std::fs::File::create(work.join("chromium.log"))
        .context("cannot create the browser log")?;
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
            "--remote-debugging-pipe",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.join("profile").display()
        ))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        // Chromium's own temporary files go where ours go, and are removed with them.
        .env("TMPDIR", work);
    let (from_browser, browser_writes) = std::io::pipe()?;
    let (browser_reads, to_browser) = std::io::pipe()?;
    let browser_ends = pass_pipe(&mut command, browser_reads.into(), browser_writes.into())?;
    let group = cleanup::Group::spawn(&mut command)?;
    // Only the browser may hold its ends: our reader sees the end of the pipe when it goes.
    drop(browser_ends);
    Ok((group, to_browser, from_browser))
}

/// Give the child `reads` as fd 3 and `writes` as fd 4, the descriptors Chromium's
/// `--remote-debugging-pipe` uses. Both are first moved above 10 (close-on-exec there), so
/// that neither is overwritten by the other's `dup2`; the caller keeps the returned
/// descriptors open until the child is spawned, then closes them.
#[cfg(unix)]
fn pass_pipe(command: &mut Command, reads: OwnedFd, writes: OwnedFd) -> Result<[OwnedFd; 2]> {
    use std::os::fd::{AsRawFd, BorrowedFd, FromRawFd};
    use std::os::unix::process::CommandExt;
    let reads = rustix::io::fcntl_dupfd_cloexec(&reads, 10)?;
    let writes = rustix::io::fcntl_dupfd_cloexec(&writes, 10)?;
    let (r, w) = (reads.as_raw_fd(), writes.as_raw_fd());
    // SAFETY: runs between fork and exec and makes two dup2 system calls, allocating
    // nothing. `r` and `w` stay open in the parent until the spawn (see the doc comment).
    // The `OwnedFd`s for 3 and 4 are never dropped: they only name the target of `dup2`.
    unsafe {
        command.pre_exec(move || {
            for (from, to) in [(r, 3), (w, 4)] {
                let mut target = std::mem::ManuallyDrop::new(OwnedFd::from_raw_fd(to));
                rustix::io::dup2(BorrowedFd::borrow_raw(from), &mut target)?;
            }
            Ok(())
        });
    }
    Ok([reads, writes])
}

#[cfg(not(unix))]
fn pass_pipe(_: &mut Command, _: OwnedFd, _: OwnedFd) -> Result<[OwnedFd; 2]> {
    bail!("printing a PDF needs a Unix system (Chromium's DevTools pipe)")
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
