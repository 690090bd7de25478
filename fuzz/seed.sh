#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from samples/ and the loaders'
# test fixtures (src/load/testdata/) into fuzz/corpus/<target>/ (git-ignored).
# Files are named by their SHA-1, as libFuzzer names what it adds, so running
# this again over a grown corpus only adds the seeds that are missing.
#
#   pem       every file holding a "-----BEGIN " line
#   der       *.der / *.cer / *.crt files that are not PEM (model_diff: the same)
#   pkcs12    *.p12 / *.pfx, each six times: one byte selecting the password
#             (0 none, 1 "changeit", 2 "", 3 "password", 4 "cryptography",
#             5 "1234"; see fuzz_targets/common.rs), then the file
#   jks       *.jks / *.jceks (and anything starting FEEDFEED / CECECECE),
#             with the same six password bytes (each also with its high bit
#             set, 80-85: the CLI's real iteration limits instead of 10,000)
#   resources recipes: shape, count and limits bytes, then each certificate
#             of samples/pem/single (fuzz_targets/resources.rs)
#   pkcs7     *.p7b / *.p7c / *.p7m / *.p7s, and PKCS#7 DER found by content
#   identity  samples/remote/client: each certificate file (and, after a
#             `#KEY` line, each key file), with password bytes 00 and 01
#   trust     samples/trust's CRLs and OCSP responses, and its certificates
#   pipeline  everything above, as is (no password byte)
#
# Usage: fuzz/seed.sh            (from anywhere)
set -euo pipefail
cd "$(dirname "$0")/.."
out=fuzz/corpus
mkdir -p "$out"/{pem,der,model_diff,pkcs12,jks,pkcs7,pipeline,resources,identity,trust}

# add TARGET FILE [PREFIX-BYTE]: copies FILE (after the byte) into the corpus.
add() {
    local target=$1 file=$2 prefix=${3-} tmp sum
    tmp=$(mktemp)
    if [ -n "$prefix" ]; then printf "\\x$prefix" >"$tmp"; fi
    cat "$file" >>"$tmp"
    sum=$(sha1sum "$tmp" | cut -c1-40)
    mv "$tmp" "$out/$target/$sum"
}

magic() { head -c 4 "$1" | od -An -tx1 | tr -d ' \n'; }

# A DER SEQUENCE whose first element is an OID (06): a PKCS#7 ContentInfo.
is_pkcs7_der() {
    local -a b
    read -r -a b < <(head -c 16 "$1" | od -An -v -tu1 | tr '\n' ' ')
    [ "${#b[@]}" -ge 4 ] && [ "${b[0]}" -eq 48 ] || return 1
    local l=${b[1]} i=2
    if [ "$l" -gt 128 ]; then i=$((2 + (l & 127))); fi
    [ "$i" -lt "${#b[@]}" ] && [ "${b[$i]}" -eq 6 ]
}

n=0
while IFS= read -r -d '' f; do
    case "$f" in
        *.md | *.tsv | *.py | *.sh | *.java | */.gitattributes) continue ;;
    esac
    n=$((n + 1))
    add pipeline "$f"
    lower=$(printf '%s' "$f" | tr '[:upper:]' '[:lower:]')
    m=$(magic "$f")
    if grep -q -a -- '-----BEGIN ' "$f"; then
        add pem "$f"
    fi
    case "$lower" in
        *.p12 | *.pfx)
            for p in 00 01 02 03 04 05 80 81 82 83 84 85; do add pkcs12 "$f" "$p"; done
            continue ;;
        *.p7b | *.p7c | *.p7m | *.p7s)
            grep -q -a -- '-----BEGIN ' "$f" || add pkcs7 "$f"
            continue ;;
    esac
    if [ "$m" = feedfeed ] || [ "$m" = cececece ]; then
        for p in 00 01 02 03 04 05 80 81 82 83 84 85; do add jks "$f" "$p"; done
        continue
    fi
    case "$lower" in
        *.der | *.cer | *.crt)
            if ! grep -q -a -- '-----BEGIN ' "$f"; then
                if is_pkcs7_der "$f"; then add pkcs7 "$f"; else add der "$f"; add model_diff "$f"; fi
            fi ;;
    esac
done < <(find samples src/load/testdata -type f -print0 | sort -z)

# resources: a few recipes (shape, count, limits bytes) for eight DER
# certificates; the substitution names the file before mv moves it.
while IFS= read -r -d '' f; do
    for recipe in '\x00\xf0\x00' '\x01\xf0\x00' '\x02\x80\x00' '\x03\xf0\x00' \
        '\x00\xf0\x01' '\x01\x40\x05' '\x02\xf0\x13' '\x00\xf0\x30'; do
        tmp=$(mktemp)
        printf "$recipe" >"$tmp"
        cat "$f" >>"$tmp"
        mv "$tmp" "$out/resources/$(sha1sum "$tmp" | cut -c1-40)"
    done
done < <(find samples/der -name '*.der' -print0 | sort -z | head -z -n 8)

# identity: certificate files alone, and with each key file after `#KEY`.
client=samples/remote/client
for c in "$client"/*.p12 "$client"/*.pem samples/remote/self-signed.pem; do
    for p in 00 01; do add identity "$c" "$p"; done
    for k in "$client"/*key*; do
        tmp=$(mktemp)
        { cat "$c"; printf '\n#KEY\n'; cat "$k"; } >"$tmp"
        for p in 00 01; do add identity "$tmp" "$p"; done
        rm -f "$tmp"
    done
done

# trust: CRLs and OCSP responses (DER), and each certificate and CRL as DER.
tmp=$(mktemp)
for f in samples/trust/*.der samples/trust/*.pem; do
    case "$f" in *.der) add trust "$f"; continue ;; esac
    if openssl x509 -in "$f" -outform DER -out "$tmp" 2>/dev/null; then add trust "$tmp"; fi
    if openssl crl -in "$f" -outform DER -out "$tmp" 2>/dev/null; then add trust "$tmp"; fi
done
rm -f "$tmp"

echo "seeded from $n files:"
for t in pem der pkcs12 jks pkcs7 pipeline resources identity trust; do
    printf '  %-9s %5d inputs\n' "$t" "$(find "$out/$t" -type f | wc -l)"
done
