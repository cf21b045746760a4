"""`import gdcc_audit` stays light and has no side effects."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

#: Modules that must load only when the stage that needs them runs. pydantic (model building
#: dominated start-up), pluggy and PyYAML included: the package's public names are lazy.
HEAVY = (
    "weasyprint",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "matplotlib",
    "checkov",
    "dask",
    "networkx",
    "jinja2",
    "rich",
    "tree_sitter",
    "pydantic",
    "pluggy",
    "yaml",
    "click",
    "gdcc_audit.models",
    "gdcc_audit.api",
)


def _loaded_after(
    statement: str, env: dict[str, str] | None = None, watched: tuple[str, ...] = HEAVY
) -> list[str]:
    code = (
        f"import json, sys; {statement}; "
        f"print(json.dumps(sorted(m for m in {watched!r} if m in sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    loaded: list[str] = json.loads(out.stdout.splitlines()[-1])
    return loaded


def test_import_does_not_load_heavy_modules() -> None:
    assert _loaded_after("import gdcc_audit") == []


def test_import_has_no_side_effects() -> None:
    code = (
        "import sys, logging, signal; handler = signal.getsignal(signal.SIGINT);"
        "import gdcc_audit;"
        "print(logging.getLogger().handlers == [] and signal.getsignal(signal.SIGINT) is handler)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_version_command_loads_no_models() -> None:
    # `gdcc-audit --version` (and --help) import click and the command group only.
    statement = (
        "from gdcc_audit.cli.app import run; "
        "import contextlib, io; "
        "f = io.StringIO(); "
        "ctx = contextlib.redirect_stdout(f); ctx.__enter__(); "
        "code = run(['--version']); ctx.__exit__(None, None, None); "
        "assert code == 0 and 'version' in f.getvalue(), f.getvalue()"
    )
    assert _loaded_after(statement) == ["click"]


def test_public_api_names_resolve_lazily() -> None:
    import gdcc_audit
    from gdcc_audit.api import audit
    from gdcc_audit.models import AuditResult
    from gdcc_audit.settings import Settings

    assert gdcc_audit.audit is audit
    assert gdcc_audit.Settings is Settings
    assert gdcc_audit.AuditResult is AuditResult
    for name in gdcc_audit.__all__:
        assert getattr(gdcc_audit, name) is not None, name
    assert "audit" in dir(gdcc_audit)
    assert set(gdcc_audit.__all__) == {*gdcc_audit._LAZY, "__version__"}


def test_unknown_attribute_is_an_attribute_error() -> None:
    import gdcc_audit

    with pytest.raises(AttributeError, match="no_such_name"):
        gdcc_audit.no_such_name  # noqa: B018


def test_hook_run_with_graph_rules_loads_no_networkx_rich_or_jinja2(tmp_path: Path) -> None:
    # The pre-commit hook answers graph questions (internet paths) on a small Digraph and
    # prints plain lines: networkx (0.1-0.2 s to import), rich and jinja2 stay unloaded; with
    # the parse cache warm, so do tree-sitter and the process pool.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    args = ["hook", "--fail-on", "none", "--root", str(fixture)]
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "gdcc_audit", *args], env=env, check=True)
    statement = (
        "import contextlib, io; from gdcc_audit.cli.app import run; "
        "f = io.StringIO(); ctx = contextlib.redirect_stdout(f); ctx.__enter__(); "
        f"code = run({args!r}); "
        "ctx.__exit__(None, None, None); "
        "assert code == 0 and 'GDCC-GRAPH-001' in f.getvalue(), f.getvalue()"
    )
    # The Kubernetes loader (kustomize, Helm values, secret readers) only for YAML / JSON
    # inputs: the graph and the rules read its kinds from the leaf ``load.kube_kinds``.
    kubernetes_loader = ("gdcc_audit.load.kubernetes", "gdcc_audit.load.kustomize")
    # So do the CloudFormation, Heat and plan loaders (they claim parsed files only).
    kubernetes_loader += ("gdcc_audit.load.cloudformation", "gdcc_audit.load.cfn_include",
                          "gdcc_audit.load.heat", "gdcc_audit.load.tfplan")
    watched = (*HEAVY, "multiprocessing", "concurrent.futures.process", "tree_sitter_hcl",
               *kubernetes_loader)
    loaded = _loaded_after(statement, {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}, watched)
    unwanted = {"networkx", "rich", "jinja2", "weasyprint", "checkov", "tree_sitter",
                "tree_sitter_hcl", "multiprocessing", "concurrent.futures.process",
                "yaml",  # PyYAML: ~13 ms, only for YAML inputs (stop 33: pulled in at import)
                *kubernetes_loader}
    assert not unwanted & set(loaded), loaded
    assert {"pydantic", "gdcc_audit.api"} <= set(loaded)  # the check watches a real run


def test_a_json_scan_loads_no_xml_or_multiprocessing(tmp_path: Path) -> None:
    # GraphML is the only user of ElementTree (a scan never writes it); sharing a small
    # repository's parse with forked children needs no multiprocessing.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    out = tmp_path / "result.json"
    statement = (
        "from gdcc_audit.cli.app import run; "
        f"code = run(['scan', {str(fixture)!r}, '--format', 'json', '-o', {str(out)!r}, "
        "'--fail-on', 'none', '-q']); assert code == 0, code"
    )
    watched = ("xml.etree.ElementTree", "multiprocessing", "gdcc_audit.api")
    loaded = _loaded_after(statement, {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}, watched)
    assert loaded == ["gdcc_audit.api"]  # the check watches a real run
    assert out.stat().st_size > 0


def test_a_kubernetes_scan_loads_no_terraform_loader_or_provider_tables(tmp_path: Path) -> None:
    # The HCL loader and the Terraform provider tables (~80 modules, 10 % of a small
    # Kubernetes scan's CPU) load only for Terraform inputs; other stages import single
    # modules of those packages (``load.terraform.versions``, ``normalize.terraform.policy``).
    fixture = Path(__file__).parent / "fixtures" / "graph" / "kubernetes" / "exposed.yaml"
    out = tmp_path / "result.json"
    statement = (
        "from gdcc_audit.cli.app import run; "
        f"code = run(['scan', {str(fixture)!r}, '--format', 'json', '-o', {str(out)!r}, "
        "'--fail-on', 'none', '-q']); assert code == 0, code"
    )
    watched = (
        "gdcc_audit.api",
        "gdcc_audit.load.terraform.loader",
        "gdcc_audit.normalize.terraform.mapper",
        "gdcc_audit.normalize.terraform.registry",
    )
    loaded = _loaded_after(statement, {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}, watched)
    assert loaded == ["gdcc_audit.api"]  # the check watches a real run
    assert out.stat().st_size > 0


def test_a_terraform_scan_loads_no_kubernetes_or_cloudformation_mapper(tmp_path: Path) -> None:
    # The graph reads a few Kubernetes annotations and RBAC paths (small modules of their
    # own); the Kubernetes mapper and the CloudFormation builder load for their inputs only.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    out = tmp_path / "result.json"
    statement = (
        "from gdcc_audit.cli.app import run; "
        f"code = run(['scan', {str(fixture)!r}, '--format', 'json', '-o', {str(out)!r}, "
        "'--fail-on', 'none', '-q']); assert code == 0, code"
    )
    watched = (
        "gdcc_audit.normalize.terraform.registry",
        "gdcc_audit.normalize.kubernetes.mapper",
        "gdcc_audit.normalize.cloudformation.build",
    )
    loaded = _loaded_after(statement, {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}, watched)
    assert loaded == ["gdcc_audit.normalize.terraform.registry"]  # a real Terraform run
    assert out.stat().st_size > 0


#: The Terraform and CloudFormation mappers' heavy modules (the HCL parser, the Terraform
#: mapping context, the CloudFormation resource builder and the azurerm mappers).
_OTHER_FORMATS = (
    "gdcc_audit.load.terraform.ast",
    "gdcc_audit.normalize.terraform.context",
    "gdcc_audit.normalize.terraform.azurerm",
    "gdcc_audit.normalize.cloudformation.build",
)


def test_a_kubernetes_scan_does_not_load_the_terraform_or_cloudformation_mappers(
    tmp_path: Path,
) -> None:
    # a Kubernetes scan loaded them for a constant each (graph.aks_nodes, graph.port_forwards,
    # graph.azure, graph.control_plane, the Kubernetes mapper's MAPPING_ERRORS)
    (tmp_path / "web.yaml").write_text(
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n"
        "spec: {type: LoadBalancer, ports: [{port: 80}]}\n",
        encoding="utf-8",
    )
    statement = (
        "from gdcc_audit.api import audit; from pathlib import Path; "
        f"result = audit([Path({str(tmp_path)!r})]); assert result.resources"
    )
    assert _loaded_after(statement, watched=_OTHER_FORMATS) == []


#: Models a brief audit (the pre-commit hook) neither validates nor scores with: the tenant
#: manifest, the framework results and catalogs, scoring, the checkov run.
_NOT_FOR_A_BRIEF_AUDIT = (
    "gdcc_audit.models.tenant",
    "gdcc_audit.models.framework",
    "gdcc_audit.models.checkov",
    "gdcc_audit.frameworks.catalog",
    "gdcc_audit.score",
)


def test_a_hook_run_builds_no_tenant_framework_catalog_or_checkov_models(tmp_path: Path) -> None:
    # They were built at import (models/__init__.py, AuditResult's field types, api.py's
    # and the rules' tenant imports, frameworks.registry's catalog import, api.py's score
    # import): ~35 ms of the hook's ~0.5 s. AuditResult resolves those fields on first
    # validation; rules read the manifest's words from models.tenant_terms.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    args = ["hook", "--fail-on", "none", "--root", str(fixture)]
    env = {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "gdcc_audit", *args], env={**os.environ, **env},
                   check=True, capture_output=True)
    statement = (
        "import contextlib, io; from gdcc_audit.cli.app import run; "
        "f = io.StringIO(); ctx = contextlib.redirect_stdout(f); ctx.__enter__(); "
        f"code = run({args!r}); "
        "ctx.__exit__(None, None, None); "
        "assert code == 0 and 'GDCC-GRAPH-001' in f.getvalue(), f.getvalue()"
    )
    watched = ("gdcc_audit.models.result", *_NOT_FOR_A_BRIEF_AUDIT)
    assert _loaded_after(statement, env, watched) == ["gdcc_audit.models.result"]


def test_a_scan_still_scores_with_those_models(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    out = tmp_path / "result.json"
    statement = (
        "from gdcc_audit.cli.app import run; "
        f"code = run(['scan', {str(fixture)!r}, '--format', 'json', '-o', {str(out)!r}, "
        "'--fail-on', 'none', '-q']); assert code == 0, code"
    )
    env = {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    loaded = _loaded_after(statement, env, _NOT_FOR_A_BRIEF_AUDIT)
    assert loaded == sorted(_NOT_FOR_A_BRIEF_AUDIT)
    assert json.loads(out.read_text(encoding="utf-8"))["frameworks"]


#: A fresh interpreter: AuditResult imported alone, then used as pydantic builds it.
_RESULT_MODEL = """
import json, sys
from pydantic import BaseModel
from gdcc_audit.models.result import AuditResult
deferred = ("gdcc_audit.models.tenant", "gdcc_audit.models.framework", "gdcc_audit.models.checkov")
before = [m for m in deferred if m in sys.modules]
class Holder(BaseModel):  # a program's own model holding a result: built from AuditResult's fields
    result: AuditResult
data = {
    "tool_version": "1", "scanned_at": "2026-01-01T00:00:00Z",
    "tenants": [{"id": "moph", "agency": {"name_th": "ก", "name_en": "A"}}],
    "baseline": {"path": "old.json", "sha256": "ab", "known": 2, "new": 0},
}
case = sys.argv[1]
if case == "holder":
    result = Holder.model_validate({"result": data}).result
elif case == "validate":
    result = AuditResult.model_validate(data)
else:
    result = AuditResult.model_validate_json(json.dumps(data))
defs = AuditResult.model_json_schema()["$defs"]
named = ("Tenant", "TenantGrade", "CheckovRun", "WaiverRecord")
print(json.dumps([before, result.tenant.id, result.baseline.known,
                  sorted(d for d in named if d in defs)]))
"""


@pytest.mark.parametrize("case", ["holder", "validate", "json"])
def test_audit_result_builds_its_tenant_and_framework_fields_on_first_use(case: str) -> None:
    out = subprocess.run(
        [sys.executable, "-c", _RESULT_MODEL, case], capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == [
        [], "moph", 2, ["CheckovRun", "Tenant", "TenantGrade", "WaiverRecord"]
    ]


def test_a_terraform_hook_run_loads_no_kubernetes_workload_or_cloudformation_values(
    tmp_path: Path,
) -> None:
    # normalize.containers (ECS task definitions) took three small judgements from the
    # Kubernetes workload mapper, and elb_tls one reader from CloudFormation's values: a
    # Terraform-only hook run imported both modules (and the Kubernetes secret readers), about
    # 7 ms of its start-up. They load now for Kubernetes / CloudFormation inputs only.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    args = ["hook", "--fail-on", "none", "--root", str(fixture)]
    env = {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "gdcc_audit", *args], env={**os.environ, **env},
                   check=True, capture_output=True)
    statement = (
        "import contextlib, io; from gdcc_audit.cli.app import run; "
        "f = io.StringIO(); ctx = contextlib.redirect_stdout(f); ctx.__enter__(); "
        f"code = run({args!r}); "
        "ctx.__exit__(None, None, None); "
        "assert code == 0 and 'GDCC-GRAPH-001' in f.getvalue(), f.getvalue()"
    )
    watched = (
        "gdcc_audit.normalize.containers",
        "gdcc_audit.normalize.elb_tls",
        "gdcc_audit.normalize.kubernetes.workload",
        "gdcc_audit.secrets.kubernetes",
        "gdcc_audit.normalize.cloudformation.values",
    )
    # (the first two: the check watches the modules that imported the others)
    assert _loaded_after(statement, env, watched) == [
        "gdcc_audit.normalize.containers", "gdcc_audit.normalize.elb_tls",
    ]


def test_a_terraform_hook_run_builds_its_network_without_other_providers_graph_modules(
    tmp_path: Path,
) -> None:
    # graph.network (and graph.queries) imported AKS node pools, Kubernetes ingress classes
    # (with Traefik's file provider and tomllib), NetworkPolicy egress and proxies at their
    # own import: they load now when a resource of theirs is reached.
    fixture = Path(__file__).parent / "fixtures" / "graph" / "terraform" / "exposed"
    args = ["hook", "--fail-on", "none", "--root", str(fixture)]
    env = {"GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "gdcc_audit", *args], env={**os.environ, **env},
                   check=True, capture_output=True)
    statement = (
        "import contextlib, io; from gdcc_audit.cli.app import run; "
        "f = io.StringIO(); ctx = contextlib.redirect_stdout(f); ctx.__enter__(); "
        f"code = run({args!r}); "
        "ctx.__exit__(None, None, None); "
        "assert code == 0 and 'GDCC-GRAPH-001' in f.getvalue(), f.getvalue()"
    )
    watched = (
        "gdcc_audit.graph.network",
        "gdcc_audit.graph.aks_nodes",
        "gdcc_audit.graph.kube_classes",
        "gdcc_audit.graph.kube_egress",
        "gdcc_audit.graph.kube_proxies",
        "tomllib",
    )
    assert _loaded_after(statement, env, watched) == ["gdcc_audit.graph.network"]
