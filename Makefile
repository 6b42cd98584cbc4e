# DanceLike: two commands for a fresh machine.
#   make run   sets everything up and opens the app (CAMERA=demo|0|video.mp4 to choose the camera)
#   make test  sets everything up and runs the test suite (make test-fast: the quick tests only)
# and, on the command line:
#   make score scores a dance without the app (the demo pair, or REFERENCE=... PERFORMANCE=...)
#   make install / make uninstall   DanceLike in (or out of) your applications menu, with its icon
# Everything lives in ./.venv; it is (re)installed only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# The compiled translations (the wheel's build makes its own: setup.py).
CATALOGUES := dancelike/locale/dancelike_zh_CN.qm

DEMO := out/demo
REFERENCE ?= $(DEMO)/choreography.mp4
PERFORMANCE ?= $(DEMO)/good.mp4
PYTEST_ARGS ?=
BENCH_ARGS ?=

CAMERA ?=

.PHONY: setup syscheck test test-fast run score bench install uninstall clean

setup: $(STAMP) $(CATALOGUES)

# Debian's python3 comes without the venv module: install it (sudo when not root) when missing.
$(VPY):
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "installing python3-venv (Debian's python3 lacks the venv module)"; \
	  if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv; }
	$(PYTHON) -m venv $(VENV)

# setuptools/wheel in the venv too, so tests can build a wheel offline (--no-build-isolation).
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install 'setuptools>=68' wheel -e '.[test]'
	touch $(STAMP)

$(CATALOGUES): $(wildcard dancelike/locale/*.ts) | $(STAMP)
	$(VPY) scripts/translations.py release

# Qt needs some Linux system libraries: installed with apt-get (sudo when not root) on
# Debian/Ubuntu when any is missing; elsewhere the exact command is named.
syscheck: setup
	$(VPY) -m dancelike.syscheck --install

# Lint, format-check and type-check first (ruff and mypy, configured in pyproject.toml): seconds, not a surprise in review.
test: setup syscheck
	$(VPY) -m ruff check dancelike tests scripts
	$(VPY) -m ruff format --check dancelike tests scripts
	$(VPY) -m mypy
	$(VPY) -m pytest $(PYTEST_ARGS)

# The quick ones only (no test marked slow): a minute, for the edit-test loop.
test-fast: setup syscheck
	$(VPY) -m ruff check dancelike tests scripts
	$(VPY) -m ruff format --check dancelike tests scripts
	$(VPY) -m mypy
	$(VPY) -m pytest -m "not slow" $(PYTEST_ARGS)

# The demo videos are made once (synthetic dancers, no download), then scored.
$(DEMO)/choreography.mp4: | $(STAMP)
	$(VENV)/bin/dancelike demo --out $(DEMO)

run: setup syscheck
	$(VENV)/bin/dancelike app $(if $(CAMERA),--camera "$(CAMERA)")

score: setup syscheck $(if $(filter $(DEMO)/%,$(REFERENCE) $(PERFORMANCE)),$(DEMO)/choreography.mp4)
	$(VENV)/bin/dancelike score "$(REFERENCE)" "$(PERFORMANCE)" --video out/replay.mp4 --json out/report.json
	@echo "replay: out/replay.mp4   report: out/report.json"

bench: setup syscheck
	$(VENV)/bin/dancelike bench analyze $(BENCH_ARGS)

# The applications menu, for this user only (XDG_DATA_HOME, default ~/.local/share): the desktop
# entry, starting this checkout's .venv/bin/dancelike (no venv to activate), and the icons.
# Caches are refreshed when their tools exist. Details: dancelike/desktop_entry.py.
install: setup
	$(VPY) -m dancelike.desktop_entry install --exec "$(VENV)/bin/dancelike"

# Exactly the files install wrote; works after make clean too (the system Python reads the module).
uninstall:
	$(if $(wildcard $(VPY)),$(VPY),PYTHONPATH="$(CURDIR)" $(PYTHON)) -m dancelike.desktop_entry uninstall

clean:
	rm -rf $(VENV) out
