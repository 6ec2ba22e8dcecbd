#!/usr/bin/env python3
"""What a second language costs: the same generated site built with one
language and with English added, side by side.

    python3 bench/languages.py [--articles 10000] [--translated 0.1] [--runs 5]

Generates a corpus with ../shared/bench/gen_corpus.py, then a copy of it that
declares `[languages.en]` (English names for every unit and category) and
holds an English version of a share of the articles (`--translated`, by
default one in ten, the scam warnings first: what a provincial police office
translates), the rest shown in the English listings as "Vietnamese only".
Builds both with `loa build --release` alternately (one, two, one, two…) into
fresh output folders, timing each build and reading the child's peak memory
with os.wait4, and prints a Markdown table: medians, the files written and
the output size. Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GEN = (REPO / ".." / "shared" / "bench" / "gen_corpus.py").resolve()


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def english_site(one: Path, two: Path, share: float, fallback: bool = True):
    """`two`: the site of `one` with English, translating `share` of it."""
    shutil.copytree(one, two)
    toml = (two / "site.toml").read_text(encoding="utf-8")
    # Every unit and category gets an English name (ASCII of its key).
    def named(match):
        key = match.group(1)
        english = " ".join(part.capitalize() for part in key.split("-"))
        return f'{match.group(0)}\nnames = {{ en = "{english}" }}'
    toml = re.sub(r'^key = "([^"]+)"$', named, toml, flags=re.M)
    toml = toml.replace(
        "\n[[districts]]",
        '\n[languages.en]\ntitle = "Provincial Police"\n'
        'description = "News and warnings in English"\n'
        + ("" if fallback else "fallback = false\n")
        + "\n[[districts]]",
        1,
    )
    (two / "site.toml").write_text(toml, encoding="utf-8")
    articles = sorted(
        p for p in (two / "content").rglob("*.md") if "pages" not in p.parts
    )
    # Scam warnings first, then the rest in path order: deterministic.
    articles.sort(key=lambda p: (0 if "canh-bao" in p.parts else 1, str(p)))
    count = int(len(articles) * share)
    for source in articles[:count]:
        relative = source.relative_to(two / "content")
        target = two / "content" / "en" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        text = re.sub(r"^title: (.*)$", r"title: (EN) \1", text, count=1, flags=re.M)
        target.write_text(text, encoding="utf-8")
    return count, len(articles)


def build(exe: Path, site: Path, out: Path):
    if out.exists():
        shutil.rmtree(out)
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(exe), "build", "--root", str(site), "--output", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = child.stderr.read().decode() if child.stderr else ""
    if status != 0:
        sys.exit(f"loa build failed on {site}:\n{stderr}")
    return elapsed, usage.ru_maxrss / 1024


def tree_size(out: Path):
    files = [p for p in out.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--translated", type=float, default=0.1)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/dev/shm/loa-languages"))
    parser.add_argument("--no-cargo-build", action="store_true")
    args = parser.parse_args()

    if not args.no_cargo_build:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    args.work.mkdir(parents=True, exist_ok=True)
    exe = args.work / "loa"
    shutil.copy2(target / "release" / "loa", exe)
    one, two, strict = args.work / "one", args.work / "two", args.work / "strict"
    for site in (one, two, strict):
        if site.exists():
            shutil.rmtree(site)
    log(f"generating {args.articles} articles")
    subprocess.run(
        [sys.executable, str(GEN), str(one), "--articles", str(args.articles), "--seed", "1"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    translated, total = english_site(one, two, args.translated)
    english_site(one, strict, args.translated, fallback=False)
    log(f"{translated} of {total} articles translated into English")

    sites = (("one", one), ("two", two), ("strict", strict))
    times = {name: [] for name, _ in sites}
    memory = {name: [] for name, _ in sites}
    for run in range(args.runs):
        for name, site in sites:
            elapsed, peak = build(exe, site, args.work / f"out-{name}")
            times[name].append(elapsed)
            memory[name].append(peak)
            log(f"run {run + 1}: {name}: {elapsed:.2f} s, {peak:.0f} MiB")
    sizes = {name: tree_size(args.work / f"out-{name}") for name in times}

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n{args.articles:,} articles, {translated:,} translated into English; "
          f"medians of {args.runs} alternated runs\n")
    print("| site | build (median) | fastest | peak RSS | files written | output |")
    print("|---|---:|---:|---:|---:|---:|")
    labels = (
        ("one", "Vietnamese only"),
        ("two", "Vietnamese + English (untranslated listed)"),
        ("strict", "Vietnamese + English, `fallback = false`"),
    )
    for name, label in labels:
        files, size = sizes[name]
        print(f"| {label} | {median[name]:.2f} s | {min(times[name]):.2f} s | "
              f"{statistics.median(memory[name]):.0f} MiB | {files:,} | {size / 1e6:.0f} MB |")
    for name, label in labels[1:]:
        cost = (median[name] / median["one"] - 1) * 100
        print(f"\nCost of the second language ({label}): +{cost:.0f} % build time.")


if __name__ == "__main__":
    main()
