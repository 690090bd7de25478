#!/usr/bin/env bash
# Regenerates the `-f html` samples (tests/cli/html.rs). Needs openssl 3.
#
#   script-subject.pem  one self-signed certificate whose subject is hostile
#                       to HTML: <script>, an <img onerror>, `&`, both quotes
#                       and non-ASCII text (2025-01-01 -> 2035-01-01).
#   mixed.pem           four certificates seen at NOW = 2026-01-15T00:00:00Z
#                       (SOURCE_DATE_EPOCH=1768435200, as in samples/check/):
#                         root CA        2020-01-01 -> 2045-01-01  valid (on web-valid's chain: IDENTITY)
#                         web-valid      2025-01-01 -> 2027-06-30  valid, with its private key (IDENTITY)
#                         web-expiring   2025-01-27 -> 2026-01-27  expires in 12 days (TRUST)
#                         web-expired    2025-01-12 -> 2026-01-12  expired 3 days before NOW (TRUST)
#
# Dates and serials are fixed; keys and signatures are random, so fingerprints
# change on every run (the tests read them from certinfo's own JSON).
set -euo pipefail

D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # samples/html/
command -v openssl >/dev/null || { echo "make.sh: openssl not found" >&2; exit 1; }
W="$(mktemp -d /tmp/certinfo-html.XXXXXX)"
trap 'rm -rf "$W"' EXIT

cat > "$W/ca.cnf" <<CNF
[ca]
default_ca = CA_default
[CA_default]
database = $W/index.txt
new_certs_dir = $W
serial = $W/serial
default_md = sha256
policy = policy_any
unique_subject = no
string_mask = utf8only
[policy_any]
commonName = optional
[req]
distinguished_name = req_dn
[req_dn]
[v3_root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = \$ENV::SAN
CNF

# issue OUT SUBJ KEY SIGNER(self|CA name) SERIAL START END EXT SAN
issue() {
  local out=$1 subj=$2 key=$3 signer=$4 serial=$5 start=$6 end=$7 ext=$8
  export SAN=$9
  : > "$W/index.txt"; echo "$serial" > "$W/serial"
  openssl req -new -config "$W/ca.cnf" -key "$key" -subj "/CN=csr" -out "$W/tmp.csr"
  local sargs
  if [[ $signer == self ]]; then sargs=(-selfsign -keyfile "$key")
  else sargs=(-cert "$W/$signer.crt" -keyfile "$W/$signer.key"); fi
  if ! openssl ca -config "$W/ca.cnf" -batch -notext -preserveDN -utf8 \
       -subj "$subj" -in "$W/tmp.csr" -startdate "$start" -enddate "$end" \
       -extfile "$W/ca.cnf" -extensions "$ext" "${sargs[@]}" -out "$out" > "$W/ca.log" 2>&1; then
    echo "make.sh: openssl ca failed for $out" >&2; cat "$W/ca.log" >&2; exit 1
  fi
}
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/$1.key" 2>/dev/null; }

# ------------------------------------------------------------ script-subject
# In -subj, `/` separates attributes and `\` escapes; `<>&"'=` pass through.
# Attributes are given most general first, so Java prints CN first.
key script
issue "$W/script.crt" \
  "/C=CH/L=Zürich & Genève/O=<img src=x onerror=\"document.body.dataset.pwned=1\">/OU=<script>document.title='pwned'<\/script>/CN=<script>alert(1)<\/script> & \"Q\" 'A' Müller" \
  "$W/script.key" self 1F01 20250101000000Z 20350101000000Z leaf \
  "DNS:xss.example.com, DNS:<b>bold</b>.example.com, email:\"q\"&amp@example.com"
openssl x509 -in "$W/script.crt" -out "$D/script-subject.pem"

# ------------------------------------------------------------------- mixed
key root; key valid; key expiring; key expired
issue "$W/root.crt" "/C=US/O=certinfo Test/CN=certinfo HTML Root CA" "$W/root.key" self 1F10 \
  20200101000000Z 20450101000000Z v3_root ""
issue "$W/valid.crt" "/C=US/O=certinfo Test/CN=web-valid.example.com" "$W/valid.key" root 1F11 \
  20250101000000Z 20270630000000Z leaf "DNS:web-valid.example.com, DNS:www.web-valid.example.com"
issue "$W/expiring.crt" "/C=US/O=certinfo Test/CN=web-expiring.example.com" "$W/expiring.key" root 1F12 \
  20250127000000Z 20260127000000Z leaf "DNS:web-expiring.example.com"
issue "$W/expired.crt" "/C=US/O=certinfo Test/CN=web-expired.example.com" "$W/expired.key" root 1F13 \
  20250112000000Z 20260112000000Z leaf "DNS:web-expired.example.com, IP:192.0.2.7"
{
  echo "# certinfo -f html sample: see samples/html/make.sh"
  openssl x509 -in "$W/valid.crt"
  openssl pkey -in "$W/valid.key"
  openssl x509 -in "$W/root.crt"
  openssl x509 -in "$W/expiring.crt"
  openssl x509 -in "$W/expired.crt"
} > "$D/mixed.pem"
echo "make.sh: wrote $D/script-subject.pem and $D/mixed.pem"
