#!/bin/sh
# One-shot, in the Elasticsearch image (docker-compose.yml service "es-setup"), once Elasticsearch
# is healthy: sets the kibana_system password, then makes the roles (roles/*.json) and the users
# (users: one per service, passwords from the environment). Safe to run again: roles and users
# are written whole, so a changed role or password is applied.
set -eu
here="$(dirname "$0")"
url="${ELASTICSEARCH_URL:-https://elasticsearch:9200}"
ca="${ELASTICSEARCH_CA_CERTIFICATE:-/usr/share/elasticsearch/config/certs/ca/ca.crt}"
: "${ELASTIC_PASSWORD:?ELASTIC_PASSWORD is needed to set up users and roles}"
: "${KIBANA_SYSTEM_PASSWORD:?KIBANA_SYSTEM_PASSWORD is needed for Kibana's own user}"
case "$ELASTIC_PASSWORD$KIBANA_SYSTEM_PASSWORD" in
  *change-me*) echo "ELASTIC_PASSWORD or KIBANA_SYSTEM_PASSWORD is still the example's placeholder: set it in .env" >&2
    exit 1 ;;
esac

call() { # method path [json]: fails on any answer but 2xx, printing it
  method="$1"; path="$2"; body="${3:-}"
  if [ -n "$body" ]; then
    answer="$(curl -sS --cacert "$ca" -u "elastic:$ELASTIC_PASSWORD" -X "$method" "$url$path" \
      -H 'Content-Type: application/json' -d "$body" -w '\n%{http_code}')"
  else
    answer="$(curl -sS --cacert "$ca" -u "elastic:$ELASTIC_PASSWORD" -X "$method" "$url$path" -w '\n%{http_code}')"
  fi
  code="$(printf '%s' "$answer" | tail -n 1)"
  case "$code" in
    2??) ;;
    *) echo "$method $path answered $code: $(printf '%s' "$answer" | sed '$d')" >&2; return 1 ;;
  esac
}

json_string() { # a JSON string literal of $1
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$/"/'
}

call POST /_security/user/kibana_system/_password "{\"password\":$(json_string "$KIBANA_SYSTEM_PASSWORD")}"
echo "kibana_system: password set"

for role in "$here"/roles/*.json; do
  name="$(basename "$role" .json)"
  call PUT "/_security/role/$name" "$(cat "$role")"
  echo "role $name"
done

grep -v '^[[:space:]]*#' "$here/users" | while read -r user role variable; do
  [ -n "$user" ] || continue
  password="$(printenv "$variable" || true)"
  case "$password" in
    '') echo "$variable is not set: user $user is needed by the stack" >&2; exit 1 ;;
    change-me*) echo "$variable is still the example's placeholder: set a password in .env" >&2; exit 1 ;;
  esac
  call PUT "/_security/user/$user" \
    "{\"password\":$(json_string "$password"),\"roles\":[\"$role\"],\"full_name\":\"Newsflow $user\"}"
  echo "user $user with role $role"
done
echo "Elasticsearch users and roles are set up"
