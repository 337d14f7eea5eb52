#!/usr/bin/env bash
# Installs the servmon agent as a systemd service on this machine.
#   sudo deploy/install-agent.sh --bootstrap kafka-host:19092 --key KEY [--interval 8]
# Needs Java 21+ as /usr/bin/java and the agent jar built by ./servmon build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOTSTRAP="" KEY="" INTERVAL=8
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap) BOOTSTRAP=$2; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$BOOTSTRAP" ] && [ -n "$KEY" ] || { echo "usage: $0 --bootstrap HOST:PORT --key KEY [--interval S]" >&2; exit 2; }
install -d -m 0755 /opt/servmon
install -d -m 0700 /etc/servmon
install -m 0644 "$ROOT"/modules/agent/target/servmon-agent-*-all.jar /opt/servmon/servmon-agent.jar
umask 077
printf '%s\n' "$KEY" > /etc/servmon/agent.key
printf 'SERVMON_BOOTSTRAP=%s\nSERVMON_INTERVAL=%s\n' "$BOOTSTRAP" "$INTERVAL" > /etc/servmon/agent.env
install -m 0644 "$ROOT"/deploy/systemd/servmon-agent.service /etc/systemd/system/servmon-agent.service
systemctl daemon-reload
systemctl enable --now servmon-agent
echo "servmon agent installed; follow it with: journalctl -u servmon-agent -f"
