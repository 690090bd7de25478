#!/usr/bin/env python3
"""Keys and certificates for the fixture TLS servers of tests/cli/remote.rs.

Each file holds a PKCS#8 Ed25519 key (fixed seed: the same bytes on every run)
and its certificate, built with the DER builder of samples/quirks/certs/make.py:
  self-signed.pem   CN=self-signed.test, self-signed, 2025 → 2035
  expired.pem       CN=expired.test, issued by the quirks CA, 2020 → 2021

    samples/remote/make.py      # needs python3 with `cryptography`
"""
import base64
import importlib.util
import os

from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("quirks", os.path.join(HERE, "..", "quirks", "certs", "make.py"))
q = importlib.util.module_from_spec(spec)
spec.loader.exec_module(q)


def pem(label, der):
    b64 = base64.b64encode(der).decode()
    body = "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64))
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, body, label)


def write(name, cert):
    key = q.KEY.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())
    with open(os.path.join(HERE, name), "w") as f:
        f.write(pem("PRIVATE KEY", key) + pem("CERTIFICATE", cert))


def main():
    me = q.name(q.cn("self-signed.test"))
    write("self-signed.pem", q.cert(me, issuer=me, serial=0x5e1f,
                                    extensions=[q.san(q.dns("self-signed.test"))]))
    write("expired.pem", q.cert(q.name(q.cn("expired.test")), serial=0xe8,
                                not_before=q.utc("200101000000Z"), not_after=q.utc("210101000000Z"),
                                extensions=[q.san(q.dns("expired.test"))]))


if __name__ == "__main__":
    main()
