"""AzAPI Azure Front Door: the WAF of a Standard/Premium endpoint, and classic Front Doors.

- ``Microsoft.Cdn/profiles/securityPolicies`` of type ``WebApplicationFirewall`` put the
  domains of their ``parameters.associations[].domains[]`` behind ``parameters.wafPolicy``
  ("A security policy associates a WAF policy with one or more domains": learn.microsoft.com/
  azure/frontdoor/standard-premium/how-to-configure-endpoints; Cdn REST reference,
  SecurityPolicyWebApplicationFirewallParameters). An ``afdEndpoints`` endpoint is behind a
  WAF when such a policy of the scan associates it with a WAF policy that is on and in
  Prevention mode (``azure_waf``); none: no WAF, unless a policy associates a domain the scan
  does not hold (it may be this endpoint): not known. As ``azurerm_cdn_frontdoor_endpoint``.
- ``Microsoft.Network/frontDoors`` (classic, read as ``azurerm_frontdoor``): every
  ``frontendEndpoints[]`` links a WAF policy (``webApplicationFirewallPolicyLink.id``) that
  blocks; HTTPS only from its ``routingRules`` (``acceptedProtocols``; a
  ``FrontdoorRedirectConfiguration`` route with ``redirectProtocol: HttpsOnly`` redirects);
  TLS 1.2 at least (``azure_frontdoor``); a public entry point.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azure_frontdoor, azure_waf
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same_type
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

SECURITY_POLICY = "Microsoft.Cdn/profiles/securityPolicies"
CLASSIC = "Microsoft.Network/frontDoors"
#: ctx.memo key: endpoint address -> (whether a WAF that blocks protects it, the detecting
#: policy), and whether some policy associates a domain the scan does not hold.
_MEMO = "azapi securityPolicies"
_WAF_TYPES = ["azapi_resource", *azure_waf.FRONTDOOR_POLICIES]


def _listed(value: Any) -> list[Mapping[str, Any]] | None:
    if not isinstance(value, list) or not all(isinstance(i, Mapping) for i in value):
        return None
    return list(value)


#: What a security policy's ``domains`` name: endpoints and custom domains (AzAPI, azurerm).
_DOMAINS = ("Microsoft.Cdn/profiles/afdEndpoints", "Microsoft.Cdn/profiles/customDomains")
_AZURERM_DOMAINS = ("azurerm_cdn_frontdoor_endpoint", "azurerm_cdn_frontdoor_custom_domain")


def _is_domain(found: TfResource) -> bool:
    return found.type in _AZURERM_DOMAINS or any(same_type(arm_type(found), d) for d in _DOMAINS)


def _is_waf_policy(found: TfResource) -> bool:
    return found.type in azure_waf.FRONTDOOR_POLICIES or same_type(
        arm_type(found), azure_waf.ARM_FRONTDOOR_POLICY
    )


def _waf_policy(policy: TfResource, ctx: TfContext) -> TfResource | None:
    """The WAF policy of the scan a security policy names (``wafPolicy.id``: the body's
    one reference to a Front Door WAF policy); None when it names several (``var.strict ?
    azapi_resource.strict.id : azapi_resource.lax.id``: chosen at apply time)."""
    found = {
        t.address: t for ref in policy.references if ref.attribute.split(".", 1)[0] == "body"
        if (t := ctx.resolve(policy, ref.target)) is not None and _is_waf_policy(t)
    }
    return next(iter(found.values())) if len(found) == 1 else None


def _protected(ctx: TfContext) -> tuple[dict[str, tuple[bool | None, str | None]], bool]:
    """Per endpoint address: whether a security policy puts it behind a blocking WAF, and
    the policy in Detection mode; and whether a domain associated is not in the scan."""
    memo: tuple[dict[str, tuple[bool | None, str | None]], bool] | None = ctx.memo.get(_MEMO)
    if memo is not None:
        return memo
    found: dict[str, tuple[bool | None, str | None]] = {}
    other = False
    for policy in ctx.related(["azapi_resource"]):
        if not same_type(arm_type(policy), SECURITY_POLICY):
            continue
        parameters = (properties(policy) or {}).get("parameters")
        if not isinstance(parameters, Mapping):
            other = True
            continue
        kind = parameters.get("type")
        if isinstance(kind, str) and kind.lower() != "webapplicationfirewall":
            continue
        associations = _listed(parameters.get("associations"))
        domains = (
            None if associations is None else [_listed(a.get("domains")) for a in associations]
        )
        count = None if domains is None or None in domains else sum(len(d or ()) for d in domains)
        targets = [
            t for ref in policy.references if ref.attribute.split(".", 1)[0] == "body"
            if (t := ctx.resolve(policy, ref.target)) is not None and _is_domain(t)
        ]
        if count is None or len(targets) < count:
            other = True
        waf = _waf_policy(policy, ctx)
        on = None if waf is None else azure_waf.frontdoor_policy_blocks(waf)
        detecting = (
            waf.address if waf is not None and on is False and azure_waf.switched_on(waf)
            else None
        )
        # more domains referenced than associated: a value not known chooses among them, so
        # the policy may not protect each (``var.a ? azapi_resource.a.id : ...b.id``)
        chosen = count is not None and len(targets) > count
        for target in targets:
            before, named = found.get(target.address, (False, None))
            here = None if chosen and on is not False else on
            best = True if True in (before, here) else None if None in (before, here) else False
            found[target.address] = (best, named or detecting)
    ctx.memo[_MEMO] = (found, other)
    return found, other


_NOT_ASSOCIATED = Text(
    en="a security policy of the scan associates a domain that is not in the scan with a WAF "
    "policy: it may be this endpoint",
    th="security policy ในการกำหนดค่าที่สแกนผูก WAF policy กับโดเมนที่ไม่อยู่ในการสแกน "
    "ซึ่งอาจเป็น endpoint นี้",
)


def endpoint_waf(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an AzAPI ``afdEndpoints`` endpoint is behind a WAF that blocks (module
    docstring)."""
    protected, other = _protected(ctx)
    on, detecting = protected.get(r.address, (None if other else False, None))
    if on is False and detecting is not None:
        azure_waf.note_detection(r, ctx, f"the WAF policy {detecting}")
    elif on is None and r.address not in protected:
        ctx.note(r, "waf_enabled", None, unknown=_NOT_ASSOCIATED)
    return on


def _classic_waf(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """Every frontend endpoint links a WAF policy of the scan that blocks."""
    endpoints = _listed(values.get("frontendEndpoints"))
    if not endpoints:
        return None
    found: list[bool | None] = []
    for item in endpoints:
        inner = item.get("properties")
        link = inner.get("webApplicationFirewallPolicyLink") if isinstance(inner, Mapping) else None
        if link is None:
            found.append(False)
            continue
        policies = {
            t.address: t for ref in r.references if ref.attribute.split(".", 1)[0] == "body"
            if (t := ctx.resolve(r, ref.target)) is not None and _is_waf_policy(t)
        }
        # (the body's references do not say which endpoint names which: one policy of the
        # scan named decides, several leave it not known)
        policy = next(iter(policies.values())) if len(policies) == 1 else None
        on = None if policy is None else azure_waf.frontdoor_policy_blocks(policy)
        if on is False and policy is not None and azure_waf.switched_on(policy):
            azure_waf.note_detection(r, ctx, f"the WAF policy {policy.address}")
        found.append(on)
    return False if False in found else None if None in found else True


def _classic_rules(values: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The ``routingRules`` as azurerm ``routing_rule`` blocks (``accepted_protocols``,
    ``enabled``, ``redirect_configuration.redirect_protocol``)."""
    rules = _listed(values.get("routingRules"))
    if rules is None:
        return None
    out: list[dict[str, Any]] = []
    for rule in rules:
        inner = rule.get("properties")
        if not isinstance(inner, Mapping):
            return None
        config = inner.get("routeConfiguration")
        redirect = None
        if isinstance(config, Mapping) and "redirect" in str(config.get("@odata.type", "")).lower():
            redirect = {"redirect_protocol": config.get("redirectProtocol")}
        state = inner.get("enabledState")
        out.append({
            "name": rule.get("name"),
            "accepted_protocols": inner.get("acceptedProtocols"),
            "enabled": None if state is None else str(state).lower() == "enabled",
            **({"redirect_configuration": [redirect]} if redirect is not None else {}),
        })
    return out


def classic_frontdoor(r: TfResource, ctx: TfContext) -> Mapped | None:
    """AzAPI ``Microsoft.Network/frontDoors`` (module docstring)."""
    from dataclasses import replace

    from gdcc_audit.normalize.terraform import azure_diagnostics

    values = properties(r)
    if values is None:
        return "network.api_gateway", Facets(public_endpoint=True)
    rules = _classic_rules(values)
    view = replace(r, values={"routing_rule": rules} if rules is not None else {})
    return "network.api_gateway", Facets(
        public_endpoint=True,
        waf_enabled=_classic_waf(r, ctx, values),
        access_logging=azure_diagnostics.access_logged(r, ctx),
        encrypted_in_transit=azure_frontdoor.classic_https_only(view, ctx),
        tls_min_version=azure_frontdoor.tls_floor(r, ctx),
    )
