"""Plugin system: hooks documented, built-ins are plugins, third-party packs via entry points."""

from __future__ import annotations

import importlib
import inspect
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gdcc_audit import hookspecs
from gdcc_audit.errors import PluginError
from gdcc_audit.evaluate.rule import Rule, passed, rule
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.normalize.plugin import BUILTIN as MAPPERS
from gdcc_audit.plugins import DEFAULT_PLUGINS, collect, make_plugin_manager
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HOOKS = [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
         if hasattr(fn, "gdcc_audit_spec")]


def test_every_hook_has_a_docstring_and_is_in_the_docs() -> None:
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    assert len(HOOKS) >= 7
    for name in HOOKS:
        assert (getattr(hookspecs, name).__doc__ or "").strip(), name
        assert f"`{name}`" in docs, f"{name} is not documented in docs/plugins.md"


def test_builtins_are_registered_as_plugins() -> None:
    manager = make_plugin_manager(entry_points=False)
    names = {manager.get_name(p) for p in manager.get_plugins()}
    assert set(DEFAULT_PLUGINS) <= names


def test_manager_is_built_fresh_each_time() -> None:
    assert make_plugin_manager(entry_points=False) is not make_plugin_manager(entry_points=False)


META = {
    "title": {"th": "ก", "en": "a"}, "rationale": {"th": "ก", "en": "a"},
    "remediation": {"th": "ก", "en": "a"}, "severity": "low", "kinds": ["storage.bucket"],
    "controls": ["ISO27001-2022:A.5.9"],
}


def test_a_plugin_object_adds_rules() -> None:
    extra = rule(id="X-PLUG-001", **META)(lambda r, c: passed())

    class Plugin:
        @hookimpl
        def register_rules(self) -> list[Rule]:
            return [extra]

    registry = collect(make_plugin_manager(entry_points=False, plugins=(Plugin(),)), Settings())
    assert registry.rule("X-PLUG-001") is extra


def test_duplicate_rule_id_is_a_plugin_error() -> None:
    class Plugin:
        @hookimpl
        def register_rules(self) -> list[Rule]:
            return [rule(id="GDCC-NET-001", **META)(lambda r, c: passed())]

    manager = make_plugin_manager(entry_points=False, plugins=(Plugin(),))
    with pytest.raises(PluginError, match="rule id GDCC-NET-001 is registered twice"):
        collect(manager, Settings())


def test_unknown_hook_is_rejected() -> None:
    class Plugin:
        @hookimpl
        def register_rulez(self) -> list[Rule]:
            return []

    with pytest.raises(PluginError, match="register_rulez"):
        make_plugin_manager(entry_points=False, plugins=(Plugin(),))


@pytest.mark.slow
def test_installed_third_party_pack_is_found_through_its_entry_point(tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
         "--no-index", "--target", str(target), str(ROOT / "examples" / "plugin-pack")],
        check=True,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    bucket = tmp_path / "tenant.yaml"
    bucket.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Tenant\nmetadata: {name: t}\n"
        "agency: {name_th: ก, name_en: A}\n"
        "resources:\n  - {id: tagged, kind: storage.bucket, tags: {owner: it}}\n"
        "  - {id: untagged, kind: storage.bucket}\n"
    )
    out = subprocess.run(
        [sys.executable, "-m", "gdcc_audit", "scan", str(bucket), "--rules", "ACME-TAG-001",
         "--format", "json", "--fail-on", "none", "--full-findings"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout
    import json

    from gdcc_audit.models.result_layout import expanded

    findings = {(f["resource_name"], f["status"]) for f in expanded(json.loads(out))["findings"]}
    assert findings == {("tagged", "PASS"), ("untagged", "FAIL")}


def test_builtin_mappers_load_on_first_use_and_declare_the_real_formats() -> None:
    from gdcc_audit.normalize.plugin import BUILTIN

    for proxy in BUILTIN:
        module, name = proxy.target.split(":")
        real = getattr(importlib.import_module(module), name)
        assert proxy.formats == real.formats, proxy
        assert isinstance(proxy().mapper, real)


def test_builtin_reporters_load_on_first_use_and_declare_the_real_format() -> None:
    from gdcc_audit.report.plugin import BUILTIN

    assert [p.format for p in BUILTIN] == [
        "console", "json", "html", "pdf", "sarif", "junit", "csv", "oscal"
    ]
    for proxy in BUILTIN:
        module, name = proxy.target.split(":")
        real = getattr(importlib.import_module(module), name)
        assert (proxy.format, proxy.extension, proxy.binary) == (
            real.format,
            real.extension,
            real.binary,
        ), proxy
        assert isinstance(proxy().reporter, real)
        for full in (False, True):
            options = ReportOptions(full_findings=full)
            assert proxy().needs_every_finding(options) == real().needs_every_finding(options)
        # A proxy answers from a declared value unless the real class decides from the options.
        decides = real.needs_every_finding is not Reporter.needs_every_finding
        assert proxy.passing_by_options == decides, proxy


def test_a_json_run_imports_no_other_reporter(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from gdcc_audit.cli.app import main\n"
        "sys.argv = ['gdcc-audit', 'scan', sys.argv[1], '--format', 'json', '-q']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "names = ('console', 'csv', 'html', 'pdf', 'sarif', 'junit', 'oscal')\n"
        "print(sorted(n for n in names if 'gdcc_audit.report.' + n in sys.modules))\n"
    )
    (tmp_path / "main.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n')
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "main.tf")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GDCC_AUDIT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_the_terraform_loader_loads_on_first_use_and_claims_what_the_real_one_claims() -> None:
    from gdcc_audit.load.plugin import TerraformOnFirstUse
    from gdcc_audit.load.terraform import TerraformLoader
    from gdcc_audit.load.terraform.names import JSON_SUFFIXES

    proxy = TerraformOnFirstUse()
    assert (proxy.name, proxy.suffixes, proxy.json_suffixes) == (
        TerraformLoader.name,
        TerraformLoader.suffixes,
        TerraformLoader.json_suffixes,
    )
    assert TerraformLoader.json_suffixes == (*JSON_SUFFIXES, ".tfvars.json")
    for name in ("main.tf", "a.tofu", "b.tf.json", "d.tofu.json", "c.tfvars", "x.yaml", "x.tf.bak"):
        assert proxy.claim(Path(name), None) == TerraformLoader().claim(Path(name), None), name
    assert isinstance(proxy.loader, TerraformLoader)


def test_the_kubernetes_loader_loads_on_first_parsed_file_and_claims_what_the_real_one_claims(
    tmp_path: Path,
) -> None:
    # A Terraform-only run (the pre-commit hook on a .tf file) offers no parsed YAML / JSON
    # file: the Kubernetes loader (kustomize, Helm, secret readers) stays unimported.
    from gdcc_audit.load.interface import Loader, ParsedFile
    from gdcc_audit.load.kubernetes import KubernetesLoader
    from gdcc_audit.load.plugin import KubernetesOnFirstUse
    from gdcc_audit.load.yamltree import LocatedDocument

    proxy = KubernetesOnFirstUse()
    real = KubernetesLoader()
    assert (proxy.name, proxy.suffixes) == (real.name, real.suffixes) == ("kubernetes", ())
    assert type(real).with_options is Loader.with_options  # the stand-in has no options
    names = ("main.tf", "kustomization.yaml", "values.yaml", "helmfile.yaml", "pod.yaml", "a.json")
    for name in names:
        assert proxy.claim(Path(name), None) is real.claim(Path(name), None) is False, name
    assert proxy._loader is None
    pod = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}
    crd = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}
    for data, claimed in ((pod, True), (crd, False)):
        parsed = ParsedFile(tmp_path / "x.yaml", "0" * 64, [LocatedDocument(data)])
        assert proxy.claim(parsed.path, parsed) is real.claim(parsed.path, parsed) is claimed
    assert isinstance(proxy.loader, KubernetesLoader)


#: Parsed documents each template / plan loader claims, and one none of them claims.
_CFN = {"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"B": {"Type": "AWS::S3::Bucket"}}}
_HOT = {"heat_template_version": "2018-08-31", "resources": {}}
_ENV = {"parameter_defaults": {"flavor": "m1.small"}}
_PLAN = {"format_version": "1.2", "planned_values": {"root_module": {}}}
_POD = {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}


@pytest.mark.parametrize(
    ("stand_in", "real", "claims"),
    [
        ("TerraformPlanOnFirstUse", "gdcc_audit.load.tfplan:TerraformPlanLoader", [_PLAN]),
        ("CloudFormationOnFirstUse", "gdcc_audit.load.cloudformation:CloudFormationLoader",
         [_CFN]),
        ("HeatOnFirstUse", "gdcc_audit.load.heat:HeatLoader", [_HOT, _ENV]),
    ],
)
def test_the_template_and_plan_loaders_load_on_first_parsed_file_and_claim_as_the_real_ones(
    tmp_path: Path, stand_in: str, real: str, claims: list[dict[str, object]]
) -> None:
    # As the Kubernetes loader: a Terraform-only run (the pre-commit hook on .tf files)
    # offers them no parsed YAML / JSON file, so CloudFormation's loader (Fn::ForEach,
    # AWS::Include, rain, parameter defaults), Heat's and the plan reader stay unimported.
    from gdcc_audit.lazy import build_target
    from gdcc_audit.load import plugin
    from gdcc_audit.load.interface import Loader, ParsedFile
    from gdcc_audit.load.yamltree import LocatedDocument

    proxy = getattr(plugin, stand_in)()
    loader = build_target(real)
    assert (proxy.name, proxy.suffixes) == (loader.name, loader.suffixes)
    assert loader.suffixes == ()  # claims parsed files only: what the stand-in relies on
    assert type(loader).with_options is Loader.with_options  # the stand-in has no options
    for name in ("main.tf", "template.yaml", "plan.json", "env.yaml", "a.template"):
        assert proxy.claim(Path(name), None) is loader.claim(Path(name), None) is False, name
    assert proxy._loader is None
    every = [_CFN, _HOT, _ENV, _PLAN, _POD]
    for data in every:
        parsed = ParsedFile(tmp_path / "x.yaml", "0" * 64, [LocatedDocument(data)])
        assert proxy.claim(parsed.path, parsed) is loader.claim(parsed.path, parsed) is (
            data in claims
        ), data
    assert type(proxy.loader) is type(loader)
    assert [type(x).__name__ for x in plugin.register_loaders()] == [
        "ManifestLoader", "TerraformOnFirstUse", "TerraformPlanOnFirstUse",
        "CloudFormationOnFirstUse", "HeatOnFirstUse", "KubernetesOnFirstUse",
    ]


@pytest.mark.parametrize("mapper", [m.target for m in MAPPERS], ids=lambda t: t.split(":")[1])
def test_each_builtin_mapper_imports_on_its_own(mapper: str) -> None:
    """A mapper loaded first, in a fresh interpreter, imports without the others (a scan of
    CloudFormation alone, a plugin that uses one mapper): ``import
    gdcc_audit.normalize.cloudformation.mapper`` failed on a circular import through
    ``normalize/dynamodb_transport.py`` unless the Terraform package was imported first."""
    module, name = mapper.split(":")
    run = subprocess.run(
        [sys.executable, "-c", f"import {module} as m; m.{name}"],
        capture_output=True, text=True, check=False, env={**os.environ},
    )
    assert run.returncode == 0, run.stderr
