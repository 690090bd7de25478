#!/usr/bin/env python3
"""DER -> BER re-encoder for the PKCS#12 fixtures (test input only).

usage: ber.py [--deep] [--strip-mac] IN OUT

Every constructed element gets an indefinite length, every OCTET STRING longer
than 16 bytes becomes a constructed OCTET STRING of 16-byte chunks, and an
encryptedContent [0] IMPLICIT OCTET STRING (tag 0x80) becomes constructed [0]
chunks. Only the PFX level is rewritten unless --deep is given; --deep also
rewrites DER found inside OCTET STRINGs (AuthenticatedSafe, SafeContents),
which changes the bytes a MAC covers, so use it on -nomac files only.
Certificates (an OCTET STRING holding SEQUENCE { SEQUENCE ... }) are left alone.
--strip-mac drops the PFX's MacData first (so --deep can reach encrypted parts).
"""
import sys


def header(b, i):
    tag = b[i]
    l0 = b[i + 1]
    if l0 < 0x80:
        return tag, i + 2, l0
    n = l0 & 0x7F
    return tag, i + 2 + n, int.from_bytes(b[i + 2:i + 2 + n], "big")


def elements(b):
    i = 0
    while i < len(b):
        tag, start, n = header(b, i)
        yield tag, b[start:start + n]
        i = start + n


def chunks(content):
    return b"".join(b"\x04" + bytes([len(c)]) + c for c in (content[i:i + 16] for i in range(0, len(content), 16)))


def looks_like_safe_structure(content):
    """SEQUENCE { SEQUENCE { OID ... } }: AuthenticatedSafe or SafeContents."""
    try:
        (tag, body), = list(elements(content))
        inner_tag, inner = next(elements(body))
        first_tag, _ = next(elements(inner))
        return tag == 0x30 and inner_tag == 0x30 and first_tag == 0x06
    except (ValueError, StopIteration, IndexError):
        return False


def ber(b, deep):
    out = b""
    for tag, content in elements(b):
        if tag & 0x20:
            out += bytes([tag, 0x80]) + ber(content, deep) + b"\x00\x00"
        elif tag == 0x04 and deep and looks_like_safe_structure(content):
            out += b"\x24\x80" + chunks(ber(content, deep)) + b"\x00\x00"
        elif tag in (0x04, 0x80) and len(content) > 16:
            out += bytes([tag | 0x20, 0x80]) + chunks(content) + b"\x00\x00"
        else:
            n = len(content)
            out += bytes([tag]) + (bytes([n]) if n < 0x80 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")) + content
    return out


def der(tag, content):
    n = len(content)
    if n < 0x80:
        return bytes([tag, n]) + content
    k = (n.bit_length() + 7) // 8
    return bytes([tag, 0x80 | k]) + n.to_bytes(k, "big") + content


def main():
    args = sys.argv[1:]
    deep = "--deep" in args
    strip = "--strip-mac" in args
    src, dst = [a for a in args if not a.startswith("--")]
    with open(src, "rb") as f:
        data = f.read()
    if strip:
        (_, pfx), = list(elements(data))
        version, auth_safe = list(elements(pfx))[:2]
        data = der(0x30, der(*version) + der(*auth_safe))
    with open(dst, "wb") as f:
        f.write(ber(data, deep))


if __name__ == "__main__":
    main()
