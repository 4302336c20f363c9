//! A catalog full of payloads, rendered and then opened by a real browser (headless
//! Chromium) while a listener on 127.0.0.1 records every connection: nothing may run and
//! nothing may be requested, neither when the HTML is viewed nor when the PDF is printed.
//! Like the PDF tests these need Chromium: without it, and with `CI` unset, they skip
//! with a printed reason; on CI they fail.

use std::net::TcpListener;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crate::common::*;
use crate::publish::{PNG, png_data_uri, with_statement};

/// Counts connections to a port on 127.0.0.1 until dropped.
struct Listener {
    port: u16,
    count: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Listener {
    fn start() -> Listener {
        let socket = TcpListener::bind("127.0.0.1:0").unwrap();
        socket.set_nonblocking(true).unwrap();
        let port = socket.local_addr().unwrap().port();
        let count = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (c, s) = (count.clone(), stop.clone());
        std::thread::spawn(move || {
            while !s.load(Ordering::SeqCst) {
                match socket.accept() {
                    Ok(_) => {
                        c.fetch_add(1, Ordering::SeqCst);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        Listener { port, count, stop }
    }

    fn connections(&self) -> usize {
        // Let a late request arrive before counting.
        std::thread::sleep(Duration::from_millis(300));
        self.count.load(Ordering::SeqCst)
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Script that marks the DOM if it ever runs. The marker value is computed, so the
/// escaped payload text itself never contains it.
const RUN: &str = "document.body.setAttribute('data-ran','y'+'es')";

/// The example with payloads in a statement, a section, the cover and the responsibility
/// table; every URL points at the listener.
fn payload_catalog(port: u16) -> String {
    let url = format!("http://127.0.0.1:{port}");
    let statement = format!(
        r#"本文 <script>{RUN}</script> <img src=x onerror="{RUN}"> <img src="{url}/raw.png">

![remote]({url}/md.png) ![local](../../etc/hostname) ![abs](/etc/hostname) ![logo](logo.png)

<iframe src="{url}/frame"></iframe>
<meta http-equiv="refresh" content="0;url={url}/refresh">
<style>body{{background:url({url}/css.png)}}</style>
<link rel="stylesheet" href="{url}/link.css">

<img srcset="{url}/srcset.png 2x"> <svg onload="{RUN}"></svg> <object data="{url}/object"></object>
<video poster="{url}/poster.png"></video> <a href="{url}/a" ping="{url}/ping">ping</a>

[click](javascript:{RUN}) <javascript:alert(1)> [data](data:text/html,<b>x</b>) [file](file:///etc/passwd)

[ref]: {url}/ref.png"#
    );
    with_statement(&statement)
        .replace(
            "url: https://tsumiki.example.jp",
            &format!("url: \"javascript:{RUN}\""),
        )
        .replace(
            "title: 本書の目的",
            &format!("title: \"目的<img src='{url}/title.png' onerror=\\\"{RUN}\\\">\""),
        )
        .replace(
            "      本書は、株式会社ほしぞらシステムズ",
            &format!(
                "      <form action=\"{url}/form\"><input type=image src=\"{url}/input.png\"></form>\n\n      本書は、株式会社ほしぞらシステムズ"
            ),
        )
        .replace(
            "- layer: 利用者端末・ネットワーク",
            &format!("- layer: \"<script>{RUN}</script><img src={url}/layer.png>\""),
        )
}

#[test]
fn a_browser_runs_nothing_and_requests_nothing_from_a_payload_catalog() {
    if !tools_present(&["chromium"], "chromium") {
        return;
    }
    let listener = Listener::start();
    let dir = temp_with("wp.yaml", payload_catalog(listener.port));
    std::fs::write(dir.path().join("logo.png"), PNG).unwrap();
    let out = run(
        dir.path(),
        &["render", "wp.yaml", "--draft", "-o", "wp.html"],
    );
    assert_exit(&out, 0);
    let html = std::fs::read_to_string(dir.path().join("wp.html")).unwrap();
    assert!(
        html.contains(&png_data_uri()),
        "the workspace logo is embedded"
    );

    let dom = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            "--virtual-time-budget=3000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("file://{}", dir.path().join("wp.html").display()))
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(
        dom.contains("class=\"cover-title\""),
        "the page loaded: {dom}"
    );
    assert!(!dom.contains("data-ran=\"yes\""), "a script ran:\n{dom}");
    assert_eq!(listener.connections(), 0, "the page made requests");

    // The PDF of the same catalog: printing requests nothing either, and links only web and mail.
    let out = run(
        dir.path(),
        &[
            "render", "wp.yaml", "--draft", "--format", "pdf", "-o", "wp.pdf",
        ],
    );
    assert_exit(&out, 0);
    assert_eq!(listener.connections(), 0, "printing made requests");
    let pdf = std::fs::read(dir.path().join("wp.pdf")).unwrap();
    let uris = pdf_uris(&pdf);
    assert!(
        uris.iter()
            .any(|u| u.starts_with("https://tsumiki.example.jp")),
        "the example's own links are there: {uris:?}"
    );
    for uri in &uris {
        assert!(
            uri.starts_with("http://") || uri.starts_with("https://") || uri.starts_with("mailto:"),
            "{uri}"
        );
    }
}

/// The targets of the PDF's link annotations (`/URI (...)`).
fn pdf_uris(pdf: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/URI (")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            rest[..rest.find(')').unwrap_or(rest.len())].to_string()
        })
        .collect()
}

/// The browser flags alone cut the network: a page with no CSP and remote resources
/// (what a template bypassing every other check would produce) prints without a request.
#[test]
fn printing_cuts_the_network_even_for_a_page_without_csp() {
    if !tools_present(&["chromium"], "chromium") {
        return;
    }
    let listener = Listener::start();
    let port = listener.port;
    let html = format!(
        "<!DOCTYPE html><html><head><link rel=stylesheet href=\"http://127.0.0.1:{port}/s.css\"></head><body><img src=\"http://127.0.0.1:{port}/a.png\"><img src=\"http://localhost:{port}/b.png\"><iframe src=\"http://127.0.0.1:{port}/f\"></iframe><p>text</p></body></html>"
    );
    let pdf = printer().print(&html).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(listener.connections(), 0, "printing made requests");
}

/// Printed from a `file://` page, a document could embed any local file it names; the CSP
/// every rendered document carries stops that. The same page without it is the control.
#[test]
fn the_csp_keeps_a_printed_page_from_reading_local_files() {
    if !tools_present(&["chromium", "pdfimages"], "chromium poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("secret.png");
    std::fs::write(&secret, PNG).unwrap();
    let page = format!(
        "<!DOCTYPE html><html><head><title>t</title></head><body><p>text</p><img src=\"file://{}\" width=\"200\" height=\"200\"></body></html>",
        secret.display()
    );
    let printer = printer();
    let images_in = |html: &str| {
        let pdf = printer.print(html).unwrap();
        let file = dir.path().join("out.pdf");
        std::fs::write(&file, pdf).unwrap();
        let list = Command::new("pdfimages")
            .arg("-list")
            .arg(&file)
            .output()
            .expect("pdfimages (poppler-utils) runs");
        // One line per image (or mask) after two header lines; the secret is the only
        // 1×1 image (a blocked image shows as a 14×16 broken-image icon).
        String::from_utf8_lossy(&list.stdout)
            .lines()
            .skip(2)
            .filter(|l| {
                let cols: Vec<&str> = l.split_whitespace().collect();
                cols.get(3..5) == Some(&["1", "1"][..])
            })
            .count()
    };
    // An RGBA PNG is an image and its soft mask.
    assert!(
        images_in(&page) > 0,
        "control: without the CSP the file is embedded"
    );
    let guarded = kanrisaku::render::guard::html(
        &page.replace(
            &format!("file://{}", secret.display()),
            &format!("data:image/png;base64,{}", "AAAA"),
        ),
        "t.html",
    )
    .unwrap();
    // The guard itself refuses the file URL; so put it back after the CSP went in.
    let guarded = guarded.replace(
        "data:image/png;base64,AAAA",
        &format!("file://{}", secret.display()),
    );
    assert!(guarded.contains("Content-Security-Policy"));
    assert_eq!(images_in(&guarded), 0, "with the CSP nothing local is read");
}

/// The library's printer, on the system's Chromium: the page printed as `render` prints.
fn printer() -> kanrisaku::render::pdf::Printer {
    let chrome = kanrisaku::render::pdf::find_chrome(None).unwrap();
    kanrisaku::render::pdf::Printer::start(&chrome, Duration::from_secs(60)).unwrap()
}
