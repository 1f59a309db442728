#!/usr/bin/env python3
"""Sums every TRX file in a folder and prints 'N passed, N failed, N skipped' as the last line.

The TRX counters alone are not enough: a test host that crashes (Environment.FailFast, a stack overflow)
leaves a TRX whose counters show only the tests that ran, all passed. So these count as failures too:
- a run whose outcome is not Completed (VSTest writes Failed for a failed test or an aborted run), when no
  failed or missing test of that file explains it already;
- tests that never executed: total - executed, less the tests skipped on purpose;
- every skipped test while GENLOG_REQUIRE_PEERS=1 (CI, where a missing peer must fail, not skip).
Exits 0 only when nothing failed and something passed. Why a run failed goes to stderr.
"""
import os
import pathlib
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
FAILED_COUNTERS = ("failed", "error", "timeout", "aborted")


def count(trx, require_peers):
    """(passed, failed, skipped, reasons) of one TRX file."""
    try:
        root = ET.parse(trx).getroot()
    except ET.ParseError as error:
        return 0, 1, 0, [f"{trx.name}: not a readable TRX file ({error})"]
    summary = root.find(f"{NS}ResultSummary")
    counters = summary.find(f"{NS}Counters") if summary is not None else None
    if counters is None:
        return 0, 1, 0, [f"{trx.name}: no result summary (the run did not finish writing it)"]

    def counter(name):
        return int(counters.get(name, 0))

    reasons = []
    passed = counter("passed")
    failed = sum(counter(name) for name in FAILED_COUNTERS)
    # xunit's skipped tests are results with outcome NotExecuted, counted in total but not in executed.
    skipped = max(counter("notExecuted"), sum(1 for r in root.iter(f"{NS}UnitTestResult") if r.get("outcome") == "NotExecuted"))
    never_ran = max(counter("total") - counter("executed") - skipped, 0)
    if never_ran:
        reasons.append(f"{trx.name}: {never_ran} of {counter('total')} tests never executed")
        failed += never_ran

    outcome = summary.get("outcome", "")
    if outcome != "Completed":
        run_errors = [(info.findtext(f"{NS}Text") or "").strip().splitlines()
                      for info in summary.iter(f"{NS}RunInfo") if info.get("outcome") == "Error"]
        detail = "; ".join(lines[0] for lines in run_errors if lines)
        reasons.append(f"{trx.name}: run outcome {outcome or 'missing'}" + (f": {detail}" if detail else ""))
        if failed == 0:
            failed = 1

    if require_peers and skipped:
        reasons.append(f"{trx.name}: {skipped} skipped tests count as failed (GENLOG_REQUIRE_PEERS=1)")
        failed += skipped
        skipped = 0
    return passed, failed, skipped, reasons


def main():
    folder = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "artifacts/test-results")
    require_peers = os.environ.get("GENLOG_REQUIRE_PEERS") == "1"
    passed = failed = skipped = 0
    files = sorted(folder.glob("**/*.trx"))
    for trx in files:
        p, f, s, reasons = count(trx, require_peers)
        passed, failed, skipped = passed + p, failed + f, skipped + s
        for reason in reasons:
            print(reason, file=sys.stderr)
    if not files:
        print(f"no TRX results found in {folder}", file=sys.stderr)
        failed += 1
    print(f"{passed} passed, {failed} failed, {skipped} skipped", flush=True)
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
