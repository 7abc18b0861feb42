// Derives newsroom-service/src/main/resources/static/world.json: one SVG path per country, keyed
// by ISO 3166-1 alpha-2 code, in an equirectangular projection of 1000 x 500 (x = lon, y = -lat),
// coordinates rounded to a tenth. A ring that crosses the antimeridian (Russia, Fiji) is broken
// there into separate subpaths instead of being drawn as a line across the whole map. Run from a folder where the packages below are installed:
//   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
//   npm install topojson-client@3.1.0 i18n-iso-countries@7.14.0
//   node derive.mjs package/countries-110m.json > world.json
import { readFileSync } from "node:fs";
import { feature } from "topojson-client";
import countries from "i18n-iso-countries";

const topology = JSON.parse(readFileSync(process.argv[2], "utf8"));
const collection = feature(topology, topology.objects.countries);
const x = (lon) => Math.round((lon + 180) * 10 * 1000 / 360) / 10;
const y = (lat) => Math.round((90 - lat) * 10 * 500 / 180) / 10;

function ring(points) {
  // Start the ring just after its first antimeridian crossing, so that each side's piece is
  // one contiguous run that closes along the edge (not across the country).
  const open = points.slice(0, -1);
  const first = open.findIndex((p, i) => i > 0 && Math.abs(p[0] - open[i - 1][0]) > 180);
  const ordered = first > 0 ? [...open.slice(first), ...open.slice(0, first)] : open;
  let d = "";
  let last = null;
  let lastLon = null;
  for (const [lon, lat] of ordered) {
    const p = `${x(lon)},${y(lat)}`;
    if (p !== last) {
      const jump = lastLon !== null && Math.abs(lon - lastLon) > 180;
      d += (d && !jump ? "L" : "M") + p;
      last = p;
    }
    lastLon = lon;
  }
  return d + "Z";
}

const out = [];
for (const f of collection.features) {
  const numeric = String(f.id ?? "").padStart(3, "0");
  const code = countries.numericToAlpha2(numeric);
  if (!code || !f.geometry) continue;
  const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
  const d = polygons.map((polygon) => polygon.map(ring).join("")).join("");
  out.push({ code, name: f.properties.name, d });
}
out.sort((a, b) => a.code.localeCompare(b.code));
process.stdout.write(JSON.stringify({ width: 1000, height: 500, countries: out }) + "\n");
