#!/usr/bin/env python3
"""A token-authenticating front for a real registry, for herd's integration
tests only (registry_integration_test.cpp starts it on 127.0.0.1).

    token_proxy.py UPSTREAM        UPSTREAM: the registry, 127.0.0.1:PORT

Prints its own port, then serves until killed:
  /v2/...      without "Authorization: Bearer <token>": 401 with a Bearer
               challenge whose realm is /token here; with it, manifests are
               proxied to UPSTREAM and blobs redirected (307) to
               http://localhost:PORT/storage/... -- another host:port
               spelling, so the client must not send the token there.
  /token       the token, for Basic credentials herd:s3cret only.
  /storage/... proxied to UPSTREAM's /v2/...; refuses any Authorization.
"""
import base64
import http.server
import json
import sys
import urllib.error
import urllib.request

UPSTREAM = sys.argv[1]
TOKEN = "herd-test-token"
BASIC = "Basic " + base64.b64encode(b"herd:s3cret").decode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def error(self, status, code, message, headers=()):
        body = json.dumps({"errors": [{"code": code, "message": message}]}).encode()
        self.reply(status, body, [("Content-Type", "application/json")] + list(headers))

    def proxy(self, path):
        request = urllib.request.Request("http://" + UPSTREAM + path,
                                         headers={"Accept": self.headers.get("Accept", "*/*")})
        try:
            with urllib.request.urlopen(request) as answer:
                status, headers, body = answer.status, answer.headers, answer.read()
        except urllib.error.HTTPError as failure:
            status, headers, body = failure.code, failure.headers, failure.read()
        keep = [(k, headers[k]) for k in ("Content-Type", "Docker-Content-Digest") if headers.get(k)]
        self.reply(status, body, keep)

    def do_GET(self):
        port = self.server.server_address[1]
        auth = self.headers.get("Authorization")
        if self.path.startswith("/token"):
            if auth != BASIC:
                return self.error(401, "UNAUTHORIZED", "bad credentials")
            return self.reply(200, json.dumps({"token": TOKEN}).encode(), [("Content-Type", "application/json")])
        if self.path.startswith("/storage/"):
            if auth is not None:
                return self.error(400, "DENIED", "storage got the registry's Authorization")
            return self.proxy("/v2/" + self.path[len("/storage/"):])
        if self.path.startswith("/v2/"):
            if auth != "Bearer " + TOKEN:
                kind = "/manifests/" if "/manifests/" in self.path else "/blobs/"
                repository = self.path[len("/v2/"):].split(kind)[0]
                challenge = ('Bearer realm="http://127.0.0.1:%d/token",service="herd-test",'
                             'scope="repository:%s:pull"' % (port, repository))
                return self.error(401, "UNAUTHORIZED", "authentication required",
                                  [("WWW-Authenticate", challenge)])
            if "/blobs/" in self.path:
                location = "http://localhost:%d/storage/%s" % (port, self.path[len("/v2/"):])
                return self.reply(307, b"", [("Location", location)])
            return self.proxy(self.path)
        self.error(404, "NOT_FOUND", "no such path")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
