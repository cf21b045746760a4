"""The rule engine: indexing by kind, UNKNOWN on unknown facets, ERROR on crashes, selection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.errors import ConfigError, RuleError
from gdcc_audit.evaluate.conditions import compile_condition
from gdcc_audit.evaluate.engine import select_rules
from gdcc_audit.evaluate.rule import Outcome, Rule, RuleContext, failed, passed, rule
from gdcc_audit.evaluate.rulepack import load_rule_pack
from gdcc_audit.models import Facets, Resource, SourceLocation, Status
from gdcc_audit.models.common import Level, SecurityCategory, Text
from gdcc_audit.models.tenant import Agency, System, Tenant
from gdcc_audit.settings import Settings
from gdcc_audit.testing import judge

META: dict[str, Any] = {
    "title": {"th": "ทดสอบ", "en": "Test"},
    "rationale": {"th": "เหตุผล", "en": "Why"},
    "remediation": {"th": "แก้ไข", "en": "Fix"},
    "severity": "high",
    "controls": ["ISO27001-2022:A.8.24"],
}


def resource(name: str, kind: str = "storage.bucket", line: int = 1, **facets: Any) -> Resource:
    return Resource(
        id=f"t/s/x_{kind}.{name}",
        kind=kind,
        name=name,
        provider="gdcc",
        provider_type=f"x_{kind}",
        tenant="t",
        system="s",
        facets=Facets(**facets),
        location=SourceLocation(file="f.yaml", start_line=line),
    )


def declarative(spec: dict[str, Any], **extra: Any) -> Rule:
    meta = {**META, "id": "T-DEC-001", "kinds": ["storage.bucket"], **extra}
    condition = compile_condition(spec, "test", meta.get("parameters", {}))

    def check(res: Resource, ctx: RuleContext) -> Outcome:
        verdict = condition.evaluate(res, ctx.params)
        return Outcome(verdict.status, verdict.reason, verdict.evidence)

    return rule(**meta)(check)


def statuses(findings: list[Any]) -> dict[str, str]:
    return {f.resource_name: f.status.value for f in findings}


def test_rules_only_see_their_kinds() -> None:
    seen: list[str] = []

    @rule(id="T-KIND-001", kinds=["storage.bucket"], **META)
    def only_buckets(res: Resource, ctx: RuleContext) -> Outcome:
        seen.append(res.name)
        return passed()

    judge(only_buckets, [resource("b1"), resource("sg", kind="network.security_group")])
    assert seen == ["b1"]


def test_unknown_facet_gives_unknown_never_a_guess() -> None:
    check = declarative({"facet": "encrypted_at_rest", "equals": True})
    findings = judge(check, [resource("yes", encrypted_at_rest=True),
                             resource("no", encrypted_at_rest=False),
                             resource("unset")])
    assert statuses(findings) == {"yes": "PASS", "no": "FAIL", "unset": "UNKNOWN"}
    by_name = {f.resource_name: f for f in findings}
    assert by_name["no"].message.en == "encryption at rest is off"
    assert by_name["unset"].message.en == (
        "whether encryption at rest is on is not known from the input"
    )
    assert by_name["no"].evidence == {"encrypted_at_rest": False}


def test_three_valued_all_any_not_and_parameters() -> None:
    check = declarative(
        {"all": [
            {"facet": "log_retention_days", "gte": {"param": "min_days"}},
            {"any": [{"facet": "customer_managed_key", "equals": True},
                     {"not": {"facet": "public_access", "equals": True}}]},
        ]},
        parameters={"min_days": 90},
    )
    findings = judge(check, [
        resource("ok", log_retention_days=90, customer_managed_key=False, public_access=False),
        resource("short", log_retention_days=30, customer_managed_key=True),
        resource("public", log_retention_days=365, customer_managed_key=False, public_access=True),
        resource("half", log_retention_days=365, customer_managed_key=False),
    ])
    assert statuses(findings) == {
        "ok": "PASS", "short": "FAIL", "public": "FAIL", "half": "UNKNOWN"
    }
    overridden = judge(check, [resource("short", log_retention_days=30, customer_managed_key=True)],
                       settings=Settings(rule_parameters={"T-DEC-001": {"min_days": 30}}))
    assert statuses(overridden) == {"short": "PASS"}


def test_crashing_rule_is_an_error_finding_naming_the_rule() -> None:
    @rule(id="T-CRASH-001", kinds=["storage.bucket"], **META)
    def crashes(res: Resource, ctx: RuleContext) -> Outcome:
        raise KeyError("boom")

    (finding,) = judge(crashes, resource("b1"))
    assert finding.status == Status.ERROR
    assert finding.rule_id == "T-CRASH-001"
    assert finding.message.en == "rule T-CRASH-001 failed to run: KeyError: 'boom'"
    assert finding.is_failure


def test_applicability_uses_system_context() -> None:
    tenant = Tenant(
        id="t",
        agency=Agency(name_th="ก", name_en="A"),
        systems=(System(id="s", name_th="ก", name_en="S", personal_data=True,
                        security_category=SecurityCategory(confidentiality=Level.HIGH,
                                                           integrity=Level.LOW,
                                                           availability=Level.LOW)),),
    )

    @rule(id="T-APP-001", kinds=["storage.bucket"],
          applicability={"personal_data": True, "min_security_category": "high"}, **META)
    def pd_rule(res: Resource, ctx: RuleContext) -> Outcome:
        return failed()

    findings = judge(pd_rule, [resource("inherits"), resource("override", personal_data=False)],
                     tenant=tenant)
    assert statuses(findings) == {"inherits": "FAIL", "override": "NOT_APPLICABLE"}
    # Without the tenant context, applicability is not established: not applicable, with why.
    (alone,) = judge(pd_rule, resource("alone"))
    assert alone.status == Status.NOT_APPLICABLE
    assert alone.message.en == (
        "does not apply: whether it holds personal data is not known"
    )
    assert alone.message.th == (
        "ไม่เข้าเงื่อนไขการใช้บังคับ: ไม่ทราบว่ามีข้อมูลส่วนบุคคลหรือไม่"
    )


def test_fingerprint_ignores_line_numbers() -> None:
    check = declarative({"facet": "public_access", "equals": False})
    (first,) = judge(check, resource("b", line=3, public_access=True))
    (moved,) = judge(check, resource("b", line=40, public_access=True))
    assert first.location != moved.location
    assert first.fingerprint == moved.fingerprint


def test_selection_by_id_tag_severity_framework() -> None:
    low = rule(id="T-SEL-001", kinds=["storage.bucket"], tags=["a"],
               **{**META, "severity": "low"})(lambda r, c: passed())
    high = rule(id="T-SEL-002", kinds=["storage.bucket"], tags=["b"],
                **{**META, "controls": ["TH-PDPA-2562:s37.1"]})(lambda r, c: passed())
    rules = [low, high]

    def ids(**kw: Any) -> list[str]:
        return [r.id for r in select_rules(rules, Settings(**kw))]

    assert ids() == ["T-SEL-001", "T-SEL-002"]
    assert ids(rule_ids=("T-SEL-002",)) == ["T-SEL-002"]
    assert ids(tags=("a",)) == ["T-SEL-001"]
    assert ids(min_severity="medium") == ["T-SEL-002"]
    with pytest.raises(ConfigError, match="unknown rule id\\(s\\): T-NOPE-1"):
        ids(rule_ids=("T-NOPE-1",))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("check: {facet: encryptd, equals: true}", "unknown facet 'encryptd'"),
        ("check: {facet: enabled, equalz: true}", "needs exactly one operator"),
        ("check: {facet: enabled, gte: {param: nope}}", "names no parameter"),
        ("python: nowhere", "no Python check named 'nowhere'"),
        ("", "give exactly one of 'check'"),
    ],
)
def test_rule_pack_errors_name_file_line_and_rule(tmp_path: Path, body: str, message: str) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: p\nrules:\n  - id: T-BAD-001\n    title: {th: ก, en: a}\n"
        "    rationale: {th: ก, en: a}\n    remediation: {th: ก, en: a}\n"
        "    severity: low\n    kinds: [storage.bucket]\n"
        "    controls: [ISO27001-2022:A.5.1]\n"
        f"    {body}\n"
    )
    with pytest.raises(RuleError, match=message) as info:
        load_rule_pack(pack)
    assert f"{pack}:3 rule T-BAD-001" in str(info.value)


def test_rule_pack_rejects_missing_language(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "pack: p\nrules:\n  - id: T-BAD-002\n    title: {en: only english}\n"
        "    rationale: {th: ก, en: a}\n    remediation: {th: ก, en: a}\n"
        "    severity: low\n    kinds: [storage.bucket]\n"
        "    controls: [ISO27001-2022:A.5.1]\n    check: {facet: enabled, equals: true}\n"
    )
    with pytest.raises(RuleError, match=r"title\.th: Field required"):
        load_rule_pack(pack)


def test_is_unconditional_looks_at_every_applicability_field() -> None:
    from gdcc_audit.models.rule import Applicability

    assert Applicability().is_unconditional
    values = {
        "min_security_category": "high",
        "personal_data": True,
        "cii": False,
        "classifications": ["secret"],
        "providers": ["aws"],
    }
    assert set(values) == set(Applicability.model_fields)  # a new field needs a case here
    for name, value in values.items():
        assert not Applicability(**{name: value}).is_unconditional, name


def test_trusted_finding_equals_a_validated_one() -> None:
    from gdcc_audit.models import Finding, Severity, SourceLocation, Text

    values = {
        "rule_id": "T-TRU-001",
        "resource_id": "-/-/aws_s3_bucket.b",
        "resource_kind": "storage.bucket",
        "resource_name": "b",
        "provider_type": "aws_s3_bucket",
        "address": "aws_s3_bucket.b",
        "system": "portal",
        "status": Status.FAIL,
        "severity": Severity.HIGH,
        "message": Text(th="ก", en="a"),
        "evidence": {"port": 22},
        "evidence_key": "port:22",
        "location": SourceLocation(file="main.tf", start_line=1, end_line=3),
    }
    trusted = Finding.trusted(**values)
    validated = Finding(**values)
    assert trusted == validated
    assert trusted.model_dump() == validated.model_dump()
    assert trusted.fingerprint == validated.fingerprint
    assert trusted.model_fields_set == validated.model_fields_set | {
        "waiver", "baseline", "corroboration", "address", "called_at", "call_chain",
    }
    copied = trusted.model_copy(update={"baseline": True})
    assert copied.baseline
    assert not trusted.baseline
    assert Finding.trusted(**values).model_fields_set == trusted.model_fields_set
    bare = {k: v for k, v in values.items() if k != "evidence"}
    one, two = Finding.trusted(**bare), Finding.trusted(**bare)
    assert one.evidence == {} and one.evidence is not two.evidence  # noqa: PT018
    with pytest.raises(TypeError, match="unknown fields"):
        Finding.trusted(**values, colour="red")


def test_equal_messages_are_one_object_and_unequal_ones_stay_apart() -> None:
    """Findings worded the same share one Text (memory at scale); only equal texts do."""

    @rule(id="T-WORD-001", kinds=["storage.bucket"], **META)
    def worded(res: Resource, ctx: RuleContext) -> Outcome:
        # A new Text per call, as rules build them; two wordings.
        return failed(Text(en=f"off ({res.facets.region})", th=f"ปิด ({res.facets.region})"))

    findings = judge(
        worded,
        [
            resource("a", region="x", line=1),
            resource("b", region="x", line=2),
            resource("c", region="y", line=3),
        ],
    )
    by_name = {f.resource_name: f for f in findings}
    assert by_name["a"].message == Text(en="off (x)", th="ปิด (x)")
    assert by_name["a"].message is by_name["b"].message
    assert by_name["c"].message == Text(en="off (y)", th="ปิด (y)")
    assert by_name["c"].message is not by_name["a"].message
