#!/usr/bin/env python3
"""`trestle validate` next to `kanrisaku check` on the same statements, measured alike.

    measure.py [--sizes 1,100,1000] [--runs 3] [--trestle PATH] [--kanrisaku PATH] [--work DIR]
               [--generator COMMAND]

For each N: the synthetic workspace (`cargo bench --bench workspace -- --generate`), its
conversion to OSCAL component definitions (convert.py, not measured) in a `trestle init`
directory, then k runs of each command as a child process, measured by the kernel
(os.wait4): CPU = user + sys, peak memory = ru_maxrss, wall; the median of each. Prints a
Markdown table; the 1-minute load average is given with each figure (the machine is shared).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TODAY = "2026-11-22"  # benches/support/workspace.rs TODAY


def measure(argv: list, cwd: Path) -> tuple:
    """One run: (cpu s, wall s, peak MiB); the command must exit 0."""
    start = time.monotonic()
    with open(os.devnull, "wb") as null, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(argv, cwd=cwd, stdout=null, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        if child.returncode != 0:
            err.seek(0)
            sys.exit(f"{argv} exited {child.returncode}:\n{err.read().decode(errors='replace')}")
    return usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def median(runs: int, argv: list, cwd: Path) -> tuple:
    samples = [measure(argv, cwd) for _ in range(runs)]
    return tuple(statistics.median(s[i] for s in samples) for i in range(3))


def load_average() -> str:
    return f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,1000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--trestle", default=shutil.which("trestle") or "trestle")
    parser.add_argument("--kanrisaku", default=str(ROOT / "target/release/kanrisaku"))
    parser.add_argument("--work", default=None)
    parser.add_argument("--generator", default="cargo bench -q --bench workspace --",
                        help="a command taking --generate N DIR (default: the bench's own)")
    args = parser.parse_args()
    work = Path(args.work or tempfile.mkdtemp(prefix="kanrisaku-trestle-"))
    work.mkdir(parents=True, exist_ok=True)
    help_text = subprocess.run([args.kanrisaku, "check", "--help"], capture_output=True).stdout
    no_cache = ["--no-cache"] if b"--no-cache" in help_text else []
    print("| N | command | CPU s | wall s | peak MiB | CPU ms / service | load avg |")
    print("|---|---|---|---|---|---|---|")
    for n in (int(s.replace("_", "")) for s in args.sizes.split(",")):
        workspace, oscal = work / f"n{n}", work / f"n{n}-oscal"
        subprocess.run([*args.generator.split(), "--generate", str(n), workspace], cwd=ROOT, check=True)
        oscal.mkdir()
        subprocess.run([args.trestle, "init"], cwd=oscal, check=True, stdout=subprocess.DEVNULL)
        python = Path(args.trestle).parent / "python"
        subprocess.run([python if python.exists() else sys.executable,
                        HERE / "convert.py", workspace, oscal], check=True)
        commands = [
            ("trestle validate -t component-definition -q",
             [args.trestle, "validate", "-t", "component-definition", "-q"], oscal),
            ("kanrisaku check" + (" --no-cache" if no_cache else ""),
             [args.kanrisaku, "check", "--today", TODAY, *no_cache], workspace),
        ]
        for name, argv, cwd in commands:
            load = load_average()
            cpu, wall, rss = median(args.runs, argv, cwd)
            print(f"| {n} | {name} | {cpu:.3f} | {wall:.3f} | {rss:.1f} | {cpu * 1000 / n:.3f} | {load} |",
                  flush=True)
        shutil.rmtree(workspace)
        shutil.rmtree(oscal)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
