#!/usr/bin/env python3
"""Small DER tools used by samples/make.sh for fixtures openssl 3.0 cannot make.

Needs only the standard library, plus the `cryptography` package for `resign`
and `build` (to sign).  Sub-commands:

  resign IN OUT --key KEY [--serial HEX] [--not-before T] [--not-after T]
         [--spki PUBKEY.pem] [--version N] [--sig-hash sha256]
      Rewrite fields of the TBSCertificate of certificate IN (PEM or DER) and
      sign it again with KEY (PEM private key).  HEX is the raw content of the
      serial INTEGER (two's complement, e.g. ff = -1, 0001 = non-minimal 1).
      T is U:YYMMDDHHMMSSZ (UTCTime) or G:YYYYMMDDHHMMSS[.fff]Z
      (GeneralizedTime), or any raw string after the U:/G: prefix.
      N is the raw version value (0 = v1, 1 = v2, 2 = v3); an explicit
      version field is inserted when the input has none.
      OUT is written as PEM unless it ends in .der.
  build OUT --issuer-cert C --issuer-key K --pubkey P --subject-empty ...
      (see cmd_build): a certificate with an empty subject DN.
  ber IN OUT
      Re-encode DER IN in BER: every constructed value gets the indefinite
      length form, and every OCTET STRING longer than 64 bytes that is not
      inside another OCTET STRING becomes a constructed OCTET STRING of
      chunks.  OCTET STRING contents are left untouched, so a PKCS#12 MAC
      stays valid.
  random OUT N SEED
      N pseudo-random bytes from Python's random.Random(SEED) (deterministic).
  pem2der IN OUT / der2pem IN OUT LABEL
"""
import base64
import random
import re
import sys


# ------------------------------------------------------------------ DER
def read_tlv(buf, pos):
    """Return (tag_bytes, content_start, content_end, next_pos)."""
    start = pos
    tag = buf[pos]
    pos += 1
    if tag & 0x1F == 0x1F:  # high tag number form
        while buf[pos] & 0x80:
            pos += 1
        pos += 1
    tag_bytes = buf[start:pos]
    first = buf[pos]
    pos += 1
    if first < 0x80:
        length = first
    elif first == 0x80:
        raise ValueError("indefinite length in DER input")
    else:
        n = first & 0x7F
        length = int.from_bytes(buf[pos:pos + n], "big")
        pos += n
    return tag_bytes, pos, pos + length, pos + length


def children(buf, start, end):
    """[(tag, content_start, content_end, header_start)] of the values in buf[start:end]."""
    out = []
    pos = start
    while pos < end:
        hs = pos
        t, cs, ce, pos = read_tlv(buf, pos)
        out.append((t, cs, ce, hs))
    return out


def enc_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    if isinstance(tag, int):
        tag = bytes([tag])
    return tag + enc_len(len(content)) + content


def read_cert(path):
    data = open(path, "rb").read()
    if b"-----BEGIN" in data:
        m = re.search(rb"-----BEGIN [^-]+-----(.*?)-----END", data, re.S)
        data = base64.b64decode(b"".join(m.group(1).split()))
    return data


def write_out(path, der, label="CERTIFICATE"):
    if path.endswith(".der"):
        open(path, "wb").write(der)
    else:
        b64 = base64.b64encode(der).decode()
        lines = [b64[i:i + 64] for i in range(0, len(b64), 64)]
        open(path, "w").write(
            "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label))


def time_tlv(spec):
    kind, val = spec.split(":", 1)
    return tlv(0x17 if kind == "U" else 0x18, val.encode("ascii"))


# OID (dotted) -> hash name used when re-signing
SIG_HASH = {
    "1.2.840.113549.1.1.4": "md5", "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.14": "sha224", "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384", "1.2.840.113549.1.1.13": "sha512",
    "1.2.840.10045.4.1": "sha1", "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256", "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512", "1.2.840.10040.4.3": "sha1",
    "2.16.840.1.101.3.4.3.1": "sha224", "2.16.840.1.101.3.4.3.2": "sha256",
    "1.3.101.112": None, "1.3.101.113": None,
}


def oid_str(content):
    vals, v = [], 0
    for b in content:
        v = (v << 7) | (b & 0x7F)
        if not b & 0x80:
            vals.append(v)
            v = 0
    first = min(vals[0] // 40, 2)
    return ".".join(str(x) for x in [first, vals[0] - 40 * first] + vals[1:])


def sign(key_path, data, hash_name):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, padding, rsa
    key = serialization.load_pem_private_key(open(key_path, "rb").read(), None)
    h = {"md5": hashes.MD5, "sha1": hashes.SHA1, "sha224": hashes.SHA224,
         "sha256": hashes.SHA256, "sha384": hashes.SHA384,
         "sha512": hashes.SHA512}.get(hash_name)
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), h())
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(h()))
    if isinstance(key, dsa.DSAPrivateKey):
        return key.sign(data, h())
    return key.sign(data)  # Ed25519 / Ed448


def cmd_resign(args):
    src, out = args[0], args[1]
    opts = dict(zip(args[2::2], args[3::2]))
    der = read_cert(src)
    _, cs, ce, _ = read_tlv(der, 0)
    tbs_t, alg_t, _sig_t = children(der, cs, ce)
    kids = children(der, tbs_t[1], tbs_t[2])
    raw = [der[k[3]:k[2]] for k in kids]
    i = 1 if kids[0][0] == b"\xa0" else 0  # index of serialNumber
    if "--version" in opts:  # 0-based value: 0 = v1, 1 = v2, 2 = v3
        v = tlv(0xA0, tlv(0x02, bytes([int(opts["--version"])])))
        if i == 1:
            raw[0] = v
        else:
            raw.insert(0, v)
            kids.insert(0, None)
            i = 1
    if "--serial" in opts:
        raw[i] = tlv(0x02, bytes.fromhex(opts["--serial"]))
    nb_t, na_t = children(der, kids[i + 3][1], kids[i + 3][2])
    nb, na = der[nb_t[3]:nb_t[2]], der[na_t[3]:na_t[2]]
    if "--not-before" in opts:
        nb = time_tlv(opts["--not-before"])
    if "--not-after" in opts:
        na = time_tlv(opts["--not-after"])
    raw[i + 3] = tlv(0x30, nb + na)
    if "--spki" in opts:
        raw[i + 5] = read_cert(opts["--spki"])
    tbs = tlv(0x30, b"".join(raw))
    alg_der = der[alg_t[3]:alg_t[2]]
    oid_t = children(der, alg_t[1], alg_t[2])[0]
    oid = oid_str(der[oid_t[1]:oid_t[2]])
    if oid not in SIG_HASH and "--sig-hash" not in opts:
        raise SystemExit("resign: unsupported signature algorithm " + oid)
    sig = sign(opts["--key"], tbs, opts.get("--sig-hash", SIG_HASH.get(oid)))
    write_out(out, tlv(0x30, tbs + alg_der + tlv(0x03, b"\x00" + sig)))


def cmd_build(args):
    """build OUT ISSUER_CERT ISSUER_KEY PUBKEY NOT_BEFORE NOT_AFTER SERIAL
    A v3 certificate with an EMPTY subject and a critical SAN
    (dNSName empty-subject.example.com)."""
    import datetime
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID  # noqa: F401
    out, icert, ikey, pub, nb, na, serial = args
    issuer = x509.load_pem_x509_certificate(open(icert, "rb").read())
    key = serialization.load_pem_private_key(open(ikey, "rb").read(), None)
    pk = serialization.load_pem_public_key(open(pub, "rb").read())
    p = lambda s: datetime.datetime.strptime(s, "%Y%m%d%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
    b = (x509.CertificateBuilder().subject_name(x509.Name([]))
         .issuer_name(issuer.subject).public_key(pk)
         .serial_number(int(serial, 16)).not_valid_before(p(nb)).not_valid_after(p(na))
         .add_extension(x509.SubjectAlternativeName([x509.DNSName("empty-subject.example.com")]),
                        critical=True))
    cert = b.sign(key, hashes.SHA256())
    write_out(out, cert.public_bytes(serialization.Encoding.DER))


def ber(buf, start, end, inside_octets=False):
    out = b""
    for t, cs, ce, hs in children(buf, start, end):
        constructed = t[0] & 0x20
        if constructed and not inside_octets:
            out += t + b"\x80" + ber(buf, cs, ce) + b"\x00\x00"
        elif t == b"\x04" and not inside_octets and ce - cs > 64:
            chunks = b"".join(tlv(0x04, buf[p:min(p + 64, ce)]) for p in range(cs, ce, 64))
            out += b"\x24\x80" + chunks + b"\x00\x00"
        else:
            out += buf[hs:ce]
    return out


def cmd_ber(args):
    data = open(args[0], "rb").read()
    open(args[1], "wb").write(ber(data, 0, len(data)))


def cmd_random(args):
    out, n, seed = args[0], int(args[1]), int(args[2])
    r = random.Random(seed)
    open(out, "wb").write(bytes(r.getrandbits(8) for _ in range(n)))


def cmd_pem2der(args):
    open(args[1], "wb").write(read_cert(args[0]))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    {"resign": cmd_resign, "build": cmd_build, "ber": cmd_ber,
     "random": cmd_random, "pem2der": cmd_pem2der}[cmd](args)


if __name__ == "__main__":
    main()
