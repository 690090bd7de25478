#!/usr/bin/env bash
# Regenerates every fixture under samples/ (see samples/README.md).
#
# Needs: openssl 3.0 (with the legacy provider), keytool (JDK 17), python3 with
# the `cryptography` package (for samples/helper.py), unzip, and either
# /tmp/cv/cryptography_vectors-50.0.2-py3-none-any.whl or pip (to download
# cryptography-vectors==50.0.2).
#
# Certificate dates and serials are fixed; keys, signatures and keystore salts
# are random, and JKS/JCEKS/keytool-PKCS#12 creation dates are the time the
# script ran, so the oracle goldens must be regenerated with
# scripts/make-goldens.sh after every run of this script.
#
# Reference instant for samples/check/: NOW = 2026-01-15T00:00:00Z.
set -euo pipefail

S="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"   # samples/
H="$S/helper.py"
VECTORS_VERSION=50.0.2
PASS=changeit

for tool in openssl keytool python3 unzip; do
  command -v "$tool" >/dev/null || { echo "make.sh: $tool not found" >&2; exit 1; }
done
python3 -c 'import cryptography' 2>/dev/null || {
  echo "make.sh: python3 needs the cryptography package (pip install cryptography)" >&2; exit 1; }

W="$(mktemp -d /tmp/certinfo-samples.XXXXXX)"
trap 'rm -rf "$W"' EXIT
K="$W/keys"; C="$W/ca"
mkdir -p "$K" "$C" "$W/newcerts"

# Start from a clean tree: everything generated lives in these folders.
rm -rf "$S/pem" "$S/der" "$S/check" "$S/keystores" "$S/bad" "$S/roots" "$S/vectors" "$S/passwords.tsv"
mkdir -p "$S"/pem/{keys,sigalg,names,san,keyusage,serial,dates,version,containers} \
         "$S/check" "$S"/keystores/{openssl,keytool,pkcs7} "$S/bad" "$S/roots" "$S/vectors"

printf '# relative path (under samples/)\tpassword   (absent = no password; <empty> = the empty password; <none> = no password, even for PKCS#12)\n' > "$S/passwords.tsv"
pw() { printf '%s\t%s\n' "$1" "$2" >> "$S/passwords.tsv"; }

# ---------------------------------------------------------------- openssl ca
cat > "$W/ca.cnf" <<EOF
oid_section = new_oids
[new_oids]
unknownAttr = 1.3.6.1.4.1.55555.1.2
[ca]
default_ca = CA_default
[CA_default]
database = $W/index.txt
new_certs_dir = $W/newcerts
serial = $W/serial
default_md = default
policy = policy_any
unique_subject = no
email_in_dn = yes
string_mask = utf8only
[CA_legacy_strings]
database = $W/index.txt
new_certs_dir = $W/newcerts
serial = $W/serial
default_md = default
policy = policy_any
unique_subject = no
email_in_dn = yes
# PrintableString, then T61String (Latin-1), then BMPString, then UniversalString
string_mask = default
[CA_universal_strings]
database = $W/index.txt
new_certs_dir = $W/newcerts
serial = $W/serial
default_md = default
policy = policy_any
unique_subject = no
# UniversalString only (B_ASN1_UNIVERSALSTRING)
string_mask = MASK:0x100
[policy_any]
commonName = optional
[req]
distinguished_name = req_dn
[req_dn]
EOF

# Extension sections; SAN/KU/EKU come from the environment of each call.
export SAN="DNS:example.com" KU="digitalSignature" EKU="serverAuth"
cat > "$W/ext.cnf" <<'EOF'
[v3_root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[v3_int]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[leaf]
basicConstraints = CA:FALSE
keyUsage = critical,${ENV::KU}
extendedKeyUsage = ${ENV::EKU}
subjectAltName = ${ENV::SAN}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[leaf_noku]
basicConstraints = CA:FALSE
subjectAltName = ${ENV::SAN}
subjectKeyIdentifier = hash
[ku_crit]
basicConstraints = CA:FALSE
keyUsage = critical,${ENV::KU}
[ku_noncrit]
basicConstraints = CA:FALSE
keyUsage = ${ENV::KU}
[san_only]
subjectAltName = ${ENV::SAN}
[san_crit]
subjectAltName = critical,${ENV::SAN}
[san_all]
basicConstraints = CA:FALSE
subjectAltName = @alt_all
[alt_all]
DNS.1 = www.example.com
DNS.2 = *.example.com
DNS.3 = xn--mller-kva.example
IP.1 = 192.0.2.1
IP.2 = 2001:db8::1
IP.3 = ::1
email.1 = user@example.com
URI.1 = https://example.com/path?q=1\#frag
dirName.1 = dir_sect
RID.1 = 1.2.3.4.5
otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com
otherName.2 = 1.2.3.4;IA5STRING:other value
[dir_sect]
C = DE
O = Dir Org, GmbH
CN = Dir Name
[san_ipv6]
subjectAltName = IP:2001:db8::1, IP:::, IP:::1, IP:fe80::1:2:3:4, IP:2001:db8:0:0:1:0:0:1, IP:::ffff:192.0.2.1, IP:ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff
[san_dirname]
subjectAltName = dirName:dir_sect2
[dir_sect2]
CN = Directory \"Name\"
OU = a+b
O = Dir, Org
[san_othername]
subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;UTF8:upn@example.com, otherName:1.3.6.1.5.5.7.8.9;UTF8:smtp@example.com, otherName:1.2.3.4;INTEGER:42
EOF

SERIAL_COUNTER=4096   # 0x1000; "auto" serials count up from here
next_serial() { SERIAL_COUNTER=$((SERIAL_COUNTER + 1)); SER=$(printf '%04X' "$SERIAL_COUNTER"); }
# issue OUT SUBJ KEY SIGNER SERIAL(hex|auto) START END EXT(section|none) [openssl ca args...]
#   SIGNER: self (self-signed with KEY) or the name of a CA in $C/<name>.{crt,key}
issue() {
  local out=$1 subj=$2 key=$3 signer=$4 serial=$5 start=$6 end=$7 ext=$8; shift 8
  if [[ $serial == auto ]]; then next_serial; serial=$SER; fi
  : > "$W/index.txt"; echo "$serial" > "$W/serial"
  openssl req -new -config "$W/ca.cnf" -key "$key" -subj "/CN=csr" -out "$W/tmp.csr"
  local sargs eargs=()
  if [[ $signer == self ]]; then sargs=(-selfsign -keyfile "$key")
  else sargs=(-cert "$C/$signer.crt" -keyfile "$C/$signer.key"); fi
  [[ $ext != none ]] && eargs=(-extfile "$W/ext.cnf" -extensions "$ext")
  if ! openssl ca -config "$W/ca.cnf" -batch -notext -preserveDN -utf8 -multivalue-rdn \
       -subj "$subj" -in "$W/tmp.csr" -startdate "$start" -enddate "$end" \
       "${sargs[@]}" "${eargs[@]}" "$@" -out "$out" > "$W/ca.log" 2>&1; then
    echo "make.sh: openssl ca failed for $out" >&2; cat "$W/ca.log" >&2; exit 1
  fi
}
# make a CA usable as a SIGNER: mkca NAME CERT KEY
mkca() { cp "$2" "$C/$1.crt"; cp "$3" "$C/$1.key"; }

genkey() {  # genkey NAME genpkey-args...
  local n=$1; shift
  openssl genpkey "$@" -out "$K/$n.key" 2>/dev/null
  openssl pkey -in "$K/$n.key" -pubout -out "$K/$n.pub"
}

echo "keys..." >&2
for b in 1024 2048 3072 4096; do genkey rsa$b -algorithm RSA -pkeyopt rsa_keygen_bits:$b; done
genkey rsa2048b -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey root     -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey root2    -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey int      -algorithm EC -pkeyopt ec_paramgen_curve:P-384
genkey leaf     -algorithm RSA -pkeyopt rsa_keygen_bits:2048
genkey edge     -algorithm EC -pkeyopt ec_paramgen_curve:P-256
for c in P-256 P-384 P-521 P-224 secp256k1 brainpoolP256r1; do
  genkey "ec-$c" -algorithm EC -pkeyopt ec_paramgen_curve:$c -pkeyopt ec_param_enc:named_curve
done
genkey ec-explicit -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -pkeyopt ec_param_enc:explicit
for a in ED25519 ED448 X25519 X448; do genkey "$a" -algorithm $a; done
openssl genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out "$W/dsa.param" 2>/dev/null
genkey dsa2048 -paramfile "$W/dsa.param"
genkey rsapss -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048
genkey rsapss-params -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 \
  -pkeyopt rsa_pss_keygen_md:sha256 -pkeyopt rsa_pss_keygen_mgf1_md:sha256 -pkeyopt rsa_pss_keygen_saltlen:32

# ---------------------------------------------------------------- CA hierarchy
echo "CA hierarchy..." >&2
ROOT_DN="/C=US/O=certinfo Test/CN=certinfo Test Root CA"
INT_DN="/C=US/O=certinfo Test/CN=certinfo Test Intermediate CA"
issue "$W/root.crt" "$ROOT_DN" "$K/root.key" self 1000 20200101000000Z 20450101000000Z v3_root
mkca root "$W/root.crt" "$K/root.key"
issue "$W/int.crt" "$INT_DN" "$K/int.key" root 2000 20200101000000Z 20400101000000Z v3_int
mkca int "$W/int.crt" "$K/int.key"
SAN="DNS:server.example.com,DNS:www.example.com" KU="digitalSignature,keyEncipherment" EKU="serverAuth,clientAuth" \
issue "$W/leaf.crt" "/C=US/ST=Oregon/L=Portland/O=certinfo Test/CN=server.example.com" "$K/leaf.key" int 3000 \
  20250101000000Z 20350101000000Z leaf
cat "$W/leaf.crt" "$W/int.crt" "$W/root.crt" > "$W/chain3.pem"
cat "$W/int.crt" "$W/root.crt" > "$W/cas.pem"
# an unrelated CA (for "certificate on no key's chain" cases)
issue "$W/other.crt" "/O=Other Org/CN=Unrelated Root" "$K/root2.key" self 0A0A 20210601120000Z 20410601120000Z v3_root

# ---------------------------------------------------------------- pem/keys
echo "pem/keys..." >&2
P="$S/pem/keys"
SD=20250101000000Z; ED=20350101000000Z
selfkey() {  # selfkey FILE KEYNAME [ca args]
  local f=$1 k=$2; shift 2
  SAN="DNS:$f.example.com" KU="digitalSignature" EKU="serverAuth" \
    issue "$P/$f.pem" "/O=certinfo Test/OU=keys/CN=$f" "$K/$k.key" self auto $SD $ED leaf "$@"
}
for b in 1024 2048 3072 4096; do selfkey rsa-$b rsa$b; done
selfkey ec-p256 ec-P-256
selfkey ec-p384 ec-P-384 -md sha384
selfkey ec-p521 ec-P-521 -md sha512
selfkey ec-p224 ec-P-224
selfkey ec-secp256k1 ec-secp256k1
selfkey ec-brainpoolp256r1 ec-brainpoolP256r1
selfkey ec-explicit-p256 ec-explicit
selfkey ed25519 ED25519
selfkey ed448 ED448
selfkey dsa-2048 dsa2048
selfkey rsassa-pss rsapss
selfkey rsassa-pss-params rsapss-params
# X25519 / X448 cannot sign: certify the public key with the root CA
# (openssl x509 -req -force_pubkey), then fix the dates with helper.py.
for x in X25519 X448; do
  lc=$(echo $x | tr 'A-Z' 'a-z')
  openssl req -new -config "$W/ca.cnf" -key "$K/edge.key" -subj "/O=certinfo Test/OU=keys/CN=$lc" -out "$W/x.csr"
  next_serial
  printf '[e]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,keyAgreement\nsubjectAltName=DNS:%s.example.com\n' "$lc" > "$W/x.ext"
  openssl x509 -req -in "$W/x.csr" -CA "$C/root.crt" -CAkey "$C/root.key" -force_pubkey "$K/$x.pub" \
    -set_serial "0x$SER" -days 3650 -extfile "$W/x.ext" -extensions e \
    -out "$W/x.crt" 2>/dev/null
  python3 "$H" resign "$W/x.crt" "$P/$lc.pem" --key "$C/root.key" --not-before U:250101000000Z --not-after U:350101000000Z
done

# ---------------------------------------------------------------- pem/sigalg
echo "pem/sigalg..." >&2
P="$S/pem/sigalg"
sig() {  # sig FILE KEY MD [ca args]
  local f=$1 k=$2 md=$3; shift 3
  SAN="DNS:$f.example.com" issue "$P/$f.pem" "/O=certinfo Test/OU=sigalg/CN=$f" "$K/$k.key" self auto $SD $ED leaf -md "$md" "$@"
}
sig md5-rsa rsa2048 md5
sig sha1-rsa rsa2048 sha1
sig sha224-rsa rsa2048 sha224
sig sha256-rsa rsa2048 sha256
sig sha384-rsa rsa2048 sha384
sig sha512-rsa rsa2048 sha512
sig sha3-256-rsa rsa2048 sha3-256
sig sha1-ecdsa ec-P-256 sha1
sig sha224-ecdsa ec-P-256 sha224
sig sha256-ecdsa ec-P-256 sha256
sig sha384-ecdsa ec-P-384 sha384
sig sha512-ecdsa ec-P-521 sha512
sig sha3-256-ecdsa ec-P-256 sha3-256
sig sha1-dsa dsa2048 sha1
sig sha224-dsa dsa2048 sha224
sig sha256-dsa dsa2048 sha256
sig rsapss-sha256-sig rsa2048 sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32
sig rsapss-sha384-sig rsa2048 sha384 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48
sig rsapss-sha512-sig rsa2048 sha512 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:64
# ed25519/ed448/RSASSA-PSS-key signatures: see pem/keys

# ---------------------------------------------------------------- pem/names
echo "pem/names..." >&2
P="$S/pem/names"
dn() {  # dn FILE SUBJ [ca args]
  local f=$1 subj=$2; shift 2
  SAN="DNS:$f.example.com" issue "$P/$f.pem" "$subj" "$K/edge.key" root auto $SD $ED leaf "$@"
}
dn quote            '/O=certinfo Test/CN=say "hello"'
dn comma            '/O=Acme, Inc./CN=comma'
dn plus             '/O=certinfo Test/CN=a\+b'
dn equals           '/O=certinfo Test/CN=a=b'
dn semicolon        '/O=certinfo Test/CN=a;b'
dn angle-brackets   '/O=certinfo Test/CN=<tag>'
dn hash-start       '/O=certinfo Test/CN=#start'
dn hash-middle      '/O=certinfo Test/CN=mid#dle'
dn spaces           '/O=trailing space /OU= leading space/CN=  both  '
dn inner-spaces     '/O=certinfo Test/CN=two  inner  spaces'
dn backslash        '/O=certinfo Test/CN=back\\slash'
dn all-specials     '/O=certinfo Test/CN= "q", a\+b=c; <d> \\e #f '
dn multi-valued-rdn '/C=US/O=certinfo Test/CN=Multi+OU=Valued+UID=u123'
dn multi-valued-3   '/DC=com/DC=example/OU=a+OU=b/CN=x+serialNumber=42'
dn utf8             '/C=DE/L=Zürich/O=日本株式会社/OU=Ελληνικά/CN=Müller'
dn emoji            '/O=certinfo Test/CN=smile 😀'
dn unknown-oid      '/O=certinfo Test/unknownAttr=hello/CN=unknown attribute'
dn duplicate-attrs  '/O=certinfo Test/OU=one/OU=two/OU=three/CN=dup'
dn dc               '/DC=com/DC=example/CN=host'
dn all-attributes   '/C=US/ST=Oregon/L=Portland/street=1 Main St/postalCode=97201/O=certinfo Test/OU=Unit/title=Engineer/CN=Everything/SN=Surname/GN=Given/initials=GS/generationQualifier=III/dnQualifier=dnq/serialNumber=SN-1234/emailAddress=all@example.com/UID=uid42/pseudonym=Pseudo/businessCategory=Private Organization/name=Full Name/description=a description/organizationIdentifier=VATDE-123/jurisdictionC=DE/1.2.840.113549.1.9.2=unstructured name'
dn email-only       '/emailAddress=only@example.com'
dn long-cn          '/O=certinfo Test/CN=a-very-long-common-name-that-goes-on-and-on-for-exactly-64-chars'
# string_mask=default: PrintableString, T61String (Latin-1), BMPString, UniversalString
dn printablestring  '/C=US/O=certinfo Test/CN=printable' -name CA_legacy_strings
dn t61-bmp          '/C=DE/O=日本/OU=Müller/CN=smile 😀' -name CA_legacy_strings
dn universalstring  '/CN=smile 😀 Müller' -name CA_universal_strings
# empty subject with a critical SAN (cryptography builder)
next_serial
python3 "$H" build "$P/empty-subject.pem" "$C/root.crt" "$C/root.key" "$K/edge.pub" \
  20250101000000Z 20350101000000Z "$SER"

# ---------------------------------------------------------------- pem/san
echo "pem/san..." >&2
P="$S/pem/san"
san() {  # san FILE SECTION|SAN-string
  local f=$1 s=$2
  if [[ $s == *:* ]]; then
    SAN="$s" issue "$P/$f.pem" "/O=certinfo Test/OU=san/CN=$f" "$K/edge.key" root auto $SD $ED san_only
  else
    issue "$P/$f.pem" "/O=certinfo Test/OU=san/CN=$f" "$K/edge.key" root auto $SD $ED "$s"
  fi
}
san all-types    san_all
san dns          'DNS:example.com,DNS:www.example.com,DNS:*.example.com,DNS:xn--bcher-kva.example,DNS:localhost'
san ipv4         'IP:192.0.2.1,IP:0.0.0.0,IP:255.255.255.255,IP:10.0.0.1,IP:127.0.0.1'
san ipv6         san_ipv6
san email        'email:user@example.com,email:first.last+tag@sub.example.org'
san uri          'URI:https://example.com/,URI:ldap://ldap.example.com/cn=x?y,URI:urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6'
san dirname      san_dirname
san rid          'RID:1.2.3.4,RID:1.3.6.1.4.1.55555.9'
san othername    san_othername
SAN='DNS:critical.example.com' issue "$P/critical.pem" "/O=certinfo Test/OU=san/CN=critical" "$K/edge.key" root auto $SD $ED san_crit

# ---------------------------------------------------------------- pem/keyusage
echo "pem/keyusage..." >&2
P="$S/pem/keyusage"
ku() {  # ku FILE KEYUSAGES [section]
  KU="$2" issue "$P/$1.pem" "/O=certinfo Test/OU=keyusage/CN=$1" "$K/edge.key" root auto $SD $ED "${3:-ku_crit}"
}
for b in digitalSignature nonRepudiation keyEncipherment dataEncipherment keyAgreement keyCertSign cRLSign encipherOnly decipherOnly; do
  ku "$b" "$b"
done
ku all-nine 'digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly'
ku keyagreement-encipheronly 'keyAgreement,encipherOnly'
ku keyagreement-decipheronly 'keyAgreement,decipherOnly'
ku keyagreement-both-only    'keyAgreement,encipherOnly,decipherOnly'
ku tls-server 'digitalSignature,keyEncipherment'
ku ca         'keyCertSign,cRLSign'
ku signing    'digitalSignature,nonRepudiation'
ku first-eight 'digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly'
ku non-critical 'digitalSignature,keyEncipherment' ku_noncrit
SAN=DNS:no-ku.example.com issue "$P/none.pem" "/O=certinfo Test/OU=keyusage/CN=none" "$K/edge.key" root auto $SD $ED san_only

# ---------------------------------------------------------------- pem/serial
echo "pem/serial..." >&2
P="$S/pem/serial"
ser() {  # ser FILE SERIALHEX
  SAN="DNS:$1.example.com" issue "$P/$1.pem" "/O=certinfo Test/OU=serial/CN=$1" "$K/edge.key" root "$2" $SD $ED leaf
}
ser serial-0 00
ser serial-1 01
ser serial-small-hex 0A
ser serial-20-bytes-0x80 80$(printf '%038d' 0 | tr 0 A)                      # positive, DER needs 21 bytes (00 80 ..)
ser serial-20-bytes-0x7f 7F$(printf '%038d' 0 | tr 0 F)                      # largest positive 20-byte value
ser serial-long-40-bytes 5A$(printf '%078d' 0 | tr 0 3)
rs() {  # rs FILE RAWHEX : resign the serial-1 cert with a raw serial content
  python3 "$H" resign "$P/serial-1.pem" "$P/$1.pem" --key "$C/root.key" --serial "$2"
}
rs serial-neg-1 ff
rs serial-neg-128 80
rs serial-20-bytes-negative 80$(printf '%038d' 0 | tr 0 A)                 # 20 content bytes, first 0x80: negative
rs serial-nonminimal 0001                                                 # BER-ish leading zero byte

# ---------------------------------------------------------------- pem/dates
echo "pem/dates..." >&2
P="$S/pem/dates"
dt() {  # dt FILE START END
  SAN="DNS:$1.example.com" issue "$P/$1.pem" "/O=certinfo Test/OU=dates/CN=$1" "$K/edge.key" root auto "$2" "$3" leaf
}
dt notbefore-1950-01-01        19500101000000Z 20500101000000Z   # UTCTime 500101 / GeneralizedTime 2050
dt notbefore-1969-12-31        19691231235959Z 20491231235959Z   # last second before the epoch / last UTCTime
dt notafter-9999-12-31         20250101000000Z 99991231235959Z   # RFC 5280 "no well-defined expiration"
dt notbefore-1949-generalized  19490101000000Z 20300101000000Z   # GeneralizedTime before 1950
dt epoch-0-to-2038             19700101000000Z 20380119031408Z   # 0 and 2^31 s
dt leap-day                    20240229120000Z 20280229120000Z
dt la-dst-edges                20250309095959Z 20251102085959Z   # 01:59:59 PST before spring-forward / 01:59:59 PDT
dt la-dst-after                20250309100000Z 20251102090000Z   # 03:00:00 PDT / 01:00:00 PST (second 1 o'clock)
dt same-instant                20250101000000Z 20250101000000Z   # notBefore == notAfter
dt inverted                    20300101000000Z 20250101000000Z   # notAfter < notBefore
redate() {  # redate FILE NB NA : resign the leap-day cert with raw times
  python3 "$H" resign "$P/leap-day.pem" "$P/$1.pem" --key "$C/root.key" --not-before "$2" --not-after "$3"
}
redate generalized-fraction      U:250101000000Z           G:20500101000000.123Z
redate generalized-in-utc-range  G:20250101000000Z         G:20300101000000Z
redate utctime-no-seconds        U:2501010000Z             U:3001010000Z
redate utctime-offset            U:250101000000+0100       U:300101000000-0800

# ---------------------------------------------------------------- pem/version
echo "pem/version..." >&2
P="$S/pem/version"
issue "$P/v1-self-signed.pem" "/O=certinfo Test/OU=version/CN=v1 self-signed" "$K/rsa2048b.key" self auto $SD $ED none
issue "$P/v1-issued.pem" "/O=certinfo Test/OU=version/CN=v1 issued" "$K/edge.key" root auto $SD $ED none
SAN=DNS:v3.example.com issue "$P/v3.pem" "/O=certinfo Test/OU=version/CN=v3" "$K/edge.key" root auto $SD $ED san_only
python3 "$H" resign "$P/v1-issued.pem" "$P/v3-no-extensions.pem" --key "$C/root.key" --version 2
python3 "$H" resign "$P/v1-issued.pem" "$P/v2.pem" --key "$C/root.key" --version 1

# ---------------------------------------------------------------- der twins
echo "der/..." >&2
for grp in keys sigalg names san keyusage serial dates version; do
  mkdir -p "$S/der/$grp"
  for f in "$S/pem/$grp"/*.pem; do
    b=$(basename "$f" .pem); python3 "$H" pem2der "$f" "$S/der/$grp/$b.der"
  done
done

# ---------------------------------------------------------------- pem/containers
echo "pem/containers..." >&2
P="$S/pem/containers"
cp "$W/chain3.pem" "$P/chain3.pem"
openssl pkey -in "$K/leaf.key" -out "$W/leaf.pk8"                            # PRIVATE KEY (PKCS#8)
openssl pkey -in "$K/leaf.key" -traditional -out "$W/leaf.pk1"               # RSA PRIVATE KEY (PKCS#1)
openssl pkey -in "$K/leaf.key" -aes256 -passout pass:$PASS -out "$W/leaf.enc" # ENCRYPTED PRIVATE KEY
openssl pkey -in "$K/edge.key" -traditional -out "$W/edge.sec1"              # EC PRIVATE KEY (SEC1)
SAN="DNS:ec.example.com" issue "$W/edgeleaf.crt" "/C=US/O=certinfo Test/CN=ec.example.com" "$K/edge.key" int auto $SD $ED leaf
cat "$W/leaf.crt" "$W/leaf.pk8" > "$P/leaf-then-pkcs8-key.pem"
cat "$W/leaf.pk8" "$W/leaf.crt" "$W/int.crt" "$W/root.crt" > "$P/pkcs8-key-then-chain.pem"
cat "$W/edgeleaf.crt" "$W/edge.sec1" "$W/int.crt" > "$P/ec-private-key.pem"
cat "$W/leaf.pk1" "$W/leaf.crt" "$W/int.crt" > "$P/rsa-private-key.pem"
cat "$W/leaf.crt" "$W/leaf.enc" > "$P/encrypted-private-key.pem"
grep -q 'BEGIN ENCRYPTED PRIVATE KEY' "$P/encrypted-private-key.pem"
grep -q 'BEGIN RSA PRIVATE KEY' "$P/rsa-private-key.pem"
grep -q 'BEGIN EC PRIVATE KEY' "$P/ec-private-key.pem"
sed 's/$/\r/' "$W/chain3.pem" > "$P/crlf.pem"
openssl req -new -config "$W/ca.cnf" -key "$K/edge.key" -subj "/CN=a CSR between certificates" -out "$W/between.csr"
: > "$W/index.txt"
openssl ca -config "$W/ca.cnf" -gencrl -cert "$C/root.crt" -keyfile "$C/root.key" \
  -crl_lastupdate 20250101000000Z -crl_nextupdate 20350101000000Z -out "$W/root.crl" 2>/dev/null
{
  echo "This file mixes free text, certificates and other PEM blocks."
  echo "subject=/CN=server.example.com   (text before the first block)"
  echo
  cat "$W/leaf.crt"
  echo "Some words between blocks: -----not a boundary----- BEGIN END"
  cat "$W/between.csr"
  echo
  cat "$W/root.crl"
  echo "# comment line"
  cat "$W/int.crt"
  echo "trailing text after the last block"
} > "$P/text-between-blocks.pem"
sed 's/BEGIN CERTIFICATE/BEGIN X509 CERTIFICATE/; s/END CERTIFICATE/END X509 CERTIFICATE/' "$W/leaf.crt" > "$P/x509-certificate-label.pem"
openssl x509 -in "$W/root.crt" -trustout -addtrust serverAuth -setalias "Trusted Root" -out "$P/trusted-certificate.pem"
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/cas.pem" -name "Server Cert" \
  -passout pass:$PASS -out "$W/ba.p12"
openssl pkcs12 -in "$W/ba.p12" -passin pass:$PASS -nodes -out "$P/bag-attributes.pem"   # "Bag Attributes" text + key + chain
cat "$W/leaf.crt" "$W/leaf.crt" > "$P/duplicate-cert.pem"
printf '\xef\xbb\xbf' | cat - "$W/leaf.crt" > "$P/utf8-bom.pem"
head -c -1 "$W/leaf.crt" > "$P/no-final-newline.pem"
cat "$W/leaf.crt" "$W/int.crt" | awk '/^-----BEGIN/{print; b=""; next} /^-----END/{print b; print; next} {b=b $0}' > "$P/one-line-base64.pem"
sed 's/^/    /' "$W/leaf.crt" > "$P/indented.pem"

# ---------------------------------------------------------------- check/
echo "check..." >&2
P="$S/check"
ck() {  # ck FILE KEY SIGNER START END SAN [ca args]
  local f=$1 k=$2 signer=$3 st=$4 en=$5 s=$6; shift 6
  SAN="$s" KU="digitalSignature,keyEncipherment" EKU="serverAuth" \
    issue "$P/$f" "/C=US/O=certinfo Test/OU=check/CN=${f%.pem}" "$K/$k.key" "$signer" auto "$st" "$en" leaf "$@"
}
ck good-leaf.pem            rsa2048b int 20250101000000Z 20350101000000Z 'DNS:www.example.com,DNS:example.com'
ck expired.pem              rsa2048b int 20230101000000Z 20250101000000Z 'DNS:expired.example.com'
ck not-yet-valid.pem        rsa2048b int 20260601000000Z 20270601000000Z 'DNS:future.example.com'
ck expiring-10d.pem         rsa2048b int 20250125000000Z 20260125000000Z 'DNS:soon.example.com'
ck expiring-40d.pem         rsa2048b int 20250224000000Z 20260224000000Z 'DNS:later.example.com'
ck rsa1024-leaf.pem         rsa1024  int 20250101000000Z 20350101000000Z 'DNS:weak.example.com'
ck ec-p224-leaf.pem         ec-P-224 int 20250101000000Z 20350101000000Z 'DNS:p224.example.com'
ck sha1-leaf.pem            rsa2048b root 20250101000000Z 20350101000000Z 'DNS:sha1.example.com' -md sha1
ck md5-leaf.pem             rsa2048b root 20250101000000Z 20350101000000Z 'DNS:md5.example.com' -md md5
ck wildcard.pem             rsa2048b int 20250101000000Z 20350101000000Z 'DNS:*.example.com'
ck ip-san.pem               rsa2048b int 20250101000000Z 20350101000000Z 'IP:192.0.2.10,IP:2001:db8::10'
SAN=DNS:unused issue "$P/cn-only-no-san.pem" "/C=US/O=certinfo Test/OU=check/CN=www.example.com" "$K/rsa2048b.key" int auto \
  20250101000000Z 20350101000000Z ku_crit
issue "$P/sha1-root.pem" "/C=US/O=certinfo Test/OU=check/CN=SHA-1 Root" "$K/rsa2048.key" self auto \
  20200101000000Z 20400101000000Z v3_root -md sha1
cp "$W/chain3.pem" "$P/chain-good.pem"
cat "$W/root.crt" "$W/int.crt" "$W/leaf.crt" > "$P/chain-reversed.pem"
cat "$W/int.crt" "$W/leaf.crt" "$W/root.crt" > "$P/chain-shuffled.pem"
cat "$W/leaf.crt" "$W/root.crt" > "$P/chain-missing-intermediate.pem"
cat "$W/leaf.crt" "$W/int.crt" "$W/int.crt" "$W/root.crt" > "$P/chain-duplicate.pem"
cat "$W/leaf.crt" "$W/other.crt" > "$P/chain-wrong-issuer.pem"

# ---------------------------------------------------------------- keystores/openssl
echo "keystores/openssl..." >&2
P="$S/keystores/openssl"
LEG=(-provider legacy -provider default)
p12() {  # p12 FILE [openssl pkcs12 -export args]  (leaf + key + int + root, password changeit)
  local f=$1; shift
  openssl pkcs12 -export "${LEG[@]}" -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/cas.pem" \
    -name "Server Cert" -caname "Intermediate CA" -caname "Root CA" -passout pass:$PASS "$@" -out "$P/$f"
  pw "keystores/openssl/$f" "$PASS"
}
p12 default.p12
p12 legacy.p12 -legacy
p12 nomac.p12 -nomac
for a in PBE-SHA1-3DES PBE-SHA1-2DES PBE-SHA1-RC2-40 PBE-SHA1-RC2-128 PBE-SHA1-RC4-128 PBE-SHA1-RC4-40 \
         PBE-SHA1-DES PBE-SHA1-RC2-64 PBE-MD5-DES AES-128-CBC AES-192-CBC AES-256-CBC DES-EDE3-CBC; do
  lc=$(echo "$a" | tr 'A-Z' 'a-z')
  case $lc in pbe-*) ;; *) lc="pbes2-$lc" ;; esac
  p12 "$lc.p12" -certpbe "$a" -keypbe "$a" -macalg sha1
done
p12 certpbe-rc2-40-keypbe-3des.p12 -certpbe PBE-SHA1-RC2-40 -keypbe PBE-SHA1-3DES -macalg sha1
p12 none-none.p12 -certpbe NONE -keypbe NONE
p12 none-none-nomac.p12 -certpbe NONE -keypbe NONE -nomac
p12 mac-md5.p12 -macalg md5
p12 mac-sha1.p12 -macalg sha1
p12 mac-sha256.p12 -macalg sha256
p12 mac-sha384.p12 -macalg sha384
p12 mac-sha512.p12 -macalg sha512
p12 iter-1.p12 -noiter -nomaciter
p12 iter-100000.p12 -iter 100000
p12 iter-600000.p12 -iter 600000   # OWASP's PBKDF2-SHA256 count: must pass the default limits
p12 friendlyname-unicode.p12 -name "Schlüssel 日本"
p12 friendlyname-upper.p12 -name "MY SERVER CERT"
# A distinctive password that tests/cli/secrets.rs looks for in the process's memory.
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/cas.pem" -name "Server Cert" \
  -passout pass:probe-7Qx2-Wv9k-secret-Lm4n-Rt8p-Zc3d-Hy6w -out "$P/memory-probe.p12"
pw keystores/openssl/memory-probe.p12 probe-7Qx2-Wv9k-secret-Lm4n-Rt8p-Zc3d-Hy6w
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/cas.pem" -name "Empty Pass" -passout pass: -out "$P/empty-password.p12"
pw keystores/openssl/empty-password.p12 '<empty>'
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -name "Non ASCII" -passout 'pass:pässwörd' -out "$P/nonascii-password.p12"
pw keystores/openssl/nonascii-password.p12 'pässwörd'
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -passout pass:$PASS -out "$P/no-name-no-chain.p12"
pw keystores/openssl/no-name-no-chain.p12 $PASS
openssl pkcs12 -export -nocerts -inkey "$K/leaf.key" -name "Lonely Key" -passout pass:$PASS -out "$P/key-only.p12"
pw keystores/openssl/key-only.p12 $PASS
openssl pkcs12 -export -nokeys -in "$W/chain3.pem" -passout pass:$PASS -out "$P/certs-only.p12"
pw keystores/openssl/certs-only.p12 $PASS
cat "$W/cas.pem" "$W/other.crt" "$S/pem/keys/ec-p256.pem" > "$W/extra.pem"
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/extra.pem" -name "With Extras" -passout pass:$PASS -out "$P/extra-certs.p12"
pw keystores/openssl/extra-certs.p12 $PASS
cat "$W/root.crt" "$W/int.crt" > "$W/rootfirst.pem"
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/rootfirst.pem" -name "Root First" -passout pass:$PASS -out "$P/root-first.p12"
pw keystores/openssl/root-first.p12 $PASS
openssl pkcs12 -export -in "$W/edgeleaf.crt" -inkey "$K/edge.key" -certfile "$W/cas.pem" -name "EC Key" -passout pass:$PASS -out "$P/ec-key.p12"
pw keystores/openssl/ec-key.p12 $PASS
openssl pkcs12 -export "${LEG[@]}" -in "$W/edgeleaf.crt" -inkey "$K/edge.key" -certfile "$W/cas.pem" -name "EC Legacy" -legacy -passout pass:$PASS -out "$P/ec-key-legacy.p12"
pw keystores/openssl/ec-key-legacy.p12 $PASS
openssl pkcs12 -export -in "$S/pem/keys/ed25519.pem" -inkey "$K/ED25519.key" -name "Ed25519 Key" -passout pass:$PASS -out "$P/ed25519-key.p12"
pw keystores/openssl/ed25519-key.p12 $PASS
python3 "$H" ber "$P/default.p12" "$P/ber-default.p12"; pw keystores/openssl/ber-default.p12 $PASS
python3 "$H" ber "$P/legacy.p12" "$P/ber-legacy.p12"; pw keystores/openssl/ber-legacy.p12 $PASS
openssl pkcs12 -in "$P/ber-default.p12" -passin pass:$PASS -noout        # MAC still verifies

# ---------------------------------------------------------------- keystores/keytool
echo "keystores/keytool..." >&2
P="$S/keystores/keytool"
kt() { keytool "$@" > "$W/kt.log" 2>&1 || { echo "make.sh: keytool $* failed" >&2; cat "$W/kt.log" >&2; exit 1; }; }
openssl pkcs12 -export -in "$W/leaf.crt" -inkey "$K/leaf.key" -certfile "$W/cas.pem" -name src -passout pass:$PASS -out "$W/src-rsa.p12"
openssl pkcs12 -export -in "$W/edgeleaf.crt" -inkey "$K/edge.key" -certfile "$W/cas.pem" -name src -passout pass:$PASS -out "$W/src-ec.p12"
imp() {  # imp STORE TYPE SRC DESTALIAS [extra]
  local st=$1 ty=$2 src=$3 al=$4; shift 4
  kt -importkeystore -noprompt -srckeystore "$src" -srcstoretype PKCS12 -srcstorepass $PASS -srcalias src \
     -destkeystore "$st" -deststoretype "$ty" -deststorepass $PASS -destalias "$al" "$@"
}
gen() {  # gen STORE TYPE ALIAS KEYALG-ARGS...
  local st=$1 ty=$2 al=$3; shift 3
  kt -genkeypair -keystore "$st" -storetype "$ty" -storepass $PASS -alias "$al" "$@" \
     -startdate "2025/01/01 00:00:00" -validity 3650
}
trust() { kt -importcert -noprompt -keystore "$1" -storetype "$2" -storepass $PASS -alias "$3" -file "$4"; }
seckey() { local st=$1 ty=$2 al=$3; shift 3; kt -genseckey -keystore "$st" -storetype "$ty" -storepass $PASS -alias "$al" "$@"; }

# PKCS#12 (keytool 17 default: PBES2 AES-256 / HmacPBESHA256): 2 keys, a trusted cert, a secret key
F="$P/kt-default.p12"
imp "$F" PKCS12 "$W/src-rsa.p12" "Server Key"
gen "$F" PKCS12 "EC-Key" -keyalg EC -groupname secp256r1 -dname "CN=Java Key, O=Acme\, Inc., C=US"
trust "$F" PKCS12 "Root-CA" "$W/root.crt"
seckey "$F" PKCS12 "AES-Secret" -keyalg AES -keysize 256
pw keystores/keytool/kt-default.p12 $PASS
# legacy PKCS#12 from keytool (RC2-40 certs, 3DES keys, SHA-1 MAC)
F="$P/kt-legacy.p12"
kt -J-Dkeystore.pkcs12.legacy -importkeystore -noprompt -srckeystore "$P/kt-default.p12" -srcstoretype PKCS12 \
   -srcstorepass $PASS -destkeystore "$F" -deststoretype PKCS12 -deststorepass $PASS
pw keystores/keytool/kt-legacy.p12 $PASS
# truststore: trusted certificates only
F="$P/kt-truststore.p12"
trust "$F" PKCS12 "Root CA" "$W/root.crt"
trust "$F" PKCS12 "Intermediate CA" "$W/int.crt"
trust "$F" PKCS12 "Unrelated" "$W/other.crt"
pw keystores/keytool/kt-truststore.p12 $PASS
# JKS: key entries with chains, trusted entries, mixed-case aliases
F="$P/kt.jks"
imp "$F" JKS "$W/src-rsa.p12" "MyServer"
imp "$F" JKS "$W/src-ec.p12" "EC-Server-KEY"
gen "$F" JKS "Second-Key" -keyalg RSA -keysize 2048 -dname "CN=Second Key, OU=Java, O=Acme\, Inc., C=US"
trust "$F" JKS "Root-CA" "$W/root.crt"
trust "$F" JKS "IntermediateCA" "$W/int.crt"
pw keystores/keytool/kt.jks $PASS
# JKS whose key password differs from the store password (certificates need only the store password)
F="$P/kt-keypass.jks"
imp "$F" JKS "$W/src-rsa.p12" "keypass" -destkeypass keypass1
pw keystores/keytool/kt-keypass.jks $PASS
# JKS without entries
F="$P/kt-empty.jks"
gen "$F" JKS "tmp" -keyalg EC -groupname secp256r1 -dname "CN=tmp"
kt -delete -keystore "$F" -storetype JKS -storepass $PASS -alias tmp
pw keystores/keytool/kt-empty.jks $PASS
# JCEKS: key entries, trusted entry, secret keys
F="$P/kt.jceks"
imp "$F" JCEKS "$W/src-ec.p12" "EC Server"
gen "$F" JCEKS "DSA-Key" -keyalg DSA -keysize 2048 -dname "CN=DSA Key, C=US"
trust "$F" JCEKS "Root-CA" "$W/root.crt"
seckey "$F" JCEKS "aes-key" -keyalg AES -keysize 128
seckey "$F" JCEKS "Hmac-Key" -keyalg HmacSHA256 -keysize 256
seckey "$F" JCEKS "DESede-Key" -keyalg DESede
pw keystores/keytool/kt.jceks $PASS
# Java's PKCS#12 with an Ed25519 key
F="$P/kt-ed25519.p12"
gen "$F" PKCS12 "Ed Key" -keyalg Ed25519 -dname "CN=Ed Key"
pw keystores/keytool/kt-ed25519.p12 $PASS

# ---------------------------------------------------------------- keystores/pkcs7
echo "keystores/pkcs7..." >&2
P="$S/keystores/pkcs7"
openssl crl2pkcs7 -nocrl -certfile "$W/chain3.pem" -out "$P/chain.p7b"
openssl crl2pkcs7 -nocrl -certfile "$W/chain3.pem" -outform DER -out "$P/chain-der.p7b"
openssl crl2pkcs7 -nocrl -certfile "$W/leaf.crt" -outform DER -out "$P/single.p7c"
openssl crl2pkcs7 -in "$W/root.crl" -certfile "$W/chain3.pem" -out "$P/with-crl.p7b"
echo "signed content" > "$W/content.txt"
openssl cms -sign -stream -outform DER -in "$W/content.txt" -signer "$W/leaf.crt" -inkey "$K/leaf.key" \
  -certfile "$W/cas.pem" -out "$P/cms-stream-ber.p7m"
openssl cms -sign -nodetach -outform DER -in "$W/content.txt" -signer "$W/leaf.crt" -inkey "$K/leaf.key" \
  -certfile "$W/cas.pem" -out "$P/cms-nodetach.der"
openssl cms -sign -outform PEM -in "$W/content.txt" -signer "$W/leaf.crt" -inkey "$K/leaf.key" \
  -out "$P/cms-label.pem"
openssl crl2pkcs7 -nocrl -certfile "$W/chain3.pem" -out "$W/p7.pem"
{ cat "$W/leaf.crt"; cat "$W/p7.pem"; } > "$P/cert-and-pkcs7-block.pem"
# BER indefinite length sanity check: the outer SEQUENCE uses 0x80
[[ $(head -c 2 "$P/cms-stream-ber.p7m" | od -An -tx1 | tr -d ' ') == 3080 ]]

# ---------------------------------------------------------------- bad/
echo "bad..." >&2
P="$S/bad"
: > "$P/empty.crt"
python3 "$H" random "$P/random.bin" 2048 20260115
cat > "$P/garbage.txt" <<'EOF'
This is not a certificate.
It is just some text, with a colon: and -----dashes----- and BEGIN words,
but no PEM boundary line at all.
EOF
awk 'NR==5{ $0 = substr($0,1,10) "!!!*&^" substr($0,17) } NR==8{ $0 = substr($0,1,30) } {print}' "$W/leaf.crt" > "$P/broken-base64.pem"
python3 "$H" pem2der "$W/leaf.crt" "$W/leaf.der"
head -c 400 "$W/leaf.der" > "$P/truncated.der"
grep -v 'END CERTIFICATE' "$W/leaf.crt" > "$P/header-no-footer.pem"
{ cat "$W/leaf.der"; printf 'GARBAGE\x00\x01\x02 trailing bytes\n'; } > "$P/trailing-garbage.der"
{ cat "$W/leaf.der"; printf '\x05\x00junk'; } > "$W/tg.der"
{ echo '-----BEGIN CERTIFICATE-----'; base64 -w 64 "$W/tg.der"; echo '-----END CERTIFICATE-----'; } > "$P/trailing-garbage-in-block.pem"
mkdir -p "$P/emptydir-with-no-certs"
echo "This directory deliberately holds no certificate (certinfo must report it)." > "$P/emptydir-with-no-certs/README.txt"
cp "$W/leaf.pk8" "$P/key-only.pem"
cp "$W/between.csr" "$P/csr-only.pem"
cp "$W/root.crl" "$P/crl-only.pem"
openssl crl2pkcs7 -nocrl -outform DER -out "$P/empty.p7b"
head -c 600 "$S/keystores/openssl/default.p12" > "$P/truncated.p12"; pw bad/truncated.p12 $PASS
cp "$S/keystores/openssl/default.p12" "$P/wrong-password.p12"; pw bad/wrong-password.p12 not-the-password
cp "$S/keystores/openssl/default.p12" "$P/password-missing.p12"          # no passwords.tsv line on purpose
cp "$S/keystores/keytool/kt.jks" "$P/wrong-password.jks"; pw bad/wrong-password.jks not-the-password
head -c 700 "$S/keystores/keytool/kt.jks" > "$P/truncated.jks"; pw bad/truncated.jks $PASS
python3 -c 'import sys; d=open(sys.argv[1]).read(); open(sys.argv[2],"wb").write(d.encode("utf-16"))' "$W/leaf.crt" "$P/utf16.pem"
openssl pkey -in "$K/leaf.key" -outform DER -out "$P/private-key.der"

# ---------------------------------------------------------------- roots/
cp /etc/ssl/certs/ca-certificates.crt "$S/roots/ca-certificates.crt"

# ---------------------------------------------------------------- vectors/
echo "vectors..." >&2
WHL="/tmp/cv/cryptography_vectors-$VECTORS_VERSION-py3-none-any.whl"
if [[ ! -f $WHL ]]; then
  mkdir -p "$W/whl"
  python3 -m pip download --quiet --no-deps "cryptography-vectors==$VECTORS_VERSION" -d "$W/whl"
  WHL="$W/whl/cryptography_vectors-$VECTORS_VERSION-py3-none-any.whl"
fi
mkdir -p "$W/cv"
unzip -q "$WHL" 'cryptography_vectors/x509/*' 'cryptography_vectors/pkcs12/*' 'cryptography_vectors/pkcs7/*' -d "$W/cv"
V="$W/cv/cryptography_vectors"
( cd "$V" && cp -r --parents pkcs12 pkcs7 "$S/vectors/" )
# x509: certificates only (pem/der/crt), no CRLs, CSRs, OCSP messages or bare keys
( cd "$V" && find x509 -type f \( -name '*.pem' -o -name '*.der' -o -name '*.crt' \) \
    ! -path 'x509/requests/*' ! -path 'x509/ocsp/*' ! -name 'crl_*' ! -name '*_crl.pem' | sort ) |
while read -r f; do
  case $f in
    *.pem) grep -qE -- '-----BEGIN (X509 |TRUSTED )?CERTIFICATE-----' "$V/$f" || continue ;;
  esac
  mkdir -p "$S/vectors/$(dirname "$f")"; cp "$V/$f" "$S/vectors/$f"
done
# passwords (from cryptography's tests/hazmat/primitives/test_pkcs12.py; "no-pwd" files have none)
for f in cert-aes256cbc-no-key cert-key-aes256cbc cert-none-key-none cert-rc2-key-3des no-cert-key-aes256cbc; do
  pw "vectors/pkcs12/$f.p12" cryptography
done
for f in "$S"/vectors/pkcs12/*-pwd.p12; do
  case $f in *-no-pwd.p12) ;; *) pw "vectors/pkcs12/$(basename "$f")" password ;; esac
done

# ------------------------------------------------- bad/ (crafted from a good one)
# A certificate whose keyUsage extension value is not a BIT STRING (the inner
# tag 03 becomes 05): Java keeps such an extension as unparseable and shows the
# certificate; certinfo shows it too and reports the extension (exit 3).
python3 - "$S/pem/keys/rsa-2048.pem" "$S/bad/malformed-keyusage.pem" <<'PY'
import base64, re, sys
pem = open(sys.argv[1]).read()
der = bytearray(base64.b64decode("".join(re.findall(r"^[A-Za-z0-9+/=]+$", pem, re.M))))
ku = bytes.fromhex("0603551d0f")
i = der.index(ku)
j = der.index(b"\x03", i + len(ku))  # the BIT STRING inside the extension's OCTET STRING
der[j] = 0x05
b64 = base64.b64encode(bytes(der)).decode()
open(sys.argv[2], "w").write("-----BEGIN CERTIFICATE-----\n" + "\n".join(b64[k:k+64] for k in range(0, len(b64), 64)) + "\n-----END CERTIFICATE-----\n")
PY

# ------------------------------------------------- quirks/pem/ (from the files above)
python3 "$S/quirks/pem/make.py"
# ------------------------------------------------- quirks/certs/ (crafted, its own fixed key)
python3 "$S/quirks/certs/make.py"
# ------------------------------------------------- remote/ (fixture servers' keys)
python3 "$S/remote/make.py"
(cd "$S/remote/client" && sh make.sh)
for f in ed25519.p12 ed25519-3des.p12 ed25519-keytool.p12 ed25519.jks; do pw "remote/client/$f" changeit; done
pw remote/client/memory-probe.p12 probe-7Qx2-Wv9k-secret-Lm4n-Rt8p-Zc3d-Hy6w
# ------------------------------------------------- trust/ (check --trust, --crl; openssl's verdicts)
sh "$S/trust/make.sh"
sh "$S/dirs/make.sh"   # after trust/: its copies and links are of trust's files
sh "$S/inspect/make.sh"
pw trust/truststore.jks changeit
pw trust/truststore.p12 changeit
# quirks/pkcs12: its own deterministic generator (same bytes on every run); it
# prints its lines of passwords.tsv.
python3 "$S/quirks/pkcs12/make.py" >> "$S/passwords.tsv"

echo "done: $(find "$S" -type f | wc -l) files under samples/" >&2
