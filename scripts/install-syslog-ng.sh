#!/usr/bin/env bash
# Puts syslog-ng 3.38 (Debian syslog-ng-core) in a folder the tests own, without installing the package:
# syslog-ng-core CONFLICTS with rsyslog, which the other interop tests need. Its libraries are
# apt-installed; the package itself is fetched with `apt-get download` and unpacked with `dpkg -x`.
# The tests (tests/GenLog.Interop.Tests/Support/SyslogNgServer.cs) run
#   LD_LIBRARY_PATH=DIR/usr/lib/syslog-ng DIR/usr/sbin/syslog-ng -F -f CONF --module-path=DIR/usr/lib/syslog-ng/3.38 ...
# DIR is $GENLOG_SYSLOG_NG_DIR, or artifacts/syslog-ng in the repository (where the tests look by default).
set -uo pipefail
cd "$(dirname "$0")/.."
dir="${GENLOG_SYSLOG_NG_DIR:-$PWD/artifacts/syslog-ng}"
if [ -x "$dir/usr/sbin/syslog-ng" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "syslog-ng missing in $dir (run as root to fetch it)" >&2
  exit 0
fi
libs=(libivykis0 libnet1 libwrap0 libjson-c5 libpcre3)
missing=()
for lib in "${libs[@]}"; do
  dpkg -s "$lib" >/dev/null 2>&1 || missing+=("$lib")
done
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" || { echo "could not install ${missing[*]}" >&2; exit 0; }
fi
download="$(mktemp -d)"; chmod 755 "$download"
trap 'rm -rf "$download"' EXIT
if ! (cd "$download" && apt-get download -qq syslog-ng-core); then
  apt-get update -qq && (cd "$download" && apt-get download -qq syslog-ng-core) || { echo "could not download syslog-ng-core" >&2; exit 0; }
fi
mkdir -p "$dir"
dpkg -x "$download"/syslog-ng-core_*.deb "$dir"
echo "syslog-ng unpacked into $dir: $(LD_LIBRARY_PATH="$dir/usr/lib/syslog-ng" "$dir/usr/sbin/syslog-ng" --version 2>/dev/null | head -1)"
