#!/bin/sh
# Regenerates the JKS/JCEKS fixtures of src/load/jks/ with keytool and java
# (OpenJDK 17). Store and key password: changeit. Creation dates and keys are
# new on every run; the tests check structure, not values.
#
#   jks-key-chain-trusted.jks     JKS v2: "My Server" RSA key + 2-cert chain (leaf, CA),
#                                 trusted "Root CA" and "zürich-ключ-😀" (non-ASCII, an
#                                 emoji = surrogate pair in modified UTF-8); keytool
#                                 lower-cases the mixed-case aliases when it writes
#   jceks-key-trusted-secret.jceks JCEKS: EC P-384 key "Signer" (self-signed), AES-128 and
#                                 HmacSHA256 secret keys (Java-serialized SealedObjects),
#                                 trusted "Root CA"
#   jks-case-exact.jks            written by CaseExactJKS: alias "MixedCase Alias" kept as
#                                 typed (Java's JKS loader returns it as stored)
#   serial-*.bin                  one Java serialization stream each (SerialSamples.java)
set -eu
cd "$(dirname "$0")"
export LANG=C.UTF-8 # keytool reads the non-ASCII alias from argv as UTF-8
P=changeit
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# keytool nags about JKS being proprietary on every call; keep real errors.
kt() { keytool "$@" -storepass $P 2>&1 | grep -v -e proprietary -e '^$' -e '^Warning:' >&2 || true; }
rm -f ./*.jks ./*.jceks ./serial-*.bin

kt -genkeypair -keystore "$T/ca.p12" -storetype PKCS12 -alias ca -keyalg EC -groupname secp256r1 \
  -dname "CN=Test Root CA, O=certinfo" -ext bc:c -startdate 2024/01/01 -validity 3650
kt -exportcert -keystore "$T/ca.p12" -alias ca -rfc -file "$T/ca.pem"

J=jks-key-chain-trusted.jks
kt -genkeypair -keystore $J -storetype JKS -keypass $P -alias "My Server" -keyalg RSA -keysize 2048 \
  -dname "CN=server.example.com" -startdate 2024/02/01 -validity 365
keytool -certreq -keystore $J -storepass $P -alias "My Server" 2>/dev/null |
  keytool -gencert -keystore "$T/ca.p12" -storepass $P -alias ca -ext san=dns:server.example.com \
    -startdate 2024/02/01 -validity 365 -rfc >"$T/leaf.pem"
kt -importcert -noprompt -keystore $J -alias "Root CA" -file "$T/ca.pem"
kt -importcert -noprompt -keystore $J -alias "My Server" -file "$T/leaf.pem"
kt -importcert -noprompt -keystore $J -alias "zürich-ключ-😀" -file "$T/ca.pem"

C=jceks-key-trusted-secret.jceks
kt -genkeypair -keystore $C -storetype JCEKS -keypass $P -alias Signer -keyalg EC -groupname secp384r1 \
  -dname "CN=signer" -startdate 2024/03/01 -validity 100
kt -genseckey -keystore $C -storetype JCEKS -keypass $P -alias "AES Key" -keyalg AES -keysize 128
kt -genseckey -keystore $C -storetype JCEKS -keypass $P -alias hmac -keyalg HmacSHA256 -keysize 256
kt -importcert -noprompt -keystore $C -storetype JCEKS -alias "Root CA" -file "$T/ca.pem"

kt -genkeypair -keystore jks-case-exact.jks -storetype CaseExactJKS -keypass $P -alias "MixedCase Alias" -keyalg EC \
  -groupname secp256r1 -dname "CN=mixed" -startdate 2024/04/01 -validity 30

java SerialSamples.java .
ls -l
