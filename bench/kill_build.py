#!/usr/bin/env python3
"""Fault injection: kill `loa build` at random moments and check the output.

    python3 bench/kill_build.py [--articles 10000] [--kills 50] [--seed 1]

Generates the corpus with ../shared/bench/gen_corpus.py (as bench/run.py
does, in target/bench-corpus/<N>/loa), builds it completely with two
different --base-url values into two reference outputs (so that a mix of the
two is detectable), then, --kills times: starts `loa build` (the release
binary) into one output folder, alternating between the two base URLs, kills
it with SIGKILL after a delay drawn uniformly over the length of a full
build, and checks that the output is byte-identical (every path and byte) to
one of the two references; then runs the next build to completion and checks
that it succeeds, matches its reference and leaves nothing beside the output.
Prints a summary; exit status 1 when any check failed. Python 3 standard
library only; see bench/README.md.
"""
import argparse
import hashlib
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

# The lines this script reads (`rebuilt in`, the --timings stages) are loa's
# English ones; loa speaks Vietnamese unless told otherwise.
os.environ["LOA_LANG"] = "en"

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.dont_write_bytecode = True  # no __pycache__ in the repository
import run as bench  # noqa: E402  the corpus and the binary, made as bench/run.py makes them

BASES = {"A": "https://a.example.org", "B": "https://b.example.org"}
OTHER = {"A": "B", "B": "A"}
MB = 1024 * 1024


def tree_hash(root):
    """SHA-256 of every path under `root` (sorted, with its kind) and of the
    bytes of every file; None when `root` is not a folder."""
    if not root.is_dir() or root.is_symlink():
        return None
    entries = []
    for folder, dirs, files in os.walk(root):
        relative = Path(folder).relative_to(root)
        entries += [(relative / name).as_posix() for name in dirs + files]
    digest = hashlib.sha256()
    for relative in sorted(entries, key=lambda p: p.encode()):
        path = root / relative
        if path.is_symlink():
            digest.update(f"l {relative}\0{os.readlink(path)}\0".encode())
        elif path.is_dir():
            digest.update(f"d {relative}\0".encode())
        else:
            data = path.read_bytes()
            digest.update(f"f {relative}\0{len(data)}\0".encode())
            digest.update(data)
    return digest.hexdigest()


def disk_usage(path):
    """Bytes allocated on disk under `path` (like `du`), symlinks not followed."""
    total = os.lstat(path).st_blocks * 512
    for folder, dirs, files in os.walk(path):
        for name in dirs + files:
            total += os.lstat(os.path.join(folder, name)).st_blocks * 512
    return total


def build_command(exe, site, out, base, timings=False):
    return [str(exe), "build", "--root", str(site), "--output", str(out),
            "--base-url", BASES[base]] + (["--timings"] if timings else [])


def full_build(exe, site, out, base):
    """A build to completion: (completed process, wall seconds, stages)."""
    started = time.monotonic()
    proc = subprocess.run(build_command(exe, site, out, base, timings=True),
                          capture_output=True, text=True)
    took = time.monotonic() - started
    stages = [(m.group(2), float(m.group(1)) / 1000)
              for m in re.finditer(r"^\s*([\d.]+) ms  (.+)$", proc.stderr, re.M)]
    return proc, took, stages


def stage_at(delay, stages):
    """The stage of a full build running `delay` seconds after its start."""
    elapsed = 0.0
    for name, took in stages:
        elapsed += took
        if delay < elapsed:
            return name
    return "exit"


def first_error(stderr):
    lines = stderr.strip().splitlines()
    return next((line for line in lines if line.startswith("error")),
                lines[-1] if lines else "(no message)")


def beside(out):
    """What is in the output's parent apart from the output."""
    return sorted(p.name for p in out.parent.iterdir() if p.name != out.name)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--seed", type=int, default=1, help="corpus seed, and the seed of the kill delays")
    ap.add_argument("--work", type=Path, default=bench.REPO / "target" / "bench-corpus",
                    help="where corpora are generated (shared with bench/run.py)")
    ap.add_argument("--out", type=Path, default=bench.REPO / "target" / "kill-build",
                    help="references and the killed builds' output (on the disk under test)")
    ap.add_argument("--no-cargo-build", action="store_true", help="use target/release/loa as it is")
    ap.add_argument("--loa", type=Path, help="run this loa binary (another version) instead")
    a = ap.parse_args()

    site = bench.generate(a.work.resolve(), a.articles, a.seed, flavors=("loa",))[0]
    bench.prepare_loa(site)
    work = a.out.resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    if a.loa:
        exe = work / "loa"
        shutil.copy2(a.loa, exe)
        version = f"{a.loa} (given with --loa)"
    else:
        exe = bench.build_loa(a.no_cargo_build, work)
        version = bench.loa_version(exe)
    bench.log(f"{version}; {a.articles} articles; output under {work}")

    # The references, each a complete build into a folder of its own.
    reference, stages = {}, []
    for base in BASES:
        proc, took, stages = full_build(exe, site, work / f"ref-{base}" / "public", base)
        if proc.returncode != 0:
            sys.exit(f"reference build {base} failed:\n{proc.stderr}")
        reference[base] = tree_hash(work / f"ref-{base}" / "public")
        bench.log(f"reference {base}: {took:.1f} s")
    if reference["A"] == reference["B"]:
        sys.exit("the two references are identical: a mix could not be told apart")
    site_bytes = disk_usage(work / "ref-A" / "public")
    site_files = sum(len(files) for _, _, files in os.walk(work / "ref-A" / "public"))

    # The killed builds replace a complete output, as in CI: a full build's
    # length is that of a build replacing one (which removes the old site).
    out = work / "run" / "public"
    current = "A"
    proc, _, _ = full_build(exe, site, out, current)
    replace_times = []
    for _ in range(2):
        current = OTHER[current]
        proc, took, stages = full_build(exe, site, out, current)
        if proc.returncode != 0:
            sys.exit(f"a replacing build failed:\n{proc.stderr}")
        replace_times.append(took)
    full = statistics.median(replace_times)
    bench.log(f"full build replacing the output: {full:.1f} s "
              f"({', '.join(f'{name} {took:.1f} s' for name, took in stages)})")

    rng = random.Random(a.seed)
    outcomes, by_stage, failures = Counter(), Counter(), []
    leftover_folders, leftover_bytes, leftover_max = 0, 0, 0
    completion_times = []
    for kill in range(1, a.kills + 1):
        new = OTHER[current]
        delay = rng.uniform(0, full)
        stage = stage_at(delay, stages)
        by_stage[stage] += 1
        child = subprocess.Popen(build_command(exe, site, out, new),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        finished = child.poll() is not None
        if not finished:
            child.send_signal(signal.SIGKILL)
        child.wait()

        found = tree_hash(out)
        if found == reference[current]:
            outcome = "old site"
        elif found == reference[new]:
            outcome = "new site"
        elif found is None:
            outcome = "output missing"
        else:
            outcome = "mixed or incomplete"
        if finished:
            outcome += " (finished before the kill)"
        outcomes[outcome] += 1
        problems = []
        if outcome.startswith(("output missing", "mixed")):
            problems.append(f"after the kill: {outcome}")
        left = beside(out)
        used = sum(disk_usage(out.parent / name) for name in left)
        leftover_folders += len(left)
        leftover_bytes += used
        leftover_max = max(leftover_max, used)

        proc, took, _ = full_build(exe, site, out, new)
        completion_times.append(took)
        if proc.returncode != 0:
            problems.append("the next build failed: " + first_error(proc.stderr))
        elif tree_hash(out) != reference[new]:
            problems.append("the next build's output differs from its reference")
        remaining = beside(out)
        if remaining:
            problems.append(f"left beside the output after the next build: {remaining}")
        print(f"kill {kill:2}/{a.kills} at {delay:5.2f} s ({stage}): {outcome}; "
              f"{len(left)} leftover(s), {used / MB:.1f} MB; next build {took:.1f} s: "
              f"{'; '.join(problems) or 'ok'}", flush=True)
        if problems:
            failures.append((kill, problems))
            # Start the next kill from a known state, as a person would.
            shutil.rmtree(out.parent)
            out.parent.mkdir()
            proc, _, _ = full_build(exe, site, out, new)
            if proc.returncode != 0:
                sys.exit(f"cannot rebuild from an empty folder:\n{proc.stderr}")
        current = new

    print()
    print(f"## Killed builds: {a.kills} kills of `loa build`, {a.articles} articles\n")
    print(f"- loa: {version}")
    print(f"- output: {site_files} files, {site_bytes / MB:.0f} MB on disk, in {work / 'run'}")
    print(f"- full build replacing the output: {full:.1f} s (median of {len(replace_times)}); "
          f"kill delays uniform over 0–{full:.1f} s; the next builds took "
          f"{min(completion_times):.1f}–{max(completion_times):.1f} s")
    print("- kills by the stage a full build is in at that moment: "
          + ", ".join(f"{name} {by_stage[name]}" for name, _ in stages + [("exit", 0)]
                      if by_stage[name]))
    print("- output after the kill: " + ", ".join(f"{what} {n}" for what, n in sorted(outcomes.items())))
    print(f"- leftovers beside the output after the kills: {leftover_folders} folder(s), "
          f"{leftover_bytes / MB:.0f} MB in all, at most {leftover_max / MB:.0f} MB at once; "
          f"all removed by the next build unless listed below")
    print(f"- failures: {len(failures)}")
    for kill, problems in failures:
        print(f"  - kill {kill}: {'; '.join(problems)}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
