#!/usr/bin/env python3
"""The example site as its readers get it, checked with their tools rather than ours.

- Paper: each server checklist and change request printed by headless Chromium, read back with
  pdftotext. No page but the last holds fewer than MIN_WORDS words (a step split from its
  sign-off, a lone heading), every word of the page's HTML reaches the PDF, and every command
  retyped from the paper is the command: a printed line of it ends between two arguments, or
  the next line starts with the continuation mark MARK (the argument goes on there).
- Screen: what a copy of each code block gives is its text (the mark is not copied).
- Phone: every HTML page laid out by Chromium in a 400 px window is no wider than the window.
- Screen: on a checklist a ticked box is still ticked after a reload, and the page's clear
  button unticks it (assets/checklist.js, localStorage).
- Wikis: every Markdown page through a second CommonMark renderer (markdown-it-py) has the same
  task items and links as our HTML; and through Python-Markdown (MkDocs' renderer, not
  CommonMark: a list item's content is indented 4 spaces, and fences are read only outside
  lists) the same code blocks, each inside a list item exactly where our HTML has it there.

Usage: check-print.py SITE   (exit 1 with one line per problem)
"""
import html
import html.parser
import pathlib
import re
import subprocess
import sys
import tempfile

import markdown
from markdown_it import MarkdownIt

MIN_WORDS = 40
MARK = "\u21aa"
WINDOW = 400
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]


def main_text(page):
    """The words of a page's <main>, as a reader sees them: no tags, no heading links, no script.
    The spans of a code block's lines and arguments are inside words: they go without a space."""
    main = page[page.index("<main>"):page.index("</main>")]
    main = re.sub(r'<a class="anchor"[^>]*>#</a>', "", main)
    main = re.sub(r"</?span[^>]*>", "", main)
    return html.unescape(re.sub(r"<[^>]+>", " ", main)).split()


def commands(page):
    """Every line of every code block of a page, as its text."""
    blocks = re.findall(r"<pre>(.*?)</pre>", page, re.S)
    text = (html.unescape(re.sub(r"<[^>]+>", "", block)) for block in blocks)
    return [line for block in text for line in block.split("\n") if line.strip()]


def argument_ends(command):
    """Where the arguments of a command line end, as the program receives them: cmd.exe takes the
    character after a `^` outside its double quotes as it is; the C runtime splits the rest at
    spaces outside its quotes (a `"` after an odd number of backslashes, or `""` inside quotes,
    is a literal)."""
    ends, cmd_quoted, quoted, backslashes, inside, index = set(), False, False, 0, False, 0
    while index < len(command):
        character = command[index]
        if character == "^" and not cmd_quoted and index + 1 < len(command):
            inside, index = True, index + 1
            character = command[index]
        elif character == '"':
            cmd_quoted = not cmd_quoted
        if character in " \t" and not quoted:
            if inside:
                ends.add(index)
            inside = False
        else:
            inside = True
            if character == '"' and backslashes % 2 == 0:
                if quoted and command[index + 1:index + 2] == '"':
                    index += 1
                    cmd_quoted = not cmd_quoted
                else:
                    quoted = not quoted
        backslashes = backslashes + 1 if character == "\\" else 0
        index += 1
    ends.add(len(command))
    return ends


def retyped(command, lines, start):
    """The command as someone retypes it from printed lines (pdftotext -layout) from `start`: a
    line starting with MARK goes on in the same argument, any other is the next argument. None
    when the first line is not the start of this command; otherwise what was read, and the
    problem if a line ends inside an argument without the mark on the next."""
    first = lines[start].strip()
    if "  " not in command:
        first = " ".join(first.split())
    if not first or not command.startswith(first) or min(argument_ends(command)) > len(first):
        return None
    read, ends, index = first, argument_ends(command), start + 1
    while read != command:
        while index < len(lines) and not lines[index].strip():
            index += 1
        following = lines[index].strip() if index < len(lines) else ""
        # -layout keeps the gaps a justified line has; a command without two spaces in a row
        # reads its printed words one space apart.
        if "  " not in command:
            following = " ".join(following.split())
        if following.startswith(MARK):
            read += following[len(MARK):].lstrip()
        elif len(read) in ends and following:
            read += command[len(read):len(command) - len(command[len(read):].lstrip(" \t"))] + following
        else:
            return read, f"the line {read[-30:]!r} ends inside an argument, and the next, {following[:30]!r}, has no {MARK}"
        if not command.startswith(read):
            return read, f"retyped as {read!r}"
        index += 1
    return read, None


def check_commands(name, commands_of_page, printed, problems):
    """Finds each command line of the page, in order, in the printed lines and retypes it."""
    lines = printed.replace("\f", "\n").split("\n")
    cursor = 0
    for command in commands_of_page:
        for start in range(cursor, len(lines)):
            found = retyped(command, lines, start)
            if found is not None:
                break
        else:
            problems.append(f"{name}: the command {command!r} is not on paper")
            continue
        read, problem = found
        if problem:
            problems.append(f"{name}: {command!r} printed so that {problem}")
        cursor = start + 1


def check_paper(site, problems):
    pages = sorted(site.glob("*/servers/*.html")) + sorted(site.glob("*/change-request.html"))
    sheets = commands_printed = 0
    with tempfile.TemporaryDirectory() as scratch:
        for number, page in enumerate(pages):
            pdf = pathlib.Path(scratch, f"{number}.pdf")
            subprocess.run(CHROMIUM + [f"--print-to-pdf={pdf}", page.as_uri()], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
            text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                                  text=True).stdout
            printed = text.split("\f")[:-1]
            sheets += len(printed)
            name = page.relative_to(site)
            for index, words in enumerate(len(p.split()) for p in printed[:-1]):
                if words < MIN_WORDS:
                    problems.append(f"{name}: printed page {index + 1} of {len(printed)} holds "
                                    f"{words} words (fewer than {MIN_WORDS})")
            # pdftotext joins a word broken at a hyphen without the hyphen: compare without them,
            # and without the continuation marks of commands broken inside an argument.
            flat = "".join(text.split()).replace("-", "").replace(MARK, "")
            # A word wrapped at a hyphen inside a table cell comes out of pdftotext as two words
            # apart (it reads the next cells in between): "office-kb975731-" ... "x64.exe".
            tokens = set(text.split())
            lost = [w for w in main_text(page.read_text())
                    if w.replace("-", "") not in flat and not wrapped_in_cell(w, tokens)]
            if lost:
                problems.append(f"{name}: {len(lost)} words of the HTML are not in the PDF, "
                                f"first {lost[:5]}")
            # -layout keeps each printed line as it is, hyphen and mark included.
            laid_out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                      capture_output=True, text=True).stdout
            page_commands = commands(page.read_text())
            commands_printed += len(page_commands)
            check_commands(name, page_commands, laid_out, problems)
    print(f"check-print: {len(pages)} documents printed on {sheets} pages, "
          f"{commands_printed} command lines retyped from them")


def wrapped_in_cell(word, tokens):
    """Whether the PDF holds `word` as two pieces split after one of its hyphens."""
    return any(word[:i + 1] in tokens and word[i + 1:] in tokens
               for i, c in enumerate(word[:-1]) if c == "-")


HARNESS = """<!DOCTYPE html><html><body><div id="out">running</div><script>
var pages = location.hash.slice(1).split(','), results = [];
function next(i) {
  if (i >= pages.length) { document.getElementById('out').textContent = 'WIDTHS ' + results.join(' '); return; }
  var frame = document.createElement('iframe');
  frame.style.width = '%dpx'; frame.style.height = '600px'; frame.style.border = '0';
  frame.onload = function () {
    var d = frame.contentDocument;
    results.push(pages[i] + '=' + (d ? d.documentElement.scrollWidth : 'unreadable'));
    document.body.removeChild(frame);
    next(i + 1);
  };
  frame.src = pages[i];
  document.body.appendChild(frame);
}
next(0);
</script></body></html>""" % WINDOW


def check_phone(site, problems):
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))
    harness = site / ".check-print-harness.html"
    harness.write_text(HARNESS)
    try:
        dom = subprocess.run(CHROMIUM + ["--allow-file-access-from-files", "--virtual-time-budget=60000",
                                         "--dump-dom", harness.as_uri() + "#" + ",".join(pages)],
                             check=True, capture_output=True, text=True, timeout=300).stdout
    finally:
        harness.unlink()
    found = re.search(r"WIDTHS ([^<]*)", dom)
    widths = dict(item.rsplit("=", 1) for item in found.group(1).split()) if found else {}
    for page in pages:
        width = widths.get(page)
        if width is None or not width.isdigit():
            problems.append(f"{page}: not laid out in a {WINDOW} px window ({width})")
        elif int(width) > WINDOW:
            problems.append(f"{page}: {width} px wide in a {WINDOW} px window")
    print(f"check-print: {len(pages)} pages laid out {WINDOW} px wide")


TICK_HARNESS = """<!DOCTYPE html><html><body><div id="out">running</div><script>
var frame = document.createElement('iframe'), stage = 0, kept = null;
frame.onload = function () {
  var d = frame.contentDocument, boxes = d.querySelectorAll('li.task input'), box = boxes[3];
  if (stage === 0) {
    box.checked = true; box.onchange.call(box);
    stage = 1; frame.contentWindow.location.reload();
  } else if (stage === 1) {
    kept = box.checked;
    frame.contentWindow.confirm = function () { return true; };
    d.querySelector('button.clear-ticks').onclick();
    stage = 2; frame.contentWindow.location.reload();
  } else {
    document.getElementById('out').textContent = 'TICKS kept=' + kept + ' cleared=' + !box.checked;
  }
};
frame.src = location.hash.slice(1);
document.body.appendChild(frame);
</script></body></html>"""


def check_ticks(site, problems):
    page = sorted(site.glob("*/servers/*.html"))[0]
    harness = site / ".check-print-ticks.html"
    harness.write_text(TICK_HARNESS)
    try:
        dom = subprocess.run(CHROMIUM + ["--allow-file-access-from-files", "--virtual-time-budget=20000",
                                         "--dump-dom", harness.as_uri() + "#" + str(page.relative_to(site))],
                             check=True, capture_output=True, text=True, timeout=120).stdout
    finally:
        harness.unlink()
    found = re.search(r"TICKS kept=(\w+) cleared=(\w+)", dom)
    if not found or found.groups() != ("true", "true"):
        problems.append(f"{page.relative_to(site)}: a tick is not kept over a reload, or not cleared "
                        f"({found.group(0) if found else 'the page did not run'})")
    else:
        print(f"check-print: a tick on {page.relative_to(site)} survives a reload and is cleared")


COPY_HARNESS = """<!DOCTYPE html><html><body><div id="out">running</div><script>
var pages = location.hash.slice(1).split(','), results = [];
function next(i) {
  if (i >= pages.length) { document.getElementById('out').textContent = 'COPIES ' + results.join(' '); return; }
  var frame = document.createElement('iframe');
  frame.style.width = '%dpx'; frame.style.height = '600px';
  frame.onload = function () {
    var d = frame.contentDocument, w = frame.contentWindow, blocks = d.querySelectorAll('pre'), wrong = 0;
    for (var b = 0; b < blocks.length; b++) {
      var range = d.createRange(), selection = w.getSelection();
      range.selectNodeContents(blocks[b]);
      selection.removeAllRanges(); selection.addRange(range);
      if (selection.toString() !== blocks[b].textContent.replace(/\\n$/, '')) wrong++;
    }
    results.push(pages[i] + '=' + blocks.length + '/' + wrong);
    document.body.removeChild(frame);
    next(i + 1);
  };
  frame.src = pages[i];
  document.body.appendChild(frame);
}
next(0);
</script></body></html>""" % WINDOW


def check_copy(site, problems):
    """Selects each code block on screen, in a phone's window where commands wrap, as someone
    about to copy it does: the selection is the block's text, without the continuation marks."""
    pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "<pre>" in p.read_text())
    harness = site / ".check-print-copy.html"
    harness.write_text(COPY_HARNESS)
    try:
        dom = subprocess.run(CHROMIUM + ["--allow-file-access-from-files", "--virtual-time-budget=60000",
                                         "--dump-dom", harness.as_uri() + "#" + ",".join(pages)],
                             check=True, capture_output=True, text=True, timeout=300).stdout
    finally:
        harness.unlink()
    found = re.search(r"COPIES ([^<]*)", dom)
    counts = dict(item.rsplit("=", 1) for item in found.group(1).split()) if found else {}
    blocks = 0
    for page in pages:
        total, _, wrong = counts.get(page, "?/?").partition("/")
        if not wrong.isdigit():
            problems.append(f"{page}: its code blocks were not selected")
        elif int(wrong):
            problems.append(f"{page}: {wrong} of {total} code blocks copy other text than they hold")
        else:
            blocks += int(total)
    print(f"check-print: {blocks} code blocks of {len(pages)} pages copy as their text")


def tasks_and_links(rendered, ours):
    """Task items (by their text) and link targets of one page's HTML."""
    marker = r'<input type="checkbox"[^>]*> ' if ours else r"\[[ xX]\] "
    tasks = [re.sub(r"<[^>]+>", "", t).strip()
             for t in re.findall(r"<li[^>]*>\s*(?:<p>)?" + marker + r"(.*?)(?:</p>\s*)?</li>", rendered, re.S)]
    links = re.findall(r'<a href="([^"]+)"', rendered)
    if not ours:
        links = [re.sub(r"^([^:#]*)\.md(#|$)", r"\1.html\2", link) for link in links]
    return tasks, links


def check_wiki(site, problems):
    renderer = MarkdownIt("commonmark").enable("table")
    pages = sorted(site.rglob("*.md"))
    for page in pages:
        ours = page.with_suffix(".html").read_text()
        ours = ours[ours.index("<main>"):ours.index("</main>")]
        theirs = renderer.render(page.read_text())
        if tasks_and_links(theirs, False) != tasks_and_links(ours, True):
            problems.append(f"{page.relative_to(site)}: markdown-it-py reads other task items or links "
                            "than our HTML shows")
    print(f"check-print: {len(pages)} Markdown pages agree with markdown-it-py")


class CodeBlocks(html.parser.HTMLParser):
    """Each <pre> of a page, in order: whether it sits in a list item, and its text."""

    def __init__(self, rendered):
        super().__init__()
        self.depth, self.text, self.blocks = 0, None, []
        self.feed(rendered)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.depth += 1
        elif tag == "pre":
            self.text = []

    def handle_endtag(self, tag):
        if tag == "li":
            self.depth -= 1
        elif tag == "pre" and self.text is not None:
            self.blocks.append((self.depth > 0, "".join(self.text).rstrip("\n")))
            self.text = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def check_mkdocs(site, problems):
    # MkDocs' default extensions that bear on code blocks and tables; task items stay plain text.
    pages = sorted(site.rglob("*.md"))
    blocks = 0
    for page in pages:
        ours = page.with_suffix(".html").read_text()
        ours = CodeBlocks(ours[ours.index("<main>"):ours.index("</main>")]).blocks
        theirs = CodeBlocks(markdown.markdown(page.read_text(), extensions=["fenced_code", "tables"])).blocks
        blocks += len(ours)
        if ours != theirs:
            moved = [text for (inside, text) in ours if (inside, text) not in theirs] or ["(none)"]
            problems.append(f"{page.relative_to(site)}: Python-Markdown reads {len(theirs)} code blocks "
                            f"({sum(inside for inside, _ in theirs)} in list items) where our HTML has "
                            f"{len(ours)} ({sum(inside for inside, _ in ours)}); the first it lacks: {moved[0]}")
    print(f"check-print: {len(pages)} Markdown pages and their {blocks} code blocks read by Python-Markdown")


def main():
    site = pathlib.Path(sys.argv[1]).resolve()
    problems = []
    # A profile of its own: no ticks or cache from an earlier run, nothing left in the user's.
    profile = tempfile.TemporaryDirectory()
    CHROMIUM.append(f"--user-data-dir={profile.name}")
    check_paper(site, problems)
    check_phone(site, problems)
    check_ticks(site, problems)
    check_copy(site, problems)
    check_wiki(site, problems)
    check_mkdocs(site, problems)
    sys.stdout.flush()
    for problem in problems:
        print(f"check-print: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
