#!/usr/bin/env python3
"""`patchbook build --pdf --front-matter` as a wiki job runs it, read with other tools than ours.

- PDF: each farm's change-request.pdf and servers/SERVER.pdf exist, are listed in the output's
  manifest, and pdftotext reads in a checklist its server's name and its steps' titles.
- Front matter: every Markdown page starts with YAML that PyYAML reads to the HTML page's
  <title>, a weight and a nav_order equal to each other; the rest of the page is the page that
  a build without --front-matter writes (GOLDEN).

Usage: check-pdf.py SITE GOLDEN   (exit 1 with one line per problem)
"""
import html
import pathlib
import re
import subprocess
import sys

import yaml


def check_pdfs(site, problems):
    manifest = set((site / ".patchbook-output").read_text().splitlines())
    pages = sorted(site.glob("*/servers/*.html")) + sorted(site.glob("*/change-request.html"))
    for page in pages:
        pdf = page.with_suffix(".pdf")
        name = str(pdf.relative_to(site))
        if not pdf.exists():
            problems.append(f"{name}: not written")
            continue
        if name not in manifest:
            problems.append(f"{name}: not listed in .patchbook-output")
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                       text=True).stdout.split())
        if page.parent.name == "servers":
            server = page.stem
            steps = [" ".join(html.unescape(re.sub(r"<[^>]+>", "", t)).split())
                     for t in re.findall(r'<h3>(.*?) <a class="anchor"', page.read_text())]
            missing = [s for s in [f"{server}: update checklist"] + steps if s not in text]
            if missing or not steps:
                problems.append(f"{name}: pdftotext does not read {missing[:3] or 'any step'}")
    extra = sorted(str(p.relative_to(site)) for p in site.rglob("*.pdf")
                   if p.with_suffix(".html") not in pages)
    if extra:
        problems.append(f"PDFs of pages that are not printed: {extra}")
    print(f"check-pdf: {len(pages)} PDFs written, listed and read back")


def check_front_matter(site, golden, problems):
    pages = sorted(site.rglob("*.md"))
    for page in pages:
        name = page.relative_to(site)
        text = page.read_text()
        found = re.match(r"---\n(.*?)\n---\n\n", text, re.S)
        if not found:
            problems.append(f"{name}: no front matter")
            continue
        fields = yaml.safe_load(found.group(1))
        title = html.unescape(re.search(r"<title>(.*?)</title>", page.with_suffix(".html").read_text()).group(1))
        if fields.get("title") != title:
            problems.append(f"{name}: front matter title {fields.get('title')!r}, HTML title {title!r}")
        if not isinstance(fields.get("weight"), int) or fields.get("weight") != fields.get("nav_order"):
            problems.append(f"{name}: weight {fields.get('weight')!r}, nav_order {fields.get('nav_order')!r}")
        if text[found.end():] != (golden / name).read_text():
            problems.append(f"{name}: differs from the page without front matter")
    print(f"check-pdf: {len(pages)} Markdown pages' front matter read by PyYAML")


def main():
    site, golden = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    problems = []
    check_pdfs(site, problems)
    check_front_matter(site, golden, problems)
    sys.stdout.flush()
    for problem in problems:
        print(f"check-pdf: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
