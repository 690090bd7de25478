#!/bin/sh
# Fixtures for `certinfo inspect` (issue 19): certificates that carry every
# extension inspect decodes, a CSR in each spelling, a CRL with reasons, and
# the openssl -text output of each (the tests compare certinfo's decoded values
# with them, so they need no openssl at run time). Made with openssl 3
# (`openssl ca`, fixed dates and serials) and python3 for the two byte strings
# openssl cannot write (an SCT list, a broken extension) and a CSR whose
# signature is spoiled. Keys are made afresh on every run; the expectations are
# remade with them.
#
#   ca.pem                 CN=certinfo Inspect CA (RSA 2048, e=65537), self-signed:
#                          basic constraints (pathlen 1), key usage, SKI, AKI,
#                          name constraints, policy constraints, inhibit anyPolicy,
#                          policy mappings, certificate policies (anyPolicy)
#   full.pem               CN=full.inspect.test (P-256), by ca: basic constraints,
#                          key usage, EKU (serverAuth, clientAuth, an unnamed OID),
#                          SAN (DNS, IPv4, IPv6, email, URI, dirName), issuer alt
#                          name, SKI, AKI (key id, issuer, serial), CRL distribution
#                          points, AIA (OCSP, CA issuers), certificate policies
#                          (OIDs, a CPS URI, a user notice), TLS feature, an SCT
#                          list, a Netscape comment and an unknown extension
#   malformed.pem          CN=malformed.inspect.test, by ca: a SAN whose contents
#                          are cut short, beside readable extensions
#   v1.pem                 a version 1 certificate (no extensions), by ca
#   full-key.pem           full.pem's certificate followed by its key (PKCS#8)
#   full.p12               the same as PKCS#12, password changeit
#   req.pem                a CSR (CERTIFICATE REQUEST) with requested extensions
#   req-new.pem            the same CSR labelled NEW CERTIFICATE REQUEST
#   req.der                the same CSR, DER
#   req-badsig.pem         the CSR with one bit of its signature flipped
#   crl.pem / crl.der      ca's CRL revoking three serials: keyCompromise,
#                          superseded, no reason; CRL number and AKI
#   *.txt                  openssl x509/req/crl -text -noout of each
#
#   cd samples/inspect && sh make.sh
set -eu
cd "$(dirname "$0")"
W=$(mktemp -d /tmp/certinfo-inspect.XXXXXX)
trap 'rm -rf "$W"' EXIT

# An SCT list (RFC 6962 §3.3) with two SCTs of made-up logs: the extension's
# value as DER hex (an OCTET STRING around the TLS-encoded list).
SCT=$(python3 - <<'PY'
import struct
def sct(log, ts):
    body = bytes([0]) + bytes([log]) * 32 + struct.pack(">Q", ts) + struct.pack(">H", 0)
    sig = bytes(range(8))
    body += bytes([4, 3]) + struct.pack(">H", len(sig)) + sig
    return struct.pack(">H", len(body)) + body
lst = sct(0xAA, 1767225600123) + sct(0xBB, 1767312000456)
tls = struct.pack(">H", len(lst)) + lst
print("04" + "%02x" % len(tls) + tls.hex() if len(tls) < 128 else "0481%02x" % len(tls) + tls.hex())
PY
)
export SCT

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
organizationalUnitName = optional
countryName = optional
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE,pathlen:1
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical,permitted;DNS:inspect.test,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.inspect.test,excluded;email:evil.test
policyConstraints = critical,requireExplicitPolicy:2,inhibitPolicyMapping:3
inhibitAnyPolicy = critical,1
policyMappings = 1.3.6.1.4.1.55555.1:1.3.6.1.4.1.55555.2
certificatePolicies = 2.5.29.32.0
[full_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyAgreement
extendedKeyUsage = serverAuth,clientAuth,1.3.6.1.4.1.55555.7
subjectAltName = @san
issuerAltName = email:ca@inspect.test,URI:https://ca.inspect.test/
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always,issuer:always
crlDistributionPoints = URI:http://crl.inspect.test/ca.crl,URI:ldap://ldap.inspect.test/cn=ca
authorityInfoAccess = OCSP;URI:http://ocsp.inspect.test/,caIssuers;URI:http://ca.inspect.test/ca.cer
certificatePolicies = 2.23.140.1.2.1,@policy
tlsfeature = status_request
1.3.6.1.4.1.11129.2.4.2 = DER:\${ENV::SCT}
nsComment = "inspect fixture"
1.3.6.1.4.1.55555.99 = ASN1:UTF8String:an unknown extension
[san]
DNS.1 = full.inspect.test
DNS.2 = *.full.inspect.test
IP.1 = 10.1.2.3
IP.2 = 2001:db8::1
email.1 = admin@inspect.test
URI.1 = https://full.inspect.test/path
dirName.1 = dir_sect
[dir_sect]
C = NZ
O = certinfo
CN = directory name
[policy]
policyIdentifier = 1.3.6.1.4.1.55555.3
CPS.1 = https://cps.inspect.test/cps
userNotice.1 = @notice
[notice]
explicitText = "Fixture notice"
[malformed_ext]
basicConstraints = CA:FALSE
keyUsage = digitalSignature
2.5.29.17 = DER:300782056162
subjectKeyIdentifier = hash
[req_ext]
subjectAltName = DNS:req.inspect.test,IP:192.0.2.7
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
basicConstraints = CA:FALSE
[crl_ext]
authorityKeyIdentifier = keyid
CNF

rm -rf "$W/db"; mkdir -p "$W/db/new"
: > "$W/db/index.txt"; echo 1000 > "$W/db/serial"; echo 07 > "$W/db/crlnumber"
key() { openssl genpkey -quiet "$@"; }
# sign OUT SUBJECT KEY ISSUER_CERT ISSUER_KEY EXT START END
sign() {
    openssl req -new -key "$3" -subj "$2" -config "$W/ca.cnf" -out "$W/req.csr"
    if [ "$4" = self ]; then issuer="-selfsign"; else issuer="-cert $4"; fi
    openssl ca -batch -config "$W/ca.cnf" $issuer -keyfile "$5" -in "$W/req.csr" \
        -extfile "$W/ca.cnf" -extensions "$6" -startdate "$7" -enddate "$8" \
        -notext -out "$1" 2>/dev/null
}
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/ca.key"
key -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$W/full.key"
key -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$W/other.key"

sign ca.pem "/C=NZ/O=certinfo/CN=certinfo Inspect CA" "$W/ca.key" self "$W/ca.key" ca_ext 20200101000000Z 20400101000000Z
sign full.pem "/C=NZ/O=certinfo/OU=inspect/CN=full.inspect.test" "$W/full.key" ca.pem "$W/ca.key" full_ext 20250101000000Z 20270101000000Z
sign malformed.pem "/CN=malformed.inspect.test" "$W/other.key" ca.pem "$W/ca.key" malformed_ext 20250101000000Z 20270101000000Z
# Version 1: no extensions at all (openssl ca writes v1 when given none).
openssl req -new -key "$W/other.key" -subj "/CN=v1.inspect.test" -config "$W/ca.cnf" -out "$W/req.csr"
openssl ca -batch -config "$W/ca.cnf" -cert ca.pem -keyfile "$W/ca.key" -in "$W/req.csr" \
    -startdate 20250101000000Z -enddate 20260201000000Z -notext -out v1.pem 2>/dev/null

cat full.pem > full-key.pem
openssl pkcs8 -topk8 -nocrypt -in "$W/full.key" >> full-key.pem
openssl pkcs12 -export -in full.pem -inkey "$W/full.key" -certfile ca.pem -name full \
    -passout pass:changeit -out full.p12

openssl req -new -key "$W/full.key" -subj "/C=NZ/O=certinfo/CN=req.inspect.test" \
    -config "$W/ca.cnf" -reqexts req_ext -out req.pem
sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/' req.pem > req-new.pem
openssl req -in req.pem -outform DER -out req.der
python3 - <<'PY'
der = bytearray(open("req.der", "rb").read())
der[-3] ^= 0x01  # inside the signature value
open("bad.der", "wb").write(bytes(der))
PY
openssl req -inform DER -in bad.der -out req-badsig.pem 2>/dev/null
rm bad.der
# The CRL: three revocations, dated in the index (openssl ca dates them at the clock).
for r in keyCompromise superseded none; do
    openssl req -new -key "$W/other.key" -subj "/CN=revoked-$r.inspect.test" -config "$W/ca.cnf" -out "$W/req.csr"
    openssl ca -batch -config "$W/ca.cnf" -cert ca.pem -keyfile "$W/ca.key" -in "$W/req.csr" \
        -startdate 20250101000000Z -enddate 20270101000000Z -notext -out "$W/$r.pem" 2>/dev/null
    if [ "$r" = none ]; then
        openssl ca -batch -config "$W/ca.cnf" -cert ca.pem -keyfile "$W/ca.key" -revoke "$W/$r.pem" 2>/dev/null
    else
        openssl ca -batch -config "$W/ca.cnf" -cert ca.pem -keyfile "$W/ca.key" -revoke "$W/$r.pem" -crl_reason "$r" 2>/dev/null
    fi
done
sed 's/^R\t\([0-9]*Z\)\t[0-9]*Z/R\t\1\t260105000000Z/' "$W/db/index.txt" > "$W/db/index.new"
mv "$W/db/index.new" "$W/db/index.txt"
openssl ca -batch -config "$W/ca.cnf" -cert ca.pem -keyfile "$W/ca.key" -gencrl \
    -crl_lastupdate 20260101000000Z -crl_nextupdate 20260201000000Z -crlexts crl_ext -out crl.pem 2>/dev/null
openssl crl -in crl.pem -outform DER -out crl.der

for c in ca full malformed v1; do openssl x509 -in $c.pem -text -noout > $c.txt; done
openssl req -in req.pem -text -noout > req.txt
openssl crl -in crl.pem -text -noout > crl.txt
