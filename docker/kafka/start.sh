#!/bin/sh
# Starts the compose stack's Kafka broker (the apache/kafka image) with SASL/SCRAM and ACLs:
#   1. renders server.properties.template (beside this script) with the passwords from the
#      environment into $NEWSFLOW_KAFKA_CONFIG_DIR (default /tmp/newsflow-kafka, inside the
#      container only), with a client configuration for the admin user (admin.properties, used by
#      the healthcheck and by kafka tools run inside the container);
#   2. formats the data folder the first time only, with the SCRAM-SHA-512 credentials of the users
#      admin, ingest, enrich and publish (a formatted folder is left as it is: --ignore-formatted);
#   3. starts the broker.
# It refuses to start when a password is missing. The passwords come from the environment
# (docker-compose.yml passes them from .env); nothing secret is in the image or in this folder.
#
# Environment: KAFKA_ADMIN_PASSWORD, KAFKA_INGEST_PASSWORD, KAFKA_ENRICH_PASSWORD,
# KAFKA_PUBLISH_PASSWORD (letters, digits and . _ ~ + / = -, e.g. `openssl rand -hex 24`),
# CLUSTER_ID (22 characters of base64url: any 16 bytes), KAFKA_HOME (default /opt/kafka).
#
# The credentials are written once, when the data folder is formatted: changing a password in .env
# later changes nothing in Kafka by itself. To add a user or change a password on a running broker:
#   /opt/kafka/bin/kafka-configs.sh --bootstrap-server localhost:19092 \
#     --command-config /tmp/newsflow-kafka/admin.properties --alter --entity-type users \
#     --entity-name ingest --add-config 'SCRAM-SHA-512=[password=NEW-PASSWORD]'
# (docker compose exec kafka ...), then put the new password in .env and recreate the service that
# uses it (docker compose up -d). For admin, change it this way first, then in .env, then recreate
# kafka: the broker's own logins (server.properties) are rendered from .env at each start.
set -eu

KAFKA_HOME=${KAFKA_HOME:-/opt/kafka}
here=$(cd "$(dirname "$0")" && pwd)
template=$here/server.properties.template
config_dir=${NEWSFLOW_KAFKA_CONFIG_DIR:-/tmp/newsflow-kafka}
cluster_id=${CLUSTER_ID:?set CLUSTER_ID (any 16 bytes, base64url: 22 characters)}

fail() {
  echo "start.sh: $*" >&2
  exit 1
}

# the passwords go into JAAS strings and into kafka-storage.sh's --add-scram list: keep them to
# characters that need no quoting in either
for user in admin ingest enrich publish; do
  variable=KAFKA_$(echo "$user" | tr '[:lower:]' '[:upper:]')_PASSWORD
  eval "password=\${$variable:-}"
  [ -n "$password" ] || fail "$variable is not set: refusing to start without the $user user's password (see .env.example)"
  case $password in
    *[!A-Za-z0-9._~+/=-]*) fail "$variable may hold only letters, digits and . _ ~ + / = -" ;;
    change-me*) fail "$variable is still the placeholder from .env.example: set a password of your own" ;;
  esac
done

umask 077
mkdir -p "$config_dir"
# ${KAFKA_..._PASSWORD} -> its value (awk reads the values from the environment: no quoting issues)
awk '{
  while (match($0, /\$\{KAFKA_[A-Z]+_PASSWORD\}/)) {
    name = substr($0, RSTART + 2, RLENGTH - 3)
    $0 = substr($0, 1, RSTART - 1) ENVIRON[name] substr($0, RSTART + RLENGTH)
  }
  print
}' "$template" > "$config_dir/server.properties"
cat > "$config_dir/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
EOF

# A data folder formatted by another configuration (the PLAINTEXT stack before SASL used the
# cluster id bmV3c2Zsb3ctbG9jYWwtMQ) has no SCRAM users: nobody could log in. Say so instead.
log_dir=$(sed -n 's/^log\.dirs=//p' "$config_dir/server.properties" | cut -d, -f1)
if [ -f "$log_dir/meta.properties" ] && ! grep -qx "cluster.id=$cluster_id" "$log_dir/meta.properties"; then
  fail "$log_dir was formatted for another cluster id (the older stack without SASL?), so it has no SCRAM users and nobody could log in. Remove the volume (this deletes its topics: docker compose down -v, or docker volume rm <project>_kafka-data) and start again."
fi

"$KAFKA_HOME/bin/kafka-storage.sh" format --cluster-id "$cluster_id" \
  --config "$config_dir/server.properties" --ignore-formatted \
  --add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=ingest,password=$KAFKA_INGEST_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=enrich,password=$KAFKA_ENRICH_PASSWORD]" \
  --add-scram "SCRAM-SHA-512=[name=publish,password=$KAFKA_PUBLISH_PASSWORD]"

exec "$KAFKA_HOME/bin/kafka-server-start.sh" "$config_dir/server.properties"
