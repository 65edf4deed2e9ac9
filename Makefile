# patchbook: the two commands of the README's quick start, and what they stand on.
#   make demo   builds patchbook, checks the shipped example farm and prints its update plan
#   make test   runs the test suite

SWIFT ?= swift
EXAMPLE ?= examples/contoso-intranet.yaml

.PHONY: demo test build deps golden

demo: build
	$(SWIFT) run -q patchbook validate $(EXAMPLE)
	$(SWIFT) run -q patchbook plan $(EXAMPLE)

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build

# Rewrites the golden plans from the shipped example farms. Run it after a deliberate change to
# the planner or the catalog, then read the diff before committing it.
EXAMPLES = contoso-intranet fabrikam-large-farm litware-standalone tailspin-wss-farm
GOLDEN = Tests/PatchbookKitTests/Fixtures/golden
golden: build
	@for farm in $(EXAMPLES); do \
	  mkdir -p $(GOLDEN)/$$farm && \
	  .build/debug/patchbook plan --json examples/$$farm.yaml > $(GOLDEN)/$$farm/plan.json || exit 1; \
	done

# cmark comes from Debian's libcmark-dev. Installs it when missing and we are root; otherwise
# says exactly what to run.
deps:
	@if ! pkg-config --exists libcmark 2>/dev/null; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing libcmark-dev and pkg-config (needed to build patchbook)"; \
	    apt-get update -qq && apt-get install -y -qq libcmark-dev pkg-config >/dev/null; \
	  else \
	    echo "patchbook needs cmark: run  sudo apt-get install -y libcmark-dev pkg-config" >&2; exit 1; \
	  fi; \
	fi
