//! `cargo bench --bench workspace`: whole `kanrisaku` processes on synthetic workspaces of
//! N services (see `support/workspace.rs`), each next to the floor: reading the catalogs
//! and deserialising them with the library's own loader, in parallel, nothing else.
//!
//! Every figure is a child process measured by the kernel (`wait4`): CPU = user + sys and
//! peak memory = `ru_maxrss`, the median of k runs; wall time too, but on a shared machine
//! CPU time is the figure of record. Each command runs in turn with the floor, k times,
//! and its ratio is to the median of those floors. The table is printed and written as
//! Markdown.
//!
//! ```text
//! cargo bench --bench workspace                          # N = 1, 100, 1000, 5000; k = 3
//! cargo bench --bench workspace -- --sizes 1,100 --runs 5 --out FILE.md [--work DIR]
//! cargo bench --bench workspace -- --generate N DIR [--edited]
//! ```
//! `--only check,warm,md,html,coverage,diff` measures a subset (the floors always run).
//! `KANRISAKU_BENCH_{SIZES,RUNS,ONLY,OUT,WORK}` do what the flags do.

#[path = "support/workspace.rs"]
mod synthetic;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rayon::prelude::*;
use synthetic::Variant;

const KANRISAKU: &str = env!("CARGO_BIN_EXE_kanrisaku");

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench") // cargo bench passes it to every bench binary
        .collect();
    match args.first().map(String::as_str) {
        Some("--generate") => generate(&args[1..]),
        Some("--floor") => floor(&args[1..]),
        _ => run(&Options::parse(&args)),
    }
}

/// `--generate N DIR [--edited]`: a workspace on its own, to look at or to convert.
fn generate(args: &[String]) {
    let (Some(n), Some(dir)) = (args.first(), args.get(1)) else {
        panic!("usage: --generate N DIR [--edited]");
    };
    let n: u64 = n.parse().expect("N is a number");
    let variant = if args.iter().any(|a| a == "--edited") {
        Variant::Edited
    } else {
        Variant::Base
    };
    synthetic::generate(Path::new(dir), n, variant).expect("workspace written");
}

/// The floor, run as a child of the bench: read and load every catalog below the given
/// directories in parallel, dropping each once loaded, as a streaming command could.
fn floor(dirs: &[String]) {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir).expect("workspace readable") {
            files.push(entry.expect("directory entry").path());
        }
    }
    let loaded = files
        .par_iter()
        .filter(|p| kanrisaku::catalog::load_bytes(p, std::fs::read(p).unwrap()).is_ok())
        .count();
    assert_eq!(loaded, files.len(), "every generated catalog loads");
}

struct Options {
    sizes: Vec<u64>,
    runs: usize,
    out: PathBuf,
    work: PathBuf,
    /// `--only check,warm,md,html,coverage,diff`: a subset (the floors always run).
    only: Option<Vec<String>>,
}

impl Options {
    fn parse(args: &[String]) -> Options {
        let value = |flag: &str, env: &str| {
            args.iter()
                .position(|a| a == flag)
                .and_then(|i| args.get(i + 1).cloned())
                .or_else(|| std::env::var(env).ok())
        };
        let sizes = value("--sizes", "KANRISAKU_BENCH_SIZES")
            .unwrap_or_else(|| "1,100,1000,5000".into())
            .split(',')
            .map(|s| s.trim().replace('_', "").parse().expect("sizes: 1,100,…"))
            .collect();
        let runs = value("--runs", "KANRISAKU_BENCH_RUNS")
            .map_or(3, |k| k.parse().expect("runs: a number"));
        let out = value("--out", "KANRISAKU_BENCH_OUT").map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/workspace-bench.md"),
            PathBuf::from,
        );
        let work = value("--work", "KANRISAKU_BENCH_WORK").map_or_else(
            || std::env::temp_dir().join(format!("kanrisaku-bench-{}", std::process::id())),
            PathBuf::from,
        );
        let only = value("--only", "KANRISAKU_BENCH_ONLY")
            .map(|o| o.split(',').map(|s| s.trim().to_string()).collect());
        Options {
            only,
            sizes,
            runs: runs.max(1),
            out,
            work,
        }
    }

    fn wants(&self, key: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|o| o.iter().any(|k| k == key))
    }
}

/// What the kernel says one child cost.
#[derive(Clone, Copy)]
struct Sample {
    cpu: f64,
    wall: f64,
    rss_mib: f64,
}

/// Run `command` to the end and measure it; it must exit 0 (the workspaces are clean).
fn measure(command: &mut Command) -> Sample {
    let stderr = tempfile::NamedTempFile::new().expect("temporary file");
    command
        .stdout(Stdio::null())
        .stderr(stderr.reopen().expect("temporary file"));
    let start = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped by wait4 below
    let child = command.spawn().expect("child started");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain out-parameters; `child` is not waited for elsewhere, so the kernel
    // reaps it here and reports this child's own rusage (std's `wait` discards it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed().as_secs_f64();
    assert_eq!(reaped, pid, "wait4: {}", std::io::Error::last_os_error());
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    if code != 0 {
        let said = std::fs::read_to_string(stderr.path()).unwrap_or_default();
        panic!("{command:?} exited {code}:\n{said}");
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Sample {
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        wall,
        rss_mib: usage.ru_maxrss as f64 / 1024.0, // KiB on Linux
    }
}

/// The median of each figure over k runs; `prepare` runs before each (not measured).
fn median(runs: usize, mut prepare: impl FnMut(), mut command: impl FnMut() -> Command) -> Sample {
    let samples: Vec<Sample> = (0..runs)
        .map(|_| {
            prepare();
            measure(&mut command())
        })
        .collect();
    middle(samples)
}

/// The median of each figure of `samples` (not one sample's).
fn middle(mut samples: Vec<Sample>) -> Sample {
    let mut mid = |key: fn(&Sample) -> f64| {
        samples.sort_by(|a, b| key(a).total_cmp(&key(b)));
        key(&samples[samples.len() / 2])
    };
    Sample {
        cpu: mid(|s| s.cpu),
        wall: mid(|s| s.wall),
        rss_mib: mid(|s| s.rss_mib),
    }
}

/// The medians of `runs` rounds of the floor, then the command: each command's ratio is to
/// floors measured in the same minutes. (The speed of these machines drifts by a third
/// over minutes, and a ratio to a floor measured once at the start measured the drift.)
fn side_by_side(
    runs: usize,
    mut prepare: impl FnMut(),
    mut floor: impl FnMut() -> Command,
    mut command: impl FnMut() -> Command,
) -> (Sample, Sample) {
    let mut floors = Vec::with_capacity(runs);
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        prepare();
        floors.push(measure(&mut floor()));
        prepare();
        samples.push(measure(&mut command()));
    }
    (middle(samples), middle(floors))
}

/// One row of the table: a command's median and the 1-minute load average before it ran.
struct Row {
    name: &'static str,
    sample: Option<Sample>,
    floor: f64,
    floor_wall: f64,
    load: String,
}

impl Row {
    fn new(name: &'static str, sample: Option<Sample>, floor: Sample, load: String) -> Row {
        Row {
            name,
            sample,
            floor: floor.cpu,
            floor_wall: floor.wall,
            load,
        }
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

fn kanrisaku(root: &Path, args: &[String]) -> Command {
    let mut command = Command::new(KANRISAKU);
    command
        .args(args)
        .current_dir(root)
        .env("KANRISAKU_LANG", "en");
    command
}

fn self_floor(dirs: &[&Path]) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("bench binary"));
    command.arg("--floor").args(dirs);
    command
}

fn has_no_cache() -> bool {
    let help = Command::new(KANRISAKU)
        .args(["check", "--help"])
        .output()
        .expect("kanrisaku check --help");
    String::from_utf8_lossy(&help.stdout).contains("--no-cache")
}

/// A measured command: its key for `--only`, its label, and its arguments.
struct Job {
    key: &'static str,
    label: &'static str,
    args: Vec<String>,
}

/// The commands, on the workspace at `base`; `out` is render's output directory.
fn jobs(base: &Path, edited: &Path, out: &Path, no_cache: bool) -> Vec<Job> {
    let today = synthetic::TODAY;
    let render = |format| {
        let out = out.to_str().expect("UTF-8 path");
        [
            "render",
            "--format",
            format,
            "--today",
            today,
            "--out-dir",
            out,
        ]
    };
    let path = |p: &Path| synthetic::services_dir(p).to_string_lossy().into_owned();
    let job = |key, label, args: &[&str]| Job {
        key,
        label,
        args: args.iter().map(|a| a.to_string()).collect(),
    };
    let cold: &[&str] = if no_cache {
        &["check", "--today", today, "--no-cache"]
    } else {
        &["check", "--today", today]
    };
    vec![
        job("check", "check", cold),
        job("warm", "check, warm cache", &["check", "--today", today]),
        job("md", "render md --out-dir", &render("md")),
        job("html", "render html --out-dir", &render("html")),
        job("coverage", "coverage", &["coverage"]),
        job(
            "diff",
            "diff (5 % edited) / both floors",
            &["diff", &path(base), &path(edited)],
        ),
    ]
}

/// Every command on the workspaces of `n` services, each next to its floor.
fn measure_size(n: u64, options: &Options, no_cache: bool) -> Vec<Row> {
    let base = options.work.join(format!("n{n}"));
    let edited = options.work.join(format!("n{n}-edited"));
    let out = options.work.join(format!("n{n}-out"));
    synthetic::generate(&base, n, Variant::Base).expect("workspace written");
    synthetic::generate(&edited, n, Variant::Edited).expect("workspace written");
    let (services, edited_services) = (
        synthetic::services_dir(&base),
        synthetic::services_dir(&edited),
    );
    let k = options.runs;
    let fresh_out = || {
        let _ = std::fs::remove_dir_all(&out);
    };
    let mut rows = Vec::new();
    let load = load_average();
    let floor = median(k, fresh_out, || self_floor(&[&services]));
    rows.push(Row::new(
        "floor (read + load, parallel)",
        Some(floor),
        floor,
        load,
    ));
    let load = load_average();
    let floor2 = median(k, fresh_out, || self_floor(&[&services, &edited_services]));
    rows.push(Row::new("floor, both sides", Some(floor2), floor2, load));
    for job in jobs(&base, &edited, &out, no_cache) {
        if !options.wants(job.key) {
            continue;
        }
        let load = load_average();
        let command = || kanrisaku(&base, &job.args);
        let dirs: &[&Path] = if job.key == "diff" {
            &[&services, &edited_services]
        } else {
            &[&services]
        };
        if job.key == "warm" {
            if !no_cache {
                rows.push(Row::new(job.label, None, floor, load));
                continue;
            }
            measure(&mut command()); // fills the cache
        }
        let (sample, against) = side_by_side(k, fresh_out, || self_floor(dirs), command);
        rows.push(Row::new(job.label, Some(sample), against, load));
    }
    fresh_out();
    for dir in [&base, &edited] {
        std::fs::remove_dir_all(dir).expect("workspace removed");
    }
    rows
}

/// The table for one size, in Markdown (also what is printed).
fn table(n: u64, k: usize, rows: &[Row]) -> String {
    let mut text = format!(
        "### N = {n} services (median of {k})\n\n\
         | command | CPU s | CPU × floor | wall s | wall × floor | cores used | peak MiB | CPU ms / service | load avg |\n\
         |---|---|---|---|---|---|---|---|---|\n"
    );
    for row in rows {
        let Some(s) = row.sample else {
            text.push_str(&format!(
                "| {} | n/a (no `--no-cache` in this build) | | | | | | | {} |\n",
                row.name, row.load
            ));
            continue;
        };
        text.push_str(&format!(
            "| {} | {:.3} | {:.2} | {:.3} | {:.2} | {:.2} | {:.1} | {:.3} | {} |\n",
            row.name,
            s.cpu,
            s.cpu / row.floor,
            s.wall,
            s.wall / row.floor_wall,
            s.cpu / s.wall,
            s.rss_mib,
            s.cpu * 1000.0 / n as f64,
            row.load
        ));
    }
    text
}

fn run(options: &Options) {
    std::fs::create_dir_all(&options.work).expect("work directory");
    let no_cache = has_no_cache();
    let mut report = format!(
        "## kanrisaku {} — `cargo bench --bench workspace`\n\n\
         CPU = user + sys of the child (wait4), peak = its ru_maxrss; load avg = the 1-minute \
         load average before the command's runs.\n\n",
        env!("CARGO_PKG_VERSION")
    );
    for &n in &options.sizes {
        let rows = measure_size(n, options, no_cache);
        let text = table(n, options.runs, &rows);
        println!("{text}");
        report.push_str(&text);
        report.push('\n');
        std::fs::write(&options.out, &report).expect("report written");
    }
    let _ = std::fs::remove_dir_all(&options.work);
    println!("written to {}", options.out.display());
}
