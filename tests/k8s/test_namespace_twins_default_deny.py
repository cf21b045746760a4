"""GDCC-K8S-005 when the scan holds several Namespace manifests of one name in different
files (a project's alternative install manifests, each creating its namespace) and a
default-deny NetworkPolicy of that namespace written in another folder. The policy's
reference to ``Namespace/<name>`` resolved to whichever of them the scan read first: that one
PASSed "Namespaces have a default-deny NetworkPolicy", the others were UNKNOWN "no
default-deny NetworkPolicy found" (metallb: config/networkpolicies/deny_all.yaml, which no
install includes, and six rendered manifests). Each is now UNKNOWN naming the policy; a
policy written beside a Namespace object still makes it PASS; a Namespace with no twin keeps
the policy of another folder (the scan is one cluster)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

NAMESPACE = """\
apiVersion: v1
kind: Namespace
metadata: {name: shop}
"""

DENY = """\
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: shop}
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
"""


def _write(root: Path, files: dict[str, str]) -> None:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _findings(root: Path) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=("GDCC-K8S-005",)))
    assert result.findings
    assert {f.address for f in result.findings} == {"Namespace/shop"}
    assert all(f.location is not None for f in result.findings)
    return {f.location.file.split("repo/", 1)[1]: f for f in result.findings if f.location}


def _base(finding: Finding) -> str:
    """How the scan names the folder holding ``repo`` (files are named as given)."""
    assert finding.location is not None
    return finding.location.file.split("repo/", 1)[0]


def test_policy_apart_from_twin_namespaces_is_not_known_for_each(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _write(root, {
        "install-a/all.yaml": NAMESPACE,
        "install-b/all.yaml": NAMESPACE,
        "policies/deny.yaml": DENY,
    })
    found = _findings(root)
    assert sorted(found) == ["install-a/all.yaml", "install-b/all.yaml"]
    for finding in found.values():
        assert finding.status.value == "UNKNOWN"
        assert finding.message.en == (
            "a default-deny NetworkPolicy of namespace shop is written apart from this "
            f"Namespace object ({_base(finding)}repo/policies/deny.yaml), and the scan holds "
            "other Namespace "
            "objects named shop (separate installs): whether it is applied with this one is "
            "not known"
        )
        assert [p.rsplit(":", 1)[-1] for p in finding.evidence["policies"]] == [
            "shop/NetworkPolicy/default-deny"
        ]


def test_policy_beside_one_twin_passes_it_only(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _write(root, {
        "install-a/all.yaml": NAMESPACE,
        "install-a/deny.yaml": DENY,
        "install-b/all.yaml": NAMESPACE,
    })
    found = _findings(root)
    assert found["install-a/all.yaml"].status.value == "PASS"
    other = found["install-b/all.yaml"]
    assert other.status.value == "UNKNOWN"
    assert f"({_base(other)}repo/install-a/deny.yaml)" in other.message.en


def test_single_namespace_keeps_a_policy_of_another_folder(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    _write(root, {"install/all.yaml": NAMESPACE, "policies/deny.yaml": DENY})
    [finding] = _findings(root).values()
    assert finding.status.value == "PASS"
