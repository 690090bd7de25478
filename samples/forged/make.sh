#!/usr/bin/env bash
# Regenerates samples/forged/ (tests/cli/output.rs). Needs openssl 3.
#
#   forged-subject.pem  a self-signed Ed25519 certificate whose CN holds a
#                       newline and a tab followed by a fake "SHA256:" line,
#                       ESC [2J (clear screen), the C1 control CSI (U+009B),
#                       RIGHT-TO-LEFT OVERRIDE, LINE SEPARATOR and the Arabic
#                       letter mark: text output must show them escaped,
#                       wherever it goes.
set -euo pipefail
D="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command -v openssl >/dev/null || { echo "make.sh: openssl not found" >&2; exit 1; }
openssl req -x509 -newkey ed25519 -nodes -keyout /dev/null -utf8 \
  -subj $'/CN=evil\n\t SHA256: 00:11:22\x1b[2J\xc2\x9b\xe2\x80\xae\xe2\x80\xa8\xd8\x9cend' \
  -days 3650 -set_serial 7 -out "$D/forged-subject.pem" 2>/dev/null
echo "wrote $D/forged-subject.pem"
