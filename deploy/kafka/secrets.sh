#!/usr/bin/env bash
# compose's kafka-secrets (runs once before the broker, as the broker's user): the super user's password, made on the
# first run and kept in the kafka-secrets volume (0600) with the two files that use it:
#   kafka_server_jaas.conf  the broker's logins: admin with SASL PLAIN (the controller listener and the first start
#                           need a password outside the cluster metadata, which is where SCRAM users live), SCRAM for
#                           everybody else. A JAAS file rather than a KAFKA_ setting: the image drops values with '='.
#   admin.properties        the super user's client settings, for kafka-init (deploy/kafka-acls.sh) and the
#                           broker's health check. The services never mount this volume.
set -euo pipefail
DIR=${1:-/etc/kafka/secrets}
umask 077
if [ ! -f "$DIR/admin.password" ]; then
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32 >"$DIR/admin.password"
  echo "made the Kafka super user's password: $DIR/admin.password"
fi
password=$(cat "$DIR/admin.password")
cat >"$DIR/kafka_server_jaas.conf" <<JAAS
KafkaServer {
  org.apache.kafka.common.security.plain.PlainLoginModule required
    username="admin" password="$password" user_admin="$password";
  org.apache.kafka.common.security.scram.ScramLoginModule required;
};
JAAS
printf '%s\n' "security.protocol=SASL_PLAINTEXT" "sasl.mechanism=PLAIN" \
  "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$password\";" \
  >"$DIR/admin.properties"
