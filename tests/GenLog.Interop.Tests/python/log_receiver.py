#!/usr/bin/env python3
"""The logging cookbook's network receiver (LogRecordStreamHandler: struct.unpack('>L'), pickle.loads,
logging.makeLogRecord), for GenLog's tests: it prints the port it listens on, then each record's
__dict__ as one JSON line. --udp receives DatagramHandler frames instead of SocketHandler streams; --format FMT
adds what logging.Formatter(FMT) makes of the record, as 'formatted'."""
import argparse
import json
import logging
import math
import pickle
import socketserver
import struct
import sys
import threading


def jsonable(value):
    # JSON has no NaN or infinities: name them, keeping the fact that they arrived as floats.
    if isinstance(value, float) and not math.isfinite(value):
        return 'float:' + repr(value)
    return value


FORMATTER = None

# The TCP server serves each connection on its own thread: one record per line needs one write at a time.
PRINT_LOCK = threading.Lock()


def emit(frame):
    record = logging.makeLogRecord(pickle.loads(frame))
    values = {key: jsonable(value) for key, value in record.__dict__.items()}
    if FORMATTER is not None:
        # What a handler with this formatter prints: the message, then exc_text on the next line (Formatter.format).
        values['formatted'] = FORMATTER.format(record)
    line = json.dumps(values, default=repr, ensure_ascii=False) + '\n'
    with PRINT_LOCK:
        sys.stdout.write(line)
        sys.stdout.flush()


class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack('>L', chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                more = self.connection.recv(slen - len(chunk))
                if not more:
                    return
                chunk = chunk + more
            emit(chunk)


class LogRecordDatagramHandler(socketserver.BaseRequestHandler):
    def handle(self):
        data = self.request[0]
        slen = struct.unpack('>L', data[:4])[0]
        emit(data[4:4 + slen])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--udp', action='store_true')
    parser.add_argument('--format', help="also print each record as logging.Formatter(FORMAT) formats it, as 'formatted'")
    args = parser.parse_args()
    global FORMATTER
    if args.format:
        FORMATTER = logging.Formatter(args.format)
    socketserver.TCPServer.allow_reuse_address = True
    if args.udp:
        server = socketserver.UDPServer(('127.0.0.1', args.port), LogRecordDatagramHandler)
    else:
        server = socketserver.ThreadingTCPServer(('127.0.0.1', args.port), LogRecordStreamHandler)
        server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == '__main__':
    main()
