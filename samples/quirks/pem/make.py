#!/usr/bin/env python3
"""Writes samples/quirks/pem/: PEM, DER-file and BER-certificate oddities (issue 15).

Made from certificates already under samples/ (no new keys, no signing), so the
output is the same on every run for the same inputs: rerun it after
samples/make.sh (which calls it at its end). Needs python3 and openssl (for the
`-trustout` files); `cryptography` only to check what it wrote.

Every file and what it holds is listed in samples/README.md ("quirks/pem").
"""
import base64
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, SAMPLES)
import helper  # noqa: E402  (samples/helper.py: DER tools and the BER re-encoder)


def der(rel):
    return helper.read_cert(os.path.join(SAMPLES, rel))


RSA = der("der/keys/rsa-2048.der")  # 870 bytes: base64 without padding
EC = der("der/keys/ec-p256.der")  # 470 bytes (470 % 3 == 2): one '='
ED = der("der/keys/ed25519.der")  # 407 bytes (407 % 3 == 2)
RSA3K = der("der/keys/rsa-3072.der")  # 1126 bytes (1126 % 3 == 1): '=='
SAN = der("der/san/all-types.der")  # long extensions (OCTET STRINGs over 64 bytes)


def roots():
    """The Mozilla roots of roots/ca-certificates.crt, in file order."""
    text = open(os.path.join(SAMPLES, "roots/ca-certificates.crt"), encoding="ascii").read()
    out = []
    for part in text.split("-----BEGIN CERTIFICATE-----")[1:]:
        body = part.split("-----END CERTIFICATE-----")[0]
        out.append(base64.b64decode("".join(body.split())))
    return out


def b64_lines(data):
    b64 = base64.b64encode(data).decode()
    return [b64[i:i + 64] for i in range(0, len(b64), 64)]


def pem(data, label="CERTIFICATE", begin=None, end=None, lines=None):
    """One PEM block; `begin`/`end` replace the armour lines as given."""
    begin = begin if begin is not None else "-----BEGIN %s-----" % label
    end = end if end is not None else "-----END %s-----" % label
    body = lines if lines is not None else b64_lines(data)
    return "%s\n%s\n%s\n" % (begin, "\n".join(body), end)


def dirty_padding(data):
    """The base64 lines of `data` with every unused bit of the last symbol before
    the '=' padding set: still decodes to `data` when those bits are ignored."""
    assert len(data) % 3 != 0
    lines = b64_lines(data)
    last = lines[-1]
    pads = last.count("=")
    sym = last[-pads - 1]
    value = helper_alphabet().index(sym)
    value |= 0x0F if pads == 2 else 0x03
    lines[-1] = last[:-pads - 1] + helper_alphabet()[value] + "=" * pads
    assert base64.b64decode(lines[-1], validate=True)  # Python ignores the bits too
    return lines


def helper_alphabet():
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def indefinite(data):
    """`data` (DER) re-encoded with the indefinite length on every constructed
    value, strings left as they are (no chunking)."""
    def walk(start, end):
        out = b""
        for t, cs, ce, hs in helper.children(data, start, end):
            if t[0] & 0x20:
                out += t + b"\x80" + walk(cs, ce) + b"\x00\x00"
            else:
                out += data[hs:ce]
        return out
    return walk(0, len(data))


def trustout(data, *args):
    """`openssl x509 -trustout` output for `data`, with the trust settings `args`."""
    cmd = ["openssl", "x509", "-inform", "DER", "-trustout"] + list(args)
    return subprocess.run(cmd, input=data, stdout=subprocess.PIPE, check=True).stdout


def write(name, content):
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(os.path.join(HERE, name), mode) as f:
        f.write(content)


def der_files():
    """Concatenated DER certificates and DER certificates with junk after them."""
    write("concat-3.der", RSA + EC + ED)
    write("concat-roots.der", b"".join(roots()))
    write("concat-2-junk.der", RSA + EC + b"\x00\x01\x02junk\n")
    write("junk-1.der", EC + b"\x00")
    write("junk-2.der", EC + b"\x00\x00")
    write("junk-16.der", EC + bytes(range(0xA0, 0xB0)))
    write("junk-text.der", EC + b"GARBAGE trailing text\n")
    write("junk-sequence.der", EC + bytes.fromhex("3003020100"))


def pem_files():
    """Base64 padding bits, BOM, whitespace after the armour, END mismatches."""
    write("padding-bits-1.pem", pem(EC, lines=dirty_padding(EC)))
    write("padding-bits-2.pem", pem(RSA3K, lines=dirty_padding(RSA3K)))
    write("bom.pem", "\ufeff" + pem(EC))
    write("bom-crlf.pem", ("\ufeff" + pem(EC)).replace("\n", "\r\n"))
    write("begin-spaces.pem", pem(EC, begin="-----BEGIN CERTIFICATE-----   "))
    write("begin-tab.pem", pem(EC, begin="-----BEGIN CERTIFICATE-----\t"))
    write("end-spaces.pem", pem(EC, end="-----END CERTIFICATE-----  "))
    write("end-tab.pem", pem(EC, end="-----END CERTIFICATE-----\t"))
    write("end-spaces-crlf.pem", pem(EC, end="-----END CERTIFICATE-----  ").replace("\n", "\r\n"))
    # A good certificate before and after each broken block: the others are read.
    for name, end in [
        ("end-other-label.pem", "-----END X509 CRL-----"),
        ("end-garbage-label.pem", "-----END CERT#FIC@TE-----"),
        ("end-no-dashes.pem", "-----END CERTIFICATE"),
        ("end-short-dashes.pem", "-----END CERTIFICATE---"),
    ]:
        write(name, pem(RSA) + pem(EC, end=end) + pem(ED))
    write("end-mismatch-only.pem", pem(EC, end="-----END X509 CRL-----"))
    # BEGIN lines Java does not take (indented, after text, text after the dashes,
    # no closing dashes): between two good certificates, never dropped silently.
    for name, begin in [
        ("begin-indented.pem", "  -----BEGIN CERTIFICATE-----"),
        ("begin-after-text.pem", "cert: -----BEGIN CERTIFICATE-----"),
        ("begin-text-after.pem", "-----BEGIN CERTIFICATE-----junk"),
        ("begin-no-dashes.pem", "-----BEGIN CERTIFICATE"),
    ]:
        write(name, pem(RSA) + pem(EC, begin=begin) + pem(ED))
    write("trustout.pem", trustout(
        EC, "-addtrust", "serverAuth", "-addreject", "emailProtection", "-setalias", "Quirk EC"))
    write("trustout-bare.pem", trustout(EC))
    write("trustout-chain.pem", trustout(RSA, "-addtrust", "anyExtendedKeyUsage")
          + trustout(ED, "-addtrust", "clientAuth"))


def ber_files():
    """Certificates encoded with indefinite lengths (BER), alone and among others."""
    ind = indefinite(EC)
    write("ber-indefinite.der", ind)
    write("ber-indefinite.pem", pem(ind))
    write("ber-chunked.der", helper.ber(SAN, 0, len(SAN)))
    write("ber-in-bundle.pem", pem(RSA) + pem(ind) + pem(ED))
    write("ber-in-concat.der", RSA + ind + ED)


def check():
    """What was written parses (Python's base64, `cryptography` for DER)."""
    try:
        from cryptography import x509
    except ImportError:
        return
    for c in (RSA, EC, ED, RSA3K, SAN):
        x509.load_der_x509_certificate(c)


def main():
    der_files()
    pem_files()
    ber_files()
    check()


if __name__ == "__main__":
    main()
