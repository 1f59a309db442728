"""Sends one record through CPython's logging.handlers.SysLogHandler over UDP.

Reads one JSON object from standard input:
  {"port": 12345, "facility": "local0", "level": "WARNING",
   "ident": "app: " or null, "append_nul": true, "text": "..."}
and logs "text" once at "level" to 127.0.0.1:port with that facility, ident and append_nul.
The GenLog interop tests capture the datagram and compare it byte for byte with GenLog's Bare format.
"""

import json
import logging
import logging.handlers
import sys


def main() -> int:
    spec = json.load(sys.stdin)
    handler = logging.handlers.SysLogHandler(
        address=("127.0.0.1", int(spec["port"])), facility=spec["facility"]
    )
    if spec.get("ident") is not None:
        handler.ident = spec["ident"]
    handler.append_nul = bool(spec["append_nul"])

    # Any failure inside emit() must fail the test, not be printed and swallowed.
    def fail(record):
        raise

    handler.handleError = fail

    logger = logging.getLogger("genlog.interop")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        # "%s" so that a '%' in the text is never taken as a format.
        logger.log(getattr(logging, spec["level"]), "%s", spec["text"])
    finally:
        logger.removeHandler(handler)
        handler.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
