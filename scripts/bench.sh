#!/usr/bin/env bash
# Benchmarks certinfo against openssl, keytool and Python `cryptography` on the
# same generated inputs, in the same run.  See BENCHMARKS.md.
#
#   scripts/bench.sh [run.py options, e.g. --only single,jks-1k --slow-peers]
#
# Environment:
#   BASELINE=PATH      an earlier certinfo build, measured beside it in every
#                      scenario (a before/after comparison in one run)
#   CERTINFO=PATH      the binary to measure (default: the release build of this
#                      checkout, made by scripts/build-release.sh: static on glibc
#                      Linux). `cargo build --release`'s dynamic binary is also
#                      measured on the one-certificate scenario when it exists.
#   RUNS=7 BIG_RUNS=3  rounds per scenario (BIG_RUNS: the 100k bundle)
#   BENCH_DATA=DIR     inputs (default: target/bench-data; generated when missing
#                      or when scripts/bench/gen.py changed)
#   BENCH_OUT=FILE     also write the Markdown report here
#                      (default: target/bench-report.md)
#   CRYPTOGRAPHY_VERSION=48.0.0   the `cryptography` installed in target/bench-venv
#
# Needs python3 (with venv), a C compiler for scripts/bench/spawn.c (apt-get
# installs gcc when missing and we are root), and, as peers, openssl and keytool
# when installed.  Takes 8 to 12 minutes with the defaults on a 2-CPU machine
# (more when it is busy), plus about a minute to generate the inputs the first
# time.
set -euo pipefail

start=$(date +%s)
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
B="$ROOT/scripts/bench"
T="$ROOT/target"
if [ -z "${CERTINFO:-}" ]; then
  CERTINFO="$("$ROOT/scripts/build-release.sh")"
fi
DYNAMIC="$T/release/certinfo"
DATA="${BENCH_DATA:-$T/bench-data}"
OUT="${BENCH_OUT:-$T/bench-report.md}"
VENV="$T/bench-venv"
CRYPTOGRAPHY_VERSION="${CRYPTOGRAPHY_VERSION:-48.0.0}"
mkdir -p "$T"

say() { printf 'bench.sh: %s\n' "$*" >&2; }

[ -x "$CERTINFO" ] || { say "no certinfo binary at $CERTINFO: run scripts/build-release.sh or set CERTINFO="; exit 1; }
dynamic_opt=()
[ -x "$DYNAMIC" ] && [ "$DYNAMIC" != "$CERTINFO" ] && dynamic_opt=(--certinfo-dynamic "$DYNAMIC")
command -v python3 >/dev/null || { say "python3 not found"; exit 1; }

# --- venv with a pinned cryptography (the generator's output depends on it)
if ! "$VENV/bin/python" -c "import cryptography,sys; sys.exit(cryptography.__version__ != '$CRYPTOGRAPHY_VERSION')" 2>/dev/null; then
  say "setting up $VENV with cryptography==$CRYPTOGRAPHY_VERSION"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "cryptography==$CRYPTOGRAPHY_VERSION"
fi
PY="$VENV/bin/python"

# --- inputs: regenerated when missing or made by another generator/cryptography
if [ "$("$PY" "$B/gen.py" --stamp)" != "$(cat "$DATA/STAMP" 2>/dev/null)" ]; then
  say "generating inputs into $DATA (about a minute)"
  "$PY" "$B/gen.py" "$DATA"
fi

# --- the spawn helper: precise wall time, and peak RSS without the runner's own
SPAWN="$T/bench-bin/spawn"
if [ ! -x "$SPAWN" ] || [ "$B/spawn.c" -nt "$SPAWN" ]; then
  if ! command -v cc >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing gcc for scripts/bench/spawn.c"
    apt-get update -qq >/dev/null && apt-get install -y -qq gcc >/dev/null
  fi
  mkdir -p "$T/bench-bin"
  if command -v cc >/dev/null; then
    cc -O2 -o "$SPAWN" "$B/spawn.c"
  else
    say "no C compiler: peak RSS will include the Python runner's own"
  fi
fi
spawn_opt=()
[ -x "$SPAWN" ] && spawn_opt=(--spawn "$SPAWN")

commit="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
[ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ] && commit="$commit (with uncommitted changes)"

# --- the hash floor (../shared/bench/hashfloor), measured in the same run
floor_opt=()
FLOOR_SRC="$ROOT/../shared/bench/hashfloor"
if [ -f "$FLOOR_SRC/Cargo.toml" ]; then
  cargo build --quiet --release --manifest-path "$FLOOR_SRC/Cargo.toml" --target-dir "$T/hashfloor" >&2
  floor_opt=(--hashfloor "$T/hashfloor/release/hashfloor")
else
  say "no $FLOOR_SRC: the hash floor is not measured"
fi
baseline_opt=()
[ -n "${BASELINE:-}" ] && baseline_opt=(--baseline "$BASELINE")

"$PY" "$B/run.py" --certinfo "$CERTINFO" "${dynamic_opt[@]}" "${floor_opt[@]}" "${baseline_opt[@]}" --data "$DATA" --python "$PY" \
  --runs "${RUNS:-7}" --big-runs "${BIG_RUNS:-3}" --commit "$commit of $ROOT" \
  --out "$OUT" "${spawn_opt[@]}" "$@"
say "report written to $OUT; total $(( $(date +%s) - start )) s"
