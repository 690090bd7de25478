#!/bin/sh
# What openssl and keytool say each `list -f pem` test input holds (issue 19):
# the SHA-256 of every certificate, read by the tools themselves from the
# input (not from certinfo), one line per input:
#   <input relative to samples/> TAB <sha256 hex, lower case, sorted, space-separated>
# tests/cli/exports.rs reads certinfo's PEM output back with openssl and
# compares. Run from anywhere; rewrites pem-sha256.tsv.
set -eu
cd "$(dirname "$0")/.."
out=exports/pem-sha256.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Fingerprints of every CERTIFICATE block on stdin, sorted, on one line.
fingerprints() {
    awk -v dir="$tmp" '/-----BEGIN CERTIFICATE-----/{n++; f=dir "/b" n ".pem"} f{print > f} /-----END CERTIFICATE-----/{close(f); f=""}'
    for b in "$tmp"/b*.pem; do
        openssl x509 -in "$b" -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
        rm -f "$b"
    done | sort | tr '\n' ' ' | sed 's/ $//'
}

row() { printf '%s\t%s\n' "$1" "$(cat | fingerprints)"; }

: > "$out"
{
    cat trust/chain-with-root.pem | row trust/chain-with-root.pem
    openssl x509 -inform DER -in der/names/all-attributes.der | row der/names/all-attributes.der
    openssl pkcs7 -inform DER -in keystores/pkcs7/chain-der.p7b -print_certs | row keystores/pkcs7/chain-der.p7b
    openssl pkcs7 -in keystores/pkcs7/chain.p7b -print_certs | row keystores/pkcs7/chain.p7b
    for p in default extra-certs; do
        openssl pkcs12 -in keystores/openssl/$p.p12 -nokeys -passin pass:changeit | row keystores/openssl/$p.p12
    done
    for p in keystores/openssl/legacy.p12 keystores/keytool/kt-legacy.p12; do
        openssl pkcs12 -legacy -in $p -nokeys -passin pass:changeit | row $p
    done
    for s in kt.jks kt.jceks; do
        keytool -list -rfc -keystore keystores/keytool/$s -storepass changeit 2>/dev/null | row keystores/keytool/$s
    done
} >> "$out"
cat "$out"
