//! A signal during `render --format pdf` takes the browser and the temporary directory with
//! it. The processes are read from /proc, so these tests are Linux-only.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus};
use std::time::{Duration, Instant};

use rustix::process::{Pid, Signal};

use crate::common::*;

/// A "browser" that starts two helpers in its process group, records every pid and waits.
const FAKE_BROWSER: &str = r#"#!/bin/sh
echo $$ >> "$PIDS"
sleep 300 &
echo $! >> "$PIDS"
sh -c 'sleep 300' &
echo $! >> "$PIDS"
wait
"#;

/// (state, process group) of a live process; `None` when gone or a zombie (dead, unreaped).
fn alive_in_group(pid: i32) -> Option<i32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    (fields[0] != "Z").then(|| fields[2].parse().unwrap())
}

/// Live processes of group `pgid`.
fn group(pgid: i32) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .filter(|&pid| alive_in_group(pid) == Some(pgid))
        .collect()
}

fn wait_for<T>(what: &str, mut ready: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = ready() {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn wait_exit(child: &mut Running) -> ExitStatus {
    wait_for("kanrisaku to exit", || child.0.try_wait().unwrap())
}

/// A signal to one process, by pid. Never through kill(1): procps-ng 4.0.2 reads
/// `kill -KILL -PGID` as kill(-9, SIGKILL), a process group that is not ours.
fn signal(pid: u32, signal: Signal) {
    let pid = Pid::from_raw(pid as i32).expect("a child's pid is positive");
    rustix::process::kill_process(pid, signal).expect("signal sent");
}

/// The running binary, killed if a failed assertion leaves it running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `render --format pdf` of the example with `chrome`, `TMPDIR` in the test directory.
fn start_pdf(dir: &Path, chrome: &Path) -> (Running, PathBuf) {
    let tmp = dir.join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_kanrisaku"))
        .current_dir(dir)
        .args(["render", "--format", "pdf", "-o", "wp.pdf", "--chrome"])
        .arg(chrome)
        .arg(example("ja"))
        .env("TMPDIR", &tmp)
        .env("PIDS", dir.join("pids"))
        .spawn()
        .unwrap();
    (Running(child), tmp)
}

fn fake_browser(dir: &Path) -> PathBuf {
    let path = dir.join("fake-chrome");
    std::fs::write(&path, FAKE_BROWSER).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// The browser's pids once it and both helpers have started.
fn browser_pids(dir: &Path) -> Vec<i32> {
    wait_for("the fake browser's helpers", || {
        let text = std::fs::read_to_string(dir.join("pids")).ok()?;
        let pids: Vec<i32> = text.lines().map(|l| l.parse().unwrap()).collect();
        (pids.len() == 3).then_some(pids)
    })
}

fn entries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect()
}

#[test]
fn a_signal_kills_the_browser_group_and_removes_the_temp_dir() {
    for (name, sig, code) in [
        ("TERM", Signal::TERM, 143),
        ("INT", Signal::INT, 130),
        ("HUP", Signal::HUP, 129),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut child, tmp) = start_pdf(dir.path(), &fake_browser(dir.path()));
        let pids = browser_pids(dir.path());
        assert!(group(pids[0]).len() >= 3, "the browser leads its own group");
        let work = entries(&tmp);
        assert_eq!(work.len(), 1, "one work directory: {work:?}");
        // The browser starts before the first page is written.
        wait_for("the page to print", || {
            work[0].join("whitepaper.html").is_file().then_some(())
        });

        signal(child.0.id(), sig);
        let status = wait_exit(&mut child);
        assert_eq!(status.code(), Some(code), "SIG{name}");
        // SIGKILL is delivered asynchronously: give the kernel a moment, then insist.
        wait_for("the browser group to end", || {
            group(pids[0]).is_empty().then_some(())
        });
        for pid in pids {
            assert_eq!(alive_in_group(pid), None, "SIG{name}: {pid} left behind");
        }
        assert_eq!(
            entries(&tmp),
            Vec::<PathBuf>::new(),
            "SIG{name}: temp files left"
        );
        assert!(!dir.path().join("wp.pdf").exists());
    }
}

#[test]
fn a_timeout_kills_the_whole_browser_group() {
    let dir = tempfile::tempdir().unwrap();
    let out = kanrisaku(dir.path())
        .args([
            "render",
            "--format",
            "pdf",
            "-o",
            "wp.pdf",
            "--timeout",
            "1",
            "--chrome",
        ])
        .arg(fake_browser(dir.path()))
        .arg(example("ja"))
        .env("TMPDIR", dir.path())
        .env("PIDS", dir.path().join("pids"))
        .output()
        .unwrap();
    assert_exit(&out, 2);
    assert!(
        stderr(&out).contains("did not finish printing within 1 s"),
        "{}",
        stderr(&out)
    );
    let pids = browser_pids(dir.path());
    wait_for("the browser group to end", || {
        group(pids[0]).is_empty().then_some(())
    });
    let left: Vec<PathBuf> = entries(dir.path())
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    assert_eq!(left, Vec::<PathBuf>::new(), "temp dir left behind");
}

#[test]
fn sigkill_still_takes_the_browser_down() {
    // SIGKILL cannot be handled: the kernel's parent-death signal ends the browser itself
    // (a real Chromium then ends its own helpers; this fake one's are killed here).
    let dir = tempfile::tempdir().unwrap();
    let (mut child, _tmp) = start_pdf(dir.path(), &fake_browser(dir.path()));
    let pids = browser_pids(dir.path());
    signal(child.0.id(), Signal::KILL);
    wait_exit(&mut child);
    wait_for("the browser to die with kanrisaku", || {
        alive_in_group(pids[0]).is_none().then_some(())
    });
    for pid in group(pids[0]) {
        let _ = rustix::process::kill_process(Pid::from_raw(pid).unwrap(), Signal::KILL);
    }
}

#[test]
fn a_signal_ends_a_real_chromium_and_all_its_helpers() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find_map(which)
    else {
        cannot_run("no chromium on PATH (apt-get install chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (mut child, tmp) = start_pdf(dir.path(), &chromium);
    // Chromium's own pid leads the group: it is kanrisaku's child.
    let leader = wait_for("chromium to start", || {
        children_of(child.0.id() as i32).pop()
    });
    // Catch it while it prints, with its zygote and renderer helpers running.
    let members = wait_for("chromium's helpers", || {
        let members = group(leader);
        (members.len() >= 4).then_some(members)
    });
    signal(child.0.id(), Signal::TERM);
    let status = wait_exit(&mut child);
    assert_eq!(
        status.code(),
        Some(143),
        "kanrisaku finished before the signal"
    );
    wait_for("chromium's processes to end", || {
        members
            .iter()
            .all(|&pid| alive_in_group(pid).is_none())
            .then_some(())
    });
    assert_eq!(group(leader), Vec::<i32>::new());
    assert_eq!(entries(&tmp), Vec::<PathBuf>::new(), "temp files left");
    assert!(!dir.path().join("wp.pdf").exists());
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn children_of(parent: i32) -> Vec<i32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
                s.rfind(')').is_some_and(|i| {
                    s[i + 2..].split(' ').nth(1) == Some(parent.to_string().as_str())
                })
            })
        })
        .collect()
}
