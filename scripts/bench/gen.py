#!/usr/bin/env python3
"""Deterministic inputs for scripts/bench.sh.

    python3 scripts/bench/gen.py [OUT_DIR]      (default: target/bench-data)

Needs Python 3.9+ and the `cryptography` package (bench.sh installs a pinned
version into target/bench-venv).  Everything is derived from SEED, so two runs
with the same `cryptography` version write byte-identical files (SHA256SUMS
lists them):

  ca.pem             the Ed25519 root that signs every certificate below
  single.pem         one leaf certificate (RSA-2048 subject key)
  bundle-10k.pem     the first 10,000 leaves, PEM, concatenated
  bundle-100k.pem    100,000 leaves, PEM (about 150 MB); starts with bundle-10k
  dir-1k/            leaves 0..999, one file each, .pem and .der alternating
  store-1k.jks       leaves 0..999 as JKS trusted-certificate entries
  store-1k.p12       leaves 0..999 as PKCS#12 certificate bags
  SHA256SUMS, STAMP

Keystore password: "changeit".  Leaves get varied subjects, serials, validity
periods, subject keys (a fixed pool of RSA-2048, P-256 and Ed25519 keys) and
the extensions of a typical TLS server certificate.  Ed25519 signatures and
RSA/EC public keys built from seeded numbers keep the output deterministic.

The JKS and PKCS#12 files are written here directly (not with keytool, which
takes minutes for 1,000 imports, nor with `cryptography`'s PKCS#12 writer,
whose salts and IVs are random).  The PKCS#12 file mirrors what
`cryptography`'s BestAvailableEncryption writes (PBES2: PBKDF2-HMAC-SHA256,
20,000 iterations, AES-256-CBC; HMAC-SHA256 MAC, 2,048 iterations) with salts
and IV taken from the seed, and each bag carries a friendlyName and the Java
"trusted for any purpose" attribute, as keytool's own truststores do, so that
keytool lists the entries too.
"""
import datetime
import hashlib
import os
import random
import struct
import sys
import time

from cryptography import __version__ as CRYPTOGRAPHY_VERSION
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives import padding as sym_padding
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

SEED = 20260115
GEN_VERSION = "1"  # bump when the output changes on purpose
N_BUNDLE = 100_000
N_SMALL_BUNDLE = 10_000
N_STORE = 1_000
PASSWORD = "changeit"
EPOCH = datetime.datetime(2023, 1, 1, tzinfo=datetime.timezone.utc)
# JKS entry creation date (ms since the epoch): fixed, so the file is stable.
JKS_DATE_MS = 1_768_435_200_000  # 2026-01-15T00:00:00Z


# ------------------------------------------------------------------ keys
def _is_probable_prime(n, rng, rounds=40):
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def _prime(rng, bits):
    while True:
        c = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        if (c - 1) % 65537 and _is_probable_prime(c, rng):
            return c


def rsa_public_key(rng, bits=2048):
    """A real RSA public key whose primes come from the seeded generator."""
    while True:
        p = _prime(rng, bits // 2)
        q = _prime(rng, bits // 2)
        n = p * q
        if p != q and n.bit_length() == bits:
            return rsa.RSAPublicNumbers(65537, n).public_key()


def key_pool(rng):
    pool = [("rsa", rsa_public_key(rng)) for _ in range(4)]
    for _ in range(3):
        scalar = rng.randrange(1, 2 ** 255)
        pool.append(("ec", ec.derive_private_key(scalar, ec.SECP256R1()).public_key()))
    seed = rng.getrandbits(256).to_bytes(32, "big")
    pool.append(("ed25519", ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key()))
    return pool


# ------------------------------------------------------------------ certificates
WORDS = ("api", "www", "mail", "vpn", "portal", "gis", "maps", "auth", "files", "cdn",
         "db", "git", "ci", "wiki", "shop", "admin", "edge", "proxy", "ldap", "sso")
DOMAINS = ("example.com", "example.org", "example.net", "corp.example", "gov.example",
           "city.example", "county.example", "utility.example", "school.example", "test")
ORGS = ("Example Corp", "Acme GIS Ltd", "City of Springfield", "Contoso Mapping",
        "Northwind Utilities", "Fabrikam Survey", "Tailspin Transit", "Woodgrove Water",
        "Litware Parks", "Adventure Works Planning", "Blue Yonder Airlines",
        "Coho Vineyard", "Lucerne Publishing", "Margie's Travel", "Proseware, Inc.",
        "Trey Research", "Wide World Importers", "Alpine Ski House")
UNITS = ("IT", "GIS", "Operations", "Engineering", "Public Works", "Security", "Web")
PLACES = (("US", "California", "Redlands"), ("US", "Texas", "Austin"),
          ("CA", "Ontario", "Toronto"), ("GB", "England", "London"),
          ("DE", "Bayern", "München"), ("FR", "Île-de-France", "Paris"),
          ("JP", "Tokyo", "Chiyoda"), ("AU", "Victoria", "Melbourne"),
          ("NZ", "Wellington", "Wellington"), ("ES", "Madrid", "Madrid"))
LIFETIMES = (90, 90, 180, 365, 397, 398, 730, 825, 3650)


def make_ca(ca_key):
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certinfo benchmark"),
        x509.NameAttribute(NameOID.COMMON_NAME, "certinfo benchmark root (Ed25519)"),
    ])
    pub = ca_key.public_key()
    return (x509.CertificateBuilder()
            .subject_name(name).issuer_name(name).public_key(pub)
            .serial_number(0x0BE7C4)
            .not_valid_before(EPOCH)
            .not_valid_after(EPOCH + datetime.timedelta(days=365 * 20))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False,
                                         key_encipherment=False, data_encipherment=False,
                                         key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False,
                                         decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
            .sign(ca_key, None))


def leaves(count, rng, ca_key, ca_cert, pool):
    """Yield `count` leaf certificates (x509.Certificate)."""
    issuer = ca_cert.subject
    aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key())
    ski_cache = {}
    weights = [6 / 4] * 4 + [3 / 3] * 3 + [1]  # 60% RSA, 30% P-256, 10% Ed25519
    for i in range(count):
        kind, pub = rng.choices(pool, weights)[0]
        word, domain = rng.choice(WORDS), rng.choice(DOMAINS)
        cn = f"{word}{i}.{domain}"
        country, state, city = rng.choice(PLACES)
        attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, country),
                 x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, state),
                 x509.NameAttribute(NameOID.LOCALITY_NAME, city),
                 x509.NameAttribute(NameOID.ORGANIZATION_NAME, rng.choice(ORGS))]
        if rng.random() < 0.6:
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, rng.choice(UNITS)))
        attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, cn))
        sans = [x509.DNSName(cn)]
        for _ in range(rng.randrange(2, 8)):
            sans.append(x509.DNSName(f"{rng.choice(WORDS)}{rng.randrange(1000)}.{domain}"))
        if rng.random() < 0.2:
            sans.append(x509.IPAddress(__import__("ipaddress").IPv4Address(rng.getrandbits(32))))
        nb = EPOCH + datetime.timedelta(seconds=rng.randrange(3 * 365 * 86400))
        na = nb + datetime.timedelta(days=rng.choice(LIFETIMES), seconds=-1)
        serial = (rng.getrandbits(100) << 20 | i) | (1 << 125)
        if id(pub) not in ski_cache:
            ski_cache[id(pub)] = x509.SubjectKeyIdentifier.from_public_key(pub)
        b = (x509.CertificateBuilder()
             .subject_name(x509.Name(attrs)).issuer_name(issuer).public_key(pub)
             .serial_number(serial).not_valid_before(nb).not_valid_after(na)
             .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
             .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                          key_encipherment=(kind == "rsa"),
                                          data_encipherment=False, key_agreement=False,
                                          key_cert_sign=False, crl_sign=False,
                                          encipher_only=False, decipher_only=False),
                            critical=True)
             .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                   ExtendedKeyUsageOID.CLIENT_AUTH]),
                            critical=False)
             .add_extension(x509.SubjectAlternativeName(sans), critical=False)
             .add_extension(ski_cache[id(pub)], critical=False)
             .add_extension(aki, critical=False)
             .add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
                 [x509.UniformResourceIdentifier("http://crl.bench.example/root.crl")],
                 None, None, None)]), critical=False)
             .add_extension(x509.AuthorityInformationAccess([
                 x509.AccessDescription(x509.oid.AuthorityInformationAccessOID.OCSP,
                                        x509.UniformResourceIdentifier("http://ocsp.bench.example")),
                 x509.AccessDescription(x509.oid.AuthorityInformationAccessOID.CA_ISSUERS,
                                        x509.UniformResourceIdentifier("http://pki.bench.example/root.cer")),
             ]), critical=False)
             .add_extension(x509.CertificatePolicies([x509.PolicyInformation(
                 x509.ObjectIdentifier("2.23.140.1.2.2"), ["https://pki.bench.example/cps"])]),
                 critical=False))
        yield kind, b.sign(ca_key, None)


# ------------------------------------------------------------------ DER helpers
def _len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, *parts):
    body = b"".join(parts)
    return bytes([tag]) + _len(len(body)) + body


def seq(*p):
    return tlv(0x30, *p)


def set_(*p):
    return tlv(0x31, *p)


def octets(b):
    return tlv(0x04, b)


def integer(n):
    return tlv(0x02, n.to_bytes(n.bit_length() // 8 + 1, "big"))


def explicit(n, *p):
    return tlv(0xA0 + n, *p)


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray([arcs[0] * 40 + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, bytes(out))


NULL = b"\x05\x00"


# ------------------------------------------------------------------ JKS
def java_utf(s):
    # Modified UTF-8 equals UTF-8 for the ASCII aliases used here.
    b = s.encode("utf-8")
    return struct.pack(">H", len(b)) + b


def write_jks(path, certs, password):
    body = bytearray(struct.pack(">IIi", 0xFEEDFEED, 2, len(certs)))
    for i, der in enumerate(certs):
        body += struct.pack(">I", 2) + java_utf(f"cert-{i:04d}")
        body += struct.pack(">q", JKS_DATE_MS) + java_utf("X.509")
        body += struct.pack(">I", len(der)) + der
    digest = hashlib.sha1(password.encode("utf-16-be") + b"Mighty Aphrodite" + bytes(body)).digest()
    with open(path, "wb") as f:
        f.write(bytes(body) + digest)


# ------------------------------------------------------------------ PKCS#12
OID_DATA = "1.2.840.113549.1.7.1"
OID_ENCRYPTED_DATA = "1.2.840.113549.1.7.6"
OID_CERT_BAG = "1.2.840.113549.1.12.10.1.3"
OID_X509_CERT = "1.2.840.113549.1.9.22.1"
OID_FRIENDLY_NAME = "1.2.840.113549.1.9.20"
OID_JAVA_TRUSTED = "2.16.840.1.113894.746875.1.1"
OID_ANY_EKU = "2.5.29.37.0"
OID_PBES2 = "1.2.840.113549.1.5.13"
OID_PBKDF2 = "1.2.840.113549.1.5.12"
OID_HMAC_SHA256 = "1.2.840.113549.2.9"
OID_AES256_CBC = "2.16.840.1.101.3.4.1.42"
OID_SHA256 = "2.16.840.1.101.3.4.2.1"
P12_ENC_ITER = 20_000
P12_MAC_ITER = 2_048


def pkcs12_kdf_sha256(password, salt, ident, iterations, n=32):
    """RFC 7292 appendix B.2 with SHA-256 (u=32, v=64); n <= 32."""
    v = 64
    pw = (password + "\0").encode("utf-16-be")
    def fill(x):
        target = v * ((len(x) + v - 1) // v)
        return (x * (target // len(x) + 1))[:target]
    s, p = fill(salt), fill(pw)
    a = bytes([ident]) * v + s + p
    for _ in range(iterations):
        a = hashlib.sha256(a).digest()
    return a[:n]


def write_p12(path, certs, password, rng):
    bags = []
    for i, der in enumerate(certs):
        attrs = set_(
            seq(oid(OID_FRIENDLY_NAME), set_(tlv(0x1E, f"cert-{i:04d}".encode("utf-16-be")))),
            seq(oid(OID_JAVA_TRUSTED), set_(oid(OID_ANY_EKU))),
        )
        cert_bag = seq(oid(OID_X509_CERT), explicit(0, octets(der)))
        bags.append(seq(oid(OID_CERT_BAG), explicit(0, cert_bag), attrs))
    safe_contents = seq(*bags)

    salt = rng.getrandbits(128).to_bytes(16, "big")
    iv = rng.getrandbits(128).to_bytes(16, "big")
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, P12_ENC_ITER).derive(password.encode())
    padder = sym_padding.PKCS7(128).padder()
    plain = padder.update(safe_contents) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(plain) + enc.finalize()
    alg = seq(oid(OID_PBES2), seq(
        seq(oid(OID_PBKDF2), seq(octets(salt), integer(P12_ENC_ITER),
                                 seq(oid(OID_HMAC_SHA256), NULL))),
        seq(oid(OID_AES256_CBC), octets(iv))))
    encrypted_data = seq(integer(0), seq(oid(OID_DATA), alg, tlv(0x80, ciphertext)))
    auth_safe = seq(seq(oid(OID_ENCRYPTED_DATA), explicit(0, encrypted_data)))

    mac_salt = rng.getrandbits(64).to_bytes(8, "big")
    mac_key = pkcs12_kdf_sha256(password, mac_salt, 3, P12_MAC_ITER)
    h = crypto_hmac.HMAC(mac_key, hashes.SHA256())
    h.update(auth_safe)
    mac_data = seq(seq(seq(oid(OID_SHA256), NULL), octets(h.finalize())),
                   octets(mac_salt), integer(P12_MAC_ITER))
    pfx = seq(integer(3), seq(oid(OID_DATA), explicit(0, octets(auth_safe))), mac_data)
    with open(path, "wb") as f:
        f.write(pfx)


# ------------------------------------------------------------------ main
def stamp():
    with open(__file__, "rb") as f:
        src = hashlib.sha256(f.read()).hexdigest()[:16]
    return f"gen {GEN_VERSION} src {src} cryptography {CRYPTOGRAPHY_VERSION} seed {SEED}\n"


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    out = argv[1] if len(argv) > 1 else os.path.join(here, "..", "..", "target", "bench-data")
    out = os.path.abspath(out)
    os.makedirs(os.path.join(out, "dir-1k"), exist_ok=True)
    stamp_path = os.path.join(out, "STAMP")
    if os.path.exists(stamp_path):
        os.remove(stamp_path)
    t0 = time.time()
    rng = random.Random(SEED)
    ca_key = ed25519.Ed25519PrivateKey.from_private_bytes(
        hashlib.sha256(f"certinfo bench CA {SEED}".encode()).digest())
    ca = make_ca(ca_key)
    pool = key_pool(rng)
    pem = serialization.Encoding.PEM
    der_enc = serialization.Encoding.DER
    with open(os.path.join(out, "ca.pem"), "wb") as f:
        f.write(ca.public_bytes(pem))

    first_ders, single = [], None
    with open(os.path.join(out, "bundle-100k.pem"), "wb") as big, \
            open(os.path.join(out, "bundle-10k.pem"), "wb") as small:
        for i, (kind, cert) in enumerate(leaves(N_BUNDLE, rng, ca_key, ca, pool)):
            p = cert.public_bytes(pem)
            big.write(p)
            if i < N_SMALL_BUNDLE:
                small.write(p)
            if i < N_STORE:
                first_ders.append(cert.public_bytes(der_enc))
            if single is None and kind == "rsa":
                single = p
            if (i + 1) % 20_000 == 0:
                print(f"gen.py: {i + 1} certificates, {time.time() - t0:.1f} s", file=sys.stderr)
    with open(os.path.join(out, "single.pem"), "wb") as f:
        f.write(single)

    d = os.path.join(out, "dir-1k")
    for name in os.listdir(d):
        os.remove(os.path.join(d, name))
    for i, der in enumerate(first_ders):
        if i % 2:
            with open(os.path.join(d, f"cert-{i:04d}.der"), "wb") as f:
                f.write(der)
        else:
            with open(os.path.join(d, f"cert-{i:04d}.pem"), "wb") as f:
                f.write(x509.load_der_x509_certificate(der).public_bytes(pem))

    write_jks(os.path.join(out, "store-1k.jks"), first_ders, PASSWORD)
    write_p12(os.path.join(out, "store-1k.p12"), first_ders, PASSWORD, rng)

    sums = []
    for root, _dirs, files in os.walk(out):
        for name in files:
            if name in ("SHA256SUMS", "STAMP"):
                continue
            full = os.path.join(root, name)
            h = hashlib.sha256()
            with open(full, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            sums.append(f"{h.hexdigest()}  {os.path.relpath(full, out)}\n")
    with open(os.path.join(out, "SHA256SUMS"), "w") as f:
        f.writelines(sorted(sums, key=lambda s: s[66:]))
    with open(stamp_path, "w") as f:
        f.write(stamp())
    print(f"gen.py: wrote {out} in {time.time() - t0:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--stamp":
        sys.stdout.write(stamp())
    else:
        main(sys.argv)
