#!/usr/bin/env bash
# Builds the 168-unit fixture site with the release binary, serves it on a
# free port and runs the browser tests on it (Chromium and playwright-core
# from ../shared/verify/install.sh). Screenshots go to $1 when given.
set -euo pipefail
cd "$(dirname "$0")/../.."
shots=${1:-}
out=$(mktemp -d)
servers=
trap 'kill $servers 2>/dev/null || true; rm -rf "$out"' EXIT
cargo build --release --quiet
./target/release/loa build --root tests/fixtures/city-168 --output "$out/public" >/dev/null
# Serves folder $1 on a free port, sets $port and adds the server to
# $servers, and returns once it answers.
serve() {
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$1" >/dev/null 2>&1 &
  servers="$servers $!"
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$port/" && break
    sleep 0.1
  done
}
serve "$out/public"
node tests/browser/units.js "http://127.0.0.1:$port/" $shots
node tests/browser/search.js "http://127.0.0.1:$port/" $shots
node tests/browser/share.js "http://127.0.0.1:$port/" $shots
node tests/browser/follow.js "http://127.0.0.1:$port/" $shots
node tests/browser/feedview.js "http://127.0.0.1:$port/" $shots

# The register of legal documents on the example site, which has laws.toml.
./target/release/loa build --output "$out/example" >/dev/null
serve "$out/example"
node tests/browser/laws.js "http://127.0.0.1:$port/" $shots

# The same search on 10,000 generated articles: transfer sizes and parts.
python3 ../shared/bench/gen_corpus.py --articles 10000 "$out/large" >/dev/null
./target/release/loa build --root "$out/large" --output "$out/large-public" >/dev/null
serve "$out/large-public"
node tests/browser/large.js "http://127.0.0.1:$port/"
