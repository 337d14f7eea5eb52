#!/usr/bin/env bash
# servmon's Kafka users (SASL/SCRAM-SHA-256) and their ACLs on a Kafka cluster of your own: the same roles as the
# broker of ./servmon run (modules/standalone/src/main/java/servmon/standalone/kafka/KafkaRole.java; the test
# KafkaAclsScriptTest fails when the two differ).
#   deploy/kafka-acls.sh --bootstrap HOST:PORT --command-config admin.properties [--out DIR]
#                        [--waker NAME]... [--agent NAME]...
# Needs Kafka's kafka-configs.sh and kafka-acls.sh on the PATH, and a cluster with a SASL listener that enables
# SCRAM-SHA-256, an authorizer and allow.everyone.if.no.acl.found=false (docs/kafka-security.md).
# admin.properties is a super user's client settings. For each user the script keeps DIR/USER.properties (0600,
# default DIR ./servmon-kafka-credentials) with a random password made on the first run, sets that password as the
# user's SCRAM credential and adds the user's ACLs. Running it again changes nothing but adds what is missing.
# Users: ingestor, state-monitor, wol-service, dashboard (one per service), agent (shared by agents), agent-NAME
# (--agent NAME: another group of agents), waker-NAME (--waker NAME: may publish wake commands, nothing else).
set -euo pipefail
BOOTSTRAP="" ADMIN_CONFIG="" OUT=./servmon-kafka-credentials
WAKERS=() AGENTS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --bootstrap) BOOTSTRAP=$2; shift 2 ;;
    --command-config) ADMIN_CONFIG=$2; shift 2 ;;
    --out) OUT=$2; shift 2 ;;
    --waker) WAKERS+=("$2"); shift 2 ;;
    --agent) AGENTS+=("$2"); shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$BOOTSTRAP" ] && [ -n "$ADMIN_CONFIG" ] || {
  echo "usage: $0 --bootstrap HOST:PORT --command-config admin.properties [--out DIR] [--waker NAME]... [--agent NAME]..." >&2
  exit 2
}
umask 077
mkdir -p "$OUT"
chmod 700 "$OUT"

# USER: its client settings file (made once, with a random password) and its SCRAM credential on the cluster
login() {
  local user=$1 file="$OUT/$1.properties" password
  if [ ! -f "$file" ]; then
    password=$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32)
    printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=SCRAM-SHA-256" \
      "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"$user\" password=\"$password\";" \
      >"$file"
  fi
  password=$(sed -n 's/.*password="\([^"]*\)".*/\1/p' "$file")
  # (the password is in this command's arguments for a moment: run the script where no one else is logged in)
  kafka-configs.sh --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --alter --entity-type users \
    --entity-name "$user" --add-config "SCRAM-SHA-256=[iterations=8192,password=$password]" >/dev/null
  echo "user $user: $file"
}

# USER OPERATION RESOURCE-TYPE NAME PATTERN-TYPE: one ALLOW ACL from any host
acl() {
  kafka-acls.sh --bootstrap-server "$BOOTSTRAP" --command-config "$ADMIN_CONFIG" --add --allow-principal "User:$1" \
    --operation "$2" --"$3" "$4" --resource-pattern-type "$5" >/dev/null
}

# What each role may do (KafkaRole.java). Every service sees every servmon topic (names and partitions, never records)
# and writes dead letters.
grant_service() {
  acl "$1" Describe topic servmon. prefixed
  acl "$1" Write topic servmon.metrics.v1.dlt literal
  acl "$1" Write topic servmon.servers.v1.dlt literal
  acl "$1" Write topic servmon.server-state.v1.dlt literal
  acl "$1" Write topic servmon.wake-commands.v1.dlt literal
  acl "$1" Write topic servmon.wake-results.v1.dlt literal
  acl "$1" Write topic servmon.agent-control.v1.dlt literal
  acl "$1" Write topic servmon.sleep-commands.v1.dlt literal
  acl "$1" Write topic servmon.agent-replies.v1.dlt literal
  acl "$1" Write topic servmon.power-policies.v1.dlt literal
}
grant_ingestor() {
  grant_service "$1"
  acl "$1" Read topic servmon.metrics.v1 literal
  acl "$1" Read topic servmon.servers.v1 literal
  acl "$1" Read topic servmon.server-state.v1 literal
  acl "$1" Read topic servmon.wake-results.v1 literal
  acl "$1" Write topic servmon.agent-control.v1 literal
  acl "$1" Read group servmon-ingestor prefixed
  acl "$1" Read group ingestor-servers literal
}
grant_state_monitor() {
  grant_service "$1"
  acl "$1" Read topic servmon.servers.v1 literal
  acl "$1" Read topic servmon.metrics.v1 literal
  acl "$1" Read topic servmon.wake-commands.v1 literal
  acl "$1" Read topic servmon.agent-replies.v1 literal
  acl "$1" Read topic servmon.monitor-rerouted.v1 literal
  acl "$1" Read topic servmon.monitor-ticks.v1 literal
  acl "$1" Write topic servmon.server-state.v1 literal
  acl "$1" Write topic servmon.monitor-rerouted.v1 literal
  acl "$1" Write topic servmon.monitor-ticks.v1 literal
  acl "$1" Read group servmon-state-monitor literal
  acl "$1" All topic servmon-state-monitor- prefixed
  acl "$1" Write transactional-id servmon-state-monitor prefixed
  acl "$1" Describe transactional-id servmon-state-monitor prefixed
}
grant_wol_service() {
  grant_service "$1"
  acl "$1" Read topic servmon.wake-commands.v1 literal
  acl "$1" Read topic servmon.sleep-commands.v1 literal
  acl "$1" Read topic servmon.agent-replies.v1 literal
  acl "$1" Read topic servmon.servers.v1 literal
  acl "$1" Read topic servmon.server-state.v1 literal
  acl "$1" Read topic servmon.metrics.v1 literal
  acl "$1" Read topic servmon.wake-results.v1 literal
  acl "$1" Read topic servmon.power-policies.v1 literal
  acl "$1" Write topic servmon.wake-results.v1 literal
  acl "$1" Write topic servmon.agent-control.v1 literal
  acl "$1" Write topic servmon.wake-commands.v1 literal
  acl "$1" Write topic servmon.sleep-commands.v1 literal
  acl "$1" Read group servmon-wol-service literal
  acl "$1" Read group servmon-wol-policy literal
}
grant_dashboard() {
  grant_service "$1"
  acl "$1" Write topic servmon.servers.v1 literal
  acl "$1" Write topic servmon.wake-commands.v1 literal
  acl "$1" Write topic servmon.sleep-commands.v1 literal
  acl "$1" Write topic servmon.power-policies.v1 literal
  acl "$1" Read topic servmon.server-state.v1 literal
  acl "$1" Read topic servmon.wake-results.v1 literal
  acl "$1" Read topic servmon.metrics.v1 literal
  acl "$1" Read group servmon-dashboard-notify literal
}
grant_agent() {
  acl "$1" Write topic servmon.metrics.v1 literal
  acl "$1" Write topic servmon.agent-replies.v1 literal
  acl "$1" Read topic servmon.agent-control.v1 literal
}
grant_waker() {
  acl "$1" Write topic servmon.wake-commands.v1 literal
}

for user in ingestor state-monitor wol-service dashboard; do
  login "$user"
  "grant_${user//-/_}" "$user"
  # Here, unlike ./servmon run (where the super user creates them first), each service creates the servmon topics
  # that are missing at its start, as without ACLs, so start order does not matter.
  acl "$user" Create topic servmon. prefixed
done
login agent
grant_agent agent
for name in ${AGENTS[@]+"${AGENTS[@]}"}; do
  login "agent-$name"
  grant_agent "agent-$name"
done
for name in ${WAKERS[@]+"${WAKERS[@]}"}; do
  login "waker-$name"
  grant_waker "waker-$name"
done
echo "done: give each service its file's settings (docs/kafka-security.md), agents $OUT/agent.properties"
