#!/usr/bin/env python3
"""Load test of `loa serve` on loopback: thousands of concurrent connections.

    python3 bench/serve_load.py [--articles 1000] [--connections 1000,5000]
                                [--loa PATH | --no-cargo-build]

Generates a corpus with ../shared/bench/gen_corpus.py (shared with
bench/run.py), copies it to a scratch folder and starts `loa serve` on it
(the release binary), on 127.0.0.1 only. Then, for each connection count N:

1. opens N TCP connections at once;
2. sends every request at the same moment: most are page GETs (HTTP/1.1,
   keep-alive, a random article or the home page), a share are live-reload
   event streams (`/__loa/events`);
3. holds all N connections open for `--hold` seconds;
4. edits one article and waits until every open event stream has received
   `event: reload`;
5. closes everything and waits for the server to settle.

A thread samples /proc/PID/status (Threads, VmRSS, VmHWM) of the server every
20 ms. The script prints one Markdown table of every phase (the share of
requests answered correctly, their latency, the threads and memory) and
writes it to target/serve-load-results.md. Python 3 standard library only;
every wait is bounded and the server is stopped at the end. See
bench/README.md.
"""
import argparse
import asyncio
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
import run as bench  # noqa: E402  (the corpus and build helpers of bench/run.py)

# Loopback only: this script never sends anything elsewhere.
HOST = "127.0.0.1"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def raise_open_files(wanted):
    """Raises this process's limit of open files (inherited by the server)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = hard if hard == resource.RLIM_INFINITY else min(hard, max(soft, wanted))
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def generate(size, seed):
    """The loa corpus of bench/run.py (same folder and stamp, reused)."""
    site = bench.target_dir() / "bench-corpus" / str(size) / "loa"
    stamp = site / ".bench-corpus"
    want = f"{bench.GEN} articles={size} seed={seed} flavor=loa\n"
    if not (stamp.exists() and stamp.read_text() == want):
        if site.exists():
            shutil.rmtree(site)
        bench.run([sys.executable, bench.GEN, "--articles", size, "--seed", seed,
                   "--flavor", "loa", site], stdout=subprocess.DEVNULL)
        stamp.write_text(want)
    bench.prepare_loa(site)
    return site


class Sampler(threading.Thread):
    """Threads, VmRSS and VmHWM (KiB) of one process, every `every` s."""

    def __init__(self, pid, every=0.02):
        super().__init__(daemon=True)
        self.path = f"/proc/{pid}/status"
        self.every = every
        self.samples = []  # (monotonic time, threads, rss KiB, hwm KiB)
        self.stopped = threading.Event()

    def read(self):
        fields = {}
        try:
            with open(self.path) as f:
                for line in f:
                    key, _, value = line.partition(":")
                    if key in ("Threads", "VmRSS", "VmHWM"):
                        fields[key] = int(value.split()[0])
        except OSError:
            return None
        if len(fields) < 3:
            return None
        return (time.monotonic(), fields["Threads"], fields["VmRSS"], fields["VmHWM"])

    def run(self):
        while not self.stopped.is_set():
            sample = self.read()
            if sample:
                self.samples.append(sample)
            time.sleep(self.every)

    def between(self, start, end):
        return [s for s in self.samples if start <= s[0] <= end]

    def latest(self):
        return self.read() or (self.samples[-1] if self.samples else (0, 0, 0, 0))


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def ms(x):
    return "–" if x is None else f"{x * 1000:.0f}"


async def read_head(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return status, headers


class Phase:
    """N connections at once: pages and event streams, held, then a reload."""

    def __init__(self, port, n, share, pages, article, a):
        self.port, self.n, self.pages, self.article, self.a = port, n, pages, article, a
        self.streams = round(n * share)
        self.result = {"page_ok": 0, "page_bad": 0, "page_latency": [],
                       "stream_ok": 0, "stream_503": 0, "stream_bad": 0, "hello_latency": [],
                       "reload_ok": 0, "reload_latency": [], "connect_fail": 0, "errors": {}}
        self.answered = 0
        self.all_answered = None
        self.go = None
        self.touched = None
        self.touched_at = None
        self.release = None

    def error(self, kind):
        self.result["errors"][kind] = self.result["errors"].get(kind, 0) + 1

    def answered_one(self):
        self.answered += 1
        if self.answered == self.n:
            self.all_answered.set()

    async def connect(self):
        try:
            return await asyncio.wait_for(asyncio.open_connection(HOST, self.port), self.a.timeout)
        except (OSError, asyncio.TimeoutError) as e:
            self.error(type(e).__name__)
            return None

    async def page(self, conn, path):
        reader, writer = conn
        await self.go.wait()
        started = time.monotonic()
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n\r\n".encode())
            await writer.drain()
            status, headers = await asyncio.wait_for(read_head(reader), self.a.timeout)
            length = int(headers.get("content-length", "-1"))
            body = await asyncio.wait_for(reader.readexactly(length), self.a.timeout) if length >= 0 else b""
            if status == 200 and length > 0 and b"/__loa/live.js" in body:
                self.result["page_ok"] += 1
                self.result["page_latency"].append(time.monotonic() - started)
            else:
                self.result["page_bad"] += 1
                self.error(f"page status {status}")
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
            self.result["page_bad"] += 1
            self.error(f"page {type(e).__name__}")
        self.answered_one()
        # Keep the connection open (keep-alive) while the others are held.
        await self.release.wait()

    async def stream(self, conn):
        reader, writer = conn
        await self.go.wait()
        started = time.monotonic()
        counted = False
        try:
            writer.write(f"GET /__loa/events HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                         "Accept: text/event-stream\r\n\r\n".encode())
            await writer.drain()
            status, _ = await asyncio.wait_for(read_head(reader), self.a.timeout)
            if status == 503:
                self.result["stream_503"] += 1
                counted = True
                self.answered_one()
                return
            if status != 200:
                raise ValueError(f"status {status}")
            seen = b""
            deadline = started + self.a.timeout
            while b"event: hello" not in seen:
                seen += await asyncio.wait_for(reader.read(4096), max(0.01, deadline - time.monotonic()))
                if reader.at_eof():
                    raise ValueError("closed before hello")
            self.result["stream_ok"] += 1
            self.result["hello_latency"].append(time.monotonic() - started)
            counted = True
            self.answered_one()
            await self.touched.wait()
            seen = seen[seen.index(b"event: hello"):]
            deadline = time.monotonic() + self.a.timeout
            while b"event: reload" not in seen:
                seen += await asyncio.wait_for(reader.read(4096), max(0.01, deadline - time.monotonic()))
                if reader.at_eof():
                    raise ValueError("closed before reload")
            self.result["reload_ok"] += 1
            self.result["reload_latency"].append(time.monotonic() - self.touched_at)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
            self.error(f"stream {type(e).__name__}")
            if not counted:
                self.result["stream_bad"] += 1
                self.answered_one()

    async def run(self, sampler):
        self.all_answered = asyncio.Event()
        self.go, self.touched, self.release = asyncio.Event(), asyncio.Event(), asyncio.Event()
        t0 = time.monotonic()
        conns = await asyncio.gather(*(self.connect() for _ in range(self.n)))
        t_connected = time.monotonic()
        tasks, streams = [], []
        for i, conn in enumerate(conns):
            if conn is None:
                self.result["connect_fail"] += 1
                self.answered_one()
            elif i < self.streams:
                streams.append(asyncio.ensure_future(self.stream(conn)))
                tasks.append(streams[-1])
            else:
                tasks.append(asyncio.ensure_future(self.page(conn, random.choice(self.pages))))
        await asyncio.sleep(0)
        t_go = time.monotonic()
        self.go.set()
        try:
            await asyncio.wait_for(self.all_answered.wait(), self.a.timeout * 2)
        except asyncio.TimeoutError:
            self.error("phase timeout before every answer")
        t_answered = time.monotonic()
        await asyncio.sleep(self.a.hold)
        held = sampler.latest()
        # One edit: every open stream must be told to reload.
        text = self.article.read_text(encoding="utf-8")
        self.article.write_text(text + f"\nĐo tải {self.n} kết nối.\n", encoding="utf-8")
        self.touched_at = time.monotonic()
        self.touched.set()
        if streams:
            await asyncio.wait(streams, timeout=self.a.timeout + 5)
        t_reloaded = time.monotonic()
        self.release.set()
        for conn in conns:
            if conn is not None:
                conn[1].close()
        await asyncio.wait(tasks, timeout=10)
        for t in tasks:
            t.cancel()
        t_closed = time.monotonic()
        return {"t0": t0, "connected": t_connected - t0, "answered": t_answered - t_go,
                "reloaded": t_reloaded - self.touched_at, "held": held, "t_closed": t_closed}


def wait_ready(port, proc, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"loa serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/__loa/status", timeout=2) as r:
                if b'"ok":true' in r.read():
                    return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"loa serve did not answer in {timeout} s")


def page_paths(out, limit=500):
    paths = ["/"]
    for index in sorted(out.rglob("index.html")):
        rel = index.parent.relative_to(out).as_posix()
        if rel != ".":
            paths.append(f"/{rel}/")
    random.Random(1).shuffle(paths)
    return paths[:limit]


def row(n, p, timing, before, during, after):
    r = p.result
    pages = n - p.streams
    streams = p.streams
    ok_answers = r["page_ok"] + r["stream_ok"] + r["stream_503"]
    threads = [s[1] for s in during] or [0]
    rss = [s[2] for s in during] or [0]
    return (f"| {n:,} | {pages:,} / {streams:,} | {ok_answers / n:.1%} | "
            f"{r['page_ok']:,}/{pages:,} | {ms(percentile(r['page_latency'], 50))} / "
            f"{ms(percentile(r['page_latency'], 95))} / {ms(percentile(r['page_latency'], 99))} / "
            f"{ms(max(r['page_latency'], default=None))} | "
            f"{r['stream_ok']:,} + {r['stream_503']:,} × 503 | "
            f"{ms(percentile(r['hello_latency'], 50))} / {ms(percentile(r['hello_latency'], 95))} | "
            f"{r['reload_ok']:,}/{r['stream_ok']:,} in {ms(timing['reloaded'])} | "
            f"{before[1]} → {max(threads)} → {after[1]} | "
            f"{before[2] / 1024:.0f} → {max(rss) / 1024:.0f} → {after[2] / 1024:.0f} | "
            f"{after[3] / 1024:.0f} |")


HEADER = ("| connections | pages / streams | answered correctly¹ | pages 200 | page latency ms "
          "p50 / p95 / p99 / max | streams open + refused | hello ms p50 / p95 | reloads delivered | "
          "threads idle → peak → after | RSS MiB idle → peak → after | VmHWM MiB |\n"
          "|---:|---:|---:|---:|---|---|---|---|---|---|---:|")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--connections", default="1000,5000", help="comma-separated connection counts, one phase each")
    ap.add_argument("--stream-share", type=float, default=0.2, help="the share of connections that are event streams")
    ap.add_argument("--hold", type=float, default=5.0, help="seconds all connections stay open")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds for a connection, an answer or a reload")
    ap.add_argument("--settle", type=float, default=20.0,
                    help="seconds to wait after a phase, so that the server notices every closed "
                         "stream (a keep-alive comment goes out every 15 s) before the next one")
    ap.add_argument("--loa", type=Path, help="the loa binary to run (default: cargo build --release)")
    ap.add_argument("--no-cargo-build", action="store_true", help="use target/release/loa as it is")
    ap.add_argument("--label", default="", help="a name for this run in the results (e.g. before, after)")
    ap.add_argument("--results", type=Path, default=None)
    a = ap.parse_args()
    counts = [int(c) for c in a.connections.split(",") if c]
    limit = raise_open_files(max(counts) * 2 + 1024)
    if limit < max(counts) * 2 + 256:
        log(f"warning: only {limit} open files allowed; the client and server may run out")
    work = Path(tempfile.mkdtemp(prefix="loa-serve-load-"))
    proc = None
    try:
        exe = bench.build_loa(a.no_cargo_build, work) if a.loa is None else a.loa.resolve()
        corpus = generate(a.articles, a.seed)
        # A scratch copy: the script edits an article, and the corpus is shared.
        site = work / "site"
        shutil.copytree(corpus, site)
        article = sorted((site / "content").rglob("*.md"))[0]
        out = work / "out"
        port = free_port()
        log_path = work / "serve.log"
        # Run inside the site, as an editor does.
        proc = subprocess.Popen([str(exe), "serve", "--output", str(out),
                                 "--port", str(port), "--bind", HOST], cwd=site,
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=open(log_path, "w"), env={**os.environ, "NO_COLOR": "1"})
        wait_ready(port, proc, 300)
        sampler = Sampler(proc.pid)
        sampler.start()
        time.sleep(1)
        pages = page_paths(out)
        lines, notes = [], []
        for n in counts:
            before = sampler.latest()
            phase = Phase(port, n, a.stream_share, pages, article, a)
            log(f"{n} connections: {phase.streams} event streams, {n - phase.streams} page GETs")
            timing = asyncio.run(phase.run(sampler))
            time.sleep(a.settle)
            after = sampler.latest()
            during = sampler.between(timing["t0"], timing["t_closed"])
            lines.append(row(n, phase, timing, before, during, after))
            errors = ", ".join(f"{count} {kind}" for kind, count in sorted(phase.result["errors"].items()))
            notes.append(f"- {n:,} connections: all open in {timing['connected']:.2f} s, all answered "
                         f"in {timing['answered']:.2f} s; failures: {errors or 'none'}")
            log(notes[-1])
            wait_ready(port, proc, 60)
        sampler.stopped.set()
        label = f" ({a.label})" if a.label else ""
        if a.loa is None:
            version = bench.loa_version(exe)
        else:  # a binary built elsewhere: the repository's commit says nothing of it
            version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
            version = f"{version} at {exe}"
        text = (f"### loa serve under load{label}\n\n{version}; {a.articles:,} articles; "
                f"{a.stream_share:.0%} of the connections are event streams; all held {a.hold:.0f} s; "
                f"open-file limit {limit}; {os.cpu_count()} cores.\n\n{HEADER}\n" + "\n".join(lines) + "\n"
                f"\n¹ a page with status 200, its full length and the live script; an event stream "
                f"that sent `hello`, or a 503 beyond the server's cap on streams. Latency: from "
                f"sending the request to the whole page (to `hello` for a stream). Threads and RSS: "
                f"before the phase, the highest sample during it, and {a.settle:.0f} s after every "
                f"connection was closed.\n\n" + "\n".join(notes) + "\n")
        print(text)
        results = a.results or bench.target_dir() / "serve-load-results.md"
        results.parent.mkdir(parents=True, exist_ok=True)
        with open(results, "a", encoding="utf-8") as f:
            f.write(text + "\n")
        log(f"appended to {results}; server log: {log_path}")
    finally:
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc is not None:
            keep = work / "serve.log"
            if keep.exists():
                shutil.copy2(keep, bench.target_dir() / "serve-load.log")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
