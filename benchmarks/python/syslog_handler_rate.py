#!/usr/bin/env python3
"""CPython's side of the UDP throughput comparison (benchmarks/GenLog.Benchmarks/Throughput): N records through
logging.handlers.SysLogHandler over UDP to 127.0.0.1:PORT, where the C# harness's receiver checks that every one
arrived, in order. Prints the rate of the sending loop alone (interpreter start-up excluded) as its first word.
Usage: syslog_handler_rate.py PORT N

The line is GenLog's RFC 5424 message: SysLogHandler adds '<36>' itself (facility auth, WARNING -> warning) and
its default NUL at the end (append_nul); the Formatter below produces the rest, a UTC timestamp in microseconds
included. Unlike GenLog it sends no BOM before the text. The sequence number is the last %d of the message, as
the receiver reads each record's number from its trailing digits."""
import datetime
import logging
import logging.handlers
import platform
import sys
import time


class Rfc5424Formatter(logging.Formatter):
    def formatTime(self, record, datefmt=None):
        return datetime.datetime.fromtimestamp(record.created, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


port, count = int(sys.argv[1]), int(sys.argv[2])
handler = logging.handlers.SysLogHandler(address=('127.0.0.1', port), facility=logging.handlers.SysLogHandler.LOG_AUTH)
handler.setFormatter(Rfc5424Formatter('1 %(asctime)s host sshd 4242 AUTHFAIL - %(message)s'))
logger = logging.getLogger('sshd')
logger.propagate = False
logger.addHandler(handler)
logger.setLevel(logging.INFO)

started = time.perf_counter()
for sequence in range(count):
    logger.warning('Failed password for %s from %s port %d', 'root', '192.0.2.7', sequence)
elapsed = time.perf_counter() - started
handler.close()
print(f'{count / elapsed:.1f} messages/s ({elapsed * 1e9 / count:.0f} ns per record, {count} records), CPython {platform.python_version()}')
