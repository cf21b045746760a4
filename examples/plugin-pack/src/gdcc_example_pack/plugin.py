"""The pack's plugin module, named by the ``gdcc_audit`` entry point."""

from __future__ import annotations

from gdcc_audit import Outcome, Resource, Rule, RuleContext, Text, failed, hookimpl, passed, rule


@rule(
    id="ACME-TAG-001",
    title={"th": "บักเก็ตต้องมีแท็กผู้รับผิดชอบ", "en": "Buckets carry an owner tag"},
    rationale={
        "th": "ทรัพย์สินสารสนเทศต้องมีผู้รับผิดชอบที่ระบุได้",
        "en": "Every information asset needs an identifiable owner.",
    },
    remediation={"th": "เพิ่มแท็ก owner ให้บักเก็ต", "en": "Add an 'owner' tag to the bucket."},
    severity="low",
    kinds=["storage.bucket"],
    tags=["inventory"],
    controls=["ISO27001-2022:A.5.9", "NIST-800-53-r5:CM-8", "TH-NCSC-2564:21.1.1"],
    pack="acme-example",
)
def bucket_has_owner(resource: Resource, context: RuleContext) -> Outcome:
    """A bucket passes when it has a non-empty ``owner`` tag."""
    if resource.tags.get("owner"):
        return passed(owner=resource.tags["owner"])
    return failed(Text(th="ไม่มีแท็ก owner", en="no owner tag"))


@hookimpl
def register_rules() -> list[Rule]:
    """The pack's rules."""
    return [bucket_has_owner]
