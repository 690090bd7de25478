#!/usr/bin/env bash
# Builds certinfo as it is shipped and benchmarked, and prints the binary's path.
#
#   scripts/build-release.sh            # then: "$(scripts/build-release.sh)" show cert.pem
#
# On glibc Linux the binary is linked statically (static-pie): no dynamic
# loader, no libgcc_s and its CPU probe at start-up.  That is a quarter of a
# millisecond of every `certinfo show` on the 2-core benchmark VM (BENCHMARKS.md).
# certinfo calls nothing in glibc that needs dlopen (no NSS, no iconv), so a
# static glibc is safe here.  `+crt-static` is passed with an explicit --target
# so that it reaches only the target's crates: build scripts and proc-macros are
# host crates and cannot be static.  Elsewhere this is `cargo build --release`.
# A build option for shipping and benchmarking; CI does not run it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
host="$(rustc -vV | sed -n 's/^host: //p')"
case "$host" in
  *-linux-gnu)
    RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+crt-static" \
      cargo build --release --locked --target "$host" >&2
    echo "$ROOT/target/$host/release/certinfo"
    ;;
  *)
    cargo build --release --locked >&2
    echo "$ROOT/target/release/certinfo"
    ;;
esac
