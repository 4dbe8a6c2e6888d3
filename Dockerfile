# syntax=docker/dockerfile:1
#
# One image for every role: `exchangewatch serve` (default: API + workers, SQLite in /data),
# `exchangewatch api`, `exchangewatch worker`, `exchangewatch db upgrade`.
#
#   docker build -t exchangewatch:0.1.0 .
#   docker run -p 8000:8000 -v exchangewatch-data:/data -e EXCHANGEWATCH_ADMIN_TOKEN=... exchangewatch:0.1.0
#
# The app locates alembic/ and alembic.ini relative to its source tree, so the tree stays in /app and
# the package is installed in editable mode (the venv points back at /app instead of holding a copy).

ARG PYTHON_VERSION=3.12

# ---------------------------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS build

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Dependencies first, read straight from pyproject.toml, so that editing source code does not
# invalidate this (slow) layer. lxml and psycopg[binary] ship wheels: no compiler needed.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install --no-cache-dir -r /tmp/requirements.txt

# The whole tree (filtered by .dockerignore), then the project itself without re-resolving deps.
COPY . .
RUN pip install --no-cache-dir --no-deps -e . \
    && python -m compileall -q /app \
    && exchangewatch --help > /dev/null

# ---------------------------------------------------------------------------------------------------
FROM python:${PYTHON_VERSION}-slim AS runtime

# tini as PID 1: forwards SIGTERM to the app and reaps children, so `docker stop` and pod
# termination shut down gracefully instead of waiting for SIGKILL.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 exchangewatch \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin exchangewatch \
    && mkdir -p /data \
    && chown 10001:10001 /data

COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app

# Byte code was compiled at build time; never try to write it at run time (read-only root fs).
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    EXCHANGEWATCH_DATABASE_URL=sqlite+aiosqlite:////data/exchangewatch.db \
    EXCHANGEWATCH_HOST=0.0.0.0 \
    EXCHANGEWATCH_PORT=8000 \
    EXCHANGEWATCH_LOG_FORMAT=json

WORKDIR /app
VOLUME ["/data"]
EXPOSE 8000

# Numeric UID so Kubernetes can verify runAsNonRoot without resolving a user name.
USER 10001:10001

# slim has no curl: probe /livez (no dependencies) with the standard library. Every role serves it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('EXCHANGEWATCH_PORT', '8000') + '/livez', timeout=4)"]

ENTRYPOINT ["tini", "--", "exchangewatch"]
CMD ["serve"]
