#!/usr/bin/env bash
# Runs every fuzz target in turn for SECONDS_PER_TARGET seconds each and
# prints, per target, the executions, the coverage of libFuzzer's last
# status line (cov: edges, ft: features), the corpus size and the crashes
# found (new files in fuzz/artifacts/<target>/). Logs go to fuzz/runs/.
#
#   fuzz/run-all.sh 900        # four targets, an hour in total
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`); the stable
# toolchain accepts its nightly flags with RUSTC_BOOTSTRAP=1, set here.
# Runs at the lowest priority (nice 19): the machine may be shared.
set -uo pipefail

seconds="${1:-}"
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: fuzz/run-all.sh SECONDS_PER_TARGET" >&2
  exit 2
fi
fuzz="$(cd "$(dirname "$0")" && pwd)"
cd "$(dirname "$fuzz")"
export RUSTC_BOOTSTRAP=1
targets=(front_matter markdown site_toml document)

"$fuzz/seed.sh" >/dev/null
echo "building the fuzz targets (cargo fuzz build)..." >&2
if ! nice -n 19 cargo fuzz build >"$fuzz/build.log" 2>&1; then
  tail -20 "$fuzz/build.log" >&2
  echo "the fuzz targets do not build: see fuzz/build.log" >&2
  exit 1
fi

stamp="$(date +%Y%m%d-%H%M%S)"
mkdir -p "$fuzz/runs"
rows=()
found=0
for target in "${targets[@]}"; do
  corpus="$fuzz/corpus/$target"
  artifacts="$fuzz/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  before="$(ls "$artifacts")"
  log="$fuzz/runs/$stamp-$target.log"
  echo "fuzzing $target for $seconds s (log: ${log#"$PWD"/})..." >&2
  nice -n 19 cargo fuzz run "$target" "$corpus" "$fuzz/seeds/$target" -- \
    -dict="$fuzz/seeds/$target.dict" -max_total_time="$seconds" -timeout=10 \
    -print_final_stats=1 >"$log" 2>&1
  status=$?

  # libFuzzer's last status line: "#N  DONE  cov: C ft: F corp: U/S exec/s: E ...".
  last="$(grep -E '^#[0-9]+' "$log" | tail -1)"
  field() { sed -nE "s|.* $1: ([0-9]+[a-zA-Z]*).*|\\1|p" <<<"$last"; }
  execs="$(sed -nE 's/^stat::number_of_executed_units: ([0-9]+)/\1/p' "$log" | tail -1)"
  [ -n "$execs" ] || execs="$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")"
  new="$(comm -13 <(echo "$before") <(ls "$artifacts"))"
  crashes="$(grep -c . <<<"$new")"
  found=$((found + crashes))
  outcome="ok"
  if [ "$crashes" -gt 0 ]; then
    outcome="$(tr '\n' ' ' <<<"$new")"
  elif [ "$status" -ne 0 ]; then
    outcome="exit $status (see the log)"
  fi
  rows+=("$(printf '%-13s %12s %8s %7s %8s %9s %8s  %s' "$target" "${execs:-?}" \
    "$(field exec/s)" "$(field cov)" "$(field ft)" "$(field corp)" "$crashes" "$outcome")")
done

printf '\n%s s per target, %s\n' "$seconds" "$(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-13s %12s %8s %7s %8s %9s %8s  %s\n' target executions exec/s cov ft corpus crashes outcome
printf '%s\n' "${rows[@]}"
[ "$found" -eq 0 ]
