#!/usr/bin/env python3
"""Crafted certificates for the places where Java's reading is not the obvious one.

Each file is one certificate built byte by byte (a DER builder below), so that a field can
hold what no CA tool writes: empty RDNs, SAN entries java.net.URI rejects, non-UTF-8 bytes,
OIDs with large arcs, dates Java's lenient calendar reads, malformed extensions Java
tolerates, odd keys. Signed with a fixed Ed25519 key (deterministic: the same bytes on every
run). The expected values are Java's own: tests/expected/oracle/*/quirks/certs/ (made by
scripts/make-goldens.sh). See samples/README.md, "quirks/certs".

    samples/quirks/certs/make.py      # needs python3 with `cryptography`
"""
import base64
import os
import sys

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


# ------------------------------------------------------------------ DER builder
# tlv and its length encoding are samples/helper.py's.
sys.path.insert(0, os.path.join(HERE, "..", ".."))
from helper import tlv  # noqa: E402


def seq(*parts):
    return tlv(0x30, b"".join(parts))


def set_(*parts):
    return tlv(0x31, b"".join(parts))


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    first = [arcs[0] * 40 + arcs[1]] + arcs[2:]
    out = b""
    for a in first:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        out += bytes(reversed(chunk))
    return tlv(0x06, out)


def integer(n):
    return tlv(0x02, n.to_bytes(max(1, (n.bit_length() + 8) // 8), "big", signed=True))


def utf8(s):
    return tlv(0x0C, s.encode() if isinstance(s, str) else s)


def printable(s):
    return tlv(0x13, s.encode())


def ia5(s):
    return tlv(0x16, s.encode("latin-1") if isinstance(s, str) else s)


def octets(b):
    return tlv(0x04, b)


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def ctx(n, content, constructed=True):
    return tlv((0xA0 if constructed else 0x80) | n, content)


def ava(oid_dotted, value):
    return seq(oid(oid_dotted), value)


CN, O, OU, C = "2.5.4.3", "2.5.4.10", "2.5.4.11", "2.5.4.6"


def name(*rdns):
    """rdns: each a list of (oid, value-DER) pairs; [] is an empty RDN (an empty SET)."""
    return seq(*[set_(*[ava(o, v) for o, v in rdn]) for rdn in rdns])


def cn(s):
    return [(CN, utf8(s))]


ISSUER = name([(C, printable("US"))], [(O, utf8("certinfo quirks"))], cn("certinfo Quirks CA"))
ED25519_ALG = seq(oid("1.3.101.112"))


def ext(oid_dotted, value, critical=False):
    return seq(oid(oid_dotted), *([tlv(0x01, b"\xff")] if critical else []), octets(value))


def san(*names):
    return ext("2.5.29.17", seq(*names))


def dns(s):
    return tlv(0x82, s.encode("latin-1") if isinstance(s, str) else s)


def uri(s):
    return tlv(0x86, s.encode("latin-1") if isinstance(s, str) else s)


def email(s):
    return tlv(0x81, s.encode("latin-1") if isinstance(s, str) else s)


def ip(b):
    return tlv(0x87, b)


def utc(s):
    return tlv(0x17, s.encode())


def gen(s):
    return tlv(0x18, s.encode())


def cert(subject=None, issuer=ISSUER, extensions=(), not_before=None, not_after=None,
         serial=0x4242, spki=None, sig_alg=ED25519_ALG, outer_alg=None, raw_exts=None,
         version=2):
    subject = subject if subject is not None else name(cn("quirk.example.com"))
    spki = spki or KEY.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    validity = seq(not_before or utc("250101000000Z"), not_after or utc("350101000000Z"))
    parts = [ctx(0, integer(version))] if version is not None else []
    serial = serial if isinstance(serial, bytes) else integer(serial)
    parts += [serial, sig_alg, issuer, validity, subject, spki]
    if raw_exts is not None:
        parts.append(ctx(3, raw_exts))
    elif extensions:
        parts.append(ctx(3, seq(*extensions)))
    tbs = seq(*parts)
    return seq(tbs, outer_alg or sig_alg, bits(KEY.sign(tbs)))


def write(rel, der):
    path = os.path.join(HERE, rel + ".pem")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    b64 = base64.b64encode(der).decode()
    body = "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
    with open(path, "w") as f:
        f.write("-----BEGIN CERTIFICATE-----\n%s\n-----END CERTIFICATE-----\n" % body)


# ------------------------------------------------------------------ the cases
def names():
    us, org = [(C, printable("US"))], [(O, utf8("Org"))]
    write("names/empty-rdn-middle", cert(name(us, [], cn("gov.us"))))
    write("names/empty-rdn-last", cert(name(cn("x"), [])))
    write("names/empty-rdn-first", cert(name([], org, cn("x"))))
    write("names/empty-rdn-only", cert(name([])))
    write("names/empty-rdns-two", cert(name(us, [], [], cn("x"))))
    write("names/empty-rdn-multivalued", cert(name(us, [], [(OU, utf8("a")), (CN, utf8("b"))])))
    write("names/empty-rdn-issuer", cert(issuer=name(us, [], cn("Empty RDN CA"))))
    write("names/empty-rdn-dirname", cert(extensions=[san(ctx(4, name(us, [], cn("d"))))]))
    write("names/empty-name-dirname", cert(extensions=[san(ctx(4, seq()))]))
    # Attribute values of unusual types.
    write("names/value-types", cert(name(
        [("2.5.4.3", tlv(0x14, b"T61 caf\xe9"))],            # TeletexString, a Latin-1 byte
        [("2.5.4.11", tlv(0x1E, "BMP \u00e9".encode("utf-16-be")))],
        [("2.5.4.11", tlv(0x1C, "Univ".encode("utf-32-be")))],
        [("2.5.4.11", tlv(0x1A, b"Visible"))],                # VisibleString
        [("2.5.4.11", tlv(0x1B, b"General"))],                # GeneralString
        [("2.5.4.11", tlv(0x05, b""))],                       # NULL
        [("2.5.4.11", integer(7))],                           # INTEGER
        [("2.5.4.11", printable(""))],                        # empty PrintableString
    )))
    write("names/utf8-invalid", cert(name(cn(b"bad \xff\xfe utf8"), [(O, utf8(b"caf\xe9"))])))
    write("names/bmp-odd-length", cert(name([(CN, tlv(0x1E, b"\x00A\x00"))])))
    write("names/ia5-high-bytes", cert(name([("1.2.840.113549.1.9.1", ia5(b"m\xfcller@x"))])))
    write("names/printable-bad-chars", cert(name([(CN, tlv(0x13, b"a@b_c*"))])))
    write("names/bmp-surrogate-pair", cert(name([(CN, tlv(0x1E, "x\U0001F600".encode("utf-16-be")))])))
    write("names/value-constructed", cert(name([(OU, seq(utf8("in"), integer(1)))], cn("c"))))
    write("names/utf8-nul", cert(name(cn("a\x00b"))))
    write("names/long-value", cert(name(cn("x" * 1000))))
    write("names/ava-extra-element", cert(name([(CN, utf8("a") + utf8("b"))])))


def oids():
    write("oids/arc-2-999", cert(
        name([("2.999.1", utf8("x"))], cn("oid")),
        extensions=[ext("2.999.2", b"\x05\x00"),
                    san(ctx(0, oid("2.999.3") + ctx(0, utf8("other"))), tlv(0x88, oid("2.999.4")[2:]))]))
    write("oids/arc-0-0", cert(
        name([("0.0", utf8("zero"))], cn("oid")),
        extensions=[san(tlv(0x88, b"\x00"))]))
    write("oids/arc-huge", cert(name([("1.2.99999999999999999999999", utf8("big"))], cn("oid"))))
    write("oids/arc-1-39", cert(name([("1.39.5", utf8("a")), ("2.40.7", utf8("b"))], cn("oid"))))
    write("oids/sigalg-unknown", cert(sig_alg=seq(oid("2.999.5"))))
    write("oids/sigalg-mismatch", cert(outer_alg=seq(oid("1.2.840.113549.1.1.11"), tlv(0x05, b""))))


def sans():
    good = dns("good.example.com")
    for n, u in [("space", "http://exa mple.com/"), ("no-scheme", "www.example.com/path"),
                 ("empty-scheme", ":foo"), ("host-trailing-dot", "http://example.com./"),
                 ("host-underscore", "http://exa_mple.com/"), ("host-empty-label", "http://a..b/"),
                 ("ipv6-bad", "http://[::1::2]/"), ("ipv6-ok", "http://[2001:db8::1]:8080/x"),
                 ("mailto", "mailto:someone@example.com"), ("urn", "urn:isbn:0451450523"),
                 ("percent-bad", "http://example.com/%zz"), ("host-ipv4", "ldap://192.0.2.1/o=x"),
                 ("host-digit-label", "http://1example.com/"), ("empty", ""),
                 ("host-hyphen-start", "http://-bad.example/")]:
        write(f"san/uri-{n}", cert(extensions=[san(good, uri(u))]))
    for n in (0, 5, 8, 32, 17):
        write(f"san/ip-{n}-bytes", cert(extensions=[san(good, ip(bytes(range(1, n + 1))))]))
    write("san/dirname-not-a-name", cert(extensions=[san(good, ctx(4, integer(5)))]))
    write("san/trailing-bytes", cert(extensions=[ext("2.5.29.17", seq(good) + b"\x00\x00")]))
    write("san/dns-latin1", cert(extensions=[san(dns(b"caf\xe9.example"), good)]))
    write("san/dns-invalid-utf8", cert(extensions=[san(dns(b"\xff\xfe.example"), email(b"j\xf6rg@example.com"))]))
    write("san/dns-empty", cert(extensions=[san(dns(""), good)]))
    write("san/dns-odd", cert(extensions=[san(dns("-x-.example"), dns("a..b"), dns("*.*.example"), dns("sp ace"))]))
    write("san/edi-rfc5280", cert(extensions=[san(good, ctx(5, ctx(1, utf8("party"))))]))
    write("san/edi-assigner", cert(extensions=[san(ctx(5, ctx(0, utf8("assigner")) + ctx(1, printable("party"))))]))
    write("san/edi-implicit", cert(extensions=[san(ctx(5, tlv(0x81, b"party")))]))
    write("san/x400", cert(extensions=[san(good, ctx(3, seq(seq())))]))
    write("san/othername-odd", cert(extensions=[san(ctx(0, oid("1.3.6.1.4.1.311.20.2.3") + ctx(0, integer(3))), good)]))
    write("san/empty-sequence", cert(extensions=[ext("2.5.29.17", seq())]))
    write("san/unknown-tag", cert(extensions=[san(good, tlv(0x89, b"x"))]))
    write("san/othername-trailing", cert(extensions=[san(ctx(0, oid("1.2.3.4") + ctx(0, utf8("v")) + integer(1)))]))
    write("san/ip-32-prefix", cert(extensions=[san(ip(bytes.fromhex("20010db8" + "00" * 12 + "ffffffff" + "00" * 12)))]))
    write("san/ip-32-mapped", cert(extensions=[san(ip(bytes(10) + b"\xff\xff" + bytes([192, 0, 2, 0]) + b"\xff" * 15 + b"\x00"))]))
    write("san/ip-32-mapped-bad-mask", cert(extensions=[san(ip(bytes(10) + b"\xff\xff" + bytes([192, 0, 2, 0]) + b"\x00" * 16))]))
    write("san/ip-8", cert(extensions=[san(ip(bytes([10, 0, 0, 0, 255, 0, 0, 0])))]))
    for n, e in [("at-only", "@"), ("user-at", "user@"), ("dot-domain", "a@."), ("no-at", "example.com"),
                 ("empty", ""), ("dot-start", "a@.example.com")]:
        write(f"san/email-{n}", cert(extensions=[san(good, email(e))]))
    write("san/dirname-implicit", cert(extensions=[san(ctx(4, set_(ava(CN, utf8("implicit")))))]))
    write("san/dirname-trailing", cert(extensions=[san(ctx(4, name(cn("d")) + integer(1)))]))
    write("san/oid-bad", cert(extensions=[san(good, tlv(0x88, b"\x2a\x86"))]))
    write("san/long-lengths", cert(extensions=[ext("2.5.29.17", b"\x30\x81\x12" + tlv(0x82, b"long.example.com"))]))


def dates():
    cases = {
        "gt-fraction-long": gen("20250101000000.123456789Z"),
        "gt-fraction-one": gen("20250101000000.5Z"),
        "gt-fraction-comma": gen("20250101000000,5Z"),
        "gt-offset": gen("20250101000000+0130"),
        "gt-offset-negative": gen("20250101000000-0800"),
        "gt-fraction-offset": gen("20250101000000.25+0100"),
        "gt-no-z": gen("20250101000000"),
        "gt-no-seconds": gen("202501010000Z"),
        "gt-feb29": gen("20250229120000Z"),
        "gt-month-13": gen("20251301000000Z"),
        "gt-hour-24": gen("20250101240000Z"),
        "gt-second-60": gen("20250101235960Z"),
        "gt-day-0": gen("20250100000000Z"),
        "utc-feb29": utc("250229120000Z"),
        "utc-no-seconds": utc("2501010000Z"),
        "utc-offset": utc("250101000000+0100"),
        "utc-no-seconds-offset": utc("2501010000-0500"),
        "utc-no-z": utc("250101000000"),
        "utc-year-49": utc("491231235959Z"),
        "utc-year-50": utc("500101000000Z"),
        "gt-year-0001": gen("00010101000000Z"),
        "gt-year-9999": gen("99991231235959Z"),
        "gt-lowercase-z": gen("20250101000000z"),
        "utc-fraction": utc("250101000000.5Z"),
        "gt-fraction-no-digits-offset": gen("20250101000000.+0100"),
    }
    for n, t in cases.items():
        write(f"dates/{n}", cert(not_before=t, not_after=gen("20350101000000Z")))
    write("dates/not-after-fraction", cert(not_after=gen("20350101000000.999Z")))


def extensions():
    ku, bc = "2.5.29.15", "2.5.29.19"
    write("exts/ku-wrong-type", cert(extensions=[ext(ku, octets(b"\x05\xa0"))]))
    write("exts/ku-wrong-type-critical", cert(extensions=[ext(ku, octets(b"\x05\xa0"), True)]))
    write("exts/ku-empty-bits", cert(extensions=[ext(ku, bits(b""))]))
    write("exts/ku-unused-bits-set", cert(extensions=[ext(ku, bits(b"\x87", 3))]))
    write("exts/ku-long", cert(extensions=[ext(ku, bits(b"\xff\xff\xff"))]))
    write("exts/bc-negative-pathlen", cert(extensions=[ext(bc, seq(tlv(0x01, b"\xff"), integer(-1)), True)]))
    write("exts/bc-pathlen-no-ca", cert(extensions=[ext(bc, seq(integer(3)))]))
    write("exts/bc-wrong-type", cert(extensions=[ext(bc, octets(b"x"))]))
    write("exts/eku-wrong-type", cert(extensions=[ext("2.5.29.37", octets(b"x"))]))
    write("exts/aki-wrong-type", cert(extensions=[ext("2.5.29.35", integer(1))]))
    write("exts/ski-wrong-type", cert(extensions=[ext("2.5.29.14", integer(1))]))
    write("exts/unknown-critical", cert(extensions=[ext("1.3.6.1.4.1.55555.9", b"\x05\x00", True)]))
    write("exts/not-der-value", cert(extensions=[ext("1.3.6.1.4.1.55555.8", b"\xde\xad")]))
    write("exts/empty-extensions", cert(raw_exts=seq()))
    write("exts/critical-false-explicit", cert(extensions=[
        seq(oid(ku), tlv(0x01, b"\x00"), octets(bits(b"\x80", 7)))]))
    write("exts/v1-with-extensions", cert(version=0, extensions=[san(dns("v1.example"))]))
    write("exts/v2-explicit", cert(version=1))
    write("exts/version-absent-with-extensions", cert(version=None, extensions=[san(dns("v.example"))]))
    write("exts/version-1-explicit", cert(version=0))
    write("exts/version-4", cert(version=3, extensions=[san(dns("v4.example"))]))
    write("exts/extension-extra-element", cert(raw_exts=seq(
        seq(oid("2.5.29.17"), octets(seq(dns("extra.example"))), integer(5)))))
    write("exts/primitive-extensions-tag", cert_primitive_exts())


def keys():
    def spki(alg, key_bits):
        return seq(alg, bits(key_bits))
    write("keys/unknown-algorithm", cert(spki=spki(seq(oid("1.3.6.1.4.1.55555.7")), b"\x01\x02")))
    write("keys/ec-unknown-curve", cert(spki=spki(seq(oid("1.2.840.10045.2.1"), oid("1.3.6.1.4.1.55555.6")),
                                                   b"\x04" + bytes(64))))
    write("keys/ec-secp160r1", cert(spki=spki(seq(oid("1.2.840.10045.2.1"), oid("1.3.132.0.8")),
                                               b"\x04" + bytes(range(1, 41)))))
    rsa_pub = seq(integer((1 << 2047) + 12345), integer(65537))
    write("keys/rsa-no-null", cert(spki=spki(seq(oid("1.2.840.113549.1.1.1")), rsa_pub)))
    write("keys/rsa-odd-size", cert(spki=spki(seq(oid("1.2.840.113549.1.1.1"), tlv(0x05, b"")),
                                               seq(integer((1 << 2040) + 1), integer(3)))))
    write("keys/dsa-no-params", cert(spki=spki(seq(oid("1.2.840.10040.4.1")), integer(12345))))
    write("keys/rsa-garbage", cert(spki=spki(seq(oid("1.2.840.113549.1.1.1"), tlv(0x05, b"")), b"\x00\x01")))


def misc():
    write("misc/serial-zero-length", cert(serial=tlv(0x02, b"")))
    write("misc/serial-long-padding", cert(serial=tlv(0x02, b"\x00\x00\x00\x01")))
    write("misc/unique-ids", cert_with_unique_ids())
    write("misc/long-form-lengths", cert_long_lengths())


def cert_primitive_exts():
    # The extensions under a primitive [3]: Java passes over them.
    spki = KEY.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    tbs = seq(ctx(0, integer(2)), integer(8), ED25519_ALG, ISSUER,
              seq(utc("250101000000Z"), utc("350101000000Z")), name(cn("prim")), spki,
              tlv(0x83, seq(san(dns("prim.example")))))
    return seq(tbs, ED25519_ALG, bits(KEY.sign(tbs)))


def cert_long_lengths():
    # Every length in the long form, one octet more than needed (BER lengths,
    # which Java reads in certificates).
    def l(tag, content):
        n = len(content)
        return bytes([tag, 0x82]) + n.to_bytes(2, "big") + content
    spki = KEY.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    nm = l(0x30, l(0x31, l(0x30, oid(CN) + l(0x0C, b"long lengths"))))
    tbs = l(0x30, ctx(0, integer(2)) + integer(9) + ED25519_ALG + ISSUER +
            seq(utc("250101000000Z"), utc("350101000000Z")) + nm + spki)
    return l(0x30, tbs + ED25519_ALG + bits(KEY.sign(tbs)))


def cert_with_unique_ids():
    # issuerUniqueID [1] and subjectUniqueID [2] between the key and the extensions.
    spki = KEY.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    tbs = seq(ctx(0, integer(2)), integer(7), ED25519_ALG, ISSUER,
              seq(utc("250101000000Z"), utc("350101000000Z")), name(cn("uid")), spki,
              tlv(0x81, b"\x00\xaa"), tlv(0x82, b"\x00\xbb"),
              ctx(3, seq(san(dns("uid.example")))))
    return seq(tbs, ED25519_ALG, bits(KEY.sign(tbs)))


if __name__ == "__main__":
    names()
    oids()
    sans()
    dates()
    extensions()
    keys()
    misc()
