"""The reviewed checkov tables in rules/checkov/: size, languages, controls, real check ids."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from gdcc_audit.bridges.checkov import load_table
from gdcc_audit.bridges.checkov.table import bridge_entries
from gdcc_audit.frameworks.registry import load_frameworks
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings

TABLES = sorted((rules_dir() / "checkov").glob("bridge-*.yaml"))
THAI = re.compile(r"[\u0e00-\u0e7f]")


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    registry = collect(make_plugin_manager(), Settings())
    return load_table(rules_dir() / "checkov", {r.meta.id: r.meta for r in registry.rules})


def test_at_least_300_checks_across_aws_azure_google_kubernetes_and_secrets(table) -> None:  # type: ignore[no-untyped-def]
    assert len(table) >= 300
    prefixes = Counter(re.sub(r"^CKV2?_([A-Z0-9]+)_.*$", r"\1", cid) for cid in table.checks)
    for provider, least in [("AWS", 150), ("AZURE", 60), ("GCP", 60), ("K8S", 50), ("SECRET", 15)]:
        assert prefixes[provider] >= least, (provider, prefixes[provider])


def test_every_bridged_check_has_both_languages_a_severity_and_known_controls(table) -> None:  # type: ignore[no-untyped-def]
    frameworks = load_frameworks(collect(make_plugin_manager(), Settings()).frameworks)
    for check in table.checks.values():
        meta = check.meta
        assert THAI.search(meta.title.th), meta.id
        assert not THAI.search(meta.title.en), meta.id
        assert meta.controls, meta.id
        for ref in meta.controls:
            assert frameworks.control(str(ref)) is not None, (meta.id, str(ref))


def test_no_check_is_listed_twice_across_the_bridge_tables() -> None:
    ids = [meta.id for path in TABLES for meta in bridge_entries(path)]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]


def test_a_mapping_yaml_check_takes_the_native_rules_severity_and_controls(table) -> None:  # type: ignore[no-untyped-def]
    registry = collect(make_plugin_manager(), Settings())
    native = {r.meta.id: r.meta for r in registry.rules}
    entry = table.get("CKV_AWS_20")
    assert entry is not None
    assert entry.native_rule == "GDCC-DATA-001"
    assert entry.meta.severity == native["GDCC-DATA-001"].severity
    assert entry.meta.controls == native["GDCC-DATA-001"].controls


LIST_CHECKS = """
import json, logging
logging.disable(logging.CRITICAL)
from checkov.terraform.checks.resource.registry import resource_registry
from checkov.kubernetes.checks.resource.registry import registry as k8s
from checkov.cloudformation.checks.resource.registry import cfn_registry
from checkov.common.checks_infra.registry import get_graph_checks_registry
from checkov.secrets.runner import CHECK_ID_TO_SECRET_TYPE
ids = set(CHECK_ID_TO_SECRET_TYPE)
for reg in (resource_registry, k8s, cfn_registry):
    ids |= {c.id for checks in reg.checks.values() for c in checks}
for framework in ("terraform", "cloudformation"):
    graph = get_graph_checks_registry(framework)
    graph.load_checks()
    ids |= {c.id for c in graph.checks}
print(json.dumps(sorted(ids)))
"""


def test_every_bridged_id_is_a_check_of_the_installed_checkov(checkov_path: str, table) -> None:  # type: ignore[no-untyped-def]
    python = Path(checkov_path).parent / "python"
    out = subprocess.run(
        [str(python), "-c", LIST_CHECKS],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={"CKV_SKIP_PACKAGE_UPDATE_CHECK": "true", "PATH": "/usr/bin:/bin"},
    )
    known = set(json.loads(out.stdout))
    assert len(known) > 1000
    assert sorted(set(table.checks) - known) == []


def test_memory_limits_not_requests_are_compared_with_the_native_limits_rule(table) -> None:  # type: ignore[no-untyped-def]
    """CKV_K8S_13 (memory limits) is the memory item of GDCC-K8S-006; CKV_K8S_12 is memory
    *requests*, which no native rule tests: it is bridged on its own (it was mapped to the
    limits item, so a workload with a memory limit but no request hid checkov's FAIL under
    the native PASS)."""
    limits = table.get("CKV_K8S_13")
    assert limits is not None
    assert (limits.native_rule, limits.evidence_key) == (
        "GDCC-K8S-006", "listed:missing_limits:memory"
    )
    requests = table.get("CKV_K8S_12")
    assert requests is not None
    assert requests.native_rule is None


def test_terraform_memory_checks_are_read_by_what_they_test() -> None:
    """checkov's Terraform checks of Kubernetes workloads swap the two memory ids: there
    CKV_K8S_12 is MemoryLimits and CKV_K8S_13 MemoryRequests (the manifest checks are the
    other way round). Read by the manifest id, a Terraform workload with a memory limit but no
    request was compared as if checkov judged its limit (4 ground-truth rows in review)."""
    from gdcc_audit.bridges.checkov.table import table_check_id

    assert table_check_id("terraform", "CKV_K8S_12") == "CKV_K8S_13"
    assert table_check_id("terraform", "CKV_K8S_13") == "CKV_K8S_12"
    assert table_check_id("kubernetes", "CKV_K8S_13") == "CKV_K8S_13"
    assert table_check_id("helm", "CKV_K8S_12") == "CKV_K8S_12"
    assert table_check_id("terraform", "CKV_K8S_11") == "CKV_K8S_11"
