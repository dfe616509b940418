"""extractors/ is pure: no Scrapy, no I/O calls, no module-level mutable state."""

import ast
import importlib
import pkgutil
from pathlib import Path

import extractors

PACKAGE_DIR = Path(extractors.__file__).parent
FORBIDDEN_IMPORTS = {"scrapy", "twisted", "requests", "urllib3", "httpx", "sqlite3", "socket",
                     "subprocess", "crawler"}
FORBIDDEN_CALLS = {"open", "urlopen", "fetch_url"}
MUTABLE_TYPES = (list, dict, set, bytearray)


def _modules():
    for info in pkgutil.walk_packages([str(PACKAGE_DIR)], prefix="extractors."):
        yield importlib.import_module(info.name)


def test_no_forbidden_imports_or_io_calls():
    for path in PACKAGE_DIR.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = {(node.module or "").split(".")[0]}
            else:
                names = set()
            assert not names & FORBIDDEN_IMPORTS, f"{path.name} imports {names & FORBIDDEN_IMPORTS}"
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in FORBIDDEN_CALLS, f"{path.name} calls {node.func.id}()"


def test_no_module_level_mutable_state():
    for module in [extractors, *_modules()]:
        for name, value in vars(module).items():
            if name.startswith("__"):
                continue
            assert not isinstance(value, MUTABLE_TYPES), (
                f"{module.__name__}.{name} is a module-level {type(value).__name__}"
            )
