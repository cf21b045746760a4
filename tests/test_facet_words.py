"""Finding messages read as findings: each facet a rule condition reads has an English and a
Thai phrase (models/facet_words.py), and the engine says what was found with them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from gdcc_audit.api import audit
from gdcc_audit.evaluate.conditions import compile_condition, not_known_reason
from gdcc_audit.models import Facets, Resource, SourceLocation, Status
from gdcc_audit.models.facet_words import (
    APPLICABILITY_WORDS,
    FACET_WORDS,
    GRAPH_WORDS,
    KIND_WORDS,
    Flag,
    Listing,
    Measure,
    thai,
)
from gdcc_audit.models.resource import FACET_NAMES, KINDS
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings

_THAI = re.compile("[\u0e00-\u0e7f]")


def _leaves(spec: Any, key: str) -> set[str]:
    if isinstance(spec, dict):
        found = {spec[key]} if key in spec else set()
        return found.union(*(_leaves(v, key) for v in spec.values()))
    if isinstance(spec, list):
        return set().union(*(_leaves(v, key) for v in spec))
    return set()


def _conditions() -> list[Any]:
    checks = []
    for path in sorted((rules_dir() / "packs").glob("**/*.yaml")):
        pack = yaml.safe_load(path.read_text(encoding="utf-8"))
        checks += [rule["check"] for rule in pack["rules"] if "check" in rule]
    return checks


def _phrases(words: Flag | Measure | Listing) -> list[tuple[str, str]]:
    if isinstance(words, Flag):
        return [words.true, words.false]
    if isinstance(words, Measure):
        return [words.noun]
    return [words.noun, words.question]


def test_every_facet_a_rule_condition_reads_has_both_phrases() -> None:
    conditions = _conditions()
    facets = set().union(*(_leaves(c, "facet") for c in conditions))
    queries = set().union(*(_leaves(c, "graph") for c in conditions))
    assert len(facets) > 50  # the packs were read
    assert sorted(facets - FACET_WORDS.keys()) == []
    assert sorted(queries - GRAPH_WORDS.keys()) == []
    assert FACET_WORDS.keys() <= FACET_NAMES
    for facet, kind in KIND_WORDS:
        assert facet in FACET_WORDS, facet
        assert kind in KINDS, kind
    every = {**FACET_WORDS, **GRAPH_WORDS, **APPLICABILITY_WORDS}
    every |= {f"{facet} of {kind}": words for (facet, kind), words in KIND_WORDS.items()}
    for name, words in every.items():
        for en, th in _phrases(words):
            assert en, name
            assert not _THAI.search(en), name
            assert _THAI.search(th), name  # Thai, technical terms aside
        if isinstance(words, Flag):
            assert words.true != words.false, name


def _leaf(
    facet: str, op: str, expected: Any, kind: str = "storage.bucket", **facets: Any
) -> tuple[Status, str, str]:
    condition = compile_condition({"facet": facet, op: expected}, "test", {})
    res = Resource(
        id="t/s/x.r",
        kind=kind,
        name="r",
        provider="gdcc",
        provider_type="x",
        tenant="t",
        system="s",
        facets=Facets(**facets),
        location=SourceLocation(file="f.yaml", start_line=1),
    )
    verdict = condition.evaluate(res, {})
    assert verdict.reason is not None
    value = facets.get(facet)
    shown = list(value) if isinstance(value, tuple) else value
    assert verdict.evidence == {facet: shown}  # evidence keys stay the facet's
    return verdict.status, verdict.reason.en, verdict.reason.th


@pytest.mark.parametrize(
    ("facet", "op", "expected", "value", "en", "th"),
    [
        (
            "encrypted_at_rest", "equals", True, False,
            "encryption at rest is off", "ข้อมูลที่จัดเก็บไม่ได้เข้ารหัส",
        ),
        (
            "public_endpoint", "equals", False, True,
            "the endpoint is public", "endpoint เปิดสู่สาธารณะ",
        ),
        (
            "backup_retention_days", "gte", 7, 0,
            "backup retention is 0 days; at least 7 days required",
            "ระยะเวลาเก็บรักษาข้อมูลสำรองคือ 0 วัน ต้องไม่น้อยกว่า 7 วัน",
        ),
        (
            "log_retention_days", "gte", 90, 1,
            "log retention is 1 day; at least 90 days required",
            "ระยะเวลาเก็บรักษา log คือ 1 วัน ต้องไม่น้อยกว่า 90 วัน",
        ),
        (
            "time_sync_max_offset_ms", "lte", 10, 250,
            "the maximum clock offset is 250 ms; at most 10 ms allowed",
            "ค่าคลาดเคลื่อนสูงสุดของนาฬิกาคือ 250 มิลลิวินาที ต้องไม่เกิน 10 มิลลิวินาที",
        ),
        (
            "tls_min_version", "version_gte", "1.2", "1.0",
            "the minimum TLS version is 1.0; 1.2 or later required",
            "เวอร์ชัน TLS ขั้นต่ำคือ 1.0 ต้องเป็น 1.2 ขึ้นไป",
        ),
        (
            "mutable_images", "empty", True, ("docker.io/aquasec/kube-bench:latest",),
            "images by mutable tag: docker.io/aquasec/kube-bench:latest",
            "อิมเมจที่อ้างด้วย tag ที่เปลี่ยนได้: docker.io/aquasec/kube-bench:latest",
        ),
        (
            "host_path_mounts", "empty", True, ("/var/lib/etcd", "/etc"),
            "host paths mounted: /var/lib/etcd, /etc",
            "host path ที่เมานต์เข้าพ็อด: /var/lib/etcd, /etc",
        ),
    ],
)
def test_a_failing_leaf_says_what_was_found(
    facet: str, op: str, expected: Any, value: Any, en: str, th: str
) -> None:
    assert _leaf(facet, op, expected, **{facet: value}) == (Status.FAIL, en, th)


def test_an_unknown_leaf_asks_in_words() -> None:
    assert _leaf("time_sync_enabled", "equals", True) == (
        Status.UNKNOWN,
        "whether NTP time sync is on is not known from the input",
        "ไม่ทราบจากข้อมูลนำเข้าว่าเปิดการซิงโครไนซ์เวลา (NTP) หรือไม่",
    )
    assert _leaf("backup_retention_days", "gte", 7) == (
        Status.UNKNOWN,
        "backup retention is not known from the input",
        "ไม่ทราบระยะเวลาเก็บรักษาข้อมูลสำรองจากข้อมูลนำเข้า",
    )
    assert _leaf("user_data_secrets", "empty", True) == (
        Status.UNKNOWN,
        "whether user data holds secrets is not known from the input",
        "ไม่ทราบจากข้อมูลนำเข้าว่า user data มีข้อมูลลับหรือไม่",
    )
    assert not_known_reason("password_auth").en == (
        "whether password log-in is allowed is not known from the input"
    )


def test_a_kind_may_have_its_own_words() -> None:
    """``public_endpoint`` of an instance is its public IP address, of a cluster its API
    server; other kinds keep the facet's words."""
    assert _leaf("public_endpoint", "equals", False, "compute.instance", public_endpoint=True) == (
        Status.FAIL, "it has a public IP address", "มี public IP"
    )
    assert _leaf("public_endpoint", "equals", False, "compute.instance")[1] == (
        "whether it has a public IP address is not known from the input"
    )
    assert _leaf("public_endpoint", "equals", False, "container.cluster", public_endpoint=True) == (
        Status.FAIL, "the API server endpoint is public", "endpoint ของ API server เปิดสู่สาธารณะ"
    )
    assert _leaf("public_endpoint", "equals", False, "database.instance", public_endpoint=True) == (
        Status.FAIL, "the endpoint is public", "endpoint เปิดสู่สาธารณะ"
    )
    assert not_known_reason("enabled", "crypto.key").en == (
        "whether the key is enabled is not known from the input"
    )


def test_a_facet_without_words_keeps_the_generic_form() -> None:
    assert "vpc_default" not in FACET_WORDS
    assert _leaf("vpc_default", "equals", False, vpc_default=True) == (
        Status.FAIL,
        "vpc_default is true; it must be false",
        "ค่า vpc_default คือ true ซึ่งต้องเป็น false",
    )
    assert _leaf("vpc_default", "equals", False) == (
        Status.UNKNOWN,
        "vpc_default is not known from the input",
        "ไม่ทราบค่า vpc_default จากข้อมูลนำเข้า",
    )
    # an operator the entry does not word falls back too
    assert _leaf("encrypted_at_rest", "in", [True], encrypted_at_rest=False)[1] == (
        "encrypted_at_rest is false; it must be one of true"
    )


def test_a_negated_leaf_says_what_holds() -> None:
    condition = compile_condition({"not": {"facet": "serial_console", "equals": True}}, "t", {})
    res = Resource(
        id="t/s/x.r", kind="compute.instance", name="r", provider="gdcc", provider_type="x",
        tenant="t", system="s", facets=Facets(serial_console=True),
        location=SourceLocation(file="f.yaml", start_line=1),
    )
    verdict = condition.evaluate(res, {})
    assert verdict.status == Status.FAIL
    assert verdict.reason is not None
    assert (verdict.reason.en, verdict.reason.th) == (
        "serial console access is on", "เปิดการเข้าถึงผ่าน serial console"
    )


def test_thai_spacing() -> None:
    assert thai("ไม่ทราบ", "จากข้อมูลนำเข้า", "ว่า", "user data มีข้อมูลลับหรือไม่") == (
        "ไม่ทราบจากข้อมูลนำเข้าว่า user data มีข้อมูลลับหรือไม่"
    )
    assert thai("ว่า", "เปิดการซิงโครไนซ์เวลา (NTP)", "หรือไม่") == (
        "ว่าเปิดการซิงโครไนซ์เวลา (NTP) หรือไม่"
    )


TF = """\
resource "aws_db_instance" "db" {
  engine                  = "postgres"
  instance_class          = "db.t3.micro"
  backup_retention_period = 0
  publicly_accessible     = true
}
"""

POD = """\
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  containers:
    - name: web
      image: nginx:latest
"""


def test_scan_messages_read_as_findings(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "pod.yaml").write_text(POD, encoding="utf-8")
    rules = (
        "GDCC-DB-001", "GDCC-NET-002", "GDCC-BCK-002", "GDCC-ENC-001", "GDCC-K8S-011",
        "GDCC-K8S-013", "GDCC-K8S-020",
    )
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {
        (f.rule_id, f.resource_name): (f.status, f.message.en, f.message.th)
        for f in result.findings
        if f.message is not None
    }
    seccomp = "'securityContext.seccompProfile'"
    assert found == {
        ("GDCC-DB-001", "db"): (
            Status.FAIL,
            "IAM / directory authentication is off",
            "ไม่ได้เปิดการยืนยันตัวตนผ่าน IAM / directory",
        ),
        ("GDCC-NET-002", "db"): (Status.FAIL, "the endpoint is public", "endpoint เปิดสู่สาธารณะ"),
        ("GDCC-BCK-002", "db"): (
            Status.FAIL,
            "backup retention is 0 days; at least 7 days required",
            "ระยะเวลาเก็บรักษาข้อมูลสำรองคือ 0 วัน ต้องไม่น้อยกว่า 7 วัน",
        ),
        ("GDCC-ENC-001", "db"): (
            Status.FAIL, "encryption at rest is off", "ข้อมูลที่จัดเก็บไม่ได้เข้ารหัส"
        ),
        ("GDCC-K8S-011", "shop/Pod/web"): (
            Status.FAIL,
            "images by mutable tag: nginx:latest",
            "อิมเมจที่อ้างด้วย tag ที่เปลี่ยนได้: nginx:latest",
        ),
        ("GDCC-K8S-013", "shop/Pod/web"): (
            Status.FAIL,
            "the pod runs as the default service account",
            "พ็อดทำงานด้วย service account ชื่อ default",
        ),
        ("GDCC-K8S-020", "shop/Pod/web"): (
            Status.FAIL,
            f"containers without a seccomp profile: web (provider default: {seccomp} not set)",
            "คอนเทนเนอร์ที่ไม่มีโปรไฟล์ seccomp: web "
            f"(ค่าเริ่มต้นของผู้ให้บริการ: ไม่ได้กำหนด {seccomp})",
        ),
    }
