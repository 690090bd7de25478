#!/bin/sh
# Regenerates data/java-zone-names.tsv from the JDK's time-zone data and names.
# Run from the repository root: tools/zones/generate.sh
# Uses $JAVA_HOME/bin/java if JAVA_HOME is set, else java on PATH (a JDK 17 or later;
# the names and offsets are that JDK's). The system's tzdata.zi, if there is one, tells
# which zones have negative DST in the IANA data (else a built-in list is used).
set -eu
cd "$(dirname "$0")/../.."
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"${java}c" -d "$tmp" \
    tools/zones/JavaZoneNames.java
# -Djava.locale.providers is left at its default (CLDR,COMPAT), as keytool runs.
"$java" -cp "$tmp" --add-opens java.base/sun.util.calendar=ALL-UNNAMED \
    --add-opens java.base/java.time.zone=ALL-UNNAMED --add-opens java.base/java.util=ALL-UNNAMED \
    JavaZoneNames "${TZDIR:-/usr/share/zoneinfo}/tzdata.zi" >"$tmp/out.tsv"
mv "$tmp/out.tsv" data/java-zone-names.tsv
echo "wrote data/java-zone-names.tsv ($(grep -vc '^#' data/java-zone-names.tsv) zones)"
