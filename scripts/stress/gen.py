#!/usr/bin/env python3
"""Adversarial inputs for scripts/stress/run.py, generated at the sizes the
stress cases state (issue 14).  Needs the `cryptography` package.

Each generator writes one file; certificates are a few distinct EC
certificates repeated, which is what memory and time depend on.

    python3 scripts/stress/gen.py DIR     writes every stress input into DIR

(run.py calls it in a process of its own: a child's peak RSS counts the
memory of the process it was forked from.)
"""
import datetime
import hashlib
import os
import socket
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

_T0 = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
_T1 = datetime.datetime(2034, 1, 1, tzinfo=datetime.timezone.utc)


# ------------------------------------------------------------------ DER
def _len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, *parts):
    body = b"".join(parts)
    return bytes([tag]) + _len(len(body)) + body


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = bytearray()
    for a in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, bytes(out))


def seq(*parts):
    return tlv(0x30, *parts)


# ------------------------------------------------------------ certificates
def _name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def certificate(subject, issuer, pub, signer, serial, ca):
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(_name(issuer))
        .public_key(pub)
        .serial_number(serial)
        .not_valid_before(_T0)
        .not_valid_after(_T1)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    return b.sign(signer, hashes.SHA256())


def distinct_certs(n):
    """n self-signed EC certificates, DER."""
    out = []
    for i in range(n):
        k = ec.generate_private_key(ec.SECP256R1())
        c = certificate(f"stress {i}", f"stress {i}", k.public_key(), k, i + 1, True)
        out.append(c.public_bytes(serialization.Encoding.DER))
    return out


def pem_bundle(path, count, distinct=64):
    ders = distinct_certs(distinct)
    blocks = [x509.load_der_x509_certificate(d).public_bytes(serialization.Encoding.PEM) for d in ders]
    with open(path, "wb") as f:
        for i in range(count):
            f.write(blocks[i % distinct])


# --------------------------------------------------------------------- JKS
def _utf(s):
    b = s.encode()
    return struct.pack(">H", len(b)) + b


def jks(path, count, password="changeit", distinct=64):
    """A JKS of `count` trustedCertEntry entries, with a valid integrity hash."""
    ders = distinct_certs(distinct)
    h = hashlib.sha1()
    h.update(password.encode("utf-16-be") + b"Mighty Aphrodite")
    with open(path, "wb") as f:
        def w(b):
            h.update(b)
            f.write(b)
        w(struct.pack(">IIi", 0xFEEDFEED, 2, count))
        for i in range(count):
            d = ders[i % distinct]
            w(struct.pack(">I", 2) + _utf(f"a{i}") + struct.pack(">q", 1700000000000)
              + _utf("X.509") + struct.pack(">I", len(d)) + d)
        f.write(h.digest())


# ------------------------------------------------------------------ PKCS#7
def pkcs7(path, count, distinct=64):
    """A DER SignedData holding `count` certificates and no signers."""
    ders = distinct_certs(distinct)
    certs = b"".join(ders[i % distinct] for i in range(count))
    signed = seq(tlv(0x02, b"\x01"), tlv(0x31), seq(oid("1.2.840.113549.1.7.1")),
                 tlv(0xA0, certs), tlv(0x31))
    with open(path, "wb") as f:
        f.write(seq(oid("1.2.840.113549.1.7.2"), tlv(0xA0, signed)))


# ----------------------------------------------------------------- PKCS#12
def _bag(bag_oid, value, key_id):
    attrs = tlv(0x31, seq(oid("1.2.840.113549.1.9.21"), tlv(0x31, tlv(0x04, key_id))))
    return seq(oid(bag_oid), tlv(0xA0, value), attrs if key_id else b"")


def _cert_bag(der, key_id=b""):
    value = seq(oid("1.2.840.113549.1.9.22.1"), tlv(0xA0, tlv(0x04, der)))
    return _bag("1.2.840.113549.1.12.10.1.3", value, key_id)


def pkcs12_keys_sharing_chain(path, keys, chain):
    """An unencrypted, MAC-less PKCS#12: `keys` key bags, each with its own
    leaf, every leaf issued by the top of one `chain`-certificate CA chain."""
    ca_keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(chain)]
    bags = []
    for i, k in enumerate(ca_keys):
        issuer = min(i + 1, chain - 1)
        c = certificate(f"ca {i}", f"ca {issuer}", k.public_key(), ca_keys[issuer], 1000 + i, True)
        bags.append(_cert_bag(c.public_bytes(serialization.Encoding.DER)))
    for i in range(keys):
        k = ec.generate_private_key(ec.SECP256R1())
        c = certificate(f"leaf {i}", "ca 0", k.public_key(), ca_keys[0], 10 + i, False)
        kid = struct.pack(">I", i)
        p8 = k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
        bags.append(_bag("1.2.840.113549.1.12.10.1.1", p8, kid))
        bags.append(_cert_bag(c.public_bytes(serialization.Encoding.DER), kid))
    data = oid("1.2.840.113549.1.7.1")
    safe = seq(data, tlv(0xA0, tlv(0x04, seq(*bags))))
    pfx = seq(tlv(0x02, b"\x03"), seq(data, tlv(0xA0, tlv(0x04, seq(safe)))))
    with open(path, "wb") as f:
        f.write(pfx)


def pkcs12_costly(path, rounds, password=b"stress"):
    """A PKCS#12 whose key and certificate bags each take `rounds` PBKDF2-SHA256
    iterations (AES-256; `cryptography` gives the MAC 2048)."""
    from cryptography.hazmat.primitives.serialization import pkcs12
    k = ec.generate_private_key(ec.SECP256R1())
    c = certificate("costly", "costly", k.public_key(), k, 7, False)
    enc = (serialization.PrivateFormat.PKCS12.encryption_builder()
           .kdf_rounds(rounds)
           .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
           .hmac_hash(hashes.SHA512())
           .build(password))
    with open(path, "wb") as f:
        f.write(pkcs12.serialize_key_and_certificates(b"costly", k, c, None, enc))


# ------------------------------------------------------------ malformed PEM
def pem_without_end(path, size):
    """A BEGIN line followed by `size` bytes of base64 lines and no END line."""
    line = b"QUJD" * 16 + b"\n"
    with open(path, "wb") as f:
        f.write(b"-----BEGIN CERTIFICATE-----\n")
        block = line * (1 << 14)
        written = 0
        while written < size:
            f.write(block)
            written += len(block)


def sparse_pem(path, size):
    """A BEGIN line, then a hole: `size` bytes on disk only in name."""
    with open(path, "wb") as f:
        f.write(b"-----BEGIN CERTIFICATE-----\n")
        f.truncate(size)


MiB = 1 << 20


def all_inputs(d):
    p = lambda name: os.path.join(d, name)  # noqa: E731
    jks(p("100k.jks"), 100_000)
    pkcs7(p("500k.p7b"), 500_000)
    pem_bundle(p("70k.pem"), 70_000)
    pkcs12_keys_sharing_chain(p("kxl.p12"), 700, 700)
    pkcs12_keys_sharing_chain(p("kxl-over.p12"), 1100, 1000)
    pkcs12_costly(p("costly.p12"), 1_000_000)
    pem_without_end(p("noend.pem"), 300 * MiB)
    sparse_pem(p("sparse.pem"), 10 << 30)
    os.mkdir(p("dir"))
    pem_bundle(p("dir/bundle.pem"), 20_000)
    os.mkfifo(p("dir/fifo"))
    socket.socket(socket.AF_UNIX).bind(p("dir/socket"))


if __name__ == "__main__":
    all_inputs(sys.argv[1])
