"""One Terraform document mapped in parts, in several processes, gives exactly the result of
one process: resources in order, errors first (first-pass errors, then contribution errors in
contribution order), companions merged across parts, provider credentials, and what the
mapper records in ``Document.meta``; a part that fails (in a child or here) makes this
process map the document whole.

The audits that fork run in a fresh interpreter: the test process may hold other threads,
and then no child is forked (``map_shares``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

_SCRIPT = """
import datetime as dt, json, os, sys
from pathlib import Path
import gdcc_audit.api as api
from gdcc_audit.api import audit
from gdcc_audit.normalize import split
from gdcc_audit.normalize.terraform import mapper as tf, registry
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

FOLDER, LOG, MODE = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
PARENT = os.getpid()
split.MIN_RESOURCES, split.PER_PROCESS = 1, 1

# Faults one process meets as well: a mapping, a contribution and a resource that raise.
instance = registry.MAPPINGS["aws_instance"]
def faulty_instance(resource, ctx):
    if resource.address.endswith("bad_vm"):
        raise ValueError("a mapping's bug")
    return instance(resource, ctx)
registry.MAPPINGS["aws_instance"] = faulty_instance
apply = tf._apply
def faulty_apply(facets, contribution):
    if contribution.source.endswith(("bad_rule", "pab_5", "acl_2")):
        raise ValueError("a contribution's bug")
    return apply(facets, contribution)
tf._apply = faulty_apply
make = tf.TerraformMapper._resource
def faulty_resource(self, entry, *args):
    if entry.resource.address.endswith("bad_bucket"):
        raise ValueError("a resource's bug")
    return make(self, entry, *args)
tf.TerraformMapper._resource = faulty_resource

map_part = tf.TerraformMapper.map_part
def logged_part(self, plan, part, finish):
    with LOG.open("a") as log:
        log.write(f"{MODE} {'here' if os.getpid() == PARENT else 'child'} {part.start}\\n")
    if MODE == "child-fails" and os.getpid() != PARENT and part.start > 0:
        raise RuntimeError("a child's bug")
    if MODE == "here-fails" and os.getpid() == PARENT:
        raise RuntimeError("a bug here")
    return map_part(self, plan, part, finish)
tf.TerraformMapper.map_part = logged_part

normalize = api._normalize
seen = {}
def recording_normalize(run, *args):
    try:
        return normalize(run, *args)
    finally:
        seen["meta"] = [(d.path, json.dumps(d.meta, default=str)) for d in run.documents]
api._normalize = recording_normalize

workers = {"one": 1, "two": 2, "three": 3}.get(MODE, 2)
result = audit([FOLDER], Settings(now=dt.datetime(2026, 12, 1, tzinfo=dt.UTC), workers=workers))
print(json.dumps({
    "json": result_to_json(result, full_findings=True, full_graph=True),
    "errors": [(i.path, i.error, list(i.additional_errors)) for i in result.inputs],
    "meta": seen["meta"],
}))
"""


#: A companion whose bucket is not in the scan (an unresolved companion).
_LOST = (
    'resource "aws_s3_bucket_public_access_block" "{name}" {{\n  bucket = "elsewhere"\n'
    "  block_public_acls = true\n}}\n"
)


def _main_tf(count: int) -> str:
    """Groups, rules, buckets and their companions, cross-referenced from far apart in the
    file (a rule in one part, its group in another)."""
    text = [
        'provider "aws" {\n  region     = "ap-southeast-1"\n'
        '  access_key = "AKIAZ7VRSQ5TNUFJ3MWX"\n'
        '  secret_key = "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"\n}\n',
        _LOST.format(name="lost_early"),
    ]
    rule = (
        'resource "aws_security_group_rule" "{name}" {{\n  type = "ingress"\n'
        "  from_port = {port}\n  to_port = {port}\n  protocol = \"tcp\"\n"
        '  cidr_blocks = ["0.0.0.0/0"]\n  security_group_id = aws_security_group.{group}.id\n}}\n'
    )
    for i in range(count):
        other = count - 1 - i
        text += [
            f'resource "aws_security_group" "sg_{i}" {{\n  name = "sg-{i}"\n}}\n',
            rule.format(name=f"rule_{i}", port=20 + i, group=f"sg_{other}"),
            f'resource "aws_s3_bucket" "b_{i}" {{\n  bucket = "b-{i}"\n}}\n',
            f'resource "aws_s3_bucket_public_access_block" "pab_{i}" {{\n'
            f"  bucket = aws_s3_bucket.b_{(i + 3) % count}.id\n"
            f"  block_public_acls = {str(i % 2 == 0).lower()}\n  block_public_policy = true\n"
            "  ignore_public_acls = true\n  restrict_public_buckets = true\n}\n",
            f'resource "aws_s3_bucket_acl" "acl_{i}" {{\n'
            f'  bucket = aws_s3_bucket.b_{(i + 5) % count}.id\n  acl = "public-read"\n}}\n',
            f'resource "aws_iot_thing" "thing_{i}" {{\n  name = "t{i}"\n}}\n',
        ]
    text += [
        rule.format(name="bad_rule", port=22, group="sg_1"),
        _LOST.format(name="lost_late"),
        'resource "aws_s3_bucket" "bad_bucket" {\n  bucket = "bad"\n}\n',
        'resource "aws_instance" "bad_vm" {\n  ami = "ami-1"\n}\n',
        'resource "aws_instance" "vm" {\n  ami = "ami-1"\n'
        "  vpc_security_group_ids = [aws_security_group.sg_2.id]\n}\n",
    ]
    return "".join(text)


_EXTRA_TF = (
    'resource "aws_security_group_rule" "from_extra" {\n  type = "ingress"\n'
    '  from_port = 3389\n  to_port = 3389\n  protocol = "tcp"\n'
    '  cidr_blocks = ["0.0.0.0/0"]\n  security_group_id = aws_security_group.sg_6.id\n}\n'
    'resource "aws_s3_bucket" "extra" {\n  bucket = "extra"\n}\n'
)


def _scan(folder: Path, log: Path, mode: str) -> dict[str, object]:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(folder), str(log), mode],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def scans(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, object]], str]:
    folder = tmp_path_factory.mktemp("one-document")
    (folder / "main.tf").write_text(_main_tf(8))
    (folder / "extra.tf").write_text(_EXTRA_TF)
    log = folder.parent / "parts.log"
    modes = ("one", "two", "three", "child-fails", "here-fails")
    out = {mode: _scan(folder, log, mode) for mode in modes}
    return out, log.read_text()


def test_parts_run_in_children_and_here(scans: tuple[dict[str, dict[str, object]], str]) -> None:
    _, log = scans
    lines = log.splitlines()
    assert not [line for line in lines if line.startswith("one ")]  # --workers 1: map whole
    # main.tf (55 of 57 blocks) is cut: its first part (FIRST_SHARE times the others) here,
    # the others in children.
    two = sorted(line for line in lines if line.startswith("two "))
    assert two == ["two child 31", "two here 0"]
    three = sorted(line for line in lines if line.startswith("three "))
    assert three == ["three child 22", "three child 39", "three here 0"]
    # A part that fails is not redone in parts: the document is mapped whole here.
    assert sorted(line for line in lines if line.startswith("child-fails ")) == [
        "child-fails child 31",
        "child-fails here 0",
    ]
    assert "here-fails here 0" in lines


def test_the_result_is_one_process_s(scans: tuple[dict[str, dict[str, object]], str]) -> None:
    out, _ = scans
    one = out["one"]
    for mode in ("two", "three", "child-fails", "here-fails"):
        assert out[mode]["json"] == one["json"], mode
        assert out[mode]["errors"] == one["errors"], mode
        assert out[mode]["meta"] == one["meta"], mode


def test_what_one_process_gives(scans: tuple[dict[str, dict[str, object]], str]) -> None:
    """The faults and companions of the fixture show in the result (the comparison above
    then covers them)."""
    out, _ = scans
    data = json.loads(str(out["one"]["json"]))
    addresses = [r["address"] for r in data["resources"] if r["file"].endswith("main.tf")]
    assert "provider.aws" in addresses  # provider credentials (in the first part)
    assert "aws_s3_bucket.bad_bucket" not in addresses
    assert "aws_instance.bad_vm" not in addresses
    errors = [e for e in out["one"]["errors"] if str(e[0]).endswith("main.tf")]  # type: ignore[union-attr]
    assert len(errors) == 1
    _, first, more = errors[0]
    said = [first, *more]
    # First-pass errors, then contributions (order 0, then order 1), then the resource.
    assert ["bad_vm" in m for m in said].index(True) == 0
    assert ["acl_2" in m for m in said].index(True) < ["pab_5" in m for m in said].index(True)
    assert "bad_bucket" in said[-1]
    meta = dict(out["one"]["meta"])  # type: ignore[arg-type]
    main = json.loads(next(m for path, m in meta.items() if path.endswith("main.tf")))
    assert main["unmapped_types"] == {"aws_iot_thing": 8}
    assert main["terraform_unresolved_companions"] == [
        "aws_s3_bucket_public_access_block.lost_early",
        "aws_s3_bucket_public_access_block.lost_late",
    ]
