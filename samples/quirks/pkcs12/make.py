#!/usr/bin/env python3
"""PKCS#12 quirks of issue 15, assembled byte by byte (python3 + `cryptography`).

    python3 samples/quirks/pkcs12/make.py   # writes the .p12 files next to itself and
                                            # prints their lines of samples/passwords.tsv
                                            # (samples/make.sh appends them there)

Deterministic: the keys come from fixed numbers (EC P-256) and seeds (Ed25519),
the CAs sign with Ed25519 (deterministic signatures), and the PFX is built here
with fixed salts and IVs, so every run writes the same bytes and the goldens in
tests/expected/oracle/{utc,la}/quirks/pkcs12/ stay valid.  Run
scripts/make-goldens.sh after a change here.

Certificates: root `CN=p12quirks Root` (Ed25519, self-signed), intermediate
`CN=p12quirks Intermediate` (Ed25519), leaf `CN=p12quirks.example.com` (EC P-256,
the key of every key bag), and an unrelated self-signed `CN=p12quirks Extra`
(Ed25519).  Password `changeit` unless a file says otherwise (samples/passwords.tsv;
`<none>` there = no password at all, Java's null password).
"""
import datetime
import hashlib
import hmac
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives import padding
from cryptography.x509.oid import NameOID

OUT = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "changeit"


# ------------------------------------------------------------------ DER
# tlv and its length encoding are samples/helper.py's.
sys.path.insert(0, os.path.join(OUT, "..", ".."))
from helper import tlv  # noqa: E402


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(items))


def octets(b):
    return tlv(0x04, b)


def explicit0(b):
    return tlv(0xA0, b)


def integer(n):
    return tlv(0x02, n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big"))


def oid(dotted):
    parts = [int(p) for p in dotted.split(".")]
    body = bytes([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        digits = [p & 0x7F]
        p >>= 7
        while p:
            digits.append(0x80 | (p & 0x7F))
            p >>= 7
        body += bytes(reversed(digits))
    return tlv(0x06, body)


NULL = b"\x05\x00"
OID_DATA = "1.2.840.113549.1.7.1"
OID_ENCRYPTED_DATA = "1.2.840.113549.1.7.6"
OID_SHROUDED_KEY_BAG = "1.2.840.113549.1.12.10.1.2"
OID_KEY_BAG = "1.2.840.113549.1.12.10.1.1"
OID_CERT_BAG = "1.2.840.113549.1.12.10.1.3"
OID_X509_CERT = "1.2.840.113549.1.9.22.1"
OID_FRIENDLY_NAME = "1.2.840.113549.1.9.20"
OID_LOCAL_KEY_ID = "1.2.840.113549.1.9.21"


# ------------------------------------------------------------------ certificates
def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "certinfo Test")])


def ed_key(seed):
    return ed25519.Ed25519PrivateKey.from_private_bytes(hashlib.sha256(seed).digest())


def cert(subject, issuer, pub, signer, serial, ca, issuer_pub=None):
    t0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone.utc)
    t1 = datetime.datetime(2035, 1, 1, tzinfo=datetime.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(name(subject)).issuer_name(name(issuer))
         .public_key(pub).serial_number(serial).not_valid_before(t0).not_valid_after(t1)
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.SubjectKeyIdentifier.from_public_key(pub), critical=False)
         .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_pub or pub),
                        critical=False))
    if not ca:
        b = b.add_extension(x509.SubjectAlternativeName([x509.DNSName(subject)]), critical=False)
    return b.sign(signer, None).public_bytes(serialization.Encoding.DER)


ROOT_KEY = ed_key(b"p12quirks root")
INT_KEY = ed_key(b"p12quirks intermediate")
EXTRA_KEY = ed_key(b"p12quirks extra")
LEAF_KEY = ec.derive_private_key(0x5EED_0001_2345_6789_ABCD_EF01, ec.SECP256R1())

ROOT = cert("p12quirks Root", "p12quirks Root", ROOT_KEY.public_key(), ROOT_KEY, 0x1001, True)
INTER = cert("p12quirks Intermediate", "p12quirks Root", INT_KEY.public_key(), ROOT_KEY,
             0x1002, True, ROOT_KEY.public_key())
LEAF = cert("p12quirks.example.com", "p12quirks Intermediate", LEAF_KEY.public_key(), INT_KEY,
            0x1003, False, INT_KEY.public_key())
EXTRA = cert("p12quirks Extra", "p12quirks Extra", EXTRA_KEY.public_key(), EXTRA_KEY, 0x1004, True)
PKCS8 = LEAF_KEY.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                               serialization.NoEncryption())
KEY_ID = hashlib.sha1(LEAF_KEY.public_key().public_bytes(
    serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)).digest()


# ------------------------------------------------------------------ PKCS#12 pieces
def attrs(friendly=None, key_id=None, extra=b""):
    a = [extra] if extra else []
    if friendly is not None:
        a.append(seq(oid(OID_FRIENDLY_NAME), set_of(tlv(0x1E, friendly.encode("utf-16-be")))))
    if key_id is not None:
        a.append(seq(oid(OID_LOCAL_KEY_ID), set_of(octets(key_id))))
    return set_of(*a) if a else b""


def bag(bag_oid, value, attributes=b""):
    return seq(oid(bag_oid), explicit0(value), attributes)


def cert_bag(der, friendly=None, key_id=None, extra=b""):
    return bag(OID_CERT_BAG, seq(oid(OID_X509_CERT), explicit0(octets(der))),
               attrs(friendly, key_id, extra))


def pbes2(salt, iv, iterations=2048):
    """AlgorithmIdentifier of PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), as OpenSSL 3 writes it."""
    kdf = seq(oid("1.2.840.113549.1.5.12"),
              seq(octets(salt), integer(iterations), seq(oid("1.2.840.113549.2.9"), NULL)))
    enc = seq(oid("2.16.840.1.101.3.4.1.42"), octets(iv))
    return seq(oid("1.2.840.113549.1.5.13"), seq(kdf, enc))


def encrypt(plain, password, salt, iv, iterations=2048):
    key = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(password.encode())
    p = padding.PKCS7(128).padder()
    padded = p.update(plain) + p.finalize()
    e = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return e.update(padded) + e.finalize()


def shrouded_key_bag(password, friendly="server", key_id=KEY_ID):
    salt, iv = b"K" * 8, b"k" * 16
    epki = seq(pbes2(salt, iv), octets(encrypt(PKCS8, password, salt, iv)))
    return bag(OID_SHROUDED_KEY_BAG, epki, attrs(friendly, key_id))


def key_bag(friendly="server", key_id=KEY_ID):
    return bag(OID_KEY_BAG, PKCS8, attrs(friendly, key_id))


def data_content(bags):
    return seq(oid(OID_DATA), explicit0(octets(seq(*bags))))


def encrypted_content(bags, password):
    salt, iv = b"C" * 8, b"c" * 16
    enc = encrypt(seq(*bags), password, salt, iv)
    eci = seq(oid(OID_DATA), pbes2(salt, iv), tlv(0x80, enc))
    return seq(oid(OID_ENCRYPTED_DATA), explicit0(seq(integer(0), eci)))


def pkcs12_kdf(password, salt, iterations, id_byte, n):
    """RFC 7292 appendix B with SHA-256 (u = 32, v = 64)."""
    u, v = 32, 64
    pw = (password.encode("utf-16-be") + b"\0\0") if password is not None else b""
    d = bytes([id_byte]) * v

    def fill(b):
        if not b:
            return b""
        size = v * ((len(b) + v - 1) // v)
        return (b * (size // len(b) + 1))[:size]
    i = bytearray(fill(salt) + fill(pw))
    out = b""
    while len(out) < n:
        a = d + bytes(i)
        for _ in range(iterations):
            a = hashlib.sha256(a).digest()
        out += a
        bb = (a * (v // u + 1))[:v]
        bn = int.from_bytes(bb, "big")
        for j in range(0, len(i), v):
            x = (int.from_bytes(i[j:j + v], "big") + bn + 1) % (1 << (8 * v))
            i[j:j + v] = x.to_bytes(v, "big")
    return out[:n]


def pfx(contents, password=PASSWORD, mac=True, wrap=lambda auth_safe_octets: auth_safe_octets):
    """PFX around an AuthenticatedSafe; `wrap` may re-encode the authSafe OCTET STRING."""
    auth_safe = seq(*contents)
    body = integer(3) + seq(oid(OID_DATA), explicit0(wrap(octets(auth_safe))))
    if mac:
        salt, iterations = b"M" * 8, 2048
        key = pkcs12_kdf(password, salt, iterations, 3, 32)
        digest = hmac.new(key, auth_safe, hashlib.sha256).digest()
        body += seq(seq(seq(oid("2.16.840.1.101.3.4.2.1"), NULL), octets(digest)),
                    octets(salt), integer(iterations))
    return seq(body)


def nested_octets(octet_string, levels):
    """An OCTET STRING as `levels` constructed, indefinite-length OCTET STRINGs
    nested in each other around the original (primitive) one: the same value."""
    return b"\x24\x80" * levels + octet_string + b"\x00\x00" * levels


def deep_attribute(levels, indefinite):
    """An attribute of an unregistered type whose value is `levels` SEQUENCEs
    nested in each other around a UTF8String."""
    if indefinite:
        value = b"\x30\x80" * levels + tlv(0x0C, b"deep") + b"\x00\x00" * levels
    else:
        value = tlv(0x0C, b"deep")
        for _ in range(levels):
            value = seq(value)
    return seq(oid("1.3.6.1.4.1.55555.7"), set_of(value))


PASSWORDS = []


def write(name, data, password=PASSWORD):
    """Writes one sample and notes its passwords.tsv line (None: `<none>`)."""
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    PASSWORDS.append((name, "<none>" if password is None else password))


# ------------------------------------------------------------------ the files
def main():
    chain_bags = [cert_bag(LEAF, "server", KEY_ID), cert_bag(INTER), cert_bag(ROOT)]
    key = shrouded_key_bag(PASSWORD)

    # (a) the key's certificate stored twice: once as the key's, once without attributes
    write("dup-key-cert.p12", pfx([encrypted_content(chain_bags + [cert_bag(LEAF)], PASSWORD),
                                   data_content([key])]))
    # (a) a CA certificate stored twice, both copies without attributes
    write("dup-ca-cert.p12", pfx([encrypted_content(chain_bags + [cert_bag(INTER)], PASSWORD),
                                  data_content([key])]))
    # (a) a certificate on no chain stored twice, and the key's once more with its name
    write("dup-extra-cert.p12", pfx([
        encrypted_content(chain_bags + [cert_bag(EXTRA), cert_bag(EXTRA),
                                        cert_bag(LEAF, "server")], PASSWORD),
        data_content([key])]))

    # (b) certificates in plain (unencrypted) bags, shrouded key, with a MAC:
    # listed with the password and with none (Java's null password)
    plain = pfx([data_content(chain_bags), data_content([key])])
    write("plain-certs.p12", plain)
    write("plain-certs-nopw.p12", password=None, data=plain)
    # the same with an extra certificate and the key's stored twice, no password
    write("plain-certs-dup-nopw.p12", password=None, data=pfx([
        data_content(chain_bags + [cert_bag(LEAF), cert_bag(EXTRA)]), data_content([key])]))

    # (c) OpenSSL 3's default layout: certificates in an encrypted bag, key shrouded
    default = pfx([encrypted_content(chain_bags, PASSWORD), data_content([key])])
    write("encrypted-certs.p12", default)
    write("encrypted-certs-nopw.p12", password=None, data=default)

    # (d) no MAC, unencrypted bags: shrouded key / plain key bag, no password given
    write("nomac-plain-certs-nopw.p12", password=None, data=
          pfx([data_content(chain_bags), data_content([key])], mac=False))
    write("nomac-keybag-nopw.p12", password=None, data=
          pfx([data_content(chain_bags + [key_bag()])], mac=False))

    # (e) BER nested deeper than 64 levels.  JDK 17 reads a bag attribute of a
    # type it does not know whatever it holds: here SEQUENCEs nested 100 deep
    # (DER) and 1000 deep (indefinite lengths) in the leaf's certificate bag.
    for levels, indefinite in ((100, False), (1000, True)):
        bags = [cert_bag(LEAF, "server", KEY_ID, extra=deep_attribute(levels, indefinite)),
                cert_bag(INTER), cert_bag(ROOT)]
        write("ber-attr-nested-%d.p12" % levels, pfx([data_content(bags), data_content([key])]))
    # The authSafe OCTET STRING as constructed OCTET STRINGs nested 29 and 100
    # deep (MAC still valid): JDK 17.0.21 stops at 30 ("Nested OctetString limit
    # reached"), 17.0.15 read both.
    for levels in (29, 100):
        write("ber-octets-nested-%d.p12" % levels,
              pfx([data_content(chain_bags), data_content([key])],
                  wrap=lambda o, n=levels: nested_octets(o, n)))

def print_passwords():
    print("# quirks/pkcs12 (samples/quirks/pkcs12/make.py); "
          "<none> = no password at all (Java: null password)")
    for name, password in sorted(PASSWORDS, key=lambda p: (p[1] == "<none>", p[0])):
        print("quirks/pkcs12/%s\t%s" % (name, password))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        OUT = sys.argv[1]
    main()
    print_passwords()
