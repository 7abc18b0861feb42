#!/usr/bin/env bash
# Scores the scraped-text path on a folder of pages with gold bodies, per flattening:
#   jsoup    the project's own flattener (extract --text)
#   bs4      BeautifulSoup, one block per line (flatten_bs4.py)
#   bs4-nodes BeautifulSoup get_text("\n"): a line break at every text node
#   browser  html-to-text (npm), blank-line-separated blocks, like a browser's copy
#   wrapped  the same, hard-wrapped at 80 columns (html-to-text's default)
# plus the HTML path for reference.
#
#   tools/scraped-text/measure.sh [AEB_DIR] [WORK_DIR]
#
# AEB_DIR defaults to ../shared/data/aeb-dev (html/, ground-truth.json, evaluate.py). Needs
# `./mvnw -B -o -q install -DskipTests -pl tools` first, beautifulsoup4 for python3 and the npm
# package html-to-text@9 in $FLAT_NODE_MODULES (default /tmp/flat/node_modules).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
AEB="${1:-$ROOT/../shared/data/aeb-dev}"
WORK="${2:-$(mktemp -d)}"
NODE_MODULES="${FLAT_NODE_MODULES:-/tmp/flat/node_modules}"
HERE="$ROOT/tools/scraped-text"
mkdir -p "$WORK"
python3 "$HERE/flatten_bs4.py" "$AEB/html" "$WORK/flat-bs4"
python3 "$HERE/flatten_bs4.py" "$AEB/html" "$WORK/flat-bs4-nodes" --mode nodes
NODE_PATH="$NODE_MODULES" node "$HERE/flatten-html-to-text.mjs" "$AEB/html" "$WORK/flat-browser"
NODE_PATH="$NODE_MODULES" node "$HERE/flatten-html-to-text.mjs" "$AEB/html" "$WORK/flat-wrapped" --wrap
score() { # F1, precision, recall (4-gram shingles, averaged per page); per-page rows in $1.csv
  python3 "$AEB/evaluate.py" --gt "$AEB/ground-truth.json" "$1" --per-item "$1.csv" 2>/dev/null \
    | awk '$1 ~ /^out-/ {print "F1 " $2 "  P " $5 "  R " $8}'
}
"$ROOT/newsflow" extract "$AEB/html" "$WORK/out-html" --full >/dev/null
"$ROOT/newsflow" extract "$AEB/html" "$WORK/out-jsoup" --text --full >/dev/null
for f in bs4 bs4-nodes browser wrapped; do
  "$ROOT/newsflow" extract "$WORK/flat-$f" "$WORK/out-$f" --from-text --full >/dev/null
done
for f in html jsoup bs4 bs4-nodes browser wrapped; do
  printf '%-10s ' "$f"; score "$WORK/out-$f"
done
python3 "$HERE/headlines.py" "$WORK"
echo "outputs in $WORK"
