"""The package's shape: no import cycle, and each layer imports only layers below it.

Read statically from the source (every `import` and `from ... import`, also those inside
functions), so a lazy import cannot hide a cycle.
"""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "engine"

# Lowest first: a module may import its own layer's modules and those of lower layers only.
LAYERS = [
    ["errors", "resources", "budget", "text", "inputs", "input_files", "input_limits"],
    ["rulepack", "calibration"],
    ["patterns"],
    ["actors", "attributions", "profiles"],
    ["assembly", "output", "results", "tables", "parallel", "view"],
    ["pipeline", "evaluation"],
    ["authoring", "dask", "roster", "playground"],
    ["cli", "__main__"],
]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(p for p in parts if p != "__init__")


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.startswith("quotetrace."):
                found.add(name[len("quotetrace."):])
    return found


def graph() -> dict[str, set[str]]:
    """module -> the package's modules it imports (`from quotetrace.x import y` names x.y
    when that is a module, else x)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py") if "_bundled" not in p.parts}
    edges = {}
    for name, path in modules.items():
        targets = set()
        for imported in imports_of(path):
            target = imported if imported in modules else imported.rsplit(".", 1)[0]
            if target in modules and target != name:
                targets.add(target)
        edges[name] = targets
    return edges


def layer_of(module: str) -> int:
    top = module.split(".")[0] or module
    for number, layer in enumerate(LAYERS):
        if top in layer:
            return number
    raise AssertionError(f"module {module} is in no layer of tests/test_architecture.py; add its package there")


def test_the_import_graph_has_no_cycle():
    edges = graph()
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(target):] + [target]))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_each_layer_imports_only_layers_below_it():
    upward = []
    for name, targets in graph().items():
        if not name:
            continue  # the front door (quotetrace/__init__) re-exports from every layer, lazily
        for target in targets:
            if target and layer_of(target) > layer_of(name):
                upward.append(f"{name} imports {target}")
    assert upward == []
