"""Which Heat environment of the scan is for which template (``heat.environments.own``) is
asked for every template: before, every template x environment pair compared their names
and looked up both real paths (tripleo-heat-templates: 321 templates x 188 environments,
166,698 name comparisons, 5,655 ``realpath`` calls, ~40 % of its scan). Now the
environments setting each name are indexed once, and each file's real path is found once;
the same variants are found."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.discover import discover
from gdcc_audit.load.heat import HeatLoader
from gdcc_audit.load.interface import Document
from gdcc_audit.normalize.heat import nesting
from gdcc_audit.settings import Settings

SERVER = """\
heat_template_version: 2018-08-31
parameters:
  {name}:
    type: string
    default: 10.0.0.0/8
resources:
  ssh:
    type: OS::Neutron::SecurityGroup
    properties:
      rules:
        - protocol: tcp
          port_range_min: 22
          port_range_max: 22
          remote_ip_prefix: {{ get_param: {name} }}
"""


def test_each_file_real_path_is_found_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six templates, each with an environment in its folder setting its parameter (one
    opening the port): every environment sets a name of every template, so each pair is
    asked whether it is for the template. One real path per file (12) and one per template
    for its environments (before: 84, two per pair), and the one FAIL as before."""
    for i in range(6):
        (tmp_path / f"t{i}").mkdir()
        (tmp_path / f"t{i}" / "server.yaml").write_text(
            SERVER.format(name="allowed"), encoding="utf-8"
        )
        value = "0.0.0.0/0" if i == 3 else "192.168.0.0/16"
        (tmp_path / f"t{i}" / "env.yaml").write_text(
            f"parameters:\n  allowed: {value}\n", encoding="utf-8"
        )
    real = os.path.realpath
    asked: list[str] = []

    def counted(path: str) -> str:
        asked.append(path)
        return real(path)

    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), workers=1))
    expected = {
        f.address: f.status.value for f in result.findings if f.location and "t3" in f.location.file
    }
    documents = _documents(tmp_path)
    assert len(documents) == 12
    monkeypatch.setattr(os.path, "realpath", counted)
    nesting.relate(documents)
    assert len(asked) == 12 + 6, asked  # each file once; each template's for its environments
    assert expected == {"ssh": "FAIL"}


def _documents(root: Path) -> list[Document]:
    loader = HeatLoader()
    settings = Settings()
    found = discover([root], [loader], settings)
    return [d for d in loader.load(found.claims[loader.name], settings) if isinstance(d, Document)]
