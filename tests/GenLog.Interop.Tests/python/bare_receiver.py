"""A CPython UDP receiver for GenLog's Bare format (CPython SysLogHandler's bytes: <PRI> + ident + message [+ NUL]).

Prints the port it listens on (127.0.0.1 only), then one JSON line per datagram until it has COUNT of them or
TIMEOUT seconds pass: {"pri": int, "facility": int, "severity": int, "text": str, "nul": bool, "utf8": bool}.
The text is decoded as strict UTF-8 (utf8=false and surrogateescape when it is not), the way a Python log
collector reads SysLogHandler datagrams; PRI is split as logging.handlers.SysLogHandler.encodePriority builds it.
Usage: bare_receiver.py COUNT TIMEOUT
"""
import json
import re
import socket
import sys

count, timeout = int(sys.argv[1]), float(sys.argv[2])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind(("127.0.0.1", 0))
sock.settimeout(timeout)
print(sock.getsockname()[1], flush=True)
pattern = re.compile(rb"^<(\d{1,3})>(.*)$", re.DOTALL)
try:
    for _ in range(count):
        data, _ = sock.recvfrom(65536)
        match = pattern.match(data)
        if match is None:
            print(json.dumps({"error": "no <PRI>", "raw": data.hex()}), flush=True)
            continue
        pri, rest = int(match.group(1)), match.group(2)
        nul = rest.endswith(b"\0")
        if nul:
            rest = rest[:-1]
        try:
            text, utf8 = rest.decode("utf-8", "strict"), True
        except UnicodeDecodeError:
            text, utf8 = rest.decode("utf-8", "surrogateescape"), False
        print(json.dumps({"pri": pri, "facility": pri >> 3, "severity": pri & 7, "text": text, "nul": nul, "utf8": utf8}), flush=True)
except socket.timeout:
    pass
finally:
    sock.close()
