#!/usr/bin/env python3
"""Alternating A/B comparison of short commands, for changes too small for
the noise of one benchmark run (BENCHMARKS.md, "Fourth round").

    python3 scripts/bench/ab.py [-n ROUNDS] 'CMD A' 'CMD B' ...

Each round runs every command once, in an order rotated each round, through
scripts/bench/spawn.c as run.py does (fork+exec+wait4, standard output to
/dev/null), from this Python process, so each run starts with caches as cold as
in the benchmark.  Prints each command's median wall time, its quartiles and
its median above the first command's (give /bin/true first for the cost of
starting any process).  bench.sh compiles spawn.c into target/bench-bin/spawn.
"""
import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--rounds", type=int, default=1000)
    ap.add_argument("--spawn", default=os.path.join(ROOT, "target", "bench-bin", "spawn"))
    ap.add_argument("commands", nargs="+")
    args = ap.parse_args()
    if not os.access(args.spawn, os.X_OK):
        sys.exit(f"ab.py: no {args.spawn}: run scripts/bench.sh once, or cc -O2 -o it spawn.c")
    cmds = [shlex.split(c) for c in args.commands]
    walls = [[] for _ in cmds]
    with tempfile.TemporaryDirectory() as tmp:
        result = os.path.join(tmp, "result")
        for r in range(args.rounds):
            k = r % len(cmds)
            for i in list(range(k, len(cmds))) + list(range(k)):
                subprocess.run([args.spawn, result, *cmds[i]], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, check=True)
                with open(result) as f:
                    ns, _cpu, _rss, rc = (int(x) for x in f.read().split())
                if rc != 0:
                    sys.exit(f"ab.py: {args.commands[i]!r} exited with {rc}")
                walls[i].append(ns / 1e6)
    base = statistics.median(walls[0])
    print(f"{args.rounds} rounds, medians in ms:")
    for c, w in zip(args.commands, walls):
        q1, _, q3 = statistics.quantiles(w, n=4)
        m = statistics.median(w)
        print(f"  {m:6.3f}  (quartiles {q1:.3f}–{q3:.3f}, +{m - base:.3f} over the first)  {c}")


if __name__ == "__main__":
    main()
