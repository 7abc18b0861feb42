#!/usr/bin/env python3
"""Derives enrich-service/src/main/resources/enrich/sentiment/lexicon.tsv from the VADER lexicon.

Usage (from the repository root):
  mkdir -p /tmp/vader && (cd /tmp/vader && npm pack vader-sentiment@1.1.3 && tar xzf vader-sentiment-1.1.3.tgz)
  python3 enrich-service/data/sentiment/derive.py /tmp/vader/package/vader_lexicon.txt

Keeps single words only (no emoticons, no multi-word entries), drops the raters' spread and raw
ratings, then applies news-adjustments.tsv (0 removes a word). Output: word<TAB>valence, sorted.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'src', 'main', 'resources', 'enrich', 'sentiment', 'lexicon.tsv')
WORD = re.compile(r"^[a-z][a-z'\-]*[a-z]$")


def main(source):
    lexicon = {}
    with open(source, encoding='utf-8') as f:
        for line in f:
            parts = line.rstrip('\n').split('\t')
            if len(parts) >= 2 and WORD.match(parts[0]):
                lexicon[parts[0]] = float(parts[1])
    with open(os.path.join(HERE, 'news-adjustments.tsv'), encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            word, valence = line.rstrip('\n').split('\t')
            if float(valence) == 0:
                lexicon.pop(word, None)
            else:
                lexicon[word] = float(valence)
    with open(OUT, 'w', encoding='utf-8') as out:
        out.write('# VADER sentiment lexicon (Hutto & Gilbert 2014, MIT) from npm vader-sentiment 1.1.3 '
                  '(Apache-2.0), single words, with news adjustments; see enrich-service/data/sentiment\n')
        for word in sorted(lexicon):
            out.write('%s\t%g\n' % (word, lexicon[word]))
    print('%d words -> %s' % (len(lexicon), os.path.normpath(OUT)))


if __name__ == '__main__':
    main(sys.argv[1])
