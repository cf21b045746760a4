"""The compiled start-up cache: rule packs, catalogs and installed plugins are compiled once per
content, give the same result as a cold start, and survive a corrupt entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.terraform.test_parse_cache import CORRUPTIONS

from gdcc_audit import entrypoints
from gdcc_audit.diskcache import CACHE_ENV, DiskCache, _decode
from gdcc_audit.evaluate import rulepack
from gdcc_audit.evaluate.checks.registry import PYTHON_CHECKS
from gdcc_audit.frameworks import registry
from gdcc_audit.resources import rules_dir

ROOT = Path(__file__).resolve().parent.parent
GRAPH = ROOT / "tests" / "fixtures" / "graph" / "terraform" / "exposed"
PACKS = sorted((rules_dir() / "packs").glob("**/*.yaml"))


def _entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _scan(cache: Path, *args: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "gdcc_audit", "scan", str(GRAPH), "--format", "json",
         "--full-findings", "--fail-on", "none", "--now", "2026-11-23", *args],
        env={**os.environ, CACHE_ENV: str(cache)},
        capture_output=True, text=True, check=True,
    ).stdout
    result: dict[str, object] = json.loads(out)
    result.pop("scanned_at")
    return result


def test_a_warm_start_gives_the_same_result_as_a_cold_one(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = _scan(cache, "--no-cache")  # --no-cache: inputs parsed; start-up still compiled
    written = {p: p.read_bytes() for p in _entries(cache)}
    assert len(written) >= len(PACKS) + 1  # every pack, the catalogs, the installed plugins
    warm = _scan(cache, "--no-cache")
    assert warm == cold
    assert {p: p.read_bytes() for p in _entries(cache)} == written  # read back, not rebuilt
    assert any(f["rule_id"] == "GDCC-GRAPH-001" for f in cold["findings"])  # type: ignore[attr-defined,index]


def test_rule_packs_compile_once_and_equal_a_fresh_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    reads: list[Path] = []
    original = rulepack._read_pack

    def counting(path: Path) -> tuple[object, ...]:
        reads.append(path)
        return original(path)

    monkeypatch.setattr(rulepack, "_read_pack", counting)
    first = [r.meta for p in PACKS for r in rulepack.load_rule_pack(p, PYTHON_CHECKS)]
    assert reads == PACKS
    second = [r.meta for p in PACKS for r in rulepack.load_rule_pack(p, PYTHON_CHECKS)]
    assert reads == PACKS  # every pack came from the cache
    assert second == first
    assert [m.model_dump() for m in second] == [m.model_dump() for m in first]


@pytest.mark.parametrize("damage", CORRUPTIONS)  # truncated, flipped byte, garbage, empty
def test_a_corrupt_entry_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    paths = tuple(registry.builtin_framework_paths())
    fresh = registry._cached.__wrapped__(paths)  # type: ignore[attr-defined]
    pack = PACKS[0]
    rules = [r.meta for r in rulepack.load_rule_pack(pack, PYTHON_CHECKS)]
    entries = _entries(tmp_path)
    good = {p: p.read_bytes() for p in entries}
    for path in entries:
        path.write_bytes(damage(good[path]))  # type: ignore[operator]
    again = registry._cached.__wrapped__(paths)  # type: ignore[attr-defined]
    assert again == fresh
    assert sorted(again.catalogs) == sorted(fresh.catalogs)
    assert [r.meta for r in rulepack.load_rule_pack(pack, PYTHON_CHECKS)] == rules
    for path in entries:  # rewritten whole
        assert _decode(path.read_bytes(), object) is not None, path


def test_a_changed_pack_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    pack = tmp_path / "pack.yaml"
    text = (
        "pack: p\nrules:\n  - id: P-1\n    title: {en: One, th: หนึ่ง}\n"
        "    rationale: {en: Why, th: ทำไม}\n    remediation: {en: Fix, th: แก้}\n"
        "    severity: low\n    kinds: [database.instance]\n"
        "    controls: [NIST-800-53-r5:CP-9]\n"
        "    check: {facet: backup_enabled, equals: true}\n"
    )
    pack.write_text(text)
    assert [r.meta.severity.value for r in rulepack.load_rule_pack(pack)] == ["low"]
    pack.write_text(text.replace("severity: low", "severity: high"))
    assert [r.meta.severity.value for r in rulepack.load_rule_pack(pack)] == ["high"]


def test_a_plugin_installed_after_a_run_is_found(tmp_path: Path) -> None:
    # The cached answer "no gdcc_audit plugins installed" must not outlive an installation
    # into a folder that was already on the import path.
    site = tmp_path / "site"
    site.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), CACHE_ENV: str(tmp_path / "cache")}
    listing = [sys.executable, "-m", "gdcc_audit", "rules", "list"]
    before = subprocess.run(listing, env=env, capture_output=True, text=True, check=True)
    assert "ACME-TAG-001" not in before.stdout
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(site), str(ROOT / "examples" / "plugin-pack")],
        check=True,
    )
    after = subprocess.run(listing, env=env, capture_output=True, text=True, check=True)
    assert "ACME-TAG-001" in after.stdout


def test_entry_point_answer_is_cached_under_the_import_path_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    entrypoints.declared.cache_clear()
    scans: list[int] = []
    original = entrypoints._scan
    def counting() -> dict[str, tuple[tuple[str, str], ...]]:
        scans.append(1)
        return original()

    monkeypatch.setattr(entrypoints, "_scan", counting)
    first = entrypoints.declared()
    entrypoints.declared.cache_clear()
    assert entrypoints.declared() == first
    assert scans == [1]
    fake = tmp_path / "extra"
    (fake / "acme_fake-1.0.dist-info").mkdir(parents=True)
    (fake / "acme_fake-1.0.dist-info" / "METADATA").write_text("Name: acme-fake\nVersion: 1.0\n")
    (fake / "acme_fake-1.0.dist-info" / "entry_points.txt").write_text(
        "[gdcc_audit]\nacme = acme_fake_module\n"
    )
    monkeypatch.syspath_prepend(str(fake))
    entrypoints.declared.cache_clear()
    assert ("acme", "acme_fake_module") in entrypoints.declared()["gdcc_audit"]
    assert scans == [1, 1]
    assert entrypoints.has_plugins("gdcc_audit")
    entrypoints.declared.cache_clear()


def test_disk_cache_without_a_folder_keeps_nothing() -> None:
    cache = DiskCache(None)
    cache.put("k", 1)
    assert cache.get("k", int) is None
    assert not cache.enabled


def _run(code: str, cache: Path, **env: str) -> str:
    import os
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GDCC_AUDIT_CACHE_DIR": str(cache), **env},
    ).stdout.strip()


_VALIDATE_A_MODEL = (
    "import sys; from gdcc_audit.models.common import Text; Text(th='ก', en='a'); "
    "print('importlib.metadata' in sys.modules, "
    "type(sys.modules['pydantic.plugin._loader']).__name__)"
)


def test_without_pydantic_plugins_models_are_built_without_importlib_metadata(
    tmp_path: Path,
) -> None:
    # the first run scans the entry points (and so imports importlib.metadata) to learn
    # there is no pydantic plugin; later runs know it from the start-up cache
    _run(_VALIDATE_A_MODEL, tmp_path)
    assert _run(_VALIDATE_A_MODEL, tmp_path) == "False _NoPydanticPlugins"
    # PYDANTIC_DISABLE_PLUGINS leaves everything to pydantic
    out = _run(_VALIDATE_A_MODEL, tmp_path, PYDANTIC_DISABLE_PLUGINS="1")
    assert out == "True module"


def test_the_stand_in_for_pydantics_plugin_loader_gives_way_to_the_real_one(
    tmp_path: Path,
) -> None:
    code = (
        "import sys; import gdcc_audit.models; "
        "from pydantic.plugin._loader import get_plugins; print(list(get_plugins())); "
        "from pydantic.plugin import _loader; print(_loader.PYDANTIC_ENTRY_POINT_GROUP); "
        "real = sys.modules['pydantic.plugin._loader']; "
        "print(type(real).__name__, real._plugins, list(real.get_plugins()))"
    )
    _run(code, tmp_path)
    assert _run(code, tmp_path).splitlines() == ["[]", "pydantic", "module {} []"]




#: Run in a fresh interpreter: a process with other threads (as the test session may have)
#: forks no child, by design.
_BESIDE = """
import os, sys
from gdcc_audit.diskcache import compiled_key, startup_cache
from gdcc_audit.frameworks import registry
from gdcc_audit.load.parallel import reap

paths = tuple(p.resolve() for p in registry.builtin_framework_paths())
key = compiled_key("frameworks", registry._files(paths), registry._CODE)
writable = sys.argv[1] == "writable"
assert not startup_cache().has(key)
pid = registry.compile_beside()
assert pid is not None
assert pid != os.getpid()
reap(pid)
assert startup_cache().has(key) is writable  # written by the child
assert registry._cached.cache_info().currsize == 0  # nothing built in this process
built = []
original = registry.build
registry.build = lambda p: built.append(p) or original(p)
loaded = registry.load_frameworks()
assert built == ([] if writable else [paths]), built  # the child's entry, else built here
assert loaded == original(paths)
assert registry.compile_beside() is None  # loaded in this process: nothing to start
registry._cached.cache_clear()
assert (registry.compile_beside() is None) is writable  # in the cache: nothing to start
print("ok")
"""


@pytest.mark.parametrize("cache", ["writable", "blocked"])
def test_a_first_run_compiles_the_frameworks_in_a_child_beside_the_rule_packs(
    tmp_path: Path, cache: str
) -> None:
    folder = tmp_path / "cache"
    if cache == "blocked":  # every write fails: the frameworks are built here
        (tmp_path / "file").write_text("not a folder")
        folder = tmp_path / "file" / "cache"
    done = subprocess.run(
        [sys.executable, "-c", _BESIDE, cache],
        env={**os.environ, CACHE_ENV: str(folder)},
        capture_output=True, text=True, check=False,
    )
    assert done.stdout == "ok\n", done.stderr


def test_frameworks_are_built_here_when_no_child_may_be_forked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    paths = tuple(p.resolve() for p in registry.builtin_framework_paths())
    fresh = registry.build(paths)
    registry._cached.cache_clear()
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # a fork copies only this thread: not forked
    other.start()
    try:
        assert registry.compile_beside() is None
        assert registry.load_frameworks() == fresh
    finally:
        stop.set()
        other.join()
        registry._cached.cache_clear()


#: A fresh interpreter: a hook run on Terraform reads the frameworks' index, never the catalogs.
_HOOK = """
import contextlib, io, sys
from gdcc_audit.cli.app import run
from gdcc_audit.frameworks import registry
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = run(sys.argv[1:])
assert code == 0 and "GDCC-GRAPH-001" in out.getvalue(), out.getvalue()
print(registry._cached.cache_info().currsize, registry._indexed.cache_info().currsize)
"""


def test_a_hook_run_reads_the_framework_index_and_never_the_catalogs(tmp_path: Path) -> None:
    # Choosing the rules needs the catalogs' ids, ``rules:`` entries and the crosswalk only;
    # ~3,000 catalog models (8 ms of the hook's start-up) load for scores and manifests.
    env = {**os.environ, CACHE_ENV: str(tmp_path / "cache")}

    def loaded(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", _HOOK, *args, "--fail-on", "none"],
            env=env, capture_output=True, text=True, check=True,
        ).stdout

    hook = ("hook", "--root", str(GRAPH))
    assert loaded(*hook) == "0 1\n"  # first run: the child beside compiled both entries
    assert loaded(*hook) == "0 1\n"  # warm
    # A scan scores the frameworks: the catalogs load then.
    assert loaded("scan", str(GRAPH), "-q", "--format", "json", "-o", str(tmp_path / "r.json")) \
        == "1 1\n"


def test_the_framework_index_chooses_as_the_catalogs_do() -> None:
    from gdcc_audit.api import prepare
    from gdcc_audit.errors import ConfigError
    from gdcc_audit.score import reach
    from gdcc_audit.settings import Settings

    frameworks = registry.load_frameworks()
    index = registry.FrameworkIndex.of(frameworks)
    assert index == registry.load_framework_index()
    assert index.ids == set(frameworks.catalogs)
    prepared = prepare(Settings())
    assert prepared.index == index
    for rule in prepared.rules:
        assert reach(rule.meta, index) == reach(rule.meta, frameworks)
    assert prepared.frameworks is frameworks  # loaded on first use, once per process
    with pytest.raises(ConfigError, match="unknown framework id"):
        prepare(Settings(frameworks=("NO-SUCH-FRAMEWORK",)))
    assert index.rule_sources == frameworks._rule_sources
    written = registry.FrameworkIndex(frozenset(), {}, {}, {"GDCC-X": "a.yaml: controls[0] C"})
    where = r"^a.yaml: controls\[0\] C: unknown rule id 'GDCC-X'$"
    with pytest.raises(registry.CatalogError, match=where):
        written.check_rule_ids(["GDCC-Y"])
    written.check_rule_ids(["GDCC-X"])
