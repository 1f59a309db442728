#!/usr/bin/env python3
"""Reads one record's attributes as JSON on stdin, builds the same record the way CPython's logging does
(Logger.makeRecord with the extras), pickles it with SocketHandler.makePickle, unpickles that and prints
the dict as JSON: what CPython itself would have sent for the same values."""
import json
import logging
import logging.handlers
import pickle
import struct
import sys

STANDARD = {'name', 'msg', 'args', 'levelname', 'levelno', 'pathname', 'filename', 'module', 'exc_info',
            'exc_text', 'stack_info', 'lineno', 'funcName', 'created', 'msecs', 'relativeCreated', 'thread',
            'threadName', 'processName', 'process', 'taskName', 'message'}

attributes = json.loads(sys.stdin.read())
extra = {k: v for k, v in attributes.items() if k not in STANDARD}
record = logging.getLogger(attributes['name']).makeRecord(
    attributes['name'], attributes['levelno'], attributes['pathname'], attributes['lineno'],
    attributes['msg'], None, None, attributes['funcName'], extra, None)
record.exc_text = attributes.get('exc_text')
frame = logging.handlers.SocketHandler('localhost', 0).makePickle(record)
length = struct.unpack('>L', frame[:4])[0]
print(json.dumps(pickle.loads(frame[4:4 + length]), default=repr, ensure_ascii=False), flush=True)
