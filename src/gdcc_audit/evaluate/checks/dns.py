"""DNS checks that apply to registered domains only."""

from __future__ import annotations

from gdcc_audit.evaluate.conditions import not_known_reason
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource

#: Types that are registered domains (not hosted zones).
DOMAIN_TYPES = frozenset({"aws_route53domains_registered_domain", "AWS::Route53Domains::Domain"})


def domain_transfer_locked(resource: Resource, context: RuleContext) -> Outcome:
    """A registered domain is locked against transfer to another registrar.

    Hosted zones are NOT_APPLICABLE; a domain declared in a manifest is judged on its facet.
    """
    value = resource.facets.transfer_lock
    if value is None and resource.provider_type not in DOMAIN_TYPES:
        return not_applicable(
            Text(en="a hosted zone, not a registered domain", th="เป็นโซน DNS ไม่ใช่โดเมนที่จดทะเบียน")
        )
    if value is None:
        return unknown(
            not_known_reason("transfer_lock"),
            transfer_lock=None,
        )
    if not value:
        return failed(
            Text(en="the domain can be transferred away", th="โดเมนสามารถถูกโอนย้ายออกไปได้"),
            transfer_lock=False,
        )
    return passed(transfer_lock=True)
