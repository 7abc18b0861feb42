#!/usr/bin/env python3
"""Headline agreement of the scraped-text path with the HTML path, per flattening.

The dev set has gold bodies but no gold headlines; the HTML path's headline (JSON-LD, OpenGraph,
<h1>) is the reference. A text-path headline counts as right when, letters and digits only and
lower-cased, it equals the reference or one contains the other (over 15 characters), which
tolerates a site name or a kicker glued on either side.

    python3 headlines.py WORK_DIR   # after measure.sh: WORK_DIR/out-html/*.meta.txt is the reference
"""
import os
import re
import sys


def squash(s):
    return re.sub(r'\W', '', s.lower())


def title(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            if line.startswith('title: '):
                t = line[7:].strip()
                return None if t == 'null' else t
    return None


work = sys.argv[1]
ref_dir = os.path.join(work, 'out-html')
for flat in sorted(d[4:] for d in os.listdir(work) if d.startswith('out-') and d != 'out-html' and not d.endswith(".csv")):
    ok = total = 0
    for name in os.listdir(ref_dir):
        if not name.endswith('.meta.txt'):
            continue
        ref = title(os.path.join(ref_dir, name))
        got_path = os.path.join(work, 'out-' + flat, name)
        if not ref or not os.path.exists(got_path):
            continue
        total += 1
        a, b = squash(ref), squash(title(got_path) or '')
        if b and (a == b or (len(b) > 15 and (b in a or a in b))):
            ok += 1
    print(f'{flat:<10} headline agrees with the HTML path: {ok}/{total}')
