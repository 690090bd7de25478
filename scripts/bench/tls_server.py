#!/usr/bin/env python3
"""A loopback TLS server for the bench's remote scenario: serves the chain of
samples/pem/containers/pkcs8-key-then-chain.pem (leaf, intermediate, root) to
every connection, on 127.0.0.1, until killed. Prints its port on stdout.

    python3 scripts/bench/tls_server.py CHAIN_PEM
"""
import socket
import socketserver
import ssl
import sys
import threading

ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
ctx.load_cert_chain(sys.argv[1], sys.argv[1])


class Handler(socketserver.BaseRequestHandler):
    def handle(self):
        try:
            with ctx.wrap_socket(self.request, server_side=True) as s:
                s.settimeout(5)
                try:
                    s.recv(1)
                except (OSError, ssl.SSLError):
                    pass
        except (OSError, ssl.SSLError):
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


srv = Server(("127.0.0.1", 0), Handler)
print(srv.server_address[1], flush=True)
threading.Thread(target=srv.serve_forever, daemon=True).start()
threading.Event().wait()
