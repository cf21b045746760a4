"""Azure data, AI and integration services judged for their network reach: each answers every
network unless its public network access is off or its own firewall narrows it (the default
each azurerm page states is cited on the function).

- ``azurerm_kusto_cluster`` (Azure Data Explorer), a database: GDCC-NET-002. Every query and
  command is authenticated with a Microsoft Entra ID token ("a client must communicate with
  Microsoft Entra ID and request an access token", learn.microsoft.com/azure/data-explorer/
  kusto/access-control): no anonymous access, directory sign-in only.
- ``azurerm_cognitive_account`` and ``azurerm_ai_services`` (Azure AI services, Azure OpenAI),
  ``azurerm_ai_foundry``, ``azurerm_data_factory``, ``azurerm_batch_account``,
  ``azurerm_app_configuration``, ``azurerm_purview_account``: service endpoints judged by
  GDCC-NET-004 (``analytics.workspace``).
- ``azurerm_container_registry``: its registry endpoint (GDCC-NET-004) beside anonymous pull
  (``keyed``, GDCC-DATA-001).
- ``azurerm_container_group`` (Azure Container Instances): serverless containers
  (``compute.function``, as container apps are) whose ports answer the internet on a public
  IP address unless ``ip_address_type`` is ``Private`` or ``None`` (GDCC-NET-004).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.azurerm import _open_to_all
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.keyed import TABLES
from gdcc_audit.normalize.terraform.values import block, blocks, flag, string_list, text

_DOCS = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
WORKSPACE = "analytics.workspace"


def _ranges_open(listed: tuple[str, ...] | None) -> bool | None:
    """Whether an allow-list of address ranges lets every address in: none listed (the
    service's public endpoint then admits all), or one that opens to the internet."""
    if listed is None:
        return None
    return not listed or cidr.open_to_internet(listed)


def _acl_open(acl: Mapping[str, Any] | None, rules: str, address: str | None) -> bool | None:
    """Whether a ``default_action`` firewall block (``network_acls``, ``network_rule_set``)
    lets every address in: no block, ``default_action = "Allow"`` (the other entries then
    narrow nothing), or ``Deny`` with an entry that opens to the internet. ``rules``: the
    name of its IP entries; ``address``: the attribute of each entry (None: plain strings)."""
    if acl is None:
        return None
    if not acl:
        return True
    action = text(acl, "default_action", "Allow")
    if action is None:
        return None
    if action.lower() != "deny":
        return True
    if address is None:
        listed = string_list(acl, rules)
    else:
        entries = blocks(acl, rules)
        listed = None if entries is None else _strings([e.get(address) for e in entries])
    if listed is None:
        return None
    return cidr.open_to_internet(listed) if listed else False


def _strings(items: list[Any]) -> tuple[str, ...] | None:
    if any(item is UNKNOWN or not isinstance(item, str) for item in items):
        return None
    return tuple(items)


def kusto_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_kusto_cluster``: ``public_network_access_enabled`` "Defaults to ``true``";
    ``allowed_ip_ranges`` ("The list of ips in the format of CIDR allowed to connect to the
    cluster"), none listed: every address (_DOCS + kusto_cluster). Its data is kept in Azure
    Storage, encrypted at rest with Microsoft-managed keys unless a customer key is set
    (learn.microsoft.com/azure/data-explorer/cluster-encryption-overview; "Azure storage is
    encrypted at rest, however computing resources can additionally use disk encryption",
    azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ADX.DiskEncryption).
    Whether its endpoints refuse unencrypted connections is not documented: not known."""
    firewall = _ranges_open(string_list(r.values, "allowed_ip_ranges"))
    return "database.instance", Facets(
        encrypted_at_rest=True,
        public_endpoint=_open_to_all(r, ctx, firewall),
        public_access=False,
        public_grants=(),
        directory_auth=True,
    )


def cognitive_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_cognitive_account`` (Azure AI services, Azure OpenAI): public network
    access "Defaults to ``true``"; ``network_acls`` narrows it with ``default_action =
    "Deny"`` and ``ip_rules`` (_DOCS + cognitive_account)."""
    firewall = _acl_open(block(r.values, "network_acls"), "ip_rules", None)
    return WORKSPACE, Facets(public_endpoint=_open_to_all(r, ctx, firewall))


def batch_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_batch_account``: public network access "Defaults to ``true``"; a
    ``network_profile.account_access`` block narrows the account endpoint (its
    ``default_action`` "Defaults to ``Deny``", ``ip_rule`` entries let ranges in);
    no such block: every address (_DOCS + batch_account)."""
    profile = block(r.values, "network_profile")
    access = None if profile is None else block(profile, "account_access")
    firewall: bool | None
    if access is None:
        firewall = None
    elif not access:
        firewall = True
    else:
        action = text(access, "default_action", "Deny")
        firewall = None if action is None else _acl_open(
            {**access, "default_action": action}, "ip_rule", "ip_range")
    return WORKSPACE, Facets(public_endpoint=_open_to_all(r, ctx, firewall))


def data_factory(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_data_factory``: ``public_network_enabled`` "Is the Data Factory visible to
    the public network? Defaults to ``true``" (_DOCS + data_factory; ``normalize.defaults``
    labels the default)."""
    return WORKSPACE, Facets(public_endpoint=flag(r.values, "public_network_enabled", True))


#: Why an App Configuration store's reach is not known when ``public_network_access`` is
#: not written.
_APP_CONFIG_AUTOMATIC = Text(
    en="public_network_access is not written: the store is created with 'Automatic' access, "
    "public unless a private endpoint connects to it (which may be outside the input)",
    th="ไม่ได้กำหนด public_network_access จึงสร้างด้วยค่า 'Automatic' ซึ่งเปิดสาธารณะเว้นแต่มี "
    "private endpoint เชื่อมต่ออยู่ (ซึ่งอาจอยู่นอกข้อมูลที่ตรวจ)",
)


#: Where an ``azurerm_private_endpoint`` names the resource it connects to.
_PRIVATE_TARGET = "private_service_connection.0.private_connection_resource_id"


def app_configuration(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_app_configuration``: ``public_network_access`` ``Enabled`` or ``Disabled``;
    not written, "the App Configuration will be created as ``Automatic``" (_DOCS +
    app_configuration): public network access on until a private endpoint is connected
    (learn.microsoft.com/azure/azure-app-configuration/howto-disable-public-access). A private
    endpoint of the scan that names the store closes it; without one, whether one exists
    elsewhere is not known."""
    written = r.values.get("public_network_access")
    public: bool | None
    if written is None:
        endpoints = ctx.related(["azurerm_private_endpoint"])
        linked, _ = ctx.naming(endpoints, _PRIVATE_TARGET, [r.type], r)
        public = False if linked else None
        if public is None:
            ctx.note(r, "public_endpoint", None, unknown=_APP_CONFIG_AUTOMATIC)
    elif isinstance(written, str) and written.lower() in ("enabled", "disabled"):
        public = written.lower() == "enabled"
    else:
        public = None
    return WORKSPACE, Facets(public_endpoint=public)


def container_registry(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_container_registry``: what ``keyed`` reads (anonymous pull, encryption) and
    its registry endpoint: ``public_network_access_enabled`` "Defaults to ``true``";
    ``network_rule_set`` (Premium only) narrows it with ``default_action = "Deny"``
    ("Defaults to ``Allow``") and ``ip_rule`` entries (_DOCS + container_registry)."""
    kind, facets = TABLES["azurerm_container_registry"](r, ctx)
    rules = block(r.values, "network_rule_set")
    firewall = _acl_open(rules, "ip_rule", "ip_range")
    return kind, facets.model_copy(update={"public_endpoint": _open_to_all(r, ctx, firewall)})


def _servicebus_firewall(v: Mapping[str, Any]) -> tuple[bool | None, bool]:
    """Whether a Service Bus namespace's ``network_rule_set`` lets every address in: no
    block, ``default_action`` "Allow" ("Defaults to ``Allow``": ``ip_rules`` and subnets then
    narrow nothing), ``Deny`` with an ``ip_rules`` entry open to the internet, or ``Deny``
    with no ``ip_rules`` and no ``network_rules`` ("If there are no IP and virtual network
    rules, the namespace can be accessed over the public internet (using the access key)");
    public network access off in the block ("Defaults to ``true``") closes it (_DOCS +
    servicebus_namespace; learn.microsoft.com/azure/service-bus-messaging/
    service-bus-ip-filtering). Subnets narrow a Premium namespace only ("Virtual Networks are
    supported only in the premium tier"); IP rules are documented for Standard and Premium
    ("If upgrading to the premium tier isn't an option, it's possible to use IP firewall
    rules"); whether they hold on the Basic tier is not documented: not known. The second
    value: whether the tier left it not known."""
    rules = block(v, "network_rule_set")
    if rules is None:
        return None, False
    if not rules:
        return True, False
    if flag(rules, "public_network_access_enabled", True) is False:
        return False, False
    action = text(rules, "default_action", "Allow")
    if action is None:
        return None, False
    if action.lower() != "deny":
        return True, False
    listed = string_list(rules, "ip_rules")
    subnets = blocks(rules, "network_rules")
    if listed is None or subnets is None:
        return None, False
    if listed and cidr.open_to_internet(listed):
        return True, False
    sku = v.get("sku")
    tier = sku.strip().lower() if isinstance(sku, str) else None
    if listed:
        return (None, True) if tier in (None, "basic") else (False, False)
    if subnets:
        return (None, True) if tier is None else (tier != "premium", False)
    return True, False


def servicebus_namespace(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_servicebus_namespace``: what ``keyed`` reads (TLS, local authentication, no
    anonymous access) and its reach: public network access "Defaults to ``true``", narrowed
    by its ``network_rule_set`` (:func:`_servicebus_firewall`). A namespace whose rule set
    denies by default and lists private ranges only was FAIL."""
    kind, facets = TABLES["azurerm_servicebus_namespace"](r, ctx)
    firewall, by_tier = _servicebus_firewall(r.values)
    reach = _open_to_all(r, ctx, firewall)
    if reach is None and by_tier:
        ctx.note(r, "public_endpoint", None, unknown=_BUS_TIER)
    return kind, facets.model_copy(update={"public_endpoint": reach})


#: Why a Service Bus namespace's firewall may not hold.
_BUS_TIER = Text(
    en="its network_rule_set narrows it only on a tier that supports it (subnets: Premium; IP "
    "rules: documented for Standard and Premium), and the tier (sku) is not known or is Basic",
    th="network_rule_set จำกัดการเข้าถึงได้เฉพาะ tier ที่รองรับ (subnet: Premium, IP rule: ระบุไว้สำหรับ "
    "Standard และ Premium) แต่ไม่ทราบ tier (sku) หรือเป็น Basic",
)


def container_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_container_group``: ``ip_address_type`` "``Public``, ``Private`` or ``None``
    ... Defaults to ``Public``" (_DOCS + container_group): with a public IP address its
    containers' ports answer every network (Container Instances has no firewall of its own; a
    private group is placed in a subnet, whose network security group then decides)."""
    kind = text(r.values, "ip_address_type", "Public")
    return "compute.function", Facets(
        public_endpoint=None if kind is None else kind.strip().lower() == "public"
    )


def _enabled(v: Mapping[str, Any], attribute: str) -> bool | None:
    """A ``public_network_access`` string (``Enabled`` / ``Disabled``), ``Enabled`` when not
    written (the page's default, labelled by ``normalize.defaults``)."""
    value = text(v, attribute, "Enabled")
    return None if value is None else value.strip().lower() == "enabled"


def ai_services(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_ai_services`` (Azure AI services, azurerm 4.x): ``public_network_access``
    "Defaults to ``Enabled``", narrowed by ``network_acls`` as a cognitive account is
    (_DOCS + ai_services)."""
    public = _enabled(r.values, "public_network_access")
    firewall = _acl_open(block(r.values, "network_acls"), "ip_rules", None)
    reach = None if public is None or firewall is None else public and firewall
    if public is False or firewall is False:
        reach = False
    return WORKSPACE, Facets(public_endpoint=reach)


def ai_foundry(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_ai_foundry`` (an AI Foundry hub, a Machine Learning workspace of kind Hub):
    ``public_network_access`` "Defaults to ``Enabled``" (_DOCS + ai_foundry)."""
    return WORKSPACE, Facets(public_endpoint=_enabled(r.values, "public_network_access"))


def purview_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_purview_account`` (Microsoft Purview, the data catalogue):
    ``public_network_enabled`` "Should the Purview Account be visible to the public network?
    Defaults to ``true``" (_DOCS + purview_account)."""
    return WORKSPACE, Facets(public_endpoint=flag(r.values, "public_network_enabled", True))


MAPPINGS: dict[str, MapFn] = {
    "azurerm_ai_services": ai_services,
    "azurerm_ai_foundry": ai_foundry,
    "azurerm_purview_account": purview_account,
    "azurerm_container_group": container_group,
    "azurerm_servicebus_namespace": servicebus_namespace,
    "azurerm_kusto_cluster": kusto_cluster,
    "azurerm_cognitive_account": cognitive_account,
    "azurerm_batch_account": batch_account,
    "azurerm_data_factory": data_factory,
    "azurerm_app_configuration": app_configuration,
    "azurerm_container_registry": container_registry,
}
