#!/usr/bin/env bash
# Runs the Java reference oracle (../shared/oracle/oracle, OpenJDK 17) over every
# file under samples/ and writes its JSON, pretty-printed, to
#   tests/expected/oracle/utc/<path under samples>.json   (TZ=UTC)
#   tests/expected/oracle/la/<path under samples>.json    (TZ=America/Los_Angeles)
# plus tests/expected/oracle/MANIFEST.tsv (path, password mode, format,
# entries, error) for a quick overview.
#
# Passwords come from samples/passwords.tsv (`<empty>` = the empty password,
# `<none>` = no password at all: the oracle runs without --password, Java's
# null password, and so does the test). A PKCS#12 file without a line there is
# given the empty password, as certinfo tries it when none is given (SPEC
# section 2); other files get none.
# --now 2026-01-15T00:00:00Z fixes the one value Java would take from the clock
# (the creation date of a PKCS#12 key entry without certificates).
#
# Usage: scripts/make-goldens.sh            (from anywhere)
# Env:   ORACLE=/path/to/oracle            (default: <repo>/../shared/oracle/oracle)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SAMPLES="$REPO/samples"
ORACLE="${ORACLE:-$REPO/../shared/oracle/oracle}"
OUT="$REPO/tests/expected/oracle"
NOW=2026-01-15T00:00:00Z

[[ -x $ORACLE ]] || { echo "make-goldens.sh: oracle not found at $ORACLE" >&2; exit 1; }
[[ -f $SAMPLES/passwords.tsv ]] || { echo "make-goldens.sh: run samples/make.sh first" >&2; exit 1; }

W="$(mktemp -d /tmp/certinfo-goldens.XXXXXX)"
trap 'rm -rf "$W"' EXIT

# Every sample file: everything under samples/ except the generator and its docs.
( cd "$SAMPLES" && find . -type f ! -path './make.sh' ! -path './helper.py' ! -path './README.md' \
    ! -path './passwords.tsv' ! -path './.gitattributes' ! -name '*.pyc' ! -name '*.md' ! -name '*.py' ! -name '*.sh' | sed 's|^\./||' | LC_ALL=C sort ) > "$W/files"

rm -rf "$OUT/utc" "$OUT/la"
mkdir -p "$OUT"

# The batch list: in<TAB>password-or-'-'<TAB>out.  Done in Python so that any
# password (even one with spaces or non-ASCII) passes unchanged.
python3 - "$SAMPLES" "$W" <<'EOF'
import os, sys
samples, w = sys.argv[1], sys.argv[2]
pws = {}
for line in open(os.path.join(samples, "passwords.tsv"), encoding="utf-8"):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    path, pw = line.split("\t", 1)
    pws[path] = {"<empty>": "", "<none>": None}.get(pw, pw)

def looks_pkcs12(path):
    # the oracle's own rule: a DER SEQUENCE whose first element is an INTEGER
    with open(path, "rb") as f:
        b = f.read(8)
    if len(b) < 4 or b[0] != 0x30:
        return False
    i = 2 if b[1] < 0x80 else 2 + (b[1] & 0x7F) if b[1] != 0x80 else 2
    return i < len(b) and b[i] == 0x02

files = open(os.path.join(w, "files"), encoding="utf-8").read().split("\n")
manifest_pw = open(os.path.join(w, "pwmode"), "w", encoding="utf-8")
for zone in ("utc", "la"):
    with open(os.path.join(w, "batch-" + zone), "w", encoding="utf-8") as out:
        for rel in filter(None, files):
            full = os.path.join(samples, rel)
            if rel in pws and pws[rel] is None:
                pw, mode = "-", "none (null password)"
            elif rel in pws:
                pw, mode = pws[rel], ("empty" if pws[rel] == "" else "given")
            elif looks_pkcs12(full):
                pw, mode = "", "empty (none recorded)"
            else:
                pw, mode = "-", "none"
            if pw == "-" and not mode.startswith("none"):
                raise SystemExit("password '-' cannot be passed to the oracle: " + rel)
            out.write("%s\t%s\t%s\n" % (full, pw, os.path.join(w, zone, rel + ".json")))
            if zone == "utc":
                manifest_pw.write("%s\t%s\n" % (rel, mode))
EOF

for zone in utc la; do
  case $zone in utc) tz=UTC ;; la) tz=America/Los_Angeles ;; esac
  echo "oracle, TZ=$tz: $(wc -l < "$W/files") files..." >&2
  TZ=$tz "$ORACLE" --now "$NOW" --batch "$W/batch-$zone"
done

# Pretty-print (2-space indent, key order and values unchanged) into tests/expected/oracle.
python3 - "$W" "$OUT" <<'EOF'
import json, os, sys
w, out = sys.argv[1], sys.argv[2]
modes = dict(l.rstrip("\n").split("\t", 1) for l in open(os.path.join(w, "pwmode"), encoding="utf-8"))
rows = []
for zone in ("utc", "la"):
    for rel in sorted(modes):
        src = os.path.join(w, zone, rel + ".json")
        doc = json.load(open(src, encoding="utf-8"))
        dst = os.path.join(out, zone, rel + ".json")
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "w", encoding="utf-8") as f:
            json.dump(doc, f, indent=2, ensure_ascii=False)
            f.write("\n")
        if zone == "utc":
            err = doc.get("error") or ""
            rows.append((rel, modes[rel], doc.get("format") or "", str(doc.get("entryCount")), err))
with open(os.path.join(out, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
    f.write("# sample\tpassword given to the oracle\tformat\tentries\terror (TZ=UTC run)\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
ok = sum(1 for r in rows if not r[4])
print("oracle read %d of %d files; %d errors (see %s)" % (ok, len(rows), len(rows) - ok,
      os.path.join(out, "MANIFEST.tsv")), file=sys.stderr)
EOF
