"""A Kubernetes manifest with a key written twice (kubernetes/examples'
``quobyte-admin-secret.yaml`` writes ``type`` twice) was not assessed at all, so the password
in it was reported by no rule. ``kubectl apply -f`` converts each document to JSON on the
client keeping the last value (kubernetes/kubernetes#125885: only the last ``containers``
reaches the API server, with ``fieldValidation=Strict``), Helm reads it the same way, and
kustomize and Flux refuse the file: whatever gets deployed is the last value. gdcc-audit
judges the document with it; a key written with two values leaves the file partially
assessed, the ignored value's line named; one written twice with the same value is a
warning."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

#: kubernetes/examples _archived/persistent-volume-provisioning/quobyte, as written there.
QUOBYTE = """\
apiVersion: v1
kind: Secret
metadata:
  name: quobyte-admin-secret
type: "kubernetes.io/quobyte"
data:
  password: cXVvYnl0ZQ==
  user: YWRtaW4=
type: kubernetes.io/quobyte
"""

#: ``privileged`` written twice: kubectl applies the last value, true.
PRIVILEGED_LAST = """\
apiVersion: v1
kind: Pod
metadata:
  name: agent
  namespace: ops
spec:
  containers:
    - name: agent
      image: agent:1.0
      securityContext:
        privileged: false
        privileged: true
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: plain
  namespace: ops
data:
  mode: fast
"""


def test_secret_with_a_key_written_twice_with_the_same_value_is_assessed(
    tmp_path: Path,
) -> None:
    (tmp_path / "quobyte-admin-secret.yaml").write_text(QUOBYTE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (item,) = result.inputs
    assert (item.status, item.error) == (InputStatus.ASSESSED, None)
    assert item.warnings == (
        "line 9: duplicate key 'type' (first at line 5): the same value both times: read "
        "once (kustomize and Flux refuse the file)",
    )
    (finding,) = result.findings
    assert (finding.address, finding.status) == (
        "Secret/default/quobyte-admin-secret",
        Status.FAIL,
    )
    # the user name kept beside the password is no secret (test_secret_user_name_keys)
    assert finding.evidence == {"paths": ["data.password"]}


def test_manifest_is_judged_with_the_last_value_and_partially_assessed(
    tmp_path: Path,
) -> None:
    (tmp_path / "agent.yaml").write_text(PRIVILEGED_LAST)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error == (
        "duplicate key 'privileged' (first at line 11): read as `kubectl apply -f` and Helm "
        "read it, keeping the last value (kustomize and Flux refuse the file); the value at "
        "line 11 is ignored: only the secrets written in it are reported"
    )
    assert (item.line, item.field) == (12, "spec.containers.0.securityContext.privileged")
    assert item.resources == 2  # the Pod and the ConfigMap of the same file
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("Pod/ops/agent", Status.FAIL)


def test_first_value_privileged_is_not_a_silent_pass(tmp_path: Path) -> None:
    """The last value false PASSes (what kubectl applies), but the file says it left a
    value out."""
    (tmp_path / "agent.yaml").write_text(
        PRIVILEGED_LAST.replace("privileged: false\n        privileged: true",
                                "privileged: true\n        privileged: false")
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert "the value at line 11 is ignored: only the secrets" in str(item.error)
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("Pod/ops/agent", Status.PASS)


def test_kustomization_with_a_key_written_twice_stays_refused(tmp_path: Path) -> None:
    """kustomize refuses it (sigs.k8s.io/kustomize reads with a strict YAML decoder)."""
    (tmp_path / "kustomization.yaml").write_text(
        "resources: [a.yaml]\n"
        "secretGenerator:\n"
        "  - name: db\n"
        "    literals: [password=hunter2hunter2]\n"
        "    literals: [password=other]\n"
    )
    result = audit([tmp_path], Settings(cache=False))
    (item,) = result.inputs
    assert item.status != InputStatus.PARTIALLY_ASSESSED
    assert item.status != InputStatus.ASSESSED


def test_helm_values_with_a_key_written_twice_are_read_for_their_secrets(
    tmp_path: Path,
) -> None:
    """Helm reads a chart's values keeping the last value too: the file was not assessed
    and its password reported by no rule."""
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(
        "auth:\n"
        "  enabled: false\n"
        "image:\n"
        "  tag: '1.0'\n"
        "auth:\n"
        "  enabled: true\n"
        "  password: An0therS3cret!yz\n"
    )
    result = audit([chart / "values.yaml"], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error == (
        "duplicate key 'auth' (first at line 1): read as Helm reads a chart's values, keeping "
        "the last value; the value at line 1 is ignored: only the secrets written in it are "
        "reported"
    )
    (finding,) = result.findings
    assert finding.status == Status.FAIL
    assert finding.evidence["paths"] == ["auth.password"]


#: ``stringData`` and a container's ``env`` written twice: kubectl deploys the last values;
#: the first ones hold a password each.
SECRETS_IN_FIRST_VALUES = """\
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: app
stringData:
  password: Sup3rS3cretPassw0rd!
stringData:
  host: db.internal
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: app
spec:
  containers:
    - name: web
      image: example/web:1.0.0
      env:
        - name: DB_PASSWORD
          value: An0therS3cret!xyz
      env:
        - name: DB_HOST
          value: db
"""


def test_a_secret_only_in_the_ignored_value_is_a_finding(tmp_path: Path) -> None:
    """A password written in the first value of a key written twice is in the repository
    whichever value kubectl keeps: it PASSed (only the input error named the line). It is
    reported at that line; the rest of the ignored value is not judged."""
    (tmp_path / "app.yaml").write_text(SECRETS_IN_FIRST_VALUES)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error == (
        "duplicate key 'stringData' (first at line 6): read as `kubectl apply -f` and Helm "
        "read it, keeping the last value (kustomize and Flux refuse the file); the value at "
        "line 6 is ignored: only the secrets written in it are reported"
    )
    found = {f.address: f for f in result.findings}
    assert {a: f.status for a, f in found.items()} == {
        "Secret/app/db": Status.FAIL,
        "Pod/app/web": Status.FAIL,
    }
    secret = found["Secret/app/db"]
    assert secret.evidence == {
        # the host kept beside it is no secret (test_secret_user_name_keys)
        "paths": ["stringData.password"],
        "value_set_at": {"stringData.password": f"{tmp_path}/app.yaml:6"},
    }
    pod = found["Pod/app/web"]
    assert pod.evidence == {
        "paths": ["spec.containers.0.env.DB_PASSWORD"],
        "value_set_at": {"spec.containers.0.env.DB_PASSWORD": f"{tmp_path}/app.yaml:20"},
    }
    assert pod.message.en == (
        "a secret is written in plain text at 'spec.containers.0.env.DB_PASSWORD' "
        f"(value set at {tmp_path}/app.yaml:20)"
    )


def test_a_secret_in_the_ignored_value_of_helm_values_is_a_finding(tmp_path: Path) -> None:
    """The same for a chart's values file (Helm keeps the last value too)."""
    chart = tmp_path / "chart"
    chart.mkdir()
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: demo\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text(
        "auth:\n"
        "  enabled: true\n"
        "  password: An0therS3cret!yz\n"
        "image:\n"
        "  tag: '1.0'\n"
        "auth:\n"
        "  enabled: false\n"
    )
    result = audit([chart / "values.yaml"], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (finding,) = result.findings
    assert finding.status == Status.FAIL
    (path,) = finding.evidence["paths"]
    assert finding.evidence["value_set_at"] == {path: f"{chart}/values.yaml:1"}
    assert path.endswith("auth.password")


def test_a_key_written_twice_inside_an_ignored_value_is_read_too(tmp_path: Path) -> None:
    """``data`` written twice inside the first ``data``... the innermost first value is put
    back into the outer one's shadow."""
    (tmp_path / "s.yaml").write_text(
        "apiVersion: v1\n"
        "kind: ConfigMap\n"
        "metadata:\n"
        "  name: cfg\n"
        "data:\n"
        "  token: ghp_0123456789abcdefghijABCDEFGHIJ012345\n"
        "  token: none\n"
        "data:\n"
        "  mode: fast\n"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("ConfigMap/default/cfg", Status.FAIL)
    # the line of the token itself: the inner first value, put back into the outer one
    assert finding.evidence["value_set_at"] == {"data.token": f"{tmp_path}/s.yaml:6"}
