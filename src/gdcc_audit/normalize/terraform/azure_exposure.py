"""Azure data, AI and integration services judged for their network reach: each answers every
network unless its public network access is off or (GDCC-NET-004) its own firewall narrows it
(the default each azurerm page states is cited on the function). A database or a message
broker (GDCC-NET-002) has a public endpoint whenever its public network access is on, whatever
its firewall lists (``azure_reach``).

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
- ``azurerm_signalr_service``, ``azurerm_web_pubsub`` and ``azurerm_iothub``: endpoints
  devices and clients connect to, judged by GDCC-NET-004 (``analytics.workspace``).
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
from gdcc_audit.normalize.terraform import azure_reach
from gdcc_audit.normalize.terraform.azurerm import (
    _open_to_all,
    _private_endpoints,
    subnet_sources,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.keyed import TABLES
from gdcc_audit.normalize.terraform.values import block, blocks, flag, string_list, text

_DOCS = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
WORKSPACE = "analytics.workspace"


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
    """``azurerm_kusto_cluster``: ``public_network_access_enabled`` "Defaults to ``true``": a
    public endpoint whatever ``allowed_ip_ranges`` lists (GDCC-NET-002, ``azure_reach``; it
    PASSed when ranges were listed). ``allowed_ip_ranges`` ("The list of ips in the format of
    CIDR allowed to connect to the cluster") is what it admits on HTTPS, none listed: every
    address (_DOCS + kusto_cluster). Its data is kept in Azure Storage, encrypted at rest with
    Microsoft-managed keys unless a customer key is set
    (learn.microsoft.com/azure/data-explorer/cluster-encryption-overview; "Azure storage is
    encrypted at rest, however computing resources can additionally use disk encryption",
    azure.github.io/PSRule.Rules.Azure/en/rules/Azure.ADX.DiskEncryption).
    Whether its endpoints refuse unencrypted connections is not documented: not known."""
    public = _open_to_all(r, ctx, True)
    ranges = string_list(r.values, "allowed_ip_ranges")
    azure_reach.name_firewall(r, ctx, public, azure_reach.listed(ranges or ()))
    return "database.instance", Facets(
        encrypted_at_rest=True,
        public_endpoint=public,
        ingress=azure_reach.https_ingress(
            r, public, ranges, _private_endpoints(r, ctx), "allowed_ip_ranges"
        ),
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


#: The Service Bus rule set written apart from its namespace (azurerm 3.x; ``namespace_id``).
BUS_RULE_SET = "azurerm_servicebus_namespace_network_rule_set"


def _bus_rule_holder(r: TfResource, ctx: TfContext) -> tuple[TfResource, str]:
    """Where a Service Bus namespace's rule set is written, with the attribute holding its
    ``network_rules``: its own ``network_rule_set`` block, else an
    ``azurerm_servicebus_namespace_network_rule_set`` of the scan that names it."""
    if block(r.values, "network_rule_set") != {}:
        return r, "network_rule_set"
    for item in ctx.by_type.get(BUS_RULE_SET, ()):
        if item.mode != "managed":
            continue
        target = ctx.referenced(item, "namespace_id", ["azurerm_servicebus_namespace"])
        if target is not None and target.address == r.address:
            return item, "network_rules"
    return r, "network_rule_set"


def _bus_rule_set(r: TfResource, ctx: TfContext) -> Mapping[str, Any] | None:
    """A Service Bus namespace's ``network_rule_set``: its own block, else an
    ``azurerm_servicebus_namespace_network_rule_set`` of the scan that names it (the same
    arguments); ``{}`` when neither; None when its block is not known."""
    holder, _ = _bus_rule_holder(r, ctx)
    return block(r.values, "network_rule_set") if holder is r else holder.values


def _bus_admits(r: TfResource, ctx: TfContext, rules: Mapping[str, Any]) -> Text | None:
    """What a rule set that denies by default admits, for the NET-002 message: its
    ``ip_rules`` ranges and its subnets (``network_rules``, ``azure_reach.named_subnets``);
    None when it allows by default ("Defaults to ``Allow``": the entries then narrow
    nothing), lists nothing or is not known."""
    action = text(rules, "default_action", "Allow")
    if action is None or action.strip().lower() != "deny":
        return None
    ranges = string_list(rules, "ip_rules") or ()
    subnets = blocks(rules, "network_rules") or []
    en = [azure_reach.listed(ranges)] if ranges else []
    th = list(en)
    if subnets:
        holder, attribute = _bus_rule_holder(r, ctx)
        named = azure_reach.named_subnets(ctx, holder, attribute, len(subnets))
        en.append(named.en)
        th.append(named.th)
    # Deny with nothing listed narrows nothing ("If there are no IP and virtual network rules,
    # the namespace can be accessed over the public internet", learn.microsoft.com/azure/
    # service-bus-messaging/service-bus-ip-filtering): nothing to name
    return Text(en=" and ".join(en), th=" และ ".join(th)) if en else None


def servicebus_namespace(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_servicebus_namespace``: what ``keyed`` reads (TLS, local authentication, no
    anonymous access) and its public endpoint (GDCC-NET-002): public network access
    "Defaults to ``true``" on the namespace and in its ``network_rule_set`` (its own block or
    an ``azurerm_servicebus_namespace_network_rule_set``, :func:`_bus_rule_set`); either one
    false closes it (_DOCS + servicebus_namespace, servicebus_namespace_network_rule_set).
    With it on, the rule set's ``ip_rules`` and subnets narrow who reaches the public endpoint
    and do not remove it: named in the FAIL (``azure_reach``; a rule set that denied by
    default PASSed, stop 38, and its tier decided UNKNOWN)."""
    kind, facets = TABLES["azurerm_servicebus_namespace"](r, ctx)
    rules = _bus_rule_set(r, ctx)
    inner = True if rules is None else flag(rules, "public_network_access_enabled", True)
    if inner is False or flag(r.values, "public_network_access_enabled", True) is False:
        reach: bool | None = False
    elif inner is None:
        reach = None
    else:
        reach = _open_to_all(r, ctx, True)
    admits = azure_reach.with_bypass(
        _bus_admits(r, ctx, rules) if rules else None, "servicebus",
        rules is not None and flag(rules, "trusted_services_allowed", False) is True,
    )
    if admits is not None:
        azure_reach.name_firewall(r, ctx, reach, admits, graph=False)
    everyone, ranges, count = _bus_everyone(r, rules)
    holder, attribute = _bus_rule_holder(r, ctx)
    subnets = subnet_sources(r, ctx, holder, attribute, count) if count else []
    ingress = azure_reach.broker_ingress(
        r, reach, everyone, ranges, subnets, _private_endpoints(r, ctx),
        ("network_rule_set.ip_rules", "network_rule_set.network_rules"),
    )
    return kind, facets.model_copy(update={"public_endpoint": reach, "ingress": ingress})


def _bus_everyone(
    r: TfResource, rules: Mapping[str, Any] | None
) -> tuple[bool | None, tuple[str, ...], int]:
    """Whether a Service Bus namespace's rule set admits every address, with its IP ranges
    and number of subnets: no rule set or ``default_action`` Allow (its default), or Deny
    with no IP and no virtual network rule ("If there are no IP and virtual network rules,
    the namespace can be accessed over the public internet"): every address. IP rules work
    on the Standard and Premium tiers ("The Standard SKU supports IP filtering"), subnets on
    Premium only: on another tier, or one not known, what a Deny rule set admits is not
    known (service-bus-ip-filtering)."""
    if rules is None:
        return None, (), 0
    action = text(rules, "default_action", "Allow") if rules else "Allow"
    if action is None:
        return None, (), 0
    if action.strip().lower() != "deny":
        return True, (), 0
    ranges = string_list(rules, "ip_rules")
    subnets = blocks(rules, "network_rules")
    if ranges is None or subnets is None:
        return None, (), 0
    if not ranges and not subnets:
        return True, (), 0
    sku = r.values.get("sku")
    if not isinstance(sku, str) or sku.strip().lower() not in ("standard", "premium"):
        return None, (), 0
    return False, tuple(ranges), len(subnets)


def bus_rule_set(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """An ``azurerm_servicebus_namespace_network_rule_set``: read with its namespace
    (:func:`_bus_rule_set`), named in the namespace's ``merged_from``."""
    target = ctx.referenced(r, "namespace_id", ["azurerm_servicebus_namespace"])
    return [] if target is None else [Contribution(target.address, r.address, {})]


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


#: The request types a SignalR / Web PubSub network ACL allows or denies (each service's
#: ``allowed_request_types``: "ClientConnection, ServerConnection, RESTAPI and Trace").
_REQUEST_TYPES = frozenset({"clientconnection", "serverconnection", "restapi", "trace"})
#: Realtime service type -> (its network ACL type, the ACL's argument naming it, the ACL's
#: ``default_action`` when not written: required on SignalR's, "Deny" on Web PubSub's).
_ACLS: dict[str, tuple[str, str, str | None]] = {
    "azurerm_signalr_service": ("azurerm_signalr_service_network_acl", "signalr_service_id", None),
    "azurerm_web_pubsub": ("azurerm_web_pubsub_network_acl", "web_pubsub_id", "Deny"),
}
_ACL_CLOSED = Text(
    en="its network ACL lets the public network make no request",
    th="network ACL ไม่อนุญาตคำขอใดจากเครือข่ายสาธารณะ",
)


def _acl_public(acl: Mapping[str, Any], default_action: str | None) -> bool | None:
    """Whether a SignalR / Web PubSub network ACL lets the public network make a request:
    ``default_action`` "Deny" with ``public_network.allowed_request_types``, or "Allow"
    unless ``denied_request_types`` names every type (the default action applies to the
    types not listed)."""
    action = text(acl, "default_action", default_action)
    public = block(acl, "public_network")
    if action is None or public is None:
        return None
    allowed = string_list(public, "allowed_request_types")
    denied = string_list(public, "denied_request_types")
    if allowed is None or denied is None:
        return None
    if action.strip().lower() == "deny":
        return bool(allowed)
    return not {item.strip().lower() for item in denied} >= _REQUEST_TYPES


def realtime_service(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_signalr_service`` and ``azurerm_web_pubsub``: endpoints clients connect to
    (GDCC-NET-004, ``analytics.workspace`` as App Configuration is): public network access
    "Defaults to ``true``" (each page; ``Default: true`` in the provider's schema), unless
    its network ACL (``azurerm_signalr_service_network_acl`` /
    ``azurerm_web_pubsub_network_acl`` of the scan naming it) lets the public network make no
    request (:func:`_acl_public`). Neither type was mapped (stop 39)."""
    acl_type, attribute, default_action = _ACLS[r.type]
    public = _open_to_all(r, ctx, True)
    if public is not True:
        return WORKSPACE, Facets(public_endpoint=public)
    for acl in ctx.by_type.get(acl_type, ()):
        target = ctx.referenced(acl, attribute, [r.type])
        if acl.mode != "managed" or target is None or target.address != r.address:
            continue
        opened = _acl_public(acl.values, default_action)
        if opened is False:
            ctx.note(r, "public_endpoint", False, because=_ACL_CLOSED)
        return WORKSPACE, Facets(public_endpoint=opened)
    return WORKSPACE, Facets(public_endpoint=True)


def realtime_acl(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """A SignalR / Web PubSub network ACL: read with its service (:func:`realtime_service`)."""
    for service, (acl_type, attribute, _) in _ACLS.items():
        if r.type == acl_type:
            target = ctx.referenced(r, attribute, [service])
            return [] if target is None else [Contribution(target.address, r.address, {})]
    return []


_IOT_CLASSIC = Text(
    en="it lists classic ip_filter_rule entries (an ordered accept / reject list retired by "
    "Azure for the network_rule_set IP filter): what they let in is not read",
    th="มีรายการ ip_filter_rule แบบเดิม (รายการยอมรับ / ปฏิเสธตามลำดับที่ Azure เลิกใช้แล้วแทนด้วย "
    "network_rule_set) ซึ่งไม่ได้อ่านว่าอนุญาตอะไร",
)


def iothub(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_iothub`` (GDCC-NET-004, ``analytics.workspace``): "By default, IoT Hub's
    hostnames map to a public endpoint with a publicly routable IP address over the internet"
    (learn.microsoft.com/azure/iot-hub/virtual-network-support; ``public_network_access_enabled``
    has no default in the provider and is not sent when not written: ``normalize.defaults``
    labels it). A ``network_rule_set`` (its ``default_action`` "DefaultActionDeny" when not
    written, the provider's schema) narrows it to its ``ip_rule`` masks: with none, the IP
    filter "blocks connections from all IP addresses" (learn.microsoft.com/azure/iot-hub/
    iot-hub-ip-filtering); ``DefaultActionAllow`` narrows nothing. Classic
    ``ip_filter_rule`` entries (azurerm 3.x) are not read: not known. Was not mapped."""
    v = r.values
    public = flag(v, "public_network_access_enabled", True)
    if public is not True:
        return WORKSPACE, Facets(public_endpoint=public)
    rules = block(v, "network_rule_set")
    if rules is None:
        return WORKSPACE, Facets(public_endpoint=None)
    if not rules:
        classic = blocks(v, "ip_filter_rule")
        if classic is None or classic:
            ctx.note(r, "public_endpoint", None, unknown=_IOT_CLASSIC)
            return WORKSPACE, Facets(public_endpoint=None)
        return WORKSPACE, Facets(public_endpoint=True)
    action = text(rules, "default_action", "DefaultActionDeny")
    entries = blocks(rules, "ip_rule")
    if action is None or entries is None:
        return WORKSPACE, Facets(public_endpoint=None)
    if "allow" in action.lower():
        return WORKSPACE, Facets(public_endpoint=True)
    masks = _strings([e.get("ip_mask") for e in entries])
    if masks is None:
        return WORKSPACE, Facets(public_endpoint=None)
    return WORKSPACE, Facets(public_endpoint=bool(masks) and cidr.open_to_internet(masks))


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
    "azurerm_signalr_service": realtime_service,
    "azurerm_web_pubsub": realtime_service,
    "azurerm_iothub": iothub,
}
COMPANIONS: dict[str, CompanionFn] = {
    BUS_RULE_SET: bus_rule_set,
    **{acl_type: realtime_acl for acl_type, _, _ in _ACLS.values()},
}
