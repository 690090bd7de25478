#!/usr/bin/env python3
"""Benchmark runner of scripts/bench.sh: certinfo against its peers.

    run.py --certinfo BIN --data DIR [--python PY] [--runs N] [--big-runs N]
           [--only SCENARIO,...] [--out FILE.md] [--spawn SPAWN_BIN]
           [--commit TEXT] [--slow-peers]

Every measurement is one whole process (start-up, reading, parsing, printing)
with standard output to /dev/null.  With --spawn (bench.sh passes it), the
small C helper spawn.c forks, execs and wait4()s the tool and reports the wall
time around that and the ru_maxrss the kernel gives for the process (for a
shell loop: the largest process of the loop); without it, Python's subprocess
does, and peak RSS then includes the runner's own (the kernel counts the
memory of the process a child was forked from).

Each scenario first runs every tool once with its output captured, to warm the
page cache and check that the tool exits 0 and printed every certificate; then
it runs N rounds, each round running every tool once, the order rotated from
round to round.  A peer whose checking run took over SLOW_S seconds keeps that
run as a sample and gets SLOW_RUNS samples in all (one, over VERY_SLOW_S:
the openssl loop over the directory); the peers of bundle-100k
are checked on bundle-10k only.  Medians are reported, as a Markdown report on
stdout (and in --out).  Nothing fails the run: the targets table says MISS.
"""
import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "changeit"
SLOW_S = 5.0  # a peer whose checking run takes longer than this ...
SLOW_RUNS = 3  # ... has this many samples only: that run and the first rounds
VERY_SLOW_S = 20.0  # and one whose checking run took longer than this has that one


class Tool:
    def __init__(self, name, argv, count_re=None, env=None, shell=False, note=""):
        self.name = name
        self.argv = argv
        self.count_re = count_re  # bytes regex; one match per certificate printed
        self.env = env or {}
        self.shell = shell
        self.note = note
        self.walls = []
        self.cpus = []
        self.rss = []
        self.failed = None
        self.seen = None
        self.max_runs = None
        self.timed_rounds = 0


class NA:
    """A peer that cannot do a scenario (a row that says why)."""

    def __init__(self, name, why):
        self.name = name
        self.why = why


class Scenario:
    def __init__(self, key, title, certs, runs, tools, check_peers=True):
        self.check_peers = check_peers
        self.key = key
        self.title = title
        self.certs = certs
        self.runs = runs
        self.tools = tools


SPAWN = None  # path of the compiled spawn.c, when --spawn is given
RESULT = None  # where spawn.c writes its result line


def spawn(tool, stdout, stderr):
    """Run the tool once; return (wall s, CPU s, peak RSS MiB, exit status)."""
    env = dict(os.environ)
    env.update(tool.env)
    argv = ["/bin/sh", "-c", tool.argv] if tool.shell else tool.argv
    if SPAWN:
        p = subprocess.run([SPAWN, RESULT, *argv], stdin=subprocess.DEVNULL, stdout=stdout,
                           stderr=stderr, env=env)
        if p.returncode != 0:
            return 0.0, 0.0, 0.0, f"spawn helper failed ({p.returncode})"
        with open(RESULT) as f:
            ns, cpu_ns, kib, rc = (int(x) for x in f.read().split())
        return ns / 1e9, cpu_ns / 1e9, kib / 1024.0, rc
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=stdout, stderr=stderr, env=env)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    cpu = ru.ru_utime + ru.ru_stime
    return wall, cpu, ru.ru_maxrss / 1024.0, p.returncode  # ru_maxrss: KiB on Linux


def count_matches(path, pattern):
    rx = re.compile(pattern)
    n, tail = 0, b""
    with open(path, "rb") as f:
        while True:
            chunk = f.read(1 << 22)
            if not chunk:
                break
            buf = tail + chunk
            # Count matches that end before the last 4 KiB; carry the rest over.
            cut = max(0, len(buf) - 4096)
            last_end = 0
            for m in rx.finditer(buf):
                if m.end() > cut:
                    break
                n += 1
                last_end = m.end()
            tail = buf[max(cut, last_end):]
    n += len(rx.findall(tail))
    return n


def check(tool, scen, tmp):
    out = os.path.join(tmp, "out")
    err = os.path.join(tmp, "err")
    with open(out, "wb") as o, open(err, "wb") as e:
        wall, cpu, rss, rc = spawn(tool, o, e)
    if rc != 0:
        with open(err, "rb") as e:
            msg = e.read(300).decode("utf-8", "replace").strip().replace("\n", " ")
        tool.failed = f"exit {rc}: {msg}"
    elif tool.count_re is not None:
        tool.seen = count_matches(out, tool.count_re)
        if tool.seen != scen.certs:
            tool.failed = f"printed {tool.seen} of {scen.certs} certificates"
    os.remove(out)
    os.remove(err)
    return wall, cpu, rss


def run_scenario(scen, tmp, log):
    runnable = [t for t in scen.tools if isinstance(t, Tool)]
    log(f"== {scen.key}: {scen.title} ({scen.runs} rounds, {len(runnable)} tools)")
    scen.load_before = loadavg()
    for t in runnable:
        if t.name != "certinfo" and not scen.check_peers:
            continue
        t0 = time.time()
        wall, cpu, rss = check(t, scen, tmp)
        took = time.time() - t0
        if took > SLOW_S and t.name != "certinfo" and not t.failed:
            # Slow peer: its checking run is its first sample (its output went
            # to a file rather than /dev/null, which is noise at this length).
            t.walls.append(wall)
            t.cpus.append(cpu)
            t.rss.append(rss)
            t.max_runs = 1 if took > VERY_SLOW_S else min(scen.runs, SLOW_RUNS)
        log(f"   check {t.name}: {'FAILED ' + t.failed if t.failed else 'ok'} ({took:.1f} s)")
    live = [t for t in runnable if not t.failed]
    for r in range(scen.runs):
        k = r % len(live) if live else 0
        for t in live[k:] + live[:k]:
            if t.max_runs is not None and len(t.walls) >= t.max_runs:
                continue
            t.timed_rounds += 1
            wall, cpu, rss, rc = spawn(t, subprocess.DEVNULL, subprocess.DEVNULL)
            if rc != 0:
                t.failed = f"exit {rc} in round {r + 1}"
            t.walls.append(wall)
            t.cpus.append(cpu)
            t.rss.append(rss)
        log(f"   round {r + 1}/{scen.runs}: " + ", ".join(
            f"{t.name} {t.walls[-1] * 1000:.1f} ms" for t in live if t.timed_rounds == r + 1))
    scen.load_after = loadavg()


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return "?"


def med(xs):
    return statistics.median(xs) if xs else None


def fmt_ms(s):
    ms = s * 1000
    return f"{ms:.2f}" if ms < 10 else f"{ms:.1f}" if ms < 1000 else f"{ms:.0f}"


def fmt_rate(certs, s):
    r = certs / s
    return f"{r:,.0f}" if r >= 100 else f"{r:.1f}"


def table(scenarios):
    rows = ["| scenario | tool | median wall ms | median CPU ms | certs/s | peak RSS MiB "
            "| peer ÷ certinfo | note |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    for s in scenarios:
        ci = next((t for t in s.tools if isinstance(t, Tool) and t.name == "certinfo"), None)
        ci_med = med(ci.walls) if ci and not ci.failed else None
        for t in s.tools:
            if isinstance(t, NA):
                rows.append(f"| {s.key} | {t.name} | n/a | | | | | {t.why} |")
                continue
            m = med(t.walls)
            if t.failed or m is None:
                rows.append(f"| {s.key} | {t.name} | failed | | | | | {t.failed or 'no runs'} |")
                continue
            if t.name == "certinfo":
                ratio = "1×"
            elif t.name.startswith("(") and t.name != "(hash floor)":
                ratio = ""
            elif ci_med:
                ratio = f"{m / ci_med:.2f}×"
            else:
                ratio = "—"
            rate = fmt_rate(s.certs, m) if not t.name.startswith("(") else ""
            spread = f"min {fmt_ms(min(t.walls))}, max {fmt_ms(max(t.walls))}, n={len(t.walls)}"
            note = "; ".join(x for x in (t.note, spread) if x)
            rows.append(f"| {s.key} | {t.name} | {fmt_ms(m)} | {fmt_ms(med(t.cpus))} | {rate} | "
                        f"{med(t.rss):.1f} | {ratio} | {note} |")
    return "\n".join(rows)


def targets(by_key):
    rows = ["| target | measured | verdict |", "| --- | --- | --- |"]

    def ci(key, what=None):
        s = by_key.get(key)
        if not s:
            return None
        t = next((t for t in s.tools if isinstance(t, Tool) and t.name == "certinfo"), None)
        if t and t.failed:
            rows.append(f"| {what or key} | certinfo failed: {t.failed} | **MISS** |")
        return t if t and not t.failed and t.walls else None

    def add(what, measured, ok):
        rows.append(f"| {what} | {measured} | {'ok' if ok else '**MISS**'} |")

    big = ci("bundle-100k", "bundle-100k: ≥ 150,000 certificates/s, ≤ 64 MiB")
    small = ci("bundle-10k", "bundle-10k: ≤ 64 MiB")
    if big:
        rate = by_key["bundle-100k"].certs / med(big.walls)
        add("bundle-100k: ≥ 150,000 certificates/s", f"{rate:,.0f} /s", rate >= 150_000)
        add("bundle-100k: peak RSS ≤ 64 MiB", f"{med(big.rss):.1f} MiB", med(big.rss) <= 64)
    if small:
        add("bundle-10k: peak RSS ≤ 64 MiB", f"{med(small.rss):.1f} MiB", med(small.rss) <= 64)
    if big and small:
        ratio = med(big.walls) / med(small.walls)
        cpu_ratio = med(big.cpus) / med(small.cpus)
        add("time(100k) ≤ 11 × time(10k)", f"{ratio:.2f}× wall ({cpu_ratio:.2f}× CPU)",
            ratio <= 11)
        add("peak RSS the same for 10k and 100k (within 10%)",
            f"{med(small.rss):.1f} → {med(big.rss):.1f} MiB",
            med(big.rss) <= 1.1 * med(small.rss))
    for key, limit, what in (("single", 1.5, "show, one PEM certificate: ≤ 1.5 ms"),
                             ("dir-1k", 40, "directory of 1,000 files: ≤ 40 ms"),
                             ("jks-1k", 15, "1,000-entry JKS: ≤ 15 ms"),
                             ("p12-1k", 50, "1,000-entry PKCS#12: ≤ 50 ms")):
        t = ci(key, what)
        if t:
            ms = med(t.walls) * 1000
            add(what, f"{ms:.2f} ms", ms <= limit)

    def other(key, name):
        s = by_key.get(key)
        t = s and next((t for t in s.tools if isinstance(t, Tool) and t.name == name), None)
        return t if t and not t.failed and t.walls else None

    for key, least, what in (("bundle-100k", 1.25, "bundle-100k: ≥ 1.25 × the hash floor"),
                             ("single", 1 / 1.25, "show, one certificate: within 1.25 × the "
                                                  "hash-floor process")):
        t, floor = ci(key), other(key, "(hash floor)")
        if t and floor:
            r = med(floor.walls) / med(t.walls)
            add(what, f"{r:.2f} × (floor ÷ certinfo)", r >= least)
    for key in ("single", "bundle-10k", "bundle-100k", "dir-1k", "jks-1k", "p12-1k"):
        t, base = ci(key), other(key, "certinfo (baseline)")
        if t and base:
            r = med(t.walls) / med(base.walls)
            add(f"{key}: within 10 % of the baseline", f"{r:.2f} × the baseline's time", r <= 1.10)
    return "\n".join(rows)


def version(argv):
    try:
        p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=60)
        line = p.stdout.decode("utf-8", "replace").strip().splitlines()
        return line[0] if line else "?"
    except (OSError, subprocess.TimeoutExpired):
        return "not installed"


def machine(args):
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            kb = int(f.readline().split()[1])
            mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    crypto = version([args.python, "-c", "import cryptography,sys;"
                      "print('Python', sys.version.split()[0], '+ cryptography', cryptography.__version__)"])
    lines = [
        f"- date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {os.cpu_count()} CPUs (nproc {version(['nproc'])}), {cpu}, {mem} RAM",
        f"- kernel: {platform.system()} {platform.release()}",
        f"- certinfo: {version([args.certinfo, '--version'])} ({args.certinfo})",
        f"- openssl: {version(['openssl', 'version'])}",
        f"- keytool: {version(['java', '-version'])}",
        f"- python peer: {crypto}",
    ]
    if args.commit:
        lines.append(f"- certinfo commit: {args.commit}")
    return "\n".join(lines)


def build(args):
    d = args.data
    ci = args.certinfo
    py = args.python
    peer = os.path.join(HERE, "py_peer.py")
    have = {t: shutil.which(t) is not None for t in ("openssl", "keytool", "certigo")}
    pw_env = {"CERTINFO_BENCH_PW": PASSWORD}
    # One match per certificate in each tool's output.
    CI = rb'"sha256Fingerprint"'
    OSSL_TEXT = rb"\n {4}Data:\n"
    KT_OWNER = rb"\nOwner: |^Owner: "
    KT_ALIAS = rb"Alias name: "
    KT_ENTRY = rb"trustedCertEntry"
    PY = rb'"sha256": '
    PEM = rb"-----BEGIN CERTIFICATE-----"

    def opt(name, tool):
        if have.get(name.split()[0], True):
            return tool
        return NA(name, "not installed")

    def certigo(path, extra=()):
        if not have["certigo"]:
            return NA("certigo", "not installed here (not in Debian/PyPI/npm)")
        return Tool("certigo", ["certigo", "dump", "--json", *extra, path], None)

    single = os.path.join(d, "single.pem")
    sc = [Scenario("single", "certinfo show -f json on one PEM certificate", 1, args.runs, [
        Tool("certinfo", [ci, "show", "-f", "json", single], None),
        opt("openssl", Tool("openssl", ["openssl", "x509", "-noout", "-text", "-fingerprint",
                                        "-sha256", "-in", single], OSSL_TEXT,
                            note="x509 -noout -text -fingerprint -sha256")),
        opt("keytool", Tool("keytool", ["keytool", "-printcert", "-file", single], KT_OWNER,
                            note="-printcert -file")),
        Tool("python", [py, peer, "single", single], PY, note="cryptography, py_peer.py"),
        certigo(single),
        Tool("(spawn floor)", ["/bin/true"], None, note="/bin/true: the harness's own spawn+wait cost"),
    ])]
    if args.certinfo_dynamic:
        sc[0].tools.insert(1, Tool("certinfo (dynamic)", [args.certinfo_dynamic, "show", "-f",
                                                          "json", single], None,
                                   note="cargo build --release: dynamically linked"))
    for key, n, runs in (("bundle-10k", 10_000, args.runs), ("bundle-100k", 100_000, args.big_runs)):
        f = os.path.join(d, f"{key}.pem")
        sc.append(Scenario(key, f"list -f json on a {n:,}-certificate PEM bundle "
                                f"({os.path.getsize(f) / 1e6:.0f} MB)", n, runs, [
            Tool("certinfo", [ci, "list", "-f", "json", f], CI),
            opt("openssl", Tool("openssl", ["openssl", "storeutl", "-noout", "-text", "-certs", f],
                                OSSL_TEXT, note="storeutl -noout -text -certs (no fingerprints)")),
            opt("keytool", Tool("keytool", ["keytool", "-printcert", "-file", f], KT_OWNER,
                                note="-printcert -file")) if n <= 10_000 or args.slow_peers else
            NA("keytool", "not run by default (~12 s and 1 GiB for 10k, so minutes and "
                          "GiBs for 100k); --slow-peers runs it"),
            Tool("python", [py, peer, "bundle", f], PY, note="load_pem_x509_certificates"),
            certigo(f),
        ], check_peers=(n <= 10_000)))
    dr = os.path.join(d, "dir-1k")
    files = len(os.listdir(dr))
    sc.append(Scenario("dir-1k", f"list -f json on a directory of {files:,} files "
                                 "(PEM and DER alternating)", files, args.runs, [
        Tool("certinfo", [ci, "list", "-f", "json", dr], CI),
        opt("openssl", Tool("openssl loop",
                            f'for f in "{dr}"/*; do openssl x509 -noout -text -fingerprint '
                            f'-sha256 -in "$f" || exit 1; done', OSSL_TEXT, shell=True,
                            note="a shell loop: one openssl x509 process per file")),
        NA("keytool", "one JVM per file (-printcert takes one file): ~5 min, not run"),
        Tool("python", [py, peer, "dir", dr], PY, note="one Python process over the directory"),
        certigo(dr),
    ]))
    jks = os.path.join(d, "store-1k.jks")
    sc.append(Scenario("jks-1k", "list -f json on a 1,000-entry JKS (trusted certificates)",
                       N_STORE, args.runs, [
        Tool("certinfo", [ci, "list", "-f", "json", "--password-env", "CERTINFO_BENCH_PW", jks],
             CI, env=pw_env),
        opt("keytool", Tool("keytool", ["keytool", "-list", "-v", "-keystore", jks,
                                        "-storepass", PASSWORD], KT_ALIAS, note="-list -v")),
        opt("keytool", Tool("keytool -list", ["keytool", "-list", "-keystore", jks,
                                              "-storepass", PASSWORD], KT_ENTRY,
                            note="-list (alias, date, SHA-256 only)")),
        NA("openssl", "cannot read JKS"),
        NA("python", "`cryptography` cannot read JKS"),
        certigo(jks, ["--password", PASSWORD]),
    ]))
    p12 = os.path.join(d, "store-1k.p12")
    sc.append(Scenario("p12-1k", "list -f json on a 1,000-certificate PKCS#12 "
                                 "(PBES2 AES-256, PBKDF2-SHA256 20,000 iterations)",
                       N_STORE, args.runs, [
        Tool("certinfo", [ci, "list", "-f", "json", "--password-env", "CERTINFO_BENCH_PW", p12],
             CI, env=pw_env),
        opt("openssl", Tool("openssl", ["openssl", "pkcs12", "-in", p12, "-nokeys",
                                        "-passin", "pass:" + PASSWORD], PEM,
                            note="pkcs12 -nokeys (PEM out, no text)")),
        opt("keytool", Tool("keytool", ["keytool", "-list", "-v", "-storetype", "PKCS12",
                                        "-keystore", p12, "-storepass", PASSWORD], KT_ALIAS,
                            note="-list -v")),
        opt("keytool", Tool("keytool -list", ["keytool", "-list", "-storetype", "PKCS12",
                                              "-keystore", p12, "-storepass", PASSWORD], KT_ENTRY,
                            note="-list (alias, date, SHA-256 only)")),
        Tool("python", [py, peer, "p12", p12, PASSWORD], PY, note="load_pkcs12"),
        certigo(p12, ["--password", PASSWORD]),
    ]))
    sc.append(remote_scenario(args, ci, have, CI, PEM, KT_OWNER))
    for s in sc:
        ours = next(t for t in s.tools if isinstance(t, Tool) and t.name == "certinfo")
        extra = []
        if args.baseline:
            extra.append(Tool("certinfo (baseline)", [args.baseline, *ours.argv[1:]], ours.count_re,
                              env=ours.env, note="--baseline: an earlier build, same arguments"))
        files = [a for a in ours.argv[1:] if a.endswith(".pem")]
        if args.hashfloor and files:
            extra.append(Tool("(hash floor)", [args.hashfloor, files[0]], None,
                              note="../shared/bench/hashfloor: one core reads, decodes and "
                                   "hashes every block, nothing else"))
        i = s.tools.index(ours) + 1
        s.tools[i:i] = extra
    if args.only:
        keep = set(args.only.split(","))
        sc = [s for s in sc if s.key in keep]
    return sc


N_STORE = 1_000
N_TARGETS = 1_000
SERVER = None  # the loopback TLS server of the remote scenario, started on demand


def remote_scenario(args, ci, have, CI, PEM, KT_OWNER):
    """1,000 targets (3 certificates each) against one loopback TLS server:
    certinfo with --jobs 16, a sequential `openssl s_client` loop, and (with
    --slow-peers) a keytool -printcert -sslserver loop."""
    global SERVER
    chain = os.path.join(os.path.dirname(os.path.dirname(HERE)), "samples", "pem",
                         "containers", "pkcs8-key-then-chain.pem")
    if SERVER is None:
        SERVER = subprocess.Popen([sys.executable, os.path.join(HERE, "tls_server.py"), chain],
                                  stdout=subprocess.PIPE, text=True)
        import atexit
        atexit.register(SERVER.kill)
    port = SERVER.stdout.readline().strip() if not hasattr(SERVER, "port") else SERVER.port
    SERVER.port = port
    target = f"127.0.0.1:{port}"
    d = args.data
    targets = os.path.join(d, "targets-1k.txt")
    with open(targets, "w") as f:
        f.write("\n".join([target] * N_TARGETS) + "\n")
    loop = ('while read t; do openssl s_client -connect "$t" -showcerts </dev/null '
            '2>/dev/null || exit 1; done < ' + targets)
    kt = ('while read t; do keytool -printcert -sslserver "$t" || exit 1; done < ' + targets)
    return Scenario("remote-1k", f"list -f json on {N_TARGETS:,} loopback TLS targets "
                                 "(3 certificates each)", 3 * N_TARGETS, args.runs, [
        Tool("certinfo", [ci, "list", "-f", "json", "--jobs", "16", "--targets", targets], CI),
        opt_tool(have, "openssl", Tool("openssl", ["sh", "-c", loop], PEM, shell=False,
                                        note="s_client -showcerts, one target after another")),
        (opt_tool(have, "keytool", Tool("keytool", ["sh", "-c", kt], KT_OWNER,
                                         note="-printcert -sslserver, one target after another"))
         if args.slow_peers else
         NA("keytool", "not run by default (a JVM start per target: about 5 minutes for 1,000); "
                       "--slow-peers runs it")),
    ], check_peers=False)


def opt_tool(have, name, tool):
    return tool if have.get(name, True) else NA(name, "not installed")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--certinfo", required=True)
    ap.add_argument("--certinfo-dynamic", help="a dynamically linked build, measured on "
                                               "the one-certificate scenario too")
    ap.add_argument("--baseline", help="an earlier certinfo binary, measured beside it")
    ap.add_argument("--hashfloor", help="the hash-floor binary (../shared/bench/hashfloor)")
    ap.add_argument("--data", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--big-runs", type=int, default=3)
    ap.add_argument("--only", help="comma-separated scenario keys")
    ap.add_argument("--commit", default="")
    ap.add_argument("--slow-peers", action="store_true",
                    help="also run keytool on the 100k bundle (minutes per run)")
    ap.add_argument("--out")
    ap.add_argument("--spawn", help="the compiled scripts/bench/spawn.c (without it, peak RSS "
                                    "includes the Python runner's own, about 15 MiB)")
    args = ap.parse_args()
    args.certinfo = os.path.abspath(args.certinfo)
    global SPAWN, RESULT
    if args.spawn:
        SPAWN = os.path.abspath(args.spawn)

    def log(msg):
        print(msg, file=sys.stderr, flush=True)

    t0 = time.time()
    scenarios = build(args)
    with tempfile.TemporaryDirectory(prefix="certinfo-bench.") as tmp:
        RESULT = os.path.join(tmp, "spawn-result")
        for s in scenarios:
            run_scenario(s, tmp, log)
    by_key = {s.key: s for s in scenarios}
    how = ("fork+exec+wait4 from scripts/bench/spawn.c" if SPAWN else
           "Python's subprocess (peak RSS includes the runner's own ~15 MiB: pass --spawn)")
    parts = ["## Results", "", machine(args), "",
             f"Medians of {args.runs} rounds ({args.big_runs} for bundle-100k), every tool once per "
             f"round, the order rotated each round, after one checking run of each (exit status 0, "
             f"every certificate printed; it also warms the page cache). A peer whose checking run "
             f"took over {SLOW_S:.0f} s has {SLOW_RUNS} samples only: that run and the first "
             f"rounds (over {VERY_SLOW_S:.0f} s: that run only; n= in the note); the peers on bundle-100k are checked on bundle-10k only. "
             f"Whole-process wall time and peak RSS (ru_maxrss) via {how}; standard output to "
             "/dev/null. CPU is user + system time (of the whole loop, for a loop): less "
             "disturbed than wall time when other work shares the machine (see the load "
             "averages). \"peer ÷ certinfo\" is the ratio of median wall times; above 1× "
             "certinfo is faster.", "",
             "| scenario | what | rounds | load average before → after |",
             "| --- | --- | ---: | --- |",
             *[f"| {s.key} | {s.title} | {s.runs} | {s.load_before} → {s.load_after} |"
               for s in scenarios], "",
             table(scenarios), ""]
    big, small = by_key.get("bundle-100k"), by_key.get("bundle-10k")
    lines = []
    if big and small:
        lines.append("| tool | wall 100k ÷ 10k | CPU 100k ÷ 10k | peak RSS 10k MiB | peak RSS 100k MiB |")
        lines.append("| --- | ---: | ---: | ---: | ---: |")
        for tb in big.tools:
            ts = next((t for t in small.tools if t.name == tb.name), None)
            if isinstance(tb, Tool) and isinstance(ts, Tool) and tb.walls and ts.walls \
                    and not tb.failed and not ts.failed:
                lines.append(f"| {tb.name} | {med(tb.walls) / med(ts.walls):.2f}× | "
                             f"{med(tb.cpus) / med(ts.cpus):.2f}× | "
                             f"{med(ts.rss):.1f} | {med(tb.rss):.1f} |")
        parts += ["### Scaling, 10k → 100k", "", *lines, ""]
    parts += ["### certinfo against the targets", "", targets(by_key), "",
              f"Harness wall time: {time.time() - t0:.0f} s.", ""]
    report = "\n".join(parts)
    sys.stdout.write(report)
    if args.out:
        with open(args.out, "w") as f:
            f.write(report)


if __name__ == "__main__":
    main()
