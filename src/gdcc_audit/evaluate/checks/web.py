"""Checks on web entry points (load balancers, API gateways, CDNs) that skip the listener
objects which only carry per-port settings."""

from __future__ import annotations

from gdcc_audit.evaluate.conditions import not_known_reason
from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    not_applicable,
    passed,
    reads,
    unknown,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource

#: Listener types: mapped as load balancers for their TLS settings, but WAF and access logs
#: are properties of the load balancer they belong to.
LISTENER_TYPES = frozenset(
    {"aws_lb_listener", "aws_alb_listener", "AWS::ElasticLoadBalancingV2::Listener",
     "huaweicloud_elb_listener", "huaweicloud_lb_listener", "openstack_lb_listener_v2",
     "OS::Octavia::Listener", "OS::Neutron::LBaaS::Listener", "alicloud_slb_listener",
     "alicloud_alb_listener", "alicloud_nlb_listener"}
)
def _listener(resource: Resource) -> Outcome | None:
    if resource.provider_type in LISTENER_TYPES:
        return not_applicable(
            Text(
                en="a listener: judged on its load balancer",
                th="เป็น listener: ประเมินที่ load balancer ที่สังกัด",
            )
        )
    return None


def _not_known(public: bool | None, waf: bool | None) -> Text:
    """What GDCC-NET-003 does not know: the exposure, the WAF, or both (the mapper's reason,
    when it has one, is added after it: ``Resource.unknown``)."""
    if public is None and waf is None:
        return Text(
            en="neither whether it is public nor whether it has a WAF is known from the input",
            th="ไม่ทราบจากข้อมูลนำเข้าทั้งว่าเปิดสาธารณะหรือไม่และมี WAF หรือไม่",
        )
    if public is None:
        return Text(
            en="it has no WAF, and whether it is public is not known from the input",
            th="ไม่มี WAF และไม่ทราบจากข้อมูลนำเข้าว่าเปิดสาธารณะหรือไม่",
        )
    return Text(
        en="a public entry point, and whether it has a WAF is not known from the input",
        th="เป็นจุดเข้าใช้งานสาธารณะ และไม่ทราบจากข้อมูลนำเข้าว่ามี WAF หรือไม่",
    )


@reads("waf_enabled")
def public_entry_has_waf(resource: Resource, context: RuleContext) -> Outcome:
    """A public HTTP(S) entry point has a web application firewall in front of it.

    Internal load balancers and listeners are NOT_APPLICABLE, and so are network and gateway
    load balancers (``normalize.absent``: their resolved type, never the raw template value);
    exposure or WAF that is not known is UNKNOWN.
    """
    skipped = _listener(resource)
    if skipped is not None:
        return skipped
    facets = resource.facets
    if facets.public_endpoint is False:
        return not_applicable(
            Text(en="not reachable from the internet", th="ไม่สามารถเข้าถึงได้จากอินเทอร์เน็ต"),
            public_endpoint=False,
        )
    if facets.waf_enabled is True:
        return passed(public_endpoint=facets.public_endpoint, waf_enabled=True)
    if facets.waf_enabled is None or facets.public_endpoint is None:
        return unknown(
            _not_known(facets.public_endpoint, facets.waf_enabled),
            public_endpoint=facets.public_endpoint,
            waf_enabled=facets.waf_enabled,
        )
    return failed(
        Text(
            en="a public entry point without a web application firewall",
            th="จุดเข้าใช้งานสาธารณะที่ไม่มี web application firewall",
        ),
        public_endpoint=True,
        waf_enabled=False,
    )


@reads("access_logging")
def entry_access_logged(resource: Resource, context: RuleContext) -> Outcome:
    """A load balancer, API gateway or CDN writes access logs (listeners are NOT_APPLICABLE:
    ``normalize.absent.LISTENER_LOGS``)."""
    value = resource.facets.access_logging
    if value is None:
        return unknown(
            not_known_reason("access_logging"),
            access_logging=None,
        )
    if not value:
        return failed(
            Text(en="access logs are not written", th="ไม่ได้บันทึก access log"),
            access_logging=False,
        )
    return passed(access_logging=True)


@reads("unauthenticated_methods")
def api_methods_authenticated(resource: Resource, context: RuleContext) -> Outcome:
    """Every method or route a public API stage serves asks its callers for credentials
    (an IAM signature, a Cognito or JWT token, a Lambda authorizer): none has authorization
    ``NONE``. A stage not reachable from the internet is NOT_APPLICABLE."""
    facets = resource.facets
    if facets.public_endpoint is False:
        return not_applicable(
            Text(en="not reachable from the internet", th="ไม่สามารถเข้าถึงได้จากอินเทอร์เน็ต"),
            public_endpoint=False,
        )
    methods = facets.unauthenticated_methods
    if methods is None:
        return unknown(
            Text(
                en="which methods ask for credentials is not known from the input",
                th="ไม่ทราบจากข้อมูลนำเข้าว่า method ใดต้องยืนยันตัวตน",
            ),
            unauthenticated_methods=None,
        )
    if not methods:
        return passed(public_endpoint=facets.public_endpoint, unauthenticated_methods=[])
    if facets.public_endpoint is None:
        return unknown(
            Text(
                en="methods without authentication, on a stage whose exposure is not known",
                th="มี method ที่ไม่ต้องยืนยันตัวตน บน stage ที่ไม่ทราบว่าเปิดสู่อินเทอร์เน็ตหรือไม่",
            ),
            public_endpoint=None,
            unauthenticated_methods=list(methods),
        )
    listed = ", ".join(methods)
    return failed(
        Text(
            en=f"anyone on the internet can call {len(methods)} method(s) without "
            f"authentication: {listed}",
            th=f"ทุกคนบนอินเทอร์เน็ตเรียก method {len(methods)} รายการได้โดยไม่ต้องยืนยันตัวตน: "
            f"{listed}",
        ),
        public_endpoint=True,
        unauthenticated_methods=list(methods),
    )
