#!/usr/bin/env python3
"""Regenerates scripts/link/startup-symbols.txt: the functions `certinfo show`
(and `list -f json`) runs, which scripts/link/ordered-cc.sh has the linker place side by side.

    python3 scripts/link/make-startup-symbols.py      # needs valgrind

Why: `certinfo show` on one certificate executes about 420,000 instructions
from some 450 functions, and the linker scatters them over 2.7 MB of code.
Each 64 KiB stretch of code that start-up touches costs a page fault (the
kernel maps file pages 16 at a time), about 30 of them; with the functions
together, about 10.  See BENCHMARKS.md.

How: it builds the release binary with symbols (`--profile profiling`, static
like scripts/build-release.sh), runs `show` under callgrind on a few samples,
and keeps the name of every function that ran.  Names are written normalised
(normalise() below, the same rule as ordered-cc.sh applies at link time): the
hashes in Rust symbol names change with the compiler, the dependencies and the
build flags, so the list must not depend on them.

valgrind's virtual CPU has neither SHA-NI nor AVX-512, so where a function
picks an implementation by CPU feature, callgrind sees only the plain one.
family() adds the others by name, when a member of the family ran.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "scripts", "link", "startup-symbols.txt")

# What `show` and `list` are run on: an RSA leaf, an EC key, a three-certificate chain.
SAMPLES = ["samples/check/good-leaf.pem", "samples/pem/keys/ec-p256.pem",
           "samples/pem/containers/chain3.pem"]
RUNS = [["show"], ["show", "-f", "json"], ["show", "-f", "pjson"], ["list", "-f", "json"]]



def family(sym):
    """Functions that pick one of several implementations by CPU feature: a
    key shared by the variants, or None."""
    # glibc's string functions: __memmove_avx_unaligned_erms, __strlen_evex...
    m = re.match(r"^__(mem\w+?|str\w+?|rawmemchr|stpcpy|wmem\w+?)_(sse|avx|evex|erms)", sym)
    if m:
        return m.group(1)
    # sha1 and sha2 (SHA-256): the SHA-NI back end, chosen at run time.
    m = re.match(r"^_ZN4(sha1|sha26sha256)\w*compress", sym)
    if m:
        return m.group(1)
    return None


def normalise(sym):
    """The symbol without what varies between builds (keep in step with
    ordered-cc.sh): the legacy-mangling hash (17h<hex>E), v0 crate
    disambiguators (Cs<base62>_) and LTO's local-symbol suffixes (.123,
    .llvm.123)."""
    sym = re.sub(r"\.llvm\.[0-9]+$", "", sym)
    sym = re.sub(r"\.[0-9]+$", "", sym)
    sym = re.sub(r"17h[0-9a-f]+E$", "17hE", sym)
    return re.sub(r"Cs[0-9A-Za-z]+_", "Cs_", sym)


def build():
    host = re.search(r"^host: (\S+)", subprocess.run(
        ["rustc", "-vV"], capture_output=True, text=True, check=True).stdout, re.M).group(1)
    env = dict(os.environ)
    if host.endswith("-linux-gnu"):
        env["RUSTFLAGS"] = env.get("RUSTFLAGS", "") + " -C target-feature=+crt-static"
    subprocess.run(["cargo", "build", "--profile", "profiling", "--locked", "--target", host],
                   cwd=ROOT, env=env, check=True, stdout=sys.stderr)
    return os.path.join(ROOT, "target", host, "profiling", "certinfo")


def ran(binary):
    """Names of the functions callgrind saw run, over every sample and format."""
    names = set()
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "cg.out")
        for sample in SAMPLES:
            for args in RUNS:
                subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                                f"--callgrind-out-file={out}", binary, *args,
                                os.path.join(ROOT, sample)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
                with open(out) as f:
                    for line in f:
                        m = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
                        # Not callgrind's own names ("(below main)", "0x...").
                        if m and re.fullmatch(r"[A-Za-z_.$][\w.$]*", m.group(1)):
                            names.add(m.group(1))
    return names


def main():
    binary = build()
    names = ran(binary)
    every = subprocess.run(["nm", "--defined-only", binary], capture_output=True, text=True,
                           check=True).stdout.split("\n")
    every = [line.split()[-1] for line in every if len(line.split()) == 3]
    families = {family(n) for n in names} - {None}
    extra = {s for s in every if family(s) in families} - names
    keep = sorted({normalise(n) for n in names | extra})
    with open(OUT, "w") as f:
        f.write("# The functions `certinfo show` runs, normalised; made by\n"
                "# scripts/link/make-startup-symbols.py, read by scripts/link/ordered-cc.sh.\n")
        f.write("".join(n + "\n" for n in keep))
    print(f"{OUT}: {len(keep)} names ({len(names)} functions ran, "
          f"{len(extra)} CPU variants added)", file=sys.stderr)


if __name__ == "__main__":
    main()
