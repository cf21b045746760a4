"""A Heat ``OS::Swift::Container`` is never versioned: Heat sends no versioning header (its
properties set X-Container-Read/-Write and X-Container-Meta-* only), and Swift disables
versioning when neither X-Versions-Location nor X-History-Location is set. GDCC-DATA-005
FAILs on that default (was UNKNOWN), in HOT and CloudFormation-format templates alike, as
``openstack_objectstorage_container_v1`` without ``versioning`` does."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HOT = """\
heat_template_version: 2013-05-23
resources:
  Plain:
    type: OS::Swift::Container
  # a metadata key named like the header is X-Container-Meta-X-Versions-Location: no versioning
  Meta:
    type: OS::Swift::Container
    properties:
      X-Container-Meta:
        X-Versions-Location: archive
"""

CFN = """\
AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Container:
    Type: OS::Swift::Container
    Properties:
      X-Container-Read: ".r:*"
"""

TF = """\
resource "openstack_objectstorage_container_v1" "plain" {
  name = "plain"
}
"""

LABEL = {
    "versioning": {
        "attribute": "X-Versions-Location",
        "value": "default",
        "documentation": "https://docs.openstack.org/api-ref/object-store/",
    }
}
MESSAGE = "object versioning is off (provider default: 'X-Versions-Location' not set)"


def test_heat_container_is_not_versioned_by_default(tmp_path: Path) -> None:
    (tmp_path / "hot.yaml").write_text(HOT, encoding="utf-8")
    (tmp_path / "cfn.yaml").write_text(CFN, encoding="utf-8")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",)))
    found = {
        f.address or "": (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }
    assert found == {
        "Plain": (Status.FAIL, MESSAGE, LABEL),
        "Meta": (Status.FAIL, MESSAGE, LABEL),
        "Container": (Status.FAIL, MESSAGE, LABEL),
        "openstack_objectstorage_container_v1.plain": (
            Status.FAIL,
            "object versioning is off",
            None,
        ),
    }
