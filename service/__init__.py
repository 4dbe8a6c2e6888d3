import sys

# httpx imports its command-line client (rich, pygments: ~6 MB and ~0.1 s) whenever those are installed, as
# they are for Typer. Nothing here runs `httpx` as a command: a None entry makes that import fail, which
# httpx handles, and every process that imports this package starts lighter.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
