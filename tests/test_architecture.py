"""The import contract: imports run one way (entry points → flows → core, store, scrapers, delivery → models).

Walks the ast of every module under service/ and scrapers/, imports inside functions and under
TYPE_CHECKING included (a type-only import is still a dependency), and fails on any import the table
below does not allow. A module of no listed package fails too, so a new package has to take a place.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENTRY_POINTS = ("service.api", "service.worker", "service.cli", "service.bootstrap", "service.migrate")
# What a flow may use: everything below it.
BELOW_FLOWS = (
    "service.core",
    "service.store",
    "scrapers",
    "service.delivery",
    "service.render",
    "service.models",
    "service.settings",
    "service.db",
    "service.metrics",
    "service.logs",
)
# Each package, and the other packages it may import. Longest prefix wins.
ALLOWED: dict[str, tuple[str, ...]] = {
    "service": (),  # the empty root package
    "scrapers": (),  # bytes in, dataclasses out: nothing from service/
    "service.models": (),
    "service.data": (),  # package data (the default feed list)
    "service.core": (),  # pure: see also CORE_FORBIDDEN
    "service.settings": (),
    "service.metrics": (),
    "service.logs": (),
    "service.db": ("service.settings", "service.store"),  # the engine installs the store's text boundary
    "service.render": ("service.core", "service.models"),
    "service.store": ("service.core", "service.models"),  # SQL only: rows in, rows out
    "service.delivery": ("service.models", "service.render", "service.settings", "scrapers"),
    "service.flows": (*BELOW_FLOWS, "service.opml"),  # flows/feeds imports OPML documents (a parser, no I/O)
    "service.opml": BELOW_FLOWS,
    "service.eval": (*BELOW_FLOWS, "service.flows"),
    **{entry: (*BELOW_FLOWS, "service.flows", "service.eval", "service.opml", *ENTRY_POINTS) for entry in ENTRY_POINTS},
}
# The pure core does no I/O: no database, network, web framework, scheduler, settings or metrics.
CORE_FORBIDDEN = (
    "aiosqlite",
    "apscheduler",
    "fastapi",
    "feedparser",
    "http.client",
    "httpx",
    "prometheus_client",
    "psycopg",
    "pydantic_settings",
    "socket",
    "sqlalchemy",
    "sqlmodel",
    "starlette",
    "subprocess",
    "trafilatura",
    "urllib.request",
)


@dataclass(frozen=True)
class Violation:
    module: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.imported}"


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str, packages: dict[str, tuple[str, ...]]) -> str | None:
    # The root package holds only listed packages: service.anything_new has no place until it is given one.
    matches = [p for p in packages if module == p or (p != "service" and module.startswith(p + "."))]
    return max(matches, key=len, default=None)


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> list[tuple[str, int]]:
    """Every module this one imports (absolute names; `from pkg import mod` counts as pkg.mod)."""
    found: list[tuple[str, int]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                found.append((sub if sub in known else base, node.lineno))
    return found


def check(root: Path) -> list[Violation]:
    """All imports under root/service and root/scrapers that break the contract."""
    files = sorted(p for top in ("service", "scrapers") for p in (root / top).rglob("*.py"))
    known = {_module_name(root, p) for p in files}
    violations: list[Violation] = []
    for path in files:
        module = _module_name(root, path)
        own = _package_of(module, ALLOWED)
        if own is None:
            violations.append(Violation(module, "<no place in the contract>", 0))
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen: set[str] = set()
        for imported, line in _imports(tree, module, path.name == "__init__.py", known):
            if imported not in seen and _forbidden(own, imported):
                violations.append(Violation(module, imported, line))
            seen.add(imported)
    return violations


def _forbidden(own: str, imported: str) -> bool:
    if own == "service.core" and any(imported == m or imported.startswith(m + ".") for m in CORE_FORBIDDEN):
        return True
    if imported == "service" or not imported.startswith(("service.", "scrapers")):
        return False  # the standard library and third-party packages (core aside)
    target = _package_of(imported, ALLOWED)
    return target is None or (target != own and target not in ALLOWED[own])


# Wrong-way imports still being taken out (issue 12); the list may only shrink, and must when one goes.
KNOWN_DEBT: set[tuple[str, str]] = set()


def test_imports_run_one_way() -> None:
    violations = [v for v in check(ROOT) if (v.module, v.imported) not in KNOWN_DEBT]
    assert not violations, "imports against the architecture:\n" + "\n".join(map(str, violations))


def test_known_debt_is_still_owed() -> None:
    left = {(v.module, v.imported) for v in check(ROOT)}
    assert left >= KNOWN_DEBT, f"paid off, remove from KNOWN_DEBT: {sorted(KNOWN_DEBT - left)}"


def _tree(root: Path, files: dict[str, str]) -> Path:
    for name, source in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        for parent in path.relative_to(root).parents:
            init = root / parent / "__init__.py"
            if parent != Path(".") and not init.exists():
                init.write_text("")
        path.write_text(source)
    return root


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("service/core/bad.py", "from service.store import feeds\n", "service.store.feeds"),
        ("service/core/bad.py", "def f():\n    import service.flows.poll\n", "service.flows.poll"),
        ("service/core/bad.py", "import httpx\n", "httpx"),
        ("service/core/bad.py", "from sqlalchemy import select\n", "sqlalchemy"),
        ("service/store/bad.py", "from service.delivery import payload\n", "service.delivery.payload"),
        ("service/store/bad.py", "if TYPE_CHECKING:\n    import scrapers.feeds\n", "scrapers.feeds"),
        ("service/flows/bad.py", "from service.worker.context import WorkerContext\n", "service.worker.context"),
        ("service/flows/bad.py", "from ..api import deps\n", "service.api.deps"),
        ("scrapers/bad.py", "from service.models import Feed\n", "service.models"),
        ("service/newthing.py", "x = 1\n", "<no place in the contract>"),
    ],
)
def test_a_wrong_way_import_fails(tmp_path: Path, name: str, source: str, expected: str) -> None:
    base = {
        "service/store/feeds.py": "",
        "service/flows/poll.py": "",
        "service/delivery/payload.py": "",
        "service/worker/context.py": "",
        "service/api/deps.py": "",
        "service/models/__init__.py": "Feed = None\n",
        "scrapers/feeds.py": "",
    }
    violations = check(_tree(tmp_path, {**base, name: source}))
    assert [v.imported for v in violations] == [expected]


def test_the_right_way_passes(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "service/api/routes.py": "from service.flows import poll\nfrom service.store import feeds\n",
            "service/flows/poll.py": "import httpx\nfrom service.core import rules\nfrom scrapers import feeds\n",
            "service/store/feeds.py": "from sqlalchemy import select\nfrom service.core.rules import Rule\n",
            "service/core/rules.py": "from . import domain\nRule = 1\n",
            "service/core/domain.py": "import re\n",
            "scrapers/feeds.py": "import httpx\n",
        },
    )
    assert check(root) == []
