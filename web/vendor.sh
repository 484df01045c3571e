#!/bin/sh
# Refresh the dashboard's vendored front-end files from npm (run from the repository root: sh web/vendor.sh).
# Licences: leaflet BSD-2-Clause, cytoscape MIT, topojson-client ISC, world-atlas ISC (Natural Earth: public domain),
# swagger-ui-dist Apache-2.0 (the /docs page).
set -eu
cd "$(dirname "$0")"
npm install --no-audit --no-fund --silent
out=../src/dotterel/web/static/vendor
mkdir -p "$out"
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css "$out/"
cp node_modules/cytoscape/dist/cytoscape.min.js "$out/"
cp node_modules/topojson-client/dist/topojson-client.min.js "$out/"
cp node_modules/world-atlas/countries-110m.json "$out/"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$out/"
for p in leaflet cytoscape topojson-client world-atlas swagger-ui-dist; do
  { echo "== $p"; cat node_modules/$p/LICENSE*; echo; } 
done > "$out/LICENSES.txt"
