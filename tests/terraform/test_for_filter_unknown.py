"""A ``for`` expression whose ``if`` is not known for some items made the whole map UNKNOWN
(the AVM AKS module filters its body's ``properties`` by ``v != null``: one input not known
made every CLU rule UNKNOWN). The items whose filter is known are kept; each key whose filter
is not known may or may not be there: reading it is UNKNOWN, and so is anything computed from
the whole map (its length, keys, an iteration over it). Never a key dropped or kept on a guess."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown, evaluate_pending
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform.values import PartialMap
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.settings import Settings

#: ``local.u`` is not known in a constant scope
MAP = '{a = 1, b = null, c = local.u, d = "x"}'
FILTERED = f"{{for k, v in {MAP} : k => v if v != null}}"


def _value(source: str, pending: bool = False) -> Any:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    assert parsed.issues == []
    evaluate = evaluate_pending if pending else evaluate_or_unknown
    return evaluate(parsed.body.attributes["x"].expr, Context(ConstantScope()))


def test_the_known_items_are_kept_and_the_key_not_known_may_be_there() -> None:
    partial = _value(FILTERED, pending=True)
    assert isinstance(partial, PartialMap)
    assert (partial.items, partial.maybe) == ({"a": 1, "d": "x"}, frozenset({"c"}))
    # leaving the evaluator: b is known to be gone, c may be there (its value not known)
    assert _value(FILTERED) == {"a": 1, "c": UNKNOWN, "d": "x"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (f"{FILTERED}.a", 1),
        (f'{FILTERED}["d"]', "x"),
        (f"{FILTERED}.c", UNKNOWN),  # there or not: not known
        (f'try({FILTERED}.b, "gone")', "gone"),  # known to be filtered out
        (f"length({FILTERED})", UNKNOWN),  # 2 or 3
        (f"keys({FILTERED})", UNKNOWN),
        (f"[for k, v in {FILTERED} : k]", UNKNOWN),
        (f"{FILTERED} != null", True),  # a for expression is never null
        (f"{{p = {FILTERED}}}", {"p": {"a": 1, "c": UNKNOWN, "d": "x"}}),
        # a list: where each later item is, is not known
        (f"[for k, v in {MAP} : v if v != null]", UNKNOWN),
        # a key both kept and maybe kept: a duplicate if it is kept
        (f'{{for k, v in {MAP} : "same" => k if v != null && k != "d"}}', UNKNOWN),
        # a group with an item known to be there and one that may be: there, its list not known
        (f'{{for k, v in {MAP} : (k == "d" ? "y" : "z") => k... if v != null}}',
         {"y": ["d"], "z": UNKNOWN}),
        # a key that is not known, for an item that may be there
        (f"{{for k, v in {MAP} : local.w => v if v != null}}", UNKNOWN),
    ],
)
def test_reads_of_a_partly_known_map(source: str, expected: Any) -> None:
    assert _value(source) == expected


AKS = """\
variable "aad" {}
locals {
  props = {
    dnsPrefix              = "hardened"
    disableLocalAccounts   = true
    apiServerAccessProfile = { enablePrivateCluster = true }
    aadProfile             = var.aad == null ? null : { managed = true, enableAzureRBAC = var.aad }
    agentPoolProfiles      = [{ name = "system", vmSize = "Standard_D2s_v5", count = 1 }]
    networkProfile         = { networkPlugin = "azure", networkPolicy = "calico" }
    oidcIssuerProfile      = null
    securityProfile = {
      azureKeyVaultKms = { enabled = true, keyId = "https://kv.vault.azure.net/keys/k/1" }
    }
  }
}
resource "azapi_resource" "aks" {
  type      = "Microsoft.ContainerService/managedClusters@2026-03-01"
  name      = "aks"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = { for k, v in local.props : k => v if v != null }
  }
}
"""


def test_an_azapi_cluster_whose_filtered_properties_are_partly_known(tmp_path: Path) -> None:
    """``aadProfile`` is not known (an input without a value); every other property is read:
    before, every CLU rule was UNKNOWN."""
    (tmp_path / "main.tf").write_text(AKS, encoding="utf-8")
    rules = ["GDCC-CLU-001", "GDCC-CLU-002", "GDCC-CLU-004", "GDCC-CLU-005", "GDCC-CLU-006"]
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {f.rule_id: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "GDCC-CLU-001": ("PASS", "Kubernetes Secrets are encrypted with a managed key"),
        "GDCC-CLU-002": ("PASS", "The cluster API server has a private endpoint only"),
        "GDCC-CLU-004": ("PASS", "The cluster enforces NetworkPolicy"),
        "GDCC-CLU-005": ("PASS", "Cluster nodes have no public IP addresses"),
        "GDCC-CLU-006": ("PASS", "Cluster access uses directory identities, not local accounts"),
    }


def test_a_property_that_may_be_there_is_not_taken_for_its_default(tmp_path: Path) -> None:
    """``apiServerAccessProfile`` may be there (its filter is not known): the API server is
    not taken to be public by the ARM default (it was UNKNOWN before for the whole map)."""
    text = AKS.replace(
        "apiServerAccessProfile = { enablePrivateCluster = true }",
        "apiServerAccessProfile = var.aad == null ? null : { enablePrivateCluster = true }",
    )
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-CLU-002", "GDCC-CLU-004"]))
    found = {f.rule_id: f.status.value for f in result.findings}
    assert found == {"GDCC-CLU-002": "UNKNOWN", "GDCC-CLU-004": "PASS"}


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # defaults, then the values set: a default the filter may override is there, its
        # value not known
        (f"merge({{c = 0, z = 9}}, {FILTERED})", {"a": 1, "c": UNKNOWN, "d": "x", "z": 9}),
        (f"merge({FILTERED}, {{c = 0}})", {"a": 1, "c": 0, "d": "x"}),  # set after: known
        (f"merge({FILTERED}, {{q = 1}}).a", 1),
        (f"merge({FILTERED}, {{q = 1}}).c", UNKNOWN),
        (f"length(merge({FILTERED}, {{q = 1}}))", UNKNOWN),
    ],
)
def test_merge_keeps_a_partly_known_map(source: str, expected: Any) -> None:
    assert _value(source) == expected
