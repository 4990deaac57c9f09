# Two commands: `make serve` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: serve test lint typecheck pytest bench chaos format clean chromium tmux

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check "uv>=0.5,<1"

$(STAMP): $(BIN)/uv pyproject.toml uv.lock
	UV_PROJECT_ENVIRONMENT=$(VENV) $(BIN)/uv sync --locked --inexact --quiet
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/taskmate serve --host $(HOST) --port $(PORT)

test: $(STAMP) lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP) chromium tmux
	$(BIN)/pytest

# The browser tests drive the system Chromium; install it where it is missing (CI runs as root).
chromium:
	@test -x /usr/bin/chromium || (apt-get update && apt-get install -y chromium)

# The terminal chat's tests drive it in tmux.
tmux:
	@command -v tmux >/dev/null || (apt-get update && apt-get install -y tmux)

# The engine and task API against their baselines, then one instance against two.
bench: $(STAMP)
	$(BIN)/python -m bench
	$(BIN)/python -m chaos scale

# The chaos suite's long form (5 minutes of faults; CI runs the short one through pytest),
# then the chat guarantees' state machine searching far longer than `make test` does.
chaos: $(STAMP)
	$(BIN)/python -m chaos
	TASKMATE_TEST_GUARANTEES_PROFILE=guarantees-long $(BIN)/pytest -p no:randomly -q \
		tests/chat/transports/test_guarantees.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
