"""The package's shape: no import cycles, no JavaScript or CSS inside Python strings, and a
README map of the code that names every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kuril_map"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """Package modules that `path` imports anywhere, inside functions too (a lazy import still
    ties two modules together)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in known}
    return found


def import_graph() -> dict[str, set[str]]:
    mods = modules()
    known = set(mods)
    # A package's own __init__ importing its submodules is how it re-exports: not a cycle.
    return {
        name: {m for m in imported(path, known) if not m.startswith(name + ".")}
        for name, path in mods.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


JS_OR_CSS = re.compile(
    r"\bfunction\s*\(|\bdocument\.\w|addEventListener|"
    r"[\w.#\]\[\"=-]+\s*\{[^}]*:[^}]*;"  # a CSS rule: selector { property: value; }
)


def code_strings(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, except docstrings and folium element templates
    (`Template(...)`), whose short Jinja snippets are folium's own convention."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Template":
            skip |= {id(n) for arg in node.args for n in ast.walk(arg)}
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def test_no_javascript_or_css_in_python_strings() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in code_strings(path)
        if JS_OR_CSS.search(text)
    ]
    assert offenders == [], "move these into .js/.css files"


def test_the_string_check_sees_css_and_js() -> None:
    assert JS_OR_CSS.search(".km-label { color: red; }")
    assert JS_OR_CSS.search('[data-testid="stMain"] { font-size: 1.3rem; }')
    assert JS_OR_CSS.search("var f = function (x) { return x; };")
    assert not JS_OR_CSS.search("Administered by {state}; claimed by {claimants}.")


def test_readme_names_every_module() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [
        str(path.relative_to(ROOT))
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name not in ("__init__.py", "__main__.py")
        and f"`{path.relative_to(ROOT).as_posix()}`" not in readme
        and f"`{path.name}`" not in readme
    ]
    assert missing == []
