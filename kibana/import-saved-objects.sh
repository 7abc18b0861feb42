#!/bin/sh
# Imports Newsflow's saved objects (the "news-articles" data view, the panels and the
# "Newsflow — Newsroom" dashboard) into Kibana; run by the compose stack's one-shot kibana-setup
# container once Kibana is healthy, and safe to run again (existing objects are overwritten).
#   KIBANA_URL=http://127.0.0.1:5601 kibana/import-saved-objects.sh kibana/newsflow-newsroom.ndjson
# With security on (as in compose), KIBANA_USERNAME and KIBANA_PASSWORD are a user allowed to
# write saved objects.
set -eu
url="${KIBANA_URL:-http://kibana:5601}"
file="${1:-/setup/newsflow-newsroom.ndjson}"
if [ -n "${KIBANA_USERNAME:-}" ]; then
  set -- -u "$KIBANA_USERNAME:${KIBANA_PASSWORD:?KIBANA_PASSWORD goes with KIBANA_USERNAME}"
else
  set --
fi
answer="$(curl -sS "$@" -X POST "$url/api/saved_objects/_import?overwrite=true" -H 'kbn-xsrf: newsflow' \
  --form "file=@$file")"
case "$answer" in
  *'"success":true'*) echo "imported $(grep -c . "$file") saved objects from $file into $url" ;;
  *) echo "the import into $url failed: $answer" >&2; exit 1 ;;
esac
