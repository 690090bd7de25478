#!/bin/sh
# Regenerates the PKCS#7 fixtures of src/load/pkcs7.rs with OpenSSL 3. Keys
# and dates are new on every run; the tests check structure, not values.
#
#   chain.pem                   the 3 certificates (leaf, intermediate, root) in order
#   crl2pkcs7.p7b               crl2pkcs7 -nocrl, DER: a degenerate SignedData with 3 certificates
#   crl2pkcs7.pem               the same as a PEM "PKCS7" block (read by the PEM loader)
#   with-crl.p7b                crl2pkcs7 with a CRL: certificates [0] and crls [1]
#   no-certs.p7b                crl2pkcs7 with the CRL only: SignedData without certificates
#   cms-sign-stream.p7s         cms -sign -stream -outform DER: BER, indefinite lengths
#                               (as Windows writes); 2 certificates, signed content inside
#   cms-sign-nodetach.p7s       cms -sign -nodetach -outform DER: DER with content
#   enveloped.p7m               cms -encrypt: an envelopedData ContentInfo (not supported)
set -eu
cd "$(dirname "$0")"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
rm -f ./*.p7b ./*.p7s ./*.p7m ./*.pem

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/root.key" \
  -subj "/O=certinfo/CN=P7 Root" -days 3650 -out "$T/root.pem" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$T/int.key" \
  -subj "/O=certinfo/CN=P7 Intermediate" -out "$T/int.csr" 2>/dev/null
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=keyCertSign,cRLSign\n' >"$T/ca.ext"
openssl x509 -req -in "$T/int.csr" -CA "$T/root.pem" -CAkey "$T/root.key" -CAcreateserial \
  -days 1825 -extfile "$T/ca.ext" -out "$T/int.pem" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$T/leaf.key" -subj "/CN=p7.example.com" \
  -out "$T/leaf.csr" 2>/dev/null
printf 'subjectAltName=DNS:p7.example.com\n' >"$T/leaf.ext"
openssl x509 -req -in "$T/leaf.csr" -CA "$T/int.pem" -CAkey "$T/int.key" -CAcreateserial \
  -days 365 -extfile "$T/leaf.ext" -out "$T/leaf.pem" 2>/dev/null
cat "$T/leaf.pem" "$T/int.pem" "$T/root.pem" >chain.pem

openssl crl2pkcs7 -nocrl -certfile chain.pem -outform DER -out crl2pkcs7.p7b
openssl crl2pkcs7 -nocrl -certfile chain.pem -out crl2pkcs7.pem

# A CRL from the intermediate, for the crls [1] field.
: >"$T/index.txt"
echo 01 >"$T/crlnumber"
cat >"$T/ca.cnf" <<CNF
[ca]
default_ca = d
[d]
database = $T/index.txt
crlnumber = $T/crlnumber
default_md = sha256
default_crl_days = 30
CNF
openssl ca -config "$T/ca.cnf" -gencrl -keyfile "$T/int.key" -cert "$T/int.pem" -out "$T/crl.pem" 2>/dev/null
openssl crl2pkcs7 -in "$T/crl.pem" -certfile chain.pem -outform DER -out with-crl.p7b
openssl crl2pkcs7 -in "$T/crl.pem" -outform DER -out no-certs.p7b

printf 'signed content\n' >"$T/msg.txt"
openssl cms -sign -stream -outform DER -in "$T/msg.txt" -signer "$T/leaf.pem" -inkey "$T/leaf.key" \
  -certfile "$T/int.pem" -out cms-sign-stream.p7s
openssl cms -sign -nodetach -outform DER -in "$T/msg.txt" -signer "$T/leaf.pem" -inkey "$T/leaf.key" \
  -certfile "$T/int.pem" -out cms-sign-nodetach.p7s
openssl cms -encrypt -outform DER -in "$T/msg.txt" -aes256 -out enveloped.p7m "$T/leaf.pem"
ls -l
