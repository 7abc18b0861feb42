#!/bin/sh
# One-shot, in the Elasticsearch image (docker-compose.yml service "es-certs"): makes the stack's
# certificate authority and the node's certificate with Elastic's own elasticsearch-certutil, into
# the "certs" volume (mounted by Elasticsearch only: it holds the keys), once, and copies the CA's
# certificate alone into the "ca" volume (mounted at /ca here), which every client (the services,
# Kibana, the setup containers) trusts. Remove both volumes to make new ones.
set -eu
cd /usr/share/elasticsearch
certs=config/certs
publish_ca() {
  if [ -d /ca ]; then
    cp "$certs/ca/ca.crt" /ca/ca.crt
    chmod 644 /ca/ca.crt
  fi
}
if [ -f "$certs/elasticsearch/elasticsearch.crt" ]; then
  publish_ca
  echo "certificates already made"
  exit 0
fi
mkdir -p "$certs"
if [ ! -f "$certs/ca/ca.crt" ]; then
  bin/elasticsearch-certutil ca --silent --pem --days 1095 -out "$certs/ca.zip"
  unzip -q -o "$certs/ca.zip" -d "$certs"
  rm "$certs/ca.zip"
fi
cat > "$certs/instances.yml" <<'YML'
instances:
  - name: elasticsearch
    dns: [elasticsearch, localhost]
    ip: [127.0.0.1]
YML
bin/elasticsearch-certutil cert --silent --pem --days 1095 --in "$certs/instances.yml" \
  --ca-cert "$certs/ca/ca.crt" --ca-key "$certs/ca/ca.key" -out "$certs/certs.zip"
unzip -q -o "$certs/certs.zip" -d "$certs"
rm "$certs/certs.zip" "$certs/instances.yml"
# Elasticsearch runs as uid 1000; keys readable by it only, the CA certificate by every container
chown -R 1000:0 "$certs"
find "$certs" -type d -exec chmod 755 {} +
chmod 644 "$certs/ca/ca.crt" "$certs/elasticsearch/elasticsearch.crt"
chmod 600 "$certs/ca/ca.key" "$certs/elasticsearch/elasticsearch.key"
publish_ca
echo "certificates made: $certs/ca/ca.crt signs $certs/elasticsearch/elasticsearch.crt"
