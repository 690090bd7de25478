#!/bin/sh
# The linker scripts/build-release.sh gives rustc (-C linker=): `cc`, with
# lld told to place the functions `certinfo show` runs side by side.
#
# scripts/link/startup-symbols.txt lists those functions with the hashes that
# vary between builds taken out (make-startup-symbols.py).  Here, at link time,
# the names are matched against the symbols the objects really define, and the
# result is handed to lld as --symbol-ordering-file, in the list's order.  A
# name that matches nothing is skipped, so a stale list costs speed, never
# correctness; the ordering file is kept beside the output (OUTPUT.symbol-order)
# to look at, with a count of the names found (OUTPUT.symbol-order.found:
# .ci/run fails when under 90 %, to catch a list gone stale).  When the link
# is not lld's (no -fuse-ld=lld from rustc) or the arguments come in a
# response file, this is plain `cc`.
set -u
here=$(cd "$(dirname "$0")" && pwd)
list="$here/startup-symbols.txt"
cc=${CERTINFO_LINK_CC:-cc}

out="" lld="" prev="" response=""
for a in "$@"; do
  [ "$prev" = "-o" ] && out="$a"
  case "$a" in
    -fuse-ld=lld) lld=1 ;;
    @*) response=1 ;;
  esac
  prev="$a"
done
if [ -z "$out" ] || [ -z "$lld" ] || [ -n "$response" ] || [ ! -r "$list" ] \
   || ! command -v nm >/dev/null 2>&1; then
  echo "ordered-cc.sh: linking without a symbol order (needs lld, nm and $list)" >&2
  exec "$cc" "$@"
fi

syms="$out.symbols"
order="$out.symbol-order"
: > "$syms"
for a in "$@"; do
  case "$a" in
    *.o|*.rlib) nm --defined-only "$a" 2>/dev/null >> "$syms" ;;
  esac
done
# norm(): the same rule as normalise() in make-startup-symbols.py.
awk -v found="$order.found" '
function norm(s) {
  sub(/\.llvm\.[0-9]+$/, "", s); sub(/\.[0-9]+$/, "", s)
  sub(/17h[0-9a-f]+E$/, "17hE", s); gsub(/Cs[0-9A-Za-z]+_/, "Cs_", s)
  return s
}
FNR == NR { if ($0 != "" && $0 !~ /^#/ && !($0 in want)) want[$0] = ++n; next }
NF == 3 {
  k = norm($3)
  if ((k in want) && !($3 in done)) { print want[k] "\t" $3; done[$3] = 1; hit[k] = 1 }
}
END {
  # Names with nothing to resolve (C symbols such as malloc) go as they are:
  # lld finds them in the C libraries; nm was not run on those.
  for (k in want) {
    if (k in hit) { h++; continue }
    if (!(k in done) && k !~ /17hE$/ && k !~ /Cs_/) { print want[k] "\t" k; c++ }
  }
  printf "%d %d %d\n", h, c, n > found
}' "$list" "$syms" | sort -n -s -k1,1 | cut -f2 > "$order"
rm -f "$syms"
exec "$cc" "$@" -Wl,--symbol-ordering-file="$order" -Wl,--no-warn-symbol-ordering
