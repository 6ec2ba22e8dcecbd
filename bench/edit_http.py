#!/usr/bin/env python3
"""The editor's loop as the editor meets it: save a file, see the page change.

    python3 bench/edit_http.py [--articles 10000] [--rounds 15] [--no-cargo-build] [--loa PATH]

Generates a corpus with ../shared/bench/gen_corpus.py (reused when it is
already there), starts the release `loa serve` on it twice, once inside the
site folder and once as `loa serve --root SITE` from another folder, and in
each, round after round:

- body edit: appends a paragraph to the newest article (written in place, as
  most editors save), then polls that article's page over HTTP until the
  paragraph is there;
- old body edit: the same on the oldest article (in no feed, on no first
  listing page);
- summary edit: changes the newest article's `summary:`, then polls the home
  page until the new summary is listed;
- new article: writes a new article file, then polls its URL until it is
  served.

Every edit is undone and its rebuild waited for before the next one. Times
are from the start of the write to the first response that shows the change
(polled every 2 ms; each poll is a new HTTP connection, ~1 ms on loopback).
Prints a Markdown table of medians (and the 90th percentile, fastest and
slowest) per mode and edit, and the `rebuilt in` lines loa printed. Python 3
standard library only; see bench/README.md.
"""
import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# The lines this script reads (`rebuilt in`, the --timings stages) are loa's
# English ones; loa speaks Vietnamese unless told otherwise.
os.environ["LOA_LANG"] = "en"

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GEN = (REPO / ".." / "shared" / "bench" / "gen_corpus.py").resolve()
POLL = 0.002
TIMEOUT = 60.0

# The goals of issue 10, in milliseconds.
GOALS = {"body edit": 100, "old body edit": 100, "summary edit": 300, "new article": 1000}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")).resolve()


def loa_binary(skip_build, work, given):
    exe = Path(given).resolve() if given else target_dir() / "release" / "loa"
    if not skip_build and not given:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    if not exe.is_file():
        sys.exit(f"{exe} is missing: run without --no-cargo-build")
    copy = work / "loa"
    shutil.copy2(exe, copy)
    return copy


def corpus(work, articles):
    site = work / f"corpus-{articles}"
    stamp = site / ".bench-corpus"
    want = f"{GEN} articles={articles}\n"
    if not (stamp.exists() and stamp.read_text() == want):
        if site.exists():
            shutil.rmtree(site)
        log(f"generating {articles} articles in {site}")
        subprocess.run([sys.executable, GEN, "--articles", str(articles), site],
                       check=True, stdout=subprocess.DEVNULL)
        stamp.write_text(want)
    # loa uses its built-in theme when the site has none; a copy from an
    # older checkout would measure an older theme.
    theme = site / "themes" / "default"
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(REPO / "themes" / "default", theme)
    return site


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path):
    """(status, body) of a GET; (0, "") when the server does not answer."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, socket.timeout):
        return 0, ""


def wait_until(port, path, shows):
    """Seconds until `shows(status, body)` holds for a GET of `path`."""
    start = time.perf_counter()
    while True:
        status, body = get(port, path)
        elapsed = time.perf_counter() - start
        if shows(status, body):
            return elapsed
        if elapsed > TIMEOUT:
            raise SystemExit(f"{path} did not change within {TIMEOUT} s")
        time.sleep(POLL)


def build_id(port):
    status, body = get(port, "/__loa/status")
    m = re.search(r'"build":"([^"]*)"', body)
    return m.group(1) if status == 200 and m else None


def timed_save(port, file, text, path, shows):
    """Writes `text` into `file` in place and times until the page shows it;
    then waits, untimed, until the rebuild has finished (a page is served
    as soon as it is written, before the listings and feeds after it), so
    that the next edit does not pay for this one."""
    before = build_id(port)
    start = time.perf_counter()
    with open(file, "w", encoding="utf-8") as f:
        f.write(text)
    while True:
        status, body = get(port, path)
        if shows(status, body):
            elapsed = time.perf_counter() - start
            break
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"{path} did not show the edit of {file} within {TIMEOUT} s")
        time.sleep(POLL)
    while build_id(port) == before:
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"the rebuild after {file} did not end within {TIMEOUT} s")
        time.sleep(POLL)
    return elapsed


def article_url(site, file):
    return "/" + str(file.relative_to(site / "content").with_suffix("")) + "/"


def newest_and_oldest(site):
    dated = []
    for file in (site / "content").rglob("*.md"):
        head = file.read_text(encoding="utf-8")[:600]
        m = re.search(r'^date: "?([0-9T:+\- ]+)"?$', head, re.M)
        if m and "pages" not in file.parts:
            dated.append((m.group(1), str(file)))
    dated.sort()
    return Path(dated[-1][1]), Path(dated[0][1])


def serve(exe, site, mode, port, out):
    if mode == "inside":
        cmd, cwd = [exe, "serve", "--port", str(port), "--output", out], site
    else:
        cmd, cwd = [exe, "serve", "--root", site, "--port", str(port), "--output", out], out.parent
    log_file = out.parent.parent / f"serve-{mode}.log"
    child = subprocess.Popen([str(c) for c in cmd], cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=open(log_file, "w"), stdin=subprocess.DEVNULL)
    started = time.perf_counter()
    while get(port, "/__loa/status")[0] != 200:
        if child.poll() is not None:
            raise SystemExit(f"loa serve exited:\n{log_file.read_text()}")
        if time.perf_counter() - started > 300:
            raise SystemExit("loa serve did not start in 300 s")
        time.sleep(0.05)
    # The status answers before the first build ends: wait for the home page.
    wait_until(port, "/", lambda status, body: status == 200 and "__loa" in body)
    return child, log_file


def measure(exe, site, mode, rounds, work):
    port = free_port()
    other = Path(tempfile.mkdtemp(dir=work, prefix=f"elsewhere-{mode}-"))
    out = other / "public"
    child, log_file = serve(exe, site, mode, port, out)
    newest, oldest = newest_and_oldest(site)
    newest_text = newest.read_text(encoding="utf-8")
    oldest_text = oldest.read_text(encoding="utf-8")
    samples = {name: [] for name in GOALS}
    try:
        for r in range(rounds):
            tag = f"{mode}-{r}-{time.time_ns()}"

            for name, file, original in (("body edit", newest, newest_text),
                                         ("old body edit", oldest, oldest_text)):
                url = article_url(site, file)
                marker = f"Đoạn sửa {tag}"
                samples[name].append(timed_save(
                    port, file, f"{original}\n{marker}\n", url,
                    lambda s, b, m=marker: s == 200 and m in b))
                timed_save(port, file, original, url,
                           lambda s, b, m=marker: s == 200 and m not in b)

            summary = f"Tóm tắt mới {tag}"
            changed = re.sub(r"^summary: .*$", f'summary: "{summary}"', newest_text,
                             count=1, flags=re.M)
            assert changed != newest_text, "the corpus writes `summary:`"
            samples["summary edit"].append(timed_save(
                port, newest, changed, "/", lambda s, b: s == 200 and summary in b))
            timed_save(port, newest, newest_text, "/", lambda s, b: s == 200 and summary not in b)

            new = newest.with_name(f"bai-moi-{tag}.md")
            text = re.sub(r"^title: .*$", f'title: "Bài mới {tag}"', newest_text, count=1,
                          flags=re.M)
            url = article_url(site, new)
            samples["new article"].append(timed_save(
                port, new, text, url, lambda s, b: s == 200 and tag in b))
            before = build_id(port)
            new.unlink()
            wait_until(port, url, lambda s, b: s == 404)
            while build_id(port) == before:
                time.sleep(POLL)
            log(f"{mode}: round {r + 1}/{rounds} done")
    finally:
        newest.write_text(newest_text, encoding="utf-8")
        oldest.write_text(oldest_text, encoding="utf-8")
        for stray in newest.parent.glob("bai-moi-*.md"):
            stray.unlink()
        child.terminate()
        child.wait()
    rebuilt = [l for l in log_file.read_text().splitlines() if l.startswith("rebuilt")]
    shutil.rmtree(other, ignore_errors=True)
    return samples, rebuilt


def ms(seconds):
    return f"{seconds * 1000:.0f}"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--rounds", type=int, default=15)
    p.add_argument("--work", type=Path, default=target_dir() / "bench-edit")
    p.add_argument("--no-cargo-build", action="store_true")
    p.add_argument("--loa", help="time this loa binary (e.g. one built from an older commit)")
    a = p.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    exe = loa_binary(a.no_cargo_build, a.work, a.loa)
    site = corpus(a.work, a.articles)
    rows = []
    for mode in ("inside", "root"):
        samples, rebuilt = measure(exe, site, mode, a.rounds, a.work)
        full = sum(1 for l in rebuilt if l.startswith("rebuilt the whole site"))
        log(f"{mode}: {len(rebuilt)} rebuilds, {full} of the whole site")
        for name, values in samples.items():
            values = sorted(values)
            p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
            median = statistics.median(values)
            rows.append((mode, name, median, p90, values[0], values[-1], GOALS[name], full))
    where = {"inside": "inside the site", "root": "`--root SITE` from elsewhere"}
    print(f"\n{a.articles} articles, {a.rounds} rounds, `loa serve` over HTTP "
          f"(ms from the write to the first response that shows it)\n")
    print("| run | edit | median | p90 | fastest | slowest | goal | met |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for mode, name, median, p90, low, high, goal, _ in rows:
        met = "yes" if median * 1000 < goal else "**no**"
        print(f"| {where[mode]} | {name} | {ms(median)} | {ms(p90)} | {ms(low)} | {ms(high)} "
              f"| < {goal} | {met} |")
    fulls = {mode: full for mode, *_, full in rows}
    print(f"\nrebuilds of the whole site: inside {fulls['inside']}, with --root {fulls['root']}")


if __name__ == "__main__":
    main()
