#!/bin/sh
# Chains for `check --trust`, `--intermediates` and `--crl` (issue 17), made
# with openssl 3 (`openssl ca`, fixed dates) and keytool; the reference instant
# of the tests is NOW = 2026-01-15T00:00:00Z. Keys are made afresh on every run
# (the tests read the files, never their bytes).
#
#   root.pem                CN=certinfo Trust Root (RSA 2048), 2020 -> 2040
#   inter.pem               CN=certinfo Trust Intermediate (P-256), by the root, 2020 -> 2035
#   leaf.pem                CN=leaf.trust.test (P-256), by the intermediate, 2025 -> 2027
#   chain.pem               leaf + intermediate (what a server sends)
#   chain-with-root.pem     leaf + intermediate + root
#   forged.pem              a leaf with the real leaf's names, signed by an unrelated key
#                           whose certificate copies the intermediate's name and key id,
#                           followed by the real intermediate
#   leaf-only.pem           the leaf alone (its intermediate missing)
#   expired-issuer.pem      a leaf (2025 -> 2027) + its intermediate that expired 2025-06-01
#   nc-root.pem             a root permitting only DNS names under allowed.test
#   nc-inside.pem           inside.allowed.test, by nc-root
#   nc-outside.pem          outside.other.test, by nc-root (violates the constraint)
#   crl-revoked.pem         the intermediate's CRL revoking the leaf (2026-01-01 -> 2026-02-01)
#   crl-empty.der           the intermediate's CRL revoking nothing, DER
#   crl-expired.pem         the intermediate's CRL that ran out on 2026-01-10
#   crl-forged.pem          a CRL revoking the leaf, signed by the unrelated key
#   sha1-chain.pem          a leaf signed SHA1withRSA by sha1-root.pem (SHA256withRSA root)
#   dsa-chain.pem           a leaf signed SHA256withDSA by dsa-root.pem (DSA 2048)
#   leaf-key.pem            the leaf's key (for the fixture TLS server of tests/cli/remote.rs)
#   ocsp-good.der           an OCSP response for the leaf, good, signed by the intermediate
#   ocsp-revoked.der        the same, revoked
#   ocsp-forged.der         revoked, signed by the unrelated key (its certificate included)
#   truststore.jks          the root as a trusted entry, JKS, password changeit
#   truststore.p12          the same, PKCS#12 (keytool), password changeit
#   openssl-verify.tsv      what `openssl verify -attime NOW` says of each chain
#   openssl-ocsp.tsv        what `openssl ocsp -respin` says of each OCSP response
#
#   cd samples/trust && sh make.sh
set -eu
cd "$(dirname "$0")"
W=$(mktemp -d /tmp/certinfo-trust.XXXXXX)
trap 'rm -rf "$W"' EXIT
NOW_EPOCH=1768435200

cat > "$W/ca.cnf" <<CNF
[ca]
default_ca = CA_default
[CA_default]
dir = $W/db
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
crlnumber = \$dir/crlnumber
default_md = sha256
default_crl_days = 30
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[nc_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
nameConstraints = critical,permitted;DNS:allowed.test
[forged_ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = \${ENV::SKI}
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = \${ENV::SAN}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[crl_ext]
authorityKeyIdentifier = keyid
CNF

# db NAME: a fresh CA database (each issuer its own, so its CRL lists only its own).
db() {
    rm -rf "$W/db"; mkdir -p "$W/db/new"
    : > "$W/db/index.txt"; printf '%s\n' "$1" > "$W/db/serial"; echo 01 > "$W/db/crlnumber"
}
key() { openssl genpkey -quiet "$@"; }
# sign OUT SUBJECT KEY ISSUER_CERT ISSUER_KEY EXT START END [MD]
sign() {
    openssl req -new -key "$3" -subj "$2" -config "$W/ca.cnf" -out "$W/req.csr"
    if [ "$4" = self ]; then issuer="-selfsign"; else issuer="-cert $4"; fi
    openssl ca -batch -config "$W/ca.cnf" $issuer -keyfile "$5" -in "$W/req.csr" \
        -extfile "$W/ca.cnf" -extensions "$6" -startdate "$7" -enddate "$8" \
        -md "${9:-sha256}" -notext -out "$1" 2>/dev/null
}
K=$W
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$K/root.key"
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/inter.key"
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/leaf.key"
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/evil.key"
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$K/old.key"
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$K/nc.key"
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$K/sha1.key"
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$K/dsa.param" 2>/dev/null
openssl genpkey -paramfile "$K/dsa.param" -out "$K/dsa.key"

SAN=DNS:ca.invalid; export SAN SKI=hash; export SKI
db 1000; sign root.pem "/CN=certinfo Trust Root/O=certinfo trust" "$K/root.key" self "$K/root.key" ca_ext 20200101000000Z 20400101000000Z
sign inter.pem "/CN=certinfo Trust Intermediate/O=certinfo trust" "$K/inter.key" root.pem "$K/root.key" ca_ext 20200101000000Z 20350101000000Z
sign old-inter.pem "/CN=certinfo Trust Expired Intermediate/O=certinfo trust" "$K/old.key" root.pem "$K/root.key" ca_ext 20200101000000Z 20250601000000Z

db 2000; SAN=DNS:leaf.trust.test
sign leaf.pem "/CN=leaf.trust.test" "$K/leaf.key" inter.pem "$K/inter.key" leaf_ext 20250101000000Z 20270101000000Z
cat leaf.pem inter.pem > chain.pem
cp "$K/leaf.key" leaf-key.pem
# ocsp RESPONSE-FILE SIGNER-CERT SIGNER-KEY: an OCSP response for the leaf, from the database.
ocsp() {
    openssl ocsp -issuer inter.pem -cert leaf.pem -no_nonce -reqout "$W/req.der" >/dev/null 2>&1
    openssl ocsp -index "$W/db/index.txt" -CA inter.pem -rsigner "$2" -rkey "$3" -reqin "$W/req.der" \
        -respout "$1" -ndays 3650 >/dev/null 2>&1
}
ocsp ocsp-good.der inter.pem "$K/inter.key"
cat leaf.pem inter.pem root.pem > chain-with-root.pem
cp leaf.pem leaf-only.pem
openssl ca -batch -config "$W/ca.cnf" -cert inter.pem -keyfile "$K/inter.key" -gencrl \
    -crl_lastupdate 20260101000000Z -crl_nextupdate 20260110000000Z -crlexts crl_ext -out crl-expired.pem 2>/dev/null
openssl ca -batch -config "$W/ca.cnf" -cert inter.pem -keyfile "$K/inter.key" -gencrl \
    -crl_lastupdate 20260101000000Z -crl_nextupdate 20260201000000Z -crlexts crl_ext -out "$W/empty.pem" 2>/dev/null
openssl crl -in "$W/empty.pem" -outform DER -out crl-empty.der
openssl ca -batch -config "$W/ca.cnf" -cert inter.pem -keyfile "$K/inter.key" -revoke leaf.pem \
    -crl_reason keyCompromise 2>/dev/null
# Revoked on 2026-01-05, before NOW (openssl ca dates a revocation at the clock).
sed 's/^R\t\([0-9]*Z\)\t[0-9]*Z/R\t\1\t260105000000Z/' "$W/db/index.txt" > "$W/db/index.new"
mv "$W/db/index.new" "$W/db/index.txt"
openssl ca -batch -config "$W/ca.cnf" -cert inter.pem -keyfile "$K/inter.key" -gencrl \
    -crl_lastupdate 20260101000000Z -crl_nextupdate 20260201000000Z -crlexts crl_ext -out crl-revoked.pem 2>/dev/null
ocsp ocsp-revoked.der inter.pem "$K/inter.key"
cp "$W/db/index.txt" "$W/leaf-index.txt"

# The forger: a CA certificate with the intermediate's name and key id, on its own key.
SKI=$(openssl x509 -in inter.pem -noout -ext subjectKeyIdentifier | tail -1 | tr -d ' ')
db 3000; sign "$W/evil-ca.pem" "/CN=certinfo Trust Intermediate/O=certinfo trust" "$K/evil.key" self "$K/evil.key" forged_ca_ext 20200101000000Z 20350101000000Z
SKI=hash
sign "$W/forged-leaf.pem" "/CN=leaf.trust.test" "$K/leaf.key" "$W/evil-ca.pem" "$K/evil.key" leaf_ext 20250101000000Z 20270101000000Z
cat "$W/forged-leaf.pem" inter.pem > forged.pem
openssl ocsp -issuer inter.pem -cert leaf.pem -no_nonce -reqout "$W/req.der" >/dev/null 2>&1
openssl ocsp -index "$W/leaf-index.txt" -CA inter.pem -rsigner "$W/evil-ca.pem" -rkey "$K/evil.key" \
    -reqin "$W/req.der" -respout ocsp-forged.der -ndays 3650 >/dev/null 2>&1
openssl ca -batch -config "$W/ca.cnf" -cert "$W/evil-ca.pem" -keyfile "$K/evil.key" -revoke leaf.pem 2>/dev/null || true
openssl ca -batch -config "$W/ca.cnf" -cert "$W/evil-ca.pem" -keyfile "$K/evil.key" -gencrl \
    -crl_lastupdate 20260101000000Z -crl_nextupdate 20260201000000Z -out crl-forged.pem 2>/dev/null

db 4000; SAN=DNS:old-leaf.trust.test
sign "$W/old-leaf.pem" "/CN=old-leaf.trust.test" "$K/leaf.key" old-inter.pem "$K/old.key" leaf_ext 20250101000000Z 20270101000000Z
cat "$W/old-leaf.pem" old-inter.pem > expired-issuer.pem

db 5000; SAN=DNS:ca.invalid
sign nc-root.pem "/CN=certinfo Constrained Root" "$K/nc.key" self "$K/nc.key" nc_ext 20200101000000Z 20400101000000Z
SAN=DNS:inside.allowed.test
sign nc-inside.pem "/CN=inside.allowed.test" "$K/leaf.key" nc-root.pem "$K/nc.key" leaf_ext 20250101000000Z 20270101000000Z
SAN=DNS:outside.other.test
sign nc-outside.pem "/CN=outside.other.test" "$K/leaf.key" nc-root.pem "$K/nc.key" leaf_ext 20250101000000Z 20270101000000Z

db 6000; SAN=DNS:ca.invalid
sign sha1-root.pem "/CN=certinfo SHA-1 Root" "$K/sha1.key" self "$K/sha1.key" ca_ext 20200101000000Z 20400101000000Z
SAN=DNS:sha1.trust.test
sign "$W/sha1-leaf.pem" "/CN=sha1.trust.test" "$K/leaf.key" sha1-root.pem "$K/sha1.key" leaf_ext 20250101000000Z 20270101000000Z sha1
cat "$W/sha1-leaf.pem" sha1-root.pem > sha1-chain.pem

db 7000; SAN=DNS:ca.invalid
sign dsa-root.pem "/CN=certinfo DSA Root" "$K/dsa.key" self "$K/dsa.key" ca_ext 20200101000000Z 20400101000000Z
SAN=DNS:dsa.trust.test
sign "$W/dsa-leaf.pem" "/CN=dsa.trust.test" "$K/leaf.key" dsa-root.pem "$K/dsa.key" leaf_ext 20250101000000Z 20270101000000Z
cat "$W/dsa-leaf.pem" dsa-root.pem > dsa-chain.pem

rm -f truststore.jks truststore.p12
keytool -importcert -noprompt -alias trustroot -file root.pem -keystore truststore.jks \
    -storetype jks -storepass changeit >/dev/null 2>&1
keytool -importcert -noprompt -alias trustroot -file root.pem -keystore truststore.p12 \
    -storetype pkcs12 -storepass changeit >/dev/null 2>&1

# What openssl verify says (the chain's first certificate, the rest as -untrusted).
verify() {
    name=$1; shift
    first=$W/first.pem; rest=$W/rest.pem
    openssl x509 -in "$name" -out "$first"
    awk 'BEGIN{n=0} /BEGIN CERT/{n++} n>1' "$name" > "$rest"
    set -- "$@" -attime $NOW_EPOCH
    [ -s "$rest" ] && set -- "$@" -untrusted "$rest"
    if out=$(openssl verify "$@" "$first" 2>&1); then v=ok; else
        v=$(printf '%s\n' "$out" | sed -n 's/^error \([0-9]*\) at.*/error \1/p' | head -1); fi
    printf '%s\t%s\t%s\n' "$name" "$*" "$v" | sed "s|$W/||g" >> openssl-verify.tsv
}
printf '# chain\topenssl verify options (the chain'"'"'s first certificate verified, the rest -untrusted)\tverdict\n' > openssl-verify.tsv
verify chain.pem -CAfile root.pem
verify chain-with-root.pem -CAfile root.pem
verify forged.pem -CAfile root.pem
verify leaf-only.pem -CAfile root.pem
verify expired-issuer.pem -CAfile root.pem
verify nc-inside.pem -CAfile nc-root.pem
verify nc-outside.pem -CAfile nc-root.pem
verify chain.pem -CAfile root.pem -crl_check -CRLfile crl-revoked.pem
verify chain.pem -CAfile root.pem -crl_check -CRLfile crl-expired.pem
verify chain.pem -CAfile root.pem -crl_check -CRLfile crl-forged.pem
verify sha1-chain.pem -CAfile sha1-root.pem
verify dsa-chain.pem -CAfile dsa-root.pem
verify chain.pem -CAfile nc-root.pem

# What openssl ocsp says of each stapled response (verified against the root).
printf '# response\topenssl ocsp -respin RESPONSE -issuer inter.pem -cert leaf.pem -CAfile root.pem -attime NOW\n' > openssl-ocsp.tsv
for r in ocsp-good.der ocsp-revoked.der ocsp-forged.der; do
    out=$(openssl ocsp -respin "$r" -issuer inter.pem -cert leaf.pem -CAfile root.pem -attime $NOW_EPOCH 2>&1 || true)
    if printf '%s' "$out" | grep -q 'Response Verify Failure'; then v='verify failure'
    else v=$(printf '%s\n' "$out" | sed -n 's/^leaf.pem: //p'); fi
    printf '%s\t%s\n' "$r" "$v" >> openssl-ocsp.tsv
done
