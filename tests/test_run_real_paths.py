"""The pipeline (``api``) finds each file's real path once per run (``_Run.real_path``):
before, relating, mapping and the scanned-file set each asked ``os.path.realpath`` again for
every document and file (tripleo-heat-templates: ~2,700 calls, a few % of its scan). The
files the walk found come with their real paths (``Discovery.real_paths``): the pipeline
asks none of them again."""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

HOT = """\
heat_template_version: 2018-08-31
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    properties:
      rules: []
"""


def test_the_pipeline_finds_each_real_path_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.yaml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(HOT, encoding="utf-8")
    real = os.path.realpath
    asked: collections.Counter[str] = collections.Counter()

    def counted(path: Any, *args: Any, **kwargs: Any) -> Any:
        if sys._getframe(1).f_code.co_filename.endswith(os.path.join("gdcc_audit", "api.py")):
            asked[str(path)] += 1
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counted)
    result = audit([tmp_path], Settings(workers=1))
    assert sorted((r.file, r.address, r.provider_type, r.line) for r in result.resources) == [
        (str(tmp_path / n), "sg", "OS::Neutron::SecurityGroup", 3)
        for n in ("a.yaml", "b.yaml", "c.yaml")
    ]
    files = {str(tmp_path / n): asked[str(tmp_path / n)] for n in ("a.yaml", "b.yaml", "c.yaml")}
    assert files == dict.fromkeys(files, 0)  # before: 3 each, then once (the walk knew it)
