#!/bin/sh
# Directory layouts as users have them, for the directory walk (issue 18),
# from the certificates of ../trust:
#   archive/example.com/   cert1.pem, chain1.pem, fullchain1.pem, privkey1.pem (real files)
#   live/example.com/      cert.pem, chain.pem, fullchain.pem, privkey.pem: symlinks into
#                          archive/, as Let's Encrypt writes them
#   hashed/                root.pem and its OpenSSL hash link (c_rehash), as /etc/ssl/certs
#   linked/                leaf.pem and `archive -> ../archive`, a symlink to a directory
#   loop/                  leaf.pem and `again -> .`, a symlink loop
# FIFOs cannot be committed: tests/cli/dirs.rs makes its own.
#
#   cd samples/dirs && sh make.sh
set -eu
cd "$(dirname "$0")"
rm -rf archive live hashed linked loop
T=../trust
mkdir -p archive/example.com live/example.com hashed linked loop
cp "$T/leaf.pem" archive/example.com/cert1.pem
cp "$T/inter.pem" archive/example.com/chain1.pem
cat "$T/leaf.pem" "$T/inter.pem" > archive/example.com/fullchain1.pem
cp "$T/leaf-key.pem" archive/example.com/privkey1.pem
for f in cert chain fullchain privkey; do
    ln -s "../../archive/example.com/${f}1.pem" "live/example.com/$f.pem"
done
cp "$T/root.pem" hashed/root.pem
ln -s root.pem "hashed/$(openssl x509 -in "$T/root.pem" -noout -subject_hash).0"
cp "$T/leaf.pem" linked/leaf.pem
ln -s ../archive linked/archive
cp "$T/leaf.pem" loop/leaf.pem
ln -s . loop/again
