#!/usr/bin/env python3
"""Derives enrich-service/src/main/resources/enrich/keywords/stopwords.tsv from stopwords-iso.

Usage (from the repository root):
  mkdir -p /tmp/swiso && (cd /tmp/swiso && npm pack stopwords-iso@1.1.0 && tar xzf stopwords-iso-1.1.0.tgz)
  python3 enrich-service/data/keywords/derive.py /tmp/swiso/package/stopwords-iso.json

One line per word, lang<TAB>word, lower case. Multi-word entries are dropped (words are matched
one token at a time). English: en-keep.txt is taken out (content words news keyphrases need) and
en-extra.txt is added (reporting verbs, weekdays).
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'src', 'main', 'resources', 'enrich', 'keywords', 'stopwords.tsv')


def words(name):
    out = set()
    with open(os.path.join(HERE, name), encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                out.update(line.split())
    return out


def main(source):
    with open(source, encoding='utf-8') as f:
        lists = json.load(f)
    keep, extra = words('en-keep.txt'), words('en-extra.txt')
    total = 0
    with open(OUT, 'w', encoding='utf-8') as out:
        out.write('# stopwords-iso 1.1.0 (MIT, npm), single words, English adjusted; see enrich-service/data/keywords\n')
        for lang in sorted(lists):
            ws = {w.strip().lower() for w in lists[lang] if w.strip() and not any(c.isspace() for c in w.strip())}
            if lang == 'en':
                ws = (ws - keep) | extra
            for w in sorted(ws):
                out.write('%s\t%s\n' % (lang, w))
            total += len(ws)
    print('%d languages, %d words -> %s' % (len(lists), total, os.path.normpath(OUT)))


if __name__ == '__main__':
    main(sys.argv[1])
