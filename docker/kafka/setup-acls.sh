#!/bin/sh
# Applies the ACLs of acls.txt (beside this script, or the file given as $1) with kafka-acls.sh,
# as the admin user: the kafka-setup one-shot service of docker-compose.yml runs it once the broker
# is healthy, and the services start only after it succeeded. Idempotent: an ACL that exists
# already is not added again (the broker keeps one of each), so it runs at every `up`.
# It only adds: an ACL removed from the file stays until removed with kafka-acls.sh --remove.
#
# Environment: KAFKA_ADMIN_PASSWORD; KAFKA_BOOTSTRAP_SERVER (default kafka:19092, the INTERNAL
# listener); KAFKA_HOME (default /opt/kafka); NEWSFLOW_KAFKA_CONFIG_DIR (default
# /tmp/newsflow-kafka: where the admin client configuration is written).
set -eu

KAFKA_HOME=${KAFKA_HOME:-/opt/kafka}
here=$(cd "$(dirname "$0")" && pwd)
acls=${1:-$here/acls.txt}
bootstrap=${KAFKA_BOOTSTRAP_SERVER:-kafka:19092}
config_dir=${NEWSFLOW_KAFKA_CONFIG_DIR:-/tmp/newsflow-kafka}
: "${KAFKA_ADMIN_PASSWORD:?set KAFKA_ADMIN_PASSWORD: the ACLs are set as the admin user}"

fail() {
  echo "setup-acls.sh: $acls:$line_number: $*" >&2
  exit 1
}

umask 077
mkdir -p "$config_dir"
cat > "$config_dir/admin.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$KAFKA_ADMIN_PASSWORD";
EOF

line_number=0
count=0
# read every line first and check it, so that a mistake anywhere in the file applies nothing
checked=$(mktemp)
trap 'rm -f "$checked"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  line_number=$((line_number + 1))
  line=${line%%#*}
  set -f # no globbing of the fields (a name may not hold * anyway, but be sure)
  # shellcheck disable=SC2086
  set -- $line
  set +f
  [ $# -eq 0 ] && continue
  [ $# -eq 5 ] || fail "expected 5 fields (principal operations type pattern name), found $#"
  principal=$1 operations=$2 type=$3 pattern=$4 name=$5
  case $principal in
    User:*[!A-Za-z0-9._-]* | User:) fail "principal must be User:<name>, not $principal" ;;
    User:*) ;;
    *) fail "principal must be User:<name>, not $principal" ;;
  esac
  case $operations in
    *[!A-Za-z,]* | ,* | *, | *,,*) fail "operations must be a comma-separated list of kafka-acls.sh names, not $operations" ;;
  esac
  case $type in
    topic | group | transactional-id) resource="--$type $name" ;;
    cluster) [ "$name" = kafka-cluster ] || fail "the cluster resource's name is kafka-cluster"
             resource=--cluster ;;
    *) fail "resource type must be topic, group, transactional-id or cluster, not $type" ;;
  esac
  case $pattern in
    literal | prefixed) ;;
    *) fail "pattern must be literal or prefixed, not $pattern" ;;
  esac
  case $name in
    *[!A-Za-z0-9._-]*) fail "name may hold only letters, digits and . _ - (no wildcard), not $name" ;;
  esac
  echo "$principal $(echo "$operations" | sed 's/,/ --operation /g; s/^/--operation /') $resource --resource-pattern-type $pattern" >> "$checked"
done < "$acls"

line_number=end
[ -s "$checked" ] || fail "no ACL in the file"
while read -r principal arguments; do
  # shellcheck disable=SC2086 # the arguments were checked above: no blanks nor globs inside one
  "$KAFKA_HOME/bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config_dir/admin.properties" \
    --add --allow-principal "$principal" $arguments </dev/null
  count=$((count + 1))
done < "$checked"
echo "setup-acls.sh: $count ACL lines of $acls applied"
