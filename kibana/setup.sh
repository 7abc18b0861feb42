#!/bin/sh
# One-shot (docker-compose.yml service "kibana-setup"), once Kibana is healthy: gives the
# newsflow_analyst role (docker/elasticsearch/roles/newsflow_analyst.json: read on the articles
# and stories) read access to Kibana's dashboards, Discover and visualisations in the default
# space, through Kibana's role API (Kibana privileges are Kibana's to define), then imports the
# saved objects. Runs as the elastic user; the analysts sign in as newsflow-analyst.
set -eu
here="$(dirname "$0")"
url="${KIBANA_URL:-http://kibana:5601}"
: "${KIBANA_USERNAME:?KIBANA_USERNAME (a superuser, e.g. elastic) sets up roles and saved objects}"
: "${KIBANA_PASSWORD:?KIBANA_PASSWORD goes with KIBANA_USERNAME}"
# the Elasticsearch part is the role file's own: its "indices": [...] } tail closes the object
indices="$(sed -n '/"indices"/,$p' "${ROLES:-/roles}/newsflow_analyst.json")"
body="{\"elasticsearch\":{\"cluster\":[],${indices},\"kibana\":[{\"base\":[],\"feature\":{\"dashboard\":[\"read\"],\"discover\":[\"read\"],\"visualize\":[\"read\"]},\"spaces\":[\"default\"]}]}"
code="$(curl -sS -o /tmp/answer -w '%{http_code}' -u "$KIBANA_USERNAME:$KIBANA_PASSWORD" -X PUT \
  "$url/api/security/role/newsflow_analyst" -H 'kbn-xsrf: newsflow' -H 'Content-Type: application/json' -d "$body")"
case "$code" in
  2??) echo "role newsflow_analyst: Kibana dashboards, Discover and visualisations, read only" ;;
  *) echo "the role newsflow_analyst could not be set ($code): $(cat /tmp/answer)" >&2; exit 1 ;;
esac
exec sh "$here/import-saved-objects.sh" "${1:-$here/newsflow-newsroom.ndjson}"
