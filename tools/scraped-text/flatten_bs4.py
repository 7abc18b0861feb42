#!/usr/bin/env python3
"""Flattens HTML pages to the visible text a Python scraper would post: BeautifulSoup
(html.parser), script/style/template/noscript/svg dropped, one block element per line.

Independent of the project's jsoup-based flattener (tools `extract --text`): used to test the
scraped-text path on text that a different tool produced.

    python3 flatten_bs4.py IN_DIR OUT_DIR [--mode blocks|nodes]

IN_DIR holds {id}.html or {id}.html.gz; OUT_DIR gets {id}.txt.
--mode blocks (default): inline elements stay in their line, block elements start a new one.
--mode nodes: soup.get_text("\\n", strip=True), the common one-liner that also breaks lines at
every link and bold word (harsher than any real copy).
Needs beautifulsoup4 (pip install --user beautifulsoup4).
"""
import gzip
import os
import sys

from bs4 import BeautifulSoup, NavigableString, Comment, Tag

DROP = {"script", "style", "template", "noscript", "svg", "head", "iframe", "object", "canvas"}
BLOCK = {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
         "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
         "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table",
         "tbody", "thead", "tfoot", "td", "th", "tr", "ul", "body", "html", "button", "option",
         "select", "label", "caption", "menu", "dialog"}


def blocks(soup):
    lines, cur = [], []

    def flush():
        text = " ".join("".join(cur).split())
        if text:
            lines.append(text)
        cur.clear()

    def walk(node):
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                cur.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in DROP:
                continue
            block = child.name in BLOCK
            if block:
                flush()
            walk(child)
            if block:
                flush()

    walk(soup)
    flush()
    return "\n".join(lines) + "\n"


def main():
    src, dst = sys.argv[1], sys.argv[2]
    mode = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--mode" else "blocks"
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not (name.endswith(".html") or name.endswith(".html.gz")):
            continue
        path = os.path.join(src, name)
        opener = gzip.open if name.endswith(".gz") else open
        with opener(path, "rb") as f:
            html = f.read().decode("utf-8", errors="replace")
        soup = BeautifulSoup(html, "html.parser")
        for t in soup.find_all(DROP):
            t.decompose()
        if mode == "nodes":
            text = soup.get_text("\n", strip=True) + "\n"
        else:
            text = blocks(soup)
        doc_id = name[: name.index(".html")]
        with open(os.path.join(dst, doc_id + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
