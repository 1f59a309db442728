#!/usr/bin/env bash
# Runs every GenLog test on a fresh machine of this kind: installs what is missing, builds,
# runs `dotnet test` on the solution with TRX results, and ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
# rsyslogd lives in /usr/sbin, which is not on every user's PATH; the TLS listener needs the gtls driver.
if ! command -v rsyslogd >/dev/null 2>&1 && [ ! -x /usr/sbin/rsyslogd ]; then
  need_apt+=(rsyslog rsyslog-gnutls)
elif ! compgen -G '/usr/lib*/rsyslog/lmnsd_gtls.so' >/dev/null && ! compgen -G '/usr/lib/*/rsyslog/lmnsd_gtls.so' >/dev/null; then
  need_apt+=(rsyslog-gnutls)
fi
# RELP (imrelp) is a separate package.
compgen -G '/usr/lib*/rsyslog/imrelp.so' >/dev/null || compgen -G '/usr/lib/*/rsyslog/imrelp.so' >/dev/null || need_apt+=(rsyslog-relp)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need_apt[@]}"
  else
    echo "missing: ${need_apt[*]} (run as root to install them)" >&2
  fi
fi

# syslog-ng CONFLICTS with rsyslog as a package: it is unpacked into artifacts/syslog-ng instead (scripts/install-syslog-ng.sh).
bash scripts/install-syslog-ng.sh

results="$PWD/artifacts/test-results"
rm -rf "$results"
dotnet restore GenLog.sln
dotnet test GenLog.sln -c Release --no-restore --logger trx --results-directory "$results" "$@"
status=$?
python3 scripts/trx_totals.py "$results" || status=1
exit $status
