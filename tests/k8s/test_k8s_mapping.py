"""Kubernetes manifests mapped to canonical k8s kinds and facets."""

from __future__ import annotations

import json

import pytest

from gdcc_audit.load.discover import HELM_REASON
from gdcc_audit.models.resource import IngressRule, Reference, Resource
from iac_helpers import FIXTURES, run

K8S = FIXTURES / "kubernetes"


@pytest.fixture(scope="module")
def workloads() -> dict[str, Resource]:
    resources, errors, _ = run(K8S / "workloads.yaml")
    assert errors == []
    return resources


@pytest.fixture(scope="module")
def cluster() -> dict[str, Resource]:
    resources, errors, _ = run(K8S / "cluster.yaml")
    assert errors == []
    return resources


def test_each_document_is_a_resource_with_its_lines(workloads: dict[str, Resource]) -> None:
    spans = {k: (r.location.start_line, r.location.end_line) for k, r in workloads.items()}
    assert spans == {
        "shop/Deployment/web": (1, 30),
        "default/Pod/hardened": (32, 46),
        "ops/CronJob/nightly": (48, 63),
    }
    web = workloads["shop/Deployment/web"]
    assert web.id == "-/eshop/Deployment.workloads.yaml:shop/Deployment/web"  # gdcc-system label
    assert (web.kind, web.provider, web.provider_type, web.system) == (
        "k8s.workload", "kubernetes", "Deployment", "eshop"
    )


def test_insecure_deployment(workloads: dict[str, Resource]) -> None:
    web = workloads["shop/Deployment/web"]
    facets = web.facets
    assert facets.privileged_container is True  # the init container
    assert facets.host_namespace is True
    assert facets.privilege_escalation is True
    assert facets.read_only_root_fs is False
    assert facets.resource_limits is False
    # Nothing enforces non-root: the image's user applies, root unless it names another.
    assert facets.run_as_root is True
    assert web.defaults["run_as_root"].attribute == "securityContext.runAsNonRoot"
    assert facets.hardcoded_secrets == ("spec.template.spec.containers.0.env.DB_PASSWORD",)
    env = web.attributes["spec"]["template"]["spec"]["containers"][0]["env"]
    assert env[0] == {"name": "DB_PASSWORD", "value": "<redacted>"}
    assert env[1] == {"name": "LOG_LEVEL", "value": "debug"}
    assert web.references == (
        Reference(target="Namespace/shop", attribute="metadata.namespace"),
        Reference(target="shop/ServiceAccount/web-sa", attribute="serviceAccountName"),
        Reference(target="shop/Secret/web-secrets", attribute="containers.0.env"),
    )


def test_hardened_pod_and_root_cronjob(workloads: dict[str, Resource]) -> None:
    pod = workloads["default/Pod/hardened"].facets
    assert (pod.privileged_container, pod.run_as_root, pod.privilege_escalation) == (
        False, False, False
    )
    assert (pod.host_namespace, pod.read_only_root_fs, pod.resource_limits) == (
        False, True, True
    )
    assert pod.hardcoded_secrets == ()
    job = workloads["ops/CronJob/nightly"].facets
    assert (job.run_as_root, job.privilege_escalation) == (True, True)
    # runAsUser: 0 is written: root by configuration, not by default; no seccomp profile is
    # written: Unconfined by the Kubernetes default.
    assert set(workloads["ops/CronJob/nightly"].defaults) == {"seccomp_unconfined"}
    assert set(workloads["default/Pod/hardened"].defaults) == {"seccomp_unconfined"}


def test_services(cluster: dict[str, Resource]) -> None:
    public = cluster["shop/Service/public-lb"]
    assert (public.kind, public.facets.public_endpoint) == ("k8s.service", True)
    assert public.facets.ingress == (
        IngressRule(protocol="tcp", from_port=443, to_port=443, sources=("0.0.0.0/0",)),
    )
    internal = cluster["shop/Service/internal"].facets
    assert internal.public_endpoint is False
    assert internal.ingress == (
        IngressRule(protocol="tcp", from_port=8080, to_port=8080, sources=("cluster",)),
    )


def test_ingress_and_network_policies(cluster: dict[str, Resource]) -> None:
    assert cluster["shop/Ingress/web"].facets.encrypted_in_transit is True
    assert cluster["shop/NetworkPolicy/default-deny"].facets.default_deny is True
    assert cluster["shop/NetworkPolicy/allow-all"].facets.default_deny is False


def test_rbac(cluster: dict[str, Resource]) -> None:
    role = cluster["ClusterRole/god"]
    assert (role.kind, role.facets.wildcard_permissions, role.facets.admin_privileges) == (
        "k8s.role", True, True
    )
    binding = cluster["ClusterRoleBinding/web-admin"]
    assert (binding.kind, binding.facets.admin_privileges, binding.facets.public_access) == (
        "k8s.role_binding", True, False
    )
    assert binding.references == (
        Reference(target="ClusterRole/cluster-admin", attribute="roleRef"),
        Reference(target="shop/ServiceAccount/web-sa", attribute="subjects.0"),
    )


def test_secret_and_config_map_values_are_never_kept(cluster: dict[str, Resource]) -> None:
    secret = cluster["shop/Secret/web-secrets"]
    assert secret.kind == "k8s.secret"
    assert secret.facets.hardcoded_secrets == ("data.api",)
    config = cluster["shop/ConfigMap/settings"]
    assert config.facets.hardcoded_secrets == ("data.db_password",)
    dumped = json.dumps([secret.model_dump(mode="json"), config.model_dump(mode="json")])
    for value in ("c3VwZXJzZWNyZXQ=", "plain-text-password", "info"):
        assert value not in dumped
    assert secret.attributes["keys"] == {"data": ["api"]}
    assert config.attributes["keys"] == {"data": ["LOG_LEVEL", "db_password"]}


def test_cluster_scoped_names_and_custom_resources(cluster: dict[str, Resource]) -> None:
    assert cluster["Namespace/shop"].kind == "k8s.namespace"
    assert not any("Certificate" in key for key in cluster)
    assert sorted(cluster) == [
        "ClusterRole/god",
        "ClusterRoleBinding/web-admin",
        "Namespace/shop",
        "shop/ConfigMap/settings",
        "shop/Ingress/web",
        "shop/NetworkPolicy/allow-all",
        "shop/NetworkPolicy/default-deny",
        "shop/Secret/web-secrets",
        "shop/Service/internal",
        "shop/Service/public-lb",
    ]


def test_list_items_are_expanded() -> None:
    resources, errors, _ = run(K8S / "list.yaml")
    assert errors == []
    assert sorted(resources) == ["shop/Service/nodeport", "shop/ServiceAccount/web-sa"]
    nodeport = resources["shop/Service/nodeport"]
    assert nodeport.location.pointer == "/items/2"
    assert (nodeport.location.start_line, nodeport.location.end_line) == (8, 14)
    assert nodeport.facets.public_endpoint is True
    assert nodeport.facets.ingress == (
        IngressRule(protocol="tcp", from_port=30080, to_port=30080, sources=("0.0.0.0/0",)),
    )
    assert resources["shop/ServiceAccount/web-sa"].kind == "identity.role"


def test_helm_templates_are_set_aside_with_a_reason() -> None:
    resources, errors, found = run(K8S / "chart")
    assert (resources, errors, found.claims) == ({}, [], {})
    assert sorted(p.name for p, _ in found.unrecognised) == ["deployment.yaml", "quoted.yaml"]
    assert set(found.reasons.values()) == {HELM_REASON}


def test_missing_name_and_unknown_kinds() -> None:
    resources, errors, found = run(K8S / "missing-name.yaml", K8S / "kustomization.yaml")
    assert resources == {}
    assert [(e.line, e.field, e.message) for e in errors] == [
        (3, "metadata.name", "Pod has no metadata.name")
    ]
    assert [p.name for p, _ in found.unrecognised] == ["kustomization.yaml"]
