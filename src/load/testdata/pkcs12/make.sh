#!/usr/bin/env bash
# Regenerates the PKCS#12 fixtures used by the unit tests of src/load/pkcs12/.
#
# Needs OpenSSL 3 (with the legacy provider), keytool from JDK 17+, and python3
# with `cryptography`. Keys are EC P-256 so the files stay small. Password
# "changeit" unless the name says otherwise.
#
# Not regenerated here:
# - rfc9579-a1.p12, rfc9579-a3.p12, rfc9579-a6.p12: the PBMAC1 test vectors of
#   RFC 9579 Appendix A.1, A.3 and A.6 (password "1234"; A.6 is invalid: no PBKDF2
#   keyLength). OpenSSL 3.0 and JDK 17 cannot write PBMAC1.
# - pyca-no-password.p12: `pkcs12/no-password.p12` of the PyPI package
#   cryptography-vectors 50.0.2 (Apache-2.0 OR BSD-3-Clause): MAC and RC2-40/3DES
#   encryption under the NULL (zero-length) password, which no tool here writes.
set -euo pipefail
cd "$(dirname "$0")"
PW=changeit
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
legacy=(-provider legacy -provider default)
# keytool appends to an existing store: start from scratch (keeping the copied files).
find . -maxdepth 1 -name '*.p12' ! -name 'rfc9579-*' ! -name 'pyca-no-password.p12' -delete

# --- a three-level EC chain: Test Root -> Test Intermediate -> leaf.example.com
for k in root int leaf other; do
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp/$k.key" 2>/dev/null
done
openssl req -x509 -new -key "$tmp/root.key" -subj "/CN=Test Root" -days 7300 \
  -addext basicConstraints=critical,CA:true -out "$tmp/root.pem"
openssl req -x509 -new -key "$tmp/int.key" -subj "/CN=Test Intermediate" -days 7300 \
  -CA "$tmp/root.pem" -CAkey "$tmp/root.key" -addext basicConstraints=critical,CA:true \
  -out "$tmp/int.pem"
openssl req -x509 -new -key "$tmp/leaf.key" -subj "/CN=leaf.example.com" -days 3650 \
  -CA "$tmp/int.pem" -CAkey "$tmp/int.key" -addext basicConstraints=CA:false \
  -out "$tmp/leaf.pem"
openssl req -x509 -new -key "$tmp/other.key" -subj "/CN=Other Self-Signed" -days 3650 \
  -out "$tmp/other.pem"
cat "$tmp/int.pem" "$tmp/root.pem" > "$tmp/chain.pem"
cat "$tmp/leaf.pem" "$tmp/int.pem" "$tmp/root.pem" > "$tmp/all.pem"

export_p12() { # out, extra args...
  local out="$1"; shift
  openssl pkcs12 -export -in "$tmp/leaf.pem" -inkey "$tmp/leaf.key" -certfile "$tmp/chain.pem" \
    -name "My Leaf" "$@" -out "$out"
}

# --- OpenSSL 3.0
export_p12 ossl-default.p12 -passout pass:$PW                  # PBES2 AES-256, HMAC-SHA256 MAC
export_p12 ossl-legacy.p12 -legacy -passout pass:$PW           # RC2-40 certs, 3DES key, SHA1 MAC
export_p12 rc2-40-3des.p12 "${legacy[@]}" -certpbe PBE-SHA1-RC2-40 -keypbe PBE-SHA1-3DES -macalg sha1 -passout pass:$PW
export_p12 rc2-128.p12 "${legacy[@]}" -certpbe PBE-SHA1-RC2-128 -keypbe PBE-SHA1-RC2-128 -passout pass:$PW
export_p12 2des.p12 "${legacy[@]}" -certpbe PBE-SHA1-2DES -keypbe PBE-SHA1-2DES -passout pass:$PW
export_p12 rc4-128.p12 "${legacy[@]}" -certpbe PBE-SHA1-RC4-128 -keypbe PBE-SHA1-RC4-128 -passout pass:$PW
export_p12 rc4-40.p12 "${legacy[@]}" -certpbe PBE-SHA1-RC4-40 -keypbe PBE-SHA1-RC4-40 -passout pass:$PW
export_p12 md5-des.p12 "${legacy[@]}" -certpbe PBE-MD5-DES -keypbe PBE-SHA1-DES -macalg md5 -passout pass:$PW
export_p12 aes128-sha512mac.p12 -certpbe AES-128-CBC -keypbe AES-128-CBC -macalg sha512 -passout pass:$PW
export_p12 aes192-sha1mac.p12 -certpbe AES-192-CBC -keypbe AES-192-CBC -macalg sha1 -passout pass:$PW
export_p12 pbes2-3des-des-sha384mac.p12 "${legacy[@]}" -certpbe DES-EDE3-CBC -keypbe DES-CBC -macalg sha384 -passout pass:$PW
export_p12 sha224mac.p12 -macalg sha224 -passout pass:$PW
export_p12 none-nomac.p12 -certpbe NONE -keypbe NONE -nomac -passout pass:$PW
export_p12 legacy-nomac.p12 -legacy -nomac -passout pass:$PW
export_p12 empty-pass.p12 -passout pass:
export_p12 fuzz-legacy.p12 "${legacy[@]}" -certpbe PBE-SHA1-RC2-40 -keypbe PBE-SHA1-3DES -iter 2 -passout pass:$PW  # cheap to decrypt: for
export_p12 fuzz-aes.p12 -certpbe AES-256-CBC -keypbe AES-256-CBC -iter 2 -passout pass:$PW             # the mutation test (MAC stripped there)
openssl pkcs12 -export -in "$tmp/leaf.pem" -inkey "$tmp/leaf.key" -certfile "$tmp/chain.pem" \
  -name "ÜNÏCODE Ключ ☺" -passout pass:ünïcødé -out utf8-pass.p12     # PBES2 over UTF-8, BMP MAC
openssl pkcs12 -export -in "$tmp/leaf.pem" -inkey "$tmp/leaf.key" -certfile "$tmp/chain.pem" \
  -passout pass:$PW -out noname.p12                           # key without friendlyName -> alias "1"
openssl pkcs12 -export -nokeys -in "$tmp/all.pem" -passout pass:$PW -out certs-only.p12
openssl pkcs12 -export -nocerts -inkey "$tmp/leaf.key" -name "Lonely Key" -passout pass:$PW -out key-only.p12

# --- python cryptography, NoEncryption: unencrypted bags, MAC over the empty BMP password
python3 - "$tmp" <<'PY'
import sys
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
d = sys.argv[1]
load = lambda n: x509.load_pem_x509_certificate(open(f"{d}/{n}.pem", "rb").read())
key = serialization.load_pem_private_key(open(f"{d}/leaf.key", "rb").read(), None)
data = pkcs12.serialize_key_and_certificates(
    b"null pass", key, load("leaf"), [load("int"), load("root")], serialization.NoEncryption())
open("pyca-noenc.p12", "wb").write(data)
PY

# --- keytool (JDK 17)
kt() { keytool -storetype PKCS12 -storepass $PW -keypass $PW "$@" >/dev/null 2>&1; }
cp ossl-default.p12 "$tmp/src.p12"
kt -importkeystore -srckeystore "$tmp/src.p12" -srcstorepass $PW -destkeystore kt-default.p12 \
   -srcalias "my leaf" -destalias "Server Key"
kt -genkeypair -keystore kt-default.p12 -alias client -keyalg EC -groupname secp256r1 -dname "CN=Client"
kt -importcert -noprompt -keystore kt-default.p12 -alias "Root CA" -file "$tmp/root.pem"
kt -genseckey -keystore kt-default.p12 -alias "Secret AES" -keyalg AES -keysize 128
kt -J-Dkeystore.pkcs12.legacy -genkeypair -keystore kt-legacy.p12 -alias legacy -keyalg EC \
   -groupname secp256r1 -dname "CN=Legacy"
kt -J-Dkeystore.pkcs12.legacy -importcert -noprompt -keystore kt-legacy.p12 -alias other -file "$tmp/other.pem"
kt -J-Dkeystore.pkcs12.keyProtectionAlgorithm=PBEWithHmacSHA512AndAES_256 \
   -J-Dkeystore.pkcs12.certProtectionAlgorithm=PBEWithHmacSHA384AndAES_128 \
   -J-Dkeystore.pkcs12.macAlgorithm=HmacPBESHA512 \
   -genkeypair -keystore kt-sha512.p12 -alias sha512 -keyalg EC -groupname secp256r1 -dname "CN=SHA512"
kt -J-Dkeystore.pkcs12.keyProtectionAlgorithm=PBEWithHmacSHA224AndAES_128 \
   -J-Dkeystore.pkcs12.certProtectionAlgorithm=PBEWithHmacSHA1AndAES_256 \
   -J-Dkeystore.pkcs12.macAlgorithm=HmacPBESHA224 \
   -genkeypair -keystore kt-sha224.p12 -alias sha224 -keyalg EC -groupname secp256r1 -dname "CN=SHA224"
kt -J-Dkeystore.pkcs12.macAlgorithm=HmacPBESHA384 \
   -genkeypair -keystore kt-sha384mac.p12 -alias sha384 -keyalg EC -groupname secp256r1 -dname "CN=SHA384"
kt -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE \
   -importcert -noprompt -keystore kt-trust-nomac.p12 -alias "Root CA" -file "$tmp/root.pem"
kt -J-Dkeystore.pkcs12.certProtectionAlgorithm=NONE -J-Dkeystore.pkcs12.macAlgorithm=NONE \
   -importcert -noprompt -keystore kt-trust-nomac.p12 -alias other -file "$tmp/other.pem"

# --- BER re-encodings (see ber.py)
python3 ber.py ossl-default.p12 ber-default.p12                # PFX level only: MAC stays valid
python3 ber.py ossl-legacy.p12 ber-legacy.p12
python3 ber.py --deep none-nomac.p12 ber-deep-nomac.p12        # every level, chunked cert OCTET STRINGs
python3 ber.py --deep --strip-mac fuzz-legacy.p12 ber-deep-legacy-nomac.p12  # chunked [0] IMPLICIT encryptedContent

ls -l ./*.p12
