// Flattens HTML pages the way text copied out of a browser reads: blocks separated by a blank
// line, list items on their own lines, no link targets or images. Uses the npm package
// html-to-text (MIT), independent of the project's jsoup-based flattener.
//
//   npm install --prefix /tmp/flat html-to-text@9
//   NODE_PATH=/tmp/flat/node_modules node flatten-html-to-text.mjs IN_DIR OUT_DIR [--wrap]
//
// IN_DIR holds {id}.html or {id}.html.gz; OUT_DIR gets {id}.txt. --wrap keeps the package's
// default hard wrap at 80 columns (what a naive scraper using its defaults posts).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const require = createRequire(path.join(process.env.NODE_PATH || process.cwd(), 'x.js'));
const { convert } = require('html-to-text');

const [src, dst, flag] = process.argv.slice(2);
const wrap = flag === '--wrap';
const options = {
  wordwrap: wrap ? 80 : false,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'noscript', format: 'skip' },
    { selector: 'template', format: 'skip' },
    { selector: 'svg', format: 'skip' },
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => ({ selector: h, options: { uppercase: false } })),
    // a browser's copy has no list markers
    { selector: 'ul', options: { itemPrefix: ' ' } },
    { selector: 'ol', format: 'unorderedList', options: { itemPrefix: ' ' } },
  ],
};
fs.mkdirSync(dst, { recursive: true });
for (const name of fs.readdirSync(src).sort()) {
  if (!/\.html(\.gz)?$/.test(name)) continue;
  let bytes = fs.readFileSync(path.join(src, name));
  if (name.endsWith('.gz')) bytes = zlib.gunzipSync(bytes);
  const text = convert(bytes.toString('utf8'), options);
  fs.writeFileSync(path.join(dst, name.replace(/\.html(\.gz)?$/, '.txt')), text + '\n');
}
