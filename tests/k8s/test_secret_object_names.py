"""Settings that name Kubernetes Secret objects, not secrets: a chart's ``license_secret``
(the Secret holding an enterprise licence) and ``secretVolumes`` (the Secrets mounted as
volumes, a list of their names). Both FAILed GDCC-SECRET-001 "a secret is written in plain
text" in a data-plane values file that writes no secret at all; a real password beside them,
or a value that is no object name, still FAILs."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets
from gdcc_audit.settings import Settings

DATA_PLANE = """\
secretVolumes:
  - gw-cluster-cert
env:
  role: data_plane
  cluster_cert: /etc/secrets/gw-cluster-cert/tls.crt
enterprise:
  enabled: true
  license_secret: gw-enterprise-licence
"""

CONTROL_PLANE = """\
secretVolumes:
  - gw-cluster-cert
env:
  pg_password: Tr0ub4dor-cp
enterprise:
  license_secret: gw-enterprise-licence
"""


def _chart(root: Path) -> None:
    chart = root / "gateway"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: gateway\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(DATA_PLANE)
    (chart / "values-cp.yaml").write_text(CONTROL_PLANE)


def test_values_naming_secret_objects_pass(tmp_path: Path) -> None:
    _chart(tmp_path)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.resource_name: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        # the control plane's database password is still found, and only it
        "HelmValues/gateway/values-cp.yaml": (Status.FAIL, ["env.pg_password"]),
    }
    statuses = {Path(i.path).name: i.status for i in result.inputs}
    assert statuses["values.yaml"] == "assessed"


@pytest.mark.parametrize(
    ("values", "found"),
    [
        ({"license_secret": "gw-enterprise-licence"}, ()),
        ({"licenseSecret": "gw-licence"}, ()),
        ({"secretVolumes": ["gw-cluster-cert", "gw-ca"]}, ()),
        ({"secret_mounts": ["db-creds"]}, ()),
        # not an object's name: still a secret
        ({"license_secret": "Gw/Lic+Key=="}, ("license_secret",)),
        ({"secretVolumes": ["S3cret Value!"]}, ("secretVolumes.0",)),
        # a list of secrets is not a list of mounted Secret objects
        ({"client_secrets": ["abcd-1234-efgh"]}, ("client_secrets.0",)),
        ({"secret_values": ["abcd-1234-efgh"]}, ("secret_values.0",)),
    ],
)
def test_secret_object_names(values: dict[str, object], found: tuple[str, ...]) -> None:
    assert detect_secrets(values) == found
