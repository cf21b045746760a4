"""Azure storage: ``allow_nested_items_to_be_public`` (true by default) lets containers opt in
to anonymous read; it makes nothing public by itself. It is the account's guard rail, judged by
GDCC-DATA-006 like S3 Block Public Access. GDCC-DATA-001 FAILs an account only when something
makes it readable by anyone: a public container of it in the scan, or a static website. Every
account without the attribute was FAIL "anyone on the internet can read this store"
(terraform-provider-azurerm's examples: 23 accounts with only private containers or none)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNT = """\
resource "azurerm_storage_account" "{name}" {{
  name                     = "{name}"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
{extra}}}
"""


def _account(name: str, extra: str = "") -> str:
    return ACCOUNT.format(name=name, extra=extra)


def _container(name: str, account: str, access: str, by_name: bool = False) -> str:
    target = (
        f"storage_account_name  = azurerm_storage_account.{account}.name"
        if by_name
        else f"storage_account_id    = azurerm_storage_account.{account}.id"
    )
    return (
        f'resource "azurerm_storage_container" "{name}" {{\n  name                  = "{name}"\n'
        f'  {target}\n  container_access_type = "{access}"\n}}\n'
    )


LOCKED = "  allow_nested_items_to_be_public = false\n"
TF = "\n".join(
    [
        _account("defaults"),
        _container("private", "defaults", "private"),
        _account("withpublic"),
        _container("blob", "withpublic", "blob", by_name=True),
        _container("cont", "withpublic", "container"),
        _account("locked", LOCKED),
        _container("blocked", "locked", "blob"),
        _account("site", LOCKED + '  static_website {\n    index_document = "index.html"\n  }\n'),
        _account("site2", LOCKED),
        'resource "azurerm_storage_account_static_website" "site2" {\n'
        "  storage_account_id = azurerm_storage_account.site2.id\n"
        '  index_document     = "index.html"\n}\n',
    ]
)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_anonymous_access_switch_is_a_guard_rail_not_a_leak(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-006")))
    found = {(f.rule_id, f.address or ""): f for f in result.findings}
    data1 = {a: f.status for (r, a), f in found.items() if r == "GDCC-DATA-001"}
    assert data1 == {
        "azurerm_storage_account.defaults": Status.PASS,  # was FAIL
        "azurerm_storage_container.private": Status.PASS,
        "azurerm_storage_account.withpublic": Status.FAIL,
        "azurerm_storage_container.blob": Status.FAIL,
        "azurerm_storage_container.cont": Status.FAIL,
        "azurerm_storage_account.locked": Status.PASS,
        "azurerm_storage_container.blocked": Status.PASS,  # the account refuses it
        "azurerm_storage_account.site": Status.FAIL,  # was PASS
        "azurerm_storage_account.site2": Status.FAIL,  # was PASS
    }
    at = tmp_path / "main.tf"  # the path as the user gave it
    blob = _line(TF, 'azurerm_storage_container" "blob"')
    cont = _line(TF, 'azurerm_storage_container" "cont"')
    assert found[("GDCC-DATA-001", "azurerm_storage_account.withpublic")].evidence[
        "granted_by"
    ] == [
        f"container_access_type blob by azurerm_storage_container.blob at {at}:{blob}",
        f"container_access_type container by azurerm_storage_container.cont at {at}:{cont}",
    ]
    site = _line(TF, 'azurerm_storage_account" "site"')
    assert found[("GDCC-DATA-001", "azurerm_storage_account.site")].message.en == (
        "anyone on the internet can read this store: static website ($web container served "
        f"to anyone) by azurerm_storage_account.site at {at}:{site}"
    )
    website = _line(TF, 'azurerm_storage_account_static_website" "site2"')
    assert found[("GDCC-DATA-001", "azurerm_storage_account.site2")].evidence["granted_by"] == [
        "static website ($web container served to anyone) by "
        f"azurerm_storage_account_static_website.site2 at {at}:{website}"
    ]
    data6 = {a: f.status for (r, a), f in found.items() if r == "GDCC-DATA-006"}
    assert data6 == {
        "azurerm_storage_account.defaults": Status.FAIL,
        "azurerm_storage_account.withpublic": Status.FAIL,
        "azurerm_storage_account.locked": Status.PASS,
        "azurerm_storage_account.site": Status.PASS,
        "azurerm_storage_account.site2": Status.PASS,
        # the switch is the account's
        "azurerm_storage_container.private": Status.NOT_APPLICABLE,
        "azurerm_storage_container.blob": Status.NOT_APPLICABLE,
        "azurerm_storage_container.cont": Status.NOT_APPLICABLE,
        "azurerm_storage_container.blocked": Status.NOT_APPLICABLE,
    }
    assert found[("GDCC-DATA-006", "azurerm_storage_account.defaults")].message.en == (
        "public-access prevention is off (provider default: "
        "'allow_nested_items_to_be_public' not set)"
    )
