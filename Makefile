# DanceLike: two commands for a fresh machine.
#   make run   sets everything up and runs the app's main job (analyse a video)
#   make test  sets everything up and runs the test suite
# Everything lives in ./.venv; it is (re)installed only when pyproject.toml changes.

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

GOLDEN_VIDEO := ../shared/golden/pose_squats.mp4
VIDEO ?= $(wildcard $(GOLDEN_VIDEO))
PYTEST_ARGS ?=
BENCH_ARGS ?=

.PHONY: setup syscheck test run check-video bench clean

setup: $(STAMP)

$(VPY):
	$(PYTHON) -m venv $(VENV)

# setuptools/wheel in the venv too, so tests can build a wheel offline (--no-build-isolation).
$(STAMP): pyproject.toml | $(VPY)
	$(VPY) -m pip install 'setuptools>=68' wheel -e '.[test]'
	touch $(STAMP)

# Qt needs some Linux system libraries; name the exact apt-get line when any is missing.
syscheck: setup
	$(VPY) -m dancelike.syscheck

test: setup syscheck
	$(VPY) -m pytest $(PYTEST_ARGS)

check-video:
	@if [ -z "$(VIDEO)" ] || [ ! -f "$(VIDEO)" ]; then \
		echo "usage: make run VIDEO=path/to/dance.mp4" >&2; exit 2; fi

run: check-video setup syscheck
	mkdir -p out
	$(VENV)/bin/dancelike analyze "$(VIDEO)" --overlay out/overlay.mp4 --json out/analysis.json

bench: setup syscheck
	$(VENV)/bin/dancelike bench analyze $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out
