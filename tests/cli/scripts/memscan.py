# Run inside gdb (tests/cli/secrets.rs): the inferior is stopped at its
# exit_group system call. Counts, over every readable mapping that is not a
# file (heap, anonymous mmaps, thread stacks, the main stack), how often each
# needle occurs. Excluded: the kernel's [vvar]/[vsyscall]/[vdso], and on the
# main stack only the bytes from arg_start to env_end (/proc/PID/stat fields
# 48-51): the process's original argv and environment, which the kernel put
# there and safe Rust cannot overwrite.
# Needles come from the environment: MEMSCAN_NEEDLES, comma-separated hex.
import os
import gdb

pid = gdb.selected_inferior().pid
fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
# After the ")" the first field is field 3 (state).
arg_start, env_end = int(fields[47 - 2]), int(fields[50 - 2])
needles = [bytes.fromhex(h) for h in os.environ["MEMSCAN_NEEDLES"].split(",")]
counts = [0] * len(needles)
inf = gdb.selected_inferior()
for line in open(f"/proc/{pid}/maps"):
    parts = line.split()
    start, end = (int(x, 16) for x in parts[0].split("-"))
    perms, path = parts[1], (parts[5] if len(parts) > 5 else "")
    if "r" not in perms or path in ("[vvar]", "[vsyscall]", "[vdso]", "[vvar_vclock]"):
        continue
    if path and not path.startswith("["):
        continue
    ranges = [(start, end)]
    if path == "[stack]":
        ranges = [(start, min(end, arg_start)), (max(start, env_end), end)]
    for a, b in ranges:
        if b <= a:
            continue
        try:
            mem = bytes(inf.read_memory(a, b - a))
        except gdb.MemoryError:
            continue
        for k, n in enumerate(needles):
            counts[k] += mem.count(n)
print("MEMSCAN " + " ".join(str(c) for c in counts))
for line in open(f"/proc/{pid}/limits"):
    if line.startswith("Max core file size"):
        print("CORELIMIT " + " ".join(line.split()[4:6]))
