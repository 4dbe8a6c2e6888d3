#!/usr/bin/env bash
# The test command: lint, type-check, then the whole suite on SQLite, then again on PostgreSQL every test
# that uses a database (marker `db`, set by tests/conftest.py from the test's fixtures; the other tests do
# the same thing on either backend, so running them twice proved nothing new).
# PostgreSQL: EXCHANGEWATCH_TEST_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/test). Without a
# server the PostgreSQL pass skips with a reason locally; with CI=true it fails.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python}
# Two pytest-xdist workers (CI has two cores); a file's tests stay on one worker, in order, so a module's
# shared server starts once. EXCHANGEWATCH_TEST_WORKERS=0 runs in one process.
WORKERS=(-n "${EXCHANGEWATCH_TEST_WORKERS:-2}" --dist loadfile)

run_pytest() {
  # pytest exits 5 when it collected no tests: that is a failure here, not a pass.
  "$PY" -m pytest "$@"
  local rc=$?
  if [ "$rc" -eq 5 ]; then echo "pytest collected no tests: failing" >&2; return 1; fi
  return "$rc"
}

"$PY" -m ruff check . || exit 1
"$PY" -m mypy || exit 1  # [tool.mypy] in pyproject.toml: service/ and scrapers/
echo "== suite on SQLite =="
EXCHANGEWATCH_TEST_DB=sqlite run_pytest -q -p no:cacheprovider "${WORKERS[@]}" "$@" || exit 1
echo "== suite on PostgreSQL: the tests that use a database (-m db) =="
EXCHANGEWATCH_TEST_DB=postgresql run_pytest -q -p no:cacheprovider "${WORKERS[@]}" -m db "$@" || exit 1
