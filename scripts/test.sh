#!/usr/bin/env bash
# The README's test command: installs what the tests use as real consumers
# (when it is missing), then runs every test with CERTINFO_REQUIRE_TOOLS=1,
# so that a missing tool fails the run instead of passing the test over.
#   junitparser  reads the `check -f junit` report (tests/cli/check.rs)
#   html5lib     strict HTML5 parsing of `-f html` (tests/cli/html.rs)
#   cryptography the fixture scripts' and the stress run's helper
#   prometheus_client  parses `-f prometheus` (tests/cli/exports.rs)
#   jsonschema   validates `inspect -f json` against docs/inspect.schema.json (tests/cli/inspect.rs)
#   chromium     renders `-f html` headless (tests/cli/html.rs)
#   gdb          stops certinfo at exit to search its memory (tests/cli/secrets.rs)
#   tzdata       dates are printed in TZ zones read from /usr/share/zoneinfo
# Usage: scripts/test.sh [cargo test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

py=()
for m in junitparser html5lib cryptography prometheus_client jsonschema; do
    python3 -c "import $m" 2>/dev/null || py+=("$m")
done
if [ ${#py[@]} -gt 0 ]; then
    python3 -m pip install --quiet --disable-pip-version-check "${py[@]}" \
        || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages "${py[@]}"
fi
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -f /usr/share/zoneinfo/America/Los_Angeles ] || need+=(tzdata)
command -v gdb >/dev/null || need+=(gdb)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
CERTINFO_REQUIRE_TOOLS=1 exec cargo test --locked "$@"
