#!/usr/bin/env bash
# compose's kafka-init (runs once the broker is healthy, at every `up`): the SCRAM users and ACLs of deploy/kafka-acls.sh
# (passwords made on the first run, kept in the kafka-credentials volume, 0600), then for each service its login as
# Spring Boot settings (SERVICE.spring.properties: spring.kafka.security.protocol, spring.kafka.properties.sasl.*),
# which the service imports with SPRING_CONFIG_IMPORT. Wakers: SERVMON_KAFKA_WAKERS="ci nightly" adds waker-ci, ….
set -euo pipefail
ADMIN=${ADMIN_CONFIG:-/etc/kafka/secrets/admin.properties}
OUT=${CREDENTIALS:-/etc/servmon/kafka}
export PATH=/opt/kafka/bin:$PATH
wakers=()
for name in ${SERVMON_KAFKA_WAKERS:-}; do
  wakers+=(--waker "$name")
done
"${ACLS_SCRIPT:-/servmon/kafka-acls.sh}" --bootstrap "${BOOTSTRAP:-kafka:9092}" --command-config "$ADMIN" --out "$OUT" \
  ${wakers[@]+"${wakers[@]}"}
umask 077
for service in ingestor state-monitor wol-service dashboard; do
  sed -e 's/^security\.protocol=/spring.kafka.security.protocol=/' -e 's/^sasl\./spring.kafka.properties.sasl./' \
    "$OUT/$service.properties" >"$OUT/$service.spring.properties"
done
echo "Kafka logins ready in $OUT; an agent's: docker compose cp kafka-init:$OUT/agent.properties ."
