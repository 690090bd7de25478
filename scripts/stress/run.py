#!/usr/bin/env python3
"""The stress cases of issue 14: adversarial inputs at the stated sizes, run
through the real binary, each asserting its exit code, a peak-RSS bound
(getrusage of the child, via wait4) and a time bound.  The bounds are the
README's "Robustness" section; this script is run by .ci/run.

    python3 scripts/stress/run.py [BINARY]     (default target/release/certinfo)

Prints one line per case and exits 1 if any case is out of bounds.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

MiB = 1 << 20


def run(argv, stdin_path=None, timeout=60.0):
    """(exit code, seconds, peak RSS in bytes, stderr) of one run."""
    err = tempfile.TemporaryFile()
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    start = time.monotonic()
    p = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.DEVNULL, stderr=err)
    timer = threading.Timer(timeout, lambda: os.kill(p.pid, signal.SIGKILL))
    timer.start()
    _, status, usage = os.wait4(p.pid, 0)
    timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - start
    if stdin_path:
        stdin.close()
    err.seek(0)
    return p.returncode, seconds, usage.ru_maxrss * 1024, err.read().decode(errors="replace")


class Cases:
    def __init__(self, binary, work):
        self.bin = binary
        self.work = work
        self.failed = 0

    def path(self, name):
        return os.path.join(self.work, name)

    def case(self, title, args, exit, rss, seconds, stdin=None, expect=None):
        code, took, peak, err = run([self.bin] + args, stdin, timeout=max(4 * seconds, 30))
        ok = code == exit and peak <= rss and took <= seconds
        if expect and expect not in err:
            ok = False
        self.failed += not ok
        print(f"{'ok ' if ok else 'OUT'} {title:<58} exit {code:>3} (want {exit})  "
              f"{took:6.2f} s (≤ {seconds:g})  {peak / MiB:7.1f} MiB (≤ {rss / MiB:.0f})", flush=True)
        if not ok:
            print("    stderr: " + err.strip().replace("\n", "\n    stderr: ")[:2000])

    def size(self, name):
        return os.path.getsize(self.path(name))


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/certinfo")
    work = tempfile.mkdtemp(prefix="certinfo-stress-")
    c = Cases(binary, work)
    p = c.path
    try:
        t = time.monotonic()
        gen_py = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen.py")
        subprocess.run([sys.executable, gen_py, work], check=True)
        print(f"(inputs generated in {time.monotonic() - t:.1f} s in {work})")

        # Streaming formats: at most 64 MiB for PEM whatever its size; a
        # container read whole holds its bytes and entries: 64 MiB + 3 × size.
        whole = lambda name: 64 * MiB + 3 * c.size(name)  # noqa: E731
        c.case("JKS, 100k entries, list -f json", ["list", "-f", "json", p("100k.jks")],
               0, whole("100k.jks"), 10)
        c.case("JKS, 100k entries, verified, show", ["show", "--password", "changeit",
               p("100k.jks")], 0, whole("100k.jks"), 10)
        c.case("PKCS#7, 500k certificates, list -f json", ["list", "-f", "json", p("500k.p7b")],
               0, whole("500k.p7b"), 20)
        c.case("PEM, 70k certificates, list -f json", ["list", "-f", "json", p("70k.pem")],
               0, 64 * MiB, 10)
        c.case("PEM, 70k certificates, on stdin", ["list", "-f", "json", "-"],
               0, 64 * MiB, 10, stdin=p("70k.pem"))
        c.case("JKS, 100k entries, on stdin", ["list", "-f", "json", "-"],
               0, whole("100k.jks"), 10, stdin=p("100k.jks"))
        # K keys sharing an L-certificate chain: K×L certificates, 0.5 KB each.
        c.case("PKCS#12, 700 keys × 700-certificate chain, list -f json",
               ["list", "-f", "json", p("kxl.p12")], 0, 64 * MiB + 490_000 * 512, 20)
        c.case("PKCS#12, 1100 keys × 1000 chain: over --max-certificates",
               ["list", "-f", "json", p("kxl-over.p12")], 3, 64 * MiB + 1_000_000 * 512, 20,
               expect="--max-certificates")
        # Collecting formats: 64 MiB + 3 × size + 4 KiB per certificate held.
        held = lambda name, n: whole(name) + n * 4096  # noqa: E731
        c.case("PKCS#7, 500k certificates, check", ["check", p("500k.p7b")],
               0, held("500k.p7b", 500_000), 30)
        c.case("PKCS#7, 500k certificates, list (table)", ["list", p("500k.p7b")],
               0, held("500k.p7b", 500_000), 30)
        c.case("JKS × 2, list past --max-certificates 150000",
               ["list", "--max-certificates", "150000", p("100k.jks"), p("100k.jks")],
               3, held("100k.jks", 150_000), 20, expect="--max-certificates N, or use -f json")
        # Key derivation: the per-file work budget keeps any file near a second.
        c.case("PKCS#12, key and certificate at 1,000,000 iterations",
               ["show", "--password", "stress", p("costly.p12")], 0, 64 * MiB, 3)
        c.case("the same with a wrong password (every form tried)",
               ["show", "--password", "wrong", p("costly.p12")], 4, 64 * MiB, 3)
        # Broken and endless inputs end, at the input limit at the latest.
        c.case("PEM, BEGIN line and 300 MB without END", ["list", "-f", "json", p("noend.pem")],
               3, 64 * MiB + int(1.2 * c.size("noend.pem")), 15, expect="no END line")
        c.case("sparse 10 GB file starting with a BEGIN line", ["list", p("sparse.pem")],
               3, 64 * MiB + int(1.2 * (1 << 30)), 30, expect="--max-input-mib")
        c.case("directory with a FIFO and a socket", ["list", "-f", "json", p("dir")],
               0, 64 * MiB, 10, expect="passed over: a named pipe")
        c.case("--password-file /dev/zero", ["show", "--password-file", "/dev/zero",
               p("100k.jks")], 3, 64 * MiB, 5, expect="longer than 65536 bytes")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("all cases in bounds" if not c.failed else f"{c.failed} case(s) out of bounds")
    sys.exit(1 if c.failed else 0)


if __name__ == "__main__":
    main()
