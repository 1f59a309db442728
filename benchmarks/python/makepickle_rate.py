#!/usr/bin/env python3
"""CPython's side of the Python-record benchmark: how many records per second SocketHandler.makePickle
plus a send of the frame manage, for the record GenLog's PythonBenchmarks builds (same name, message,
level, extras), into a loopback socket whose reader discards everything. Usage: makepickle_rate.py [N]"""
import logging
import logging.handlers
import socket
import sys
import threading
import time

count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
server = socket.socket()
server.bind(('127.0.0.1', 0))
server.listen(1)


def drain():
    connection, _ = server.accept()
    while connection.recv(1 << 16):
        pass


threading.Thread(target=drain, daemon=True).start()
handler = logging.handlers.SocketHandler('127.0.0.1', server.getsockname()[1])
handler.sock = handler.makeSocket()
record = logging.getLogger('sshd').makeRecord(
    'sshd', logging.WARNING, '/src/Messages.cs', 12, 'Failed password for root from 192.0.2.7 port 22', None, None,
    'FailedPassword', {'user': 'root', 'address': '192.0.2.7', 'port': 22, 'msgid': 'AUTHFAIL',
                       'syslog_severity': 4, 'syslog_facility': 4})
started = time.perf_counter()
for _ in range(count):
    handler.send(handler.makePickle(record))
elapsed = time.perf_counter() - started
print(f'{count / elapsed:.0f} records/s ({elapsed / count * 1e9:.0f} ns per record), CPython {sys.version.split()[0]}')
