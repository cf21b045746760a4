"""``distinct`` / ``toset`` of texts known only in part (``"web-${var.env}"``): when no two
items may be equal (their written heads or tails differ), the list is known in length, so a
``count = length(distinct(...))`` gives one instance per item. Before, any text not wholly
known made the whole result unknown (one instance, its index not known). Items that may be
equal (``web-${var.env}`` twice, or ``${var.env}`` beside anything) still leave it unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.load.discover import discover
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.settings import Settings

TEMPLATE = """\
variable "env" {
  type = string
}
resource "azurerm_network_security_group" "g" {
  count               = length(ITEMS)
  name                = "nsg-${count.index}"
  location            = "southeastasia"
  resource_group_name = "rg"
}
"""


def _addresses(tmp_path: Path, items: str) -> list[str]:
    (tmp_path / "main.tf").write_text(TEMPLATE.replace("ITEMS", items), encoding="utf-8")
    loader, settings = TerraformLoader(), Settings()
    found = discover([tmp_path], [loader], settings)
    addresses: list[str] = []
    for item in loader.load(found.claims.get(loader.name, []), settings):
        assert isinstance(item.data, TfDocument)
        addresses.extend(r.address for r in item.data.resources)
    return sorted(addresses)


@pytest.mark.parametrize(("items", "count"), [
    ('distinct(["web-${var.env}", "db-${var.env}", "ops", "ops"])', 3),
    ('toset(["a-${var.env}", "b-${var.env}"])', 2),
    # one known text that the partial one cannot be ("ops" does not end in "-x")
    ('distinct(["${var.env}-x", "ops"])', 2),
])
def test_partial_texts_that_cannot_meet_are_counted(
    tmp_path: Path, items: str, count: int
) -> None:
    assert _addresses(tmp_path, items) == [
        f"azurerm_network_security_group.g[{i}]" for i in range(count)
    ]


@pytest.mark.parametrize("items", [
    'distinct(["web-${var.env}", "web-${var.env}"])',
    'distinct(["${var.env}-a", "${var.env}"])',
    'distinct(["${var.env}-x", "ops-x"])',
    'toset(["a-${var.env}", var.env])',
])
def test_texts_that_may_be_equal_stay_unknown(tmp_path: Path, items: str) -> None:
    assert _addresses(tmp_path, items) == ["azurerm_network_security_group.g"]
