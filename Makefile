# The two commands: `make run` (the bot on SQLite + web chat) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint browser caddy screenshots report-templates report-preview

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/antt-bot run

# docs/console/*.png, the console's main screens over the demo (not part of the test run).
screenshots: $(STAMP) browser
	$(BIN)/python -m tests.e2e.console_screens docs/console

# bot/report_templates/*.docx, the packaged report templates, from make.py (commit both).
report-templates: $(STAMP)
	$(BIN)/python -m bot.report_templates.make

# docs/reports/*.png, page 1 of the sample report as LibreOffice prints it (not part of the
# test run; needs soffice and pdftoppm: apt-get install libreoffice-writer-nogui poppler-utils).
report-preview: $(STAMP)
	$(BIN)/python -m tests.e2e.report_pdf docs/reports

# Debian's Chromium for the browser test (Playwright drives it; it downloads no browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: sudo apt-get install chromium"; exit 1; fi; }

# Debian's Caddy for the HTTPS test (tests/e2e/test_https_caddy.py); the test runs its own
# instance on a high port. The package's own service is stopped and disabled: nothing listens
# on 80/443 because of the tests.
caddy:
	@command -v caddy >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq caddy >/dev/null; \
	    (systemctl disable --now caddy >/dev/null 2>&1 || true); \
	  else echo "caddy missing (the HTTPS test is skipped): sudo apt-get install caddy"; fi; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) browser caddy lint
	ANTT_REQUIRE_BROWSER=1 $(BIN)/pytest -q
