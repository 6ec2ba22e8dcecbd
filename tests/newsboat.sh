#!/usr/bin/env bash
# A real feed reader reads every feed: builds the example site, serves it
# on a free port and has newsboat (https://newsboat.org) fetch every RSS and
# Atom file of it (rss.xml, atom.xml, full.xml, in every language). Fails
# when newsboat could not read a feed, or kept fewer items of it than the
# file has. Installs newsboat with apt when it is missing; where it cannot,
# skips with a warning. Usage: tests/newsboat.sh [LOA_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
loa=${1:-./target/release/loa}

if ! command -v newsboat >/dev/null 2>&1; then
  if ! { command -v apt-get >/dev/null 2>&1 \
    && apt-get install -y newsboat >/tmp/loa-newsboat-install.log 2>&1; }; then
    echo "warning: newsboat is missing and could not be installed with apt; the reader check was skipped" >&2
    exit 0
  fi
fi

work=$(mktemp -d)
server=
trap 'if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
origin="http://127.0.0.1:$port"
if [ "$loa" = ./target/release/loa ]; then
  cargo build --release --quiet
fi
"$loa" build --output "$work/public" --base-url "$origin/" >/dev/null
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -s -o /dev/null "$origin/" && break
  sleep 0.1
done

# Each feed alone (newsboat keeps an article once, in the first feed that
# had it), eight at a time; then what newsboat kept of it against the file.
start=$(date +%s)
(cd "$work/public" && find . \( -name rss.xml -o -name atom.xml -o -name full.xml \) | sort) \
  | sed 's|^\./||' >"$work/files"
python3 - "$work/public" "$origin" "$work/files" "$work" <<'PY'
import concurrent.futures
import os
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET

public, origin, files, work = sys.argv[1:]

def read(n, path):
    doc = ET.parse(f"{public}/{path}").getroot()
    items = doc.findall("channel/item") + doc.findall("{http://www.w3.org/2005/Atom}entry")
    url = f"{origin}/{path}"
    base = f"{work}/{n}"
    with open(f"{base}.urls", "w") as f:
        f.write(url + "\n")
    with open(f"{base}.config", "w") as f:
        f.write("download-timeout 20\nmax-items 0\n")
    run = subprocess.run(
        ["newsboat", "-u", f"{base}.urls", "-c", f"{base}.db", "-C", f"{base}.config",
         "-l", "3", "-d", f"{base}.log", "-x", "reload"],
        capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        return f"{url}: newsboat exited with {run.returncode}: {run.stderr.strip()}"
    db = sqlite3.connect(f"{base}.db")
    title = db.execute("SELECT title FROM rss_feed WHERE rssurl = ?", (url,)).fetchone()
    kept = db.execute("SELECT COUNT(*) FROM rss_item WHERE feedurl = ?", (url,)).fetchone()[0]
    db.close()
    errors = [l.strip() for l in open(f"{base}.log", errors="replace") if "ERROR" in l]
    if errors:
        return f"{url}: {errors[0]}"
    if not title or not title[0]:
        return f"{url}: not read (no title in newsboat's cache)"
    if kept != len(items):
        return f"{url}: newsboat kept {kept} items of {len(items)}"
    return None

paths = open(files).read().split()
with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
    problems = [p for p in pool.map(read, range(len(paths)), paths) if p]
for p in problems[:40]:
    print("FAIL", p)
print(f"newsboat: {len(paths)} feeds, {len(problems)} problems")
sys.exit(1 if problems else 0)
PY
echo "newsboat: took $(( $(date +%s) - start )) s"
