"""The Terraform type tables load one provider at a time (normalize/terraform/registry.py).

Before, every provider's mapper modules (azurerm, AzAPI, Alibaba Cloud, Huawei Cloud, OpenStack,
Kubernetes ...) were imported for any Terraform scan, the pre-commit hook's AWS-only file too.
Now a type's prefix says which modules to import (``registry.PROVIDERS``); these tests check
that table against the modules' own tables, that the merged tables are what merging every
module at once gives, and that an AWS-only scan imports no other provider's modules.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from gdcc_audit.normalize.terraform import registry

#: The tables a provider module may hold, keyed by type name.
_TABLES = (
    "MAPPINGS", "COMPANIONS", "EXTRAS", "ALSO_MAPPED", "ALONE_WHEN_UNCERTAIN",
    "NOT_JUDGED_WHEN_NONE", "STANDALONE", "NEW_TYPES", "ADDS_NOTHING_WHEN",
)


def _module(name: str) -> ModuleType:
    return importlib.import_module(f"gdcc_audit.normalize.terraform.{name}")


def test_the_prefix_table_names_every_module_holding_a_type_of_each_prefix() -> None:
    found: dict[str, set[str]] = {}
    names = {*registry.MODULES, *registry.EXTRA_MODULES, *registry.NOT_JUDGED_MODULES}
    for name in sorted(names):
        module = _module(name)
        for table in _TABLES:
            for type_name in getattr(module, table, None) or ():
                found.setdefault(registry.prefix(type_name), set()).add(name)
    assert {p: set(m) for p, m in registry.PROVIDERS.items()} == found


def _sources(function: Any) -> list[Any]:
    """The extra-facet functions ``registry._both`` joined, in the order they were merged."""
    if getattr(function, "__qualname__", "") != "_both.<locals>.extra":
        return [function]
    cells = dict(zip(function.__code__.co_freevars, function.__closure__, strict=True))
    return _sources(cells["second"].cell_contents) + _sources(cells["first"].cell_contents)


def test_the_tables_are_what_merging_every_module_at_once_gives() -> None:
    extras = _module("extras")
    modules = [_module(name) for name in registry.MODULES]
    mappings: dict[str, Any] = {}
    companions: dict[str, Any] = {}
    for module in modules:
        mappings.update(module.MAPPINGS)
        companions.update(getattr(module, "COMPANIONS", {}))
    companions.update(extras.COMPANIONS)
    mappings.update(extras.STANDALONE)
    mappings.update(extras.NEW_TYPES)
    assert dict(registry.MAPPINGS.items()) == mappings  # the same functions
    assert dict(registry.COMPANIONS.items()) == companions
    assert set(registry.COMPANION_TYPES) == set(companions)
    eager = registry._extras(*(_module(name).EXTRAS for name in registry.EXTRA_MODULES))
    assert {k: _sources(v) for k, v in registry.EXTRAS.items()} == {
        k: _sources(v) for k, v in eager.items()
    }
    assert any(len(_sources(v)) > 1 for v in eager.values())  # merged ones are compared too
    for table in ("ALSO_MAPPED", "ALONE_WHEN_UNCERTAIN"):
        joined = set().union(*(getattr(m, table, ()) for m in modules))
        assert set(getattr(registry, table)) == joined, table
    inert = {k: v for m in modules for k, v in getattr(m, "ADDS_NOTHING_WHEN", {}).items()}
    assert dict(registry.ADDS_NOTHING_WHEN.items()) == inert
    assert inert  # (the table is compared with something)
    not_judged = [_module(n).NOT_JUDGED_WHEN_NONE for n in registry.NOT_JUDGED_MODULES]
    assert set(registry.NOT_JUDGED_WHEN_NONE) == set().union(*not_judged)
    assert frozenset(companions) == registry.COMPANION_TYPES
    assert hash(registry.COMPANION_TYPES) == hash(frozenset(companions))


#: Modules of the providers an AWS-only input does not use.
_OTHER_PROVIDERS = tuple(
    f"gdcc_audit.normalize.terraform.{name}"
    for name in (
        "azurerm", "azapi", "azure_identity", "azure_exposure", "azure_diagnostics", "services",
        "alicloud", "huaweicloud", "openstack", "kubernetes", "google_firewalls",
        "google_functions",
        # the shared mappers read a template or a custom role from the leaf google_refs, and
        # the mapper asks google / google_lb for Google types only (before, every Terraform
        # scan imported google, google_proxies and google_lb)
        "google", "google_proxies", "google_lb",
    )
)

_AWS = """
resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  count  = var.versioned ? 1 : 0
  versioning_configuration {
    status = "Enabled"
  }
}

variable "versioned" {
  default = false
}
"""


def _loaded(statement: str, cache: Path) -> dict[str, Any]:
    watched = (*_OTHER_PROVIDERS, "gdcc_audit.normalize.terraform.aws_storage")
    code = (
        f"import json, sys; {statement}; "
        f"print(json.dumps({{'loaded': sorted(m for m in {watched!r} if m in sys.modules), "
        "'out': out}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={**os.environ, "GDCC_AUDIT_CACHE_DIR": str(cache)},
    )
    found: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_an_aws_only_scan_imports_no_other_providers_mapper_modules(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_AWS, encoding="utf-8")
    statement = (
        "from gdcc_audit import audit, Settings; "
        f"r = audit([{str(tmp_path)!r}], Settings(rule_ids=('GDCC-DATA-005',))); "
        "out = [(f.address, f.status.value, f.evidence.get('value_set_at')) for f in r.findings]"
    )
    found = _loaded(statement, tmp_path / "cache")
    assert found["loaded"] == ["gdcc_audit.normalize.terraform.aws_storage"]
    # the versioning companion that count makes 0 was read (its type loaded on the way)
    # (the variable's default, line 15, turns it off)
    line = f"{tmp_path}/main.tf:15"
    assert found["out"] == [["aws_s3_bucket.logs", "FAIL", {"versioning": line}]]


def test_a_type_looked_up_loads_its_providers_modules_only(tmp_path: Path) -> None:
    statement = (
        "from gdcc_audit.normalize.terraform import registry; "
        "first = ['azurerm_storage_account' in registry.MAPPINGS, "
        "'aws_s3_bucket_versioning' in registry.COMPANION_TYPES, "
        "registry.MAPPINGS.get('random_password'), "
        "'openstack_compute_instance_v2' in registry.MAPPINGS]; "
        "azure = 'gdcc_audit.normalize.terraform.azurerm' in sys.modules; "
        "out = [first, azure]"
    )
    found = _loaded(statement, tmp_path / "cache")
    assert found["out"] == [[True, True, None, True], True]
    loaded = {name.rpartition(".")[2] for name in found["loaded"]}
    assert {"azurerm", "azure_identity", "services", "openstack", "aws_storage"} <= loaded
    assert not loaded & {"kubernetes", "alicloud", "google_firewalls", "google_functions"}
