# Two commands do all the set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
ALIASES := default catalogue coproduction medsync matar

.PHONY: install lock db demo run test lint check-erd erd clean-db bench bench-smoke wrk chromium fuzz

# The virtualenv is installed from the locks (every transitive version pinned): the runtime
# lock, then the development and test tools' lock (which agrees with it on every package).
$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt -r requirements-dev.txt
	touch $@

# Recompile the locks after editing requirements.in or requirements-dev.in (pip-tools):
# the dev lock resolves runtime and tools together, the runtime lock is constrained by it.
PIP_COMPILE := $(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links
lock: install
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in
	$(PIP_COMPILE) -c requirements-dev.txt -o requirements.txt requirements.in

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# Roles and databases (as the server's admin login), the cache tables (CACHES: the shared
# cache and the read cache, in default) first, since every catalogue write renews the read
# cache, then every alias migrated (as the maintenance role). Without DATABASE_URL this
# starts the embedded PostgreSQL in .data/.
db: install
	$(MANAGE) setup_db_roles
	$(MANAGE) createcachetable --database=default
	@for alias in $(ALIASES); do $(MANAGE) migrate --database=$$alias --verbosity=0 || exit 1; done
	@echo "Migrated: $(ALIASES)"

demo: db
	$(MANAGE) seed_demo

run: demo
	DJANGO_DB_ROLE=app $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

check-erd: install
	$(MANAGE) erd --check
	node scripts/validate_mermaid.mjs docs/erd/*.mmd

erd: install
	$(MANAGE) erd
	$(MANAGE) erd --images

test: demo lint check-erd chromium
	$(VENV)/bin/pytest

clean-db:
	rm -rf .data/postgres

# The admin's browser test drives Debian's Chromium through Playwright (never a downloaded browser).
chromium:
	@command -v chromium >/dev/null || (apt-get install -y chromium >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y chromium >/dev/null))

# Benchmarks (docs/benchmarks.md): wrk comes from Debian's packages.
wrk:
	@command -v wrk >/dev/null || (apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null))

bench: install wrk
	$(PY) -m bench.run

bench-smoke: install wrk
	$(PY) -m bench.run --smoke --output .data/benchmarks-smoke.md

# The full-size schemathesis run by hand (common/fuzz.py): every phase, FUZZ_MAX_EXAMPLES (100)
# examples per operation, five callers, on the demo data; reports in .data/fuzz/. The test suite
# runs a bounded one (common/tests/test_fuzz.py).
fuzz: demo
	$(PY) -m common.fuzz --max-examples $${FUZZ_MAX_EXAMPLES:-100}
