"""One hostile file never stops a scan: it is listed as not assessed, with its reason and line,
and the other files are audited (CLI and Python API alike)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from gdcc_audit import audit
from gdcc_audit.cli.app import run
from gdcc_audit.errors import InputError
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.load.interface import Claim, Document, Loader
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.normalize.interface import MapContext, Mapper
from gdcc_audit.plugins import make_plugin_manager
from gdcc_audit.settings import DEFAULT_MAX_DEPTH, Settings

DEEP = 5_000
TOO_DEEP = f"nested deeper than {DEFAULT_MAX_DEPTH} levels (the limit for every input file)"
OK_TF = 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n'


def _input(result: AuditResult, path: Path) -> InputFile:
    return next(f for f in result.inputs if f.path == str(path))


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def _ok_still_assessed(result: AuditResult, folder: Path) -> None:
    ok = _input(result, folder / "ok.tf")
    assert ok.status == InputStatus.ASSESSED
    assert any(r.id.endswith("aws_s3_bucket.ok") for r in result.resources)


@pytest.mark.parametrize(
    ("name", "text", "line", "skipped"),
    [
        ("braces.tf", 'locals {\n  x = ' + "[" * DEEP + "]" * DEEP + "\n}\n", 2, "block locals"),
        ("parens.tf", 'locals {\n  x = ' + "(" * DEEP + "1" + ")" * DEEP + "\n}\n", 2,
         "block locals"),
        ("ops.tf", 'locals {\n  x = 1' + " + 1" * DEEP + "\n}\n", 2, "block locals"),
        ("calls.tf", 'locals {\n  x = ' + "max(" * DEEP + "1" + ")" * DEEP + "\n}\n", 2,
         "block locals"),
        ("blocks.tf", 'resource "aws_s3_bucket" "b" {\n' + "a {\n" * DEEP + "}\n" * DEEP + "}\n",
         DEFAULT_MAX_DEPTH + 1, "block resource aws_s3_bucket b"),
    ],
)
def test_deep_hcl_skips_the_block_with_its_line(
    tmp_path: Path, settings: Settings, name: str, text: str, line: int, skipped: str
) -> None:
    _write(tmp_path, {"ok.tf": OK_TF, f"deep/{name}": text + OK_TF.replace("ok", "after")})
    result = audit([tmp_path], settings)
    deep = _input(result, tmp_path / "deep" / name)
    assert deep.status == InputStatus.PARTIALLY_ASSESSED
    assert deep.line == line
    assert deep.error == (
        f"partially parsed: nested deeper than {DEFAULT_MAX_DEPTH} levels (the limit for every "
        f"input file); {skipped} skipped"
    )
    # The resource after the deep block is kept.
    assert any(r.id.endswith("aws_s3_bucket.deep:after") for r in result.resources)
    _ok_still_assessed(result, tmp_path)


def test_deep_json_cloudformation_is_not_assessed_with_its_line(
    tmp_path: Path, settings: Settings
) -> None:
    body = "[" * DEEP + "]" * DEEP
    _write(
        tmp_path,
        {
            "ok.tf": OK_TF,
            "cfn.json": '{"AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {"A": {"Type":'
            f' "AWS::S3::Bucket",\n "Properties": {{"x": {body}}}}}}}}}',
            "main.tf.json": '{"resource":\n{"x": ' + body + "}}",
        },
    )
    result = audit([tmp_path], settings)
    for name, line in (("cfn.json", 3), ("main.tf.json", 2)):
        item = _input(result, tmp_path / name)
        assert item.status == InputStatus.NOT_ASSESSED
        assert item.error == TOO_DEEP
        assert item.line == line
    _ok_still_assessed(result, tmp_path)


def test_deep_yaml_below_libyaml_limit_is_refused_by_our_limit(
    tmp_path: Path, settings: Settings
) -> None:
    depth = 200  # libyaml itself stops at 1,000
    spec = "".join(f"{'  ' * i}a{i}:\n" for i in range(depth)) + "  " * depth + "x: 1\n"
    _write(tmp_path, {"ok.tf": OK_TF, "pod.yaml": "apiVersion: v1\nkind: Pod\nmetadata:\n" + spec})
    result = audit([tmp_path], settings)
    pod = _input(result, tmp_path / "pod.yaml")
    assert pod.status == InputStatus.NOT_ASSESSED
    assert pod.error == TOO_DEEP
    assert pod.line == 4 + DEFAULT_MAX_DEPTH  # the mapping that is one level too deep
    _ok_still_assessed(result, tmp_path)


def test_self_referencing_alias_is_refused_with_its_line(
    tmp_path: Path, settings: Settings
) -> None:
    _write(tmp_path, {"ok.tf": OK_TF, "alias.yaml": "kind: Pod\napiVersion: v1\na: &a [*a]\n"})
    result = audit([tmp_path], settings)
    alias = _input(result, tmp_path / "alias.yaml")
    assert alias.status == InputStatus.NOT_ASSESSED
    assert alias.error == "YAML alias refers to a node that contains it (an endless document)"
    assert (alias.line, alias.column) == (3, 4)
    _ok_still_assessed(result, tmp_path)


def test_alias_bomb_is_refused_before_building(tmp_path: Path, settings: Settings) -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    _write(tmp_path, {"ok.tf": OK_TF, "bomb.yaml": "\n".join(lines) + "\n"})
    started = time.perf_counter()
    result = audit([tmp_path], settings)
    assert time.perf_counter() - started < 5  # was 6-15 s and 420 MB before the count
    bomb = _input(result, tmp_path / "bomb.yaml")
    assert bomb.status == InputStatus.NOT_ASSESSED
    assert bomb.error == (
        "document expands to more than 2,000,000 nodes (YAML alias expansion refused)"
    )
    assert bomb.line == 7  # a6 is the first anchor whose expansion passes the budget
    _ok_still_assessed(result, tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_in_a_scanned_folder_is_named_and_never_opened(
    tmp_path: Path, settings: Settings
) -> None:
    _write(tmp_path, {"ok.tf": OK_TF})
    os.mkfifo(tmp_path / "pipe.tf")
    result = audit([tmp_path], settings)  # would block forever if the FIFO were opened
    pipe = _input(result, tmp_path / "pipe.tf")
    assert pipe.status == InputStatus.NOT_RECOGNISED
    assert pipe.error == "a named pipe (FIFO), not a regular file: not read"
    _ok_still_assessed(result, tmp_path)
    named = audit([tmp_path / "pipe.tf"], settings)
    assert _input(named, tmp_path / "pipe.tf").error == (
        "a named pipe (FIFO), not a regular file: not read"
    )


class _CrashingMapper(Mapper):
    name = "boom"
    formats = ("boom",)

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        raise ZeroDivisionError("secret AKIAABCDEFGHIJKLMNOP in a message")


class _BoomLoader(Loader):
    name = "boom"
    suffixes = (".boom",)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        for claim in claims:
            if claim.path.name == "crash.boom":
                raise KeyError("loader bug")
            yield Document(str(claim.path), "boom", None)


class _Plugin:
    @hookimpl
    def register_loaders(self) -> list[Loader]:
        return [_BoomLoader()]

    @hookimpl
    def register_mappers(self) -> list[Mapper]:
        return [_CrashingMapper()]


def test_a_crashing_plugin_loader_or_mapper_loses_only_its_file(
    tmp_path: Path, settings: Settings
) -> None:
    _write(tmp_path, {"ok.tf": OK_TF, "a.boom": "", "crash.boom": "", "z.boom": ""})
    manager = make_plugin_manager(entry_points=False, plugins=(_Plugin(),))
    result = audit([tmp_path], settings, plugin_manager=manager)
    crash = _input(result, tmp_path / "crash.boom")
    assert crash.status == InputStatus.NOT_ASSESSED
    assert crash.error is not None
    assert crash.error.startswith("internal error while loading it (boom): KeyError: 'loader bug'")
    assert crash.error.endswith(
        "this is a bug, please report it at https://github.com/gdcc-audit/gdcc-audit/issues"
    )
    for name in ("a.boom", "z.boom"):
        mapped = _input(result, tmp_path / name)
        assert mapped.status == InputStatus.NOT_ASSESSED
        assert mapped.error is not None
        assert mapped.error.startswith(
            "internal error while mapping it (boom): ZeroDivisionError: secret ***REDACTED*** "
            "in a message (at test_isolation.py:"
        )
    _ok_still_assessed(result, tmp_path)


def test_an_internal_error_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import gdcc_audit.api

    def broken(*_args: object, **_kwargs: object) -> None:
        raise AttributeError("'NoneType' object has no attribute 'x'")

    monkeypatch.setattr(gdcc_audit.api, "audit", broken)
    (tmp_path / "ok.tf").write_text(OK_TF)
    assert run(["scan", str(tmp_path), "-q"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(
        "gdcc-audit: internal error: AttributeError: 'NoneType' object has no attribute 'x' "
        "(at test_isolation.py:"
    )
    assert err.endswith(
        "this is a bug, please report it at https://github.com/gdcc-audit/gdcc-audit/issues "
        "(run again with --debug for the traceback)\n"
    )
    for argv in (["scan", str(tmp_path), "-q", "--debug"], ["--debug", "scan", str(tmp_path)]):
        assert run(argv) == 3
        err = capsys.readouterr().err
        assert err.startswith("Traceback (most recent call last):")
        assert "raise AttributeError" in err


def test_hostile_files_exit_2_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(
        tmp_path,
        {
            "ok.tf": OK_TF,
            "deep.tf": 'locals {\n  x = ' + "[" * DEEP + "]" * DEEP + "\n}\n",
            "alias.yaml": "a: &a [*a]\n",
        },
    )
    assert run(["scan", str(tmp_path), "-q", "--no-color"]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'alias.yaml'}:1:4: YAML alias refers to a node that contains it" in err
    assert f"{tmp_path / 'deep.tf'}:2:70: partially parsed: nested deeper than" in err
    assert "Traceback" not in err
