#!/usr/bin/env bash
# Installs the servmon agent on this machine from its Debian package and enrolls it (as root):
#   sudo deploy/install-agent.sh --bootstrap kafka-host:19092 [--kafka-config FILE] [--interval 8]
# The same as: apt install ./modules/agent/target/servmon-agent_*.deb && servmon-agent enroll --bootstrap ...
# (the package: modules/agent/src/deb; enroll asks for the server key once). Builds the package first if needed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[ "$(id -u)" = 0 ] || { echo "run it as root (sudo $0 ...)" >&2; exit 2; }
[ $# -gt 0 ] || { echo "usage: $0 --bootstrap HOST:PORT [--kafka-config FILE] [--interval S]" >&2; exit 2; }
DEB=$(ls "$ROOT"/modules/agent/target/servmon-agent_*_all.deb 2>/dev/null | head -1 || true)
if [ -z "$DEB" ]; then
  "$ROOT/servmon" build
  DEB=$(ls "$ROOT"/modules/agent/target/servmon-agent_*_all.deb | head -1)
fi
apt-get install -y "$DEB"
exec servmon-agent enroll "$@"
