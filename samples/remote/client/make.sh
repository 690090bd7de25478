#!/bin/sh
# Client identities for tests/cli/remote.rs, in the shapes real tools write
# them, all with the password "changeit" (the test reads it with --password-env):
#   ed25519.p12           openssl pkcs12 -export (PBES2 AES-256-CBC, SHA-256 MAC)
#   ed25519-3des.p12      openssl pkcs12 -export with the old 3DES/SHA-1 PBEs
#   ed25519-keytool.p12   keytool -importkeystore of ed25519.p12 (Java's PKCS#12)
#   ed25519-key-aes.pem   ENCRYPTED PRIVATE KEY, PBES2 AES-256-CBC (openssl pkey -aes256)
#   ed25519-key-3des.der  EncryptedPrivateKeyInfo DER, PBE-SHA1-3DES (openssl pkcs8 -v1)
#   ed25519-bundle.pem    the certificate and its encrypted key in one file
#   ec.pem                a P-256 self-signed client certificate (CN=ec-client.test)
#   ec-key-legacy.pem     its key, EC PRIVATE KEY with Proc-Type/DEK-Info AES-256-CBC
#   rsa.pem               an RSA 2048 self-signed client certificate (CN=rsa-client.test)
#   rsa-key-legacy.pem    its key, RSA PRIVATE KEY with DEK-Info DES-EDE3-CBC
#   rsa-key.der           its key, PKCS#1 DER, not encrypted
#   ed25519.jks           the Ed25519 identity in a JKS (refused: not a client store)
#   password              the password, for --password-file
#   memory-probe.p12      the Ed25519 identity under the password tests/cli/secrets.rs
#   memory-probe-key.pem  looks for in memory (its key as ENCRYPTED PRIVATE KEY too)
# The Ed25519 identity is ../self-signed.pem (made by ../make.py).
#
#   cd samples/remote/client && sh make.sh     # needs openssl 3 and keytool
set -eu
pw=pass:changeit
src=../self-signed.pem
openssl pkcs12 -export -in $src -inkey $src -name client -passout $pw -out ed25519.p12
openssl pkcs12 -export -in $src -inkey $src -name client -passout $pw \
    -certpbe PBE-SHA1-3DES -keypbe PBE-SHA1-3DES -macalg sha1 -out ed25519-3des.p12
rm -f ed25519-keytool.p12
keytool -importkeystore -noprompt -srckeystore ed25519.p12 -srcstoretype pkcs12 \
    -srcstorepass changeit -destkeystore ed25519-keytool.p12 -deststoretype pkcs12 \
    -deststorepass changeit >/dev/null 2>&1
openssl pkey -in $src -aes256 -passout $pw -out ed25519-key-aes.pem
openssl pkcs8 -topk8 -in $src -v1 PBE-SHA1-3DES -passout $pw -outform DER -out ed25519-key-3des.der
{ openssl x509 -in $src; cat ed25519-key-aes.pem; } > ed25519-bundle.pem
ext="-addext basicConstraints=critical,CA:FALSE -addext extendedKeyUsage=clientAuth"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ec-key.tmp \
    -subj /CN=ec-client.test -days 7300 $ext -out ec.pem 2>/dev/null
openssl ec -in ec-key.tmp -aes256 -passout $pw -out ec-key-legacy.pem 2>/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -keyout rsa-key.tmp \
    -subj /CN=rsa-client.test -days 7300 $ext -out rsa.pem 2>/dev/null
openssl rsa -in rsa-key.tmp -traditional -des3 -passout $pw -out rsa-key-legacy.pem 2>/dev/null
openssl rsa -in rsa-key.tmp -traditional -outform DER -out rsa-key.der 2>/dev/null
rm -f ec-key.tmp rsa-key.tmp
rm -f ed25519.jks
keytool -importkeystore -noprompt -srckeystore ed25519.p12 -srcstoretype pkcs12 \
    -srcstorepass changeit -destkeystore ed25519.jks -deststoretype jks \
    -deststorepass changeit >/dev/null 2>&1
printf 'changeit\n' > password
probe=pass:probe-7Qx2-Wv9k-secret-Lm4n-Rt8p-Zc3d-Hy6w
openssl pkcs12 -export -in $src -inkey $src -name client -passout $probe -out memory-probe.p12
openssl pkey -in $src -aes256 -passout $probe -out memory-probe-key.pem
