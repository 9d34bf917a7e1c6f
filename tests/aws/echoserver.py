#!/usr/bin/env python3
"""An AWS endpoint that answers every request with an error whose message echoes the
request headers -- Authorization (with its Signature=), X-Amz-Security-Token and all --
as a careless proxy or a debugging gateway might. Standard library only.

  echoserver.py PORT_FILE [xml|dump]

Writes the port it listens on to PORT_FILE. JSON services (X-Amz-Target) get a JSON
error, the rest an XML ErrorResponse. The message lists the headers as "Name: value"; with
"dump", as a JSON object ({"X-Amz-Security-Token": "..."}), the way a JSON log shows them.
"""
import http.server
import json
import socketserver
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def handle_any(self):
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        echo = " ".join(f"{k}: {v}" for k, v in self.headers.items())
        echo += " body: " + body.decode("utf-8", "replace")
        if MODE == "dump":
            echo = json.dumps({"headers": dict(self.headers.items()),
                               "body": body.decode("utf-8", "replace")})
        if self.headers.get("X-Amz-Target"):
            ctype = "application/x-amz-json-1.1"
            data = json.dumps({"__type": "AccessDeniedException", "message": echo}).encode()
        else:
            ctype = "text/xml"
            esc = echo.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            data = (f"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
                    f"<Message>{esc}</Message></Error><RequestId>1</RequestId>"
                    "</ErrorResponse>").encode()
        self.send_response(403)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = handle_any


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


MODE = sys.argv[2] if len(sys.argv) > 2 else "xml"
srv = Server(("127.0.0.1", 0), Handler)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
srv.serve_forever()
