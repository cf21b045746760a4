"""The bridge on REAL checkov output (one small folder, one checkov run for the module)."""

from __future__ import annotations

import os

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models import AuditResult, Status
from gdcc_audit.settings import Settings

from .conftest import CHECKOV_FIXTURES

IAC = CHECKOV_FIXTURES / "iac"


@pytest.fixture(scope="module")
def result(checkov_path: str) -> AuditResult:
    return audit([IAC], Settings(checkov=checkov_path))


def test_real_checkov_ran_offline_and_was_read(result: AuditResult) -> None:
    assert result.checkov is not None
    assert result.checkov.error is None
    assert result.checkov.version is not None
    assert result.checkov.version.startswith("3.")
    assert not result.not_assessed


def test_real_bridged_findings(result: AuditResult) -> None:
    got = {
        (f.rule_id, f.resource_id, f.status, f.severity.value, f.location.start_line)
        for f in result.findings
        if f.rule_id in {"CKV_AWS_51", "CKV_AWS_163", "CKV_K8S_43"} and f.location
    }
    assert got == {
        ("CKV_AWS_51", "-/-/aws_ecr_repository.images", Status.FAIL, "medium", 17),
        ("CKV_AWS_163", "-/-/aws_ecr_repository.images", Status.FAIL, "medium", 17),
        ("CKV_K8S_43", "-/-/Pod.pod.yaml:shop/Pod/web", Status.FAIL, "low", 1),
    }
    (ecr,) = [f for f in result.findings if f.rule_id == "CKV_AWS_51"]
    assert ecr.location is not None
    assert os.path.realpath(ecr.location.file) == os.path.realpath(IAC / "main.tf")


def test_real_corroboration_and_unmapped(result: AuditResult) -> None:
    (public,) = [
        f
        for f in result.findings
        if f.rule_id == "GDCC-DATA-001" and f.resource_id == "-/-/aws_s3_bucket.public"
    ]
    assert public.status == Status.FAIL
    assert "CKV_AWS_20" in public.corroboration
    (ssh,) = [
        f
        for f in result.findings
        if f.rule_id == "GDCC-NET-001" and f.resource_id == "-/-/aws_security_group.ssh"
    ]
    assert "CKV_AWS_24" in ssh.corroboration
    assert result.checkov is not None
    unmapped = {(u.check_id, u.resource_id) for u in result.checkov.unmapped}
    assert ("CKV_AWS_23", "-/-/aws_security_group.ssh") in unmapped
    assert ("CKV2_AWS_62", "-/-/aws_s3_bucket.public") in unmapped
    bridged_ids = {r.id for r in result.rules if r.pack == "checkov-bridge"}
    assert not {u.check_id for u in result.checkov.unmapped} & bridged_ids


def test_kubernetes_checks_with_a_native_rule_corroborate_it(result: AuditResult) -> None:
    # CKV_K8S_22 (read-only root file system) is mapped to GDCC-K8S-007: one finding, native,
    # with checkov's id as corroboration.
    pod = "-/-/Pod.pod.yaml:shop/Pod/web"
    (native,) = [
        f for f in result.findings if f.rule_id == "GDCC-K8S-007" and f.resource_id == pod
    ]
    assert native.status == Status.FAIL
    assert "CKV_K8S_22" in native.corroboration
    assert not [f for f in result.findings if f.rule_id == "CKV_K8S_22"]
