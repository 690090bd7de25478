#!/usr/bin/env bash
# Records what keytool and openssl print for a set of single-certificate
# samples, so the tests can compare certinfo with them without Java:
#   tests/expected/keytool/<rel>.txt   keytool -printcert -file <sample>  (TZ=UTC)
#   tests/expected/openssl/<rel>.txt   openssl x509 -noout -serial -fingerprint -sha1/-sha256
# Run from anywhere after samples/make.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/expected
rm -rf "$out/keytool" "$out/openssl"
n=0
for f in samples/pem/{keys,names,san,serial,sigalg,dates,version,keyusage}/*.pem; do
  rel=${f#samples/}
  mkdir -p "$out/keytool/$(dirname "$rel")" "$out/openssl/$(dirname "$rel")"
  if TZ=UTC keytool -J-Duser.language=en -J-Duser.country=US -printcert -file "$f" \
       > "$out/keytool/$rel.txt" 2>/dev/null; then :; else rm -f "$out/keytool/$rel.txt"; fi
  { openssl x509 -in "$f" -noout -serial
    openssl x509 -in "$f" -noout -fingerprint -sha1
    openssl x509 -in "$f" -noout -fingerprint -sha256
  } > "$out/openssl/$rel.txt" 2>/dev/null || rm -f "$out/openssl/$rel.txt"
  n=$((n+1))
done
echo "recorded keytool and openssl output for $n samples"
