#!/usr/bin/env python3
"""The Python `cryptography` peer of scripts/bench/run.py.

    py_peer.py single FILE | bundle FILE | dir DIR | p12 FILE PASSWORD

Loads the certificates the way a short script would and prints one JSON record
per certificate with roughly the fields `certinfo list -f json` prints
(subject, issuer, serial, validity, SHA-1/SHA-256 fingerprints, signature
algorithm, key type and size, DNS names), so the work compared is alike.
"""
import json
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.serialization import pkcs12


def record(c):
    key = c.public_key()
    try:
        san = c.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns = san.get_values_for_type(x509.DNSName)
    except x509.ExtensionNotFound:
        dns = []
    return {
        "subject": c.subject.rfc4514_string(),
        "issuer": c.issuer.rfc4514_string(),
        "serial": format(c.serial_number, "x"),
        "notBefore": c.not_valid_before_utc.isoformat(),
        "notAfter": c.not_valid_after_utc.isoformat(),
        "sha1": c.fingerprint(hashes.SHA1()).hex(":").upper(),
        "sha256": c.fingerprint(hashes.SHA256()).hex(":").upper(),
        "signatureAlgorithm": c.signature_algorithm_oid._name,
        "keyType": type(key).__name__,
        "keySize": getattr(key, "key_size", None),
        "dnsNames": dns,
    }


def load_any(data):
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def main(argv):
    mode, path = argv[1], argv[2]
    if mode in ("single", "bundle"):
        with open(path, "rb") as f:
            certs = load_any(f.read())
    elif mode == "dir":
        certs = []
        for name in sorted(os.listdir(path)):
            with open(os.path.join(path, name), "rb") as f:
                certs.extend(load_any(f.read()))
    elif mode == "p12":
        with open(path, "rb") as f:
            p12 = pkcs12.load_pkcs12(f.read(), argv[3].encode())
        certs = ([p12.cert.certificate] if p12.cert else []) + [c.certificate for c in p12.additional_certs]
    else:
        raise SystemExit(f"py_peer.py: unknown mode {mode}")
    out = sys.stdout
    out.write("[\n")
    for i, c in enumerate(certs):
        if i:
            out.write(",\n")
        out.write(json.dumps(record(c)))
    out.write("\n]\n")


if __name__ == "__main__":
    main(sys.argv)
