#!/usr/bin/env bash
# Installs the servmon agent as a systemd service on this machine.
#   sudo deploy/install-agent.sh --bootstrap kafka-host:19092 --key KEY [--interval 8] [--kafka-config FILE]
# --kafka-config: the agents' Kafka login for a locked broker (agent.properties, docs/kafka-security.md); it is
# copied to /etc/servmon/kafka.properties (0600).
# Needs Java 21+ as /usr/bin/java and the agent jar built by ./servmon build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOTSTRAP="" KEY="" INTERVAL=8 KAFKA_CONFIG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap) BOOTSTRAP=$2; shift 2 ;;
    --key) KEY=$2; shift 2 ;;
    --interval) INTERVAL=$2; shift 2 ;;
    --kafka-config) KAFKA_CONFIG=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$BOOTSTRAP" ] && [ -n "$KEY" ] || {
  echo "usage: $0 --bootstrap HOST:PORT --key KEY [--interval S] [--kafka-config FILE]" >&2; exit 2; }
[ -z "$KAFKA_CONFIG" ] || [ -r "$KAFKA_CONFIG" ] || { echo "cannot read $KAFKA_CONFIG" >&2; exit 2; }
install -d -m 0755 /opt/servmon
install -d -m 0700 /etc/servmon
install -m 0644 "$ROOT"/modules/agent/target/servmon-agent-*-all.jar /opt/servmon/servmon-agent.jar
umask 077
printf '%s\n' "$KEY" > /etc/servmon/agent.key
printf 'SERVMON_BOOTSTRAP=%s\nSERVMON_INTERVAL=%s\n' "$BOOTSTRAP" "$INTERVAL" > /etc/servmon/agent.env
if [ -n "$KAFKA_CONFIG" ]; then
  install -m 0600 "$KAFKA_CONFIG" /etc/servmon/kafka.properties
  printf 'SERVMON_KAFKA_ARGS=--kafka-config /etc/servmon/kafka.properties\n' >> /etc/servmon/agent.env
fi
install -m 0644 "$ROOT"/deploy/systemd/servmon-agent.service /etc/systemd/system/servmon-agent.service
systemctl daemon-reload
systemctl enable --now servmon-agent
echo "servmon agent installed; follow it with: journalctl -u servmon-agent -f"
