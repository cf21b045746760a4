"""Real paths asked of the system only where they can differ from the path as found:

- walking a folder, an entry that is not a symbolic link is its name inside its folder's real
  path (``discover._real_entry``); ``os.path.realpath`` (an ``lstat`` per part of the path)
  is asked for the scanned folders and the links only. Before, for every file and folder
  (cloud-foundation-fabric: ~3,000 calls, ~30,000 ``lstat``, ~50 ms of every scan);
- a document's mapper context starts with the real paths the run found already (its
  document's, its base's and its Terraform root's: ``api._map_context``), instead of asking
  them again per document (cloud-foundation-fabric: ~2,850 calls)."""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.discover import walk
from gdcc_audit.settings import Settings


def _counting(monkeypatch: pytest.MonkeyPatch, module: str) -> collections.Counter[str]:
    """``os.path.realpath`` calls made from ``module`` (a path below ``gdcc_audit``)."""
    real = os.path.realpath
    asked: collections.Counter[str] = collections.Counter()

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        if sys._getframe(1).f_code.co_filename.endswith(os.path.join("gdcc_audit", module)):
            asked[os.path.basename(str(path))] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counted)
    return asked


def test_walk_asks_real_paths_of_links_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside"
    (root / "sub").mkdir(parents=True)
    outside.mkdir()
    (root / "a.tf").write_text("", encoding="utf-8")
    (root / "sub" / "b.tf").write_text("", encoding="utf-8")
    (outside / "c.tf").write_text("", encoding="utf-8")
    (root / "link.tf").symlink_to(root / "sub" / "b.tf")  # the same file as sub/b.tf
    (root / "loop").symlink_to(root)
    (root / "other").symlink_to(outside)
    asked = _counting(monkeypatch, os.path.join("load", "discover.py"))
    found = walk([root])
    assert found.files == [
        (root / "a.tf", False), (root / "link.tf", False), (root / "other" / "c.tf", False)
    ]  # sub/b.tf is link.tf's file, listed once
    assert [(e.path, e.message) for e in found.errors] == [
        (str(root / "loop"), f"symlink loop: points back to {os.path.realpath(root)}; not followed")
    ]
    # before: also a.tf, sub, b.tf and c.tf
    assert sorted(asked.elements()) == ["link.tf", "loop", "other", "root"]


HOT = """\
heat_template_version: 2018-08-31
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules: []
"""


def test_mapping_reuses_the_runs_real_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(HOT, encoding="utf-8")
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.tf").write_text(
        'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', encoding="utf-8"
    )
    asked = _counting(monkeypatch, os.path.join("normalize", "interface.py"))
    result = audit([tmp_path], Settings(workers=1))
    assert sorted((r.id, r.file, r.line) for r in result.resources) == [
        ("-/-/OS::Neutron::SecurityGroup.a.yaml:sg", str(tmp_path / "a.yaml"), 3),
        ("-/-/OS::Neutron::SecurityGroup.b.yaml:sg", str(tmp_path / "b.yaml"), 3),
        ("-/-/aws_sqs_queue.app:q", str(tmp_path / "app" / "main.tf"), 1),
    ]
    # before: each document's path, its base and its Terraform root's folder, per document
    assert not asked
