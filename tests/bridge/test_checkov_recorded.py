"""The bridge on recorded checkov output (a stand-in checkov prints it), and checkov failing:
crash, hang, malformed JSON, missing."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.bridges.checkov import load_table
from gdcc_audit.bridges.checkov.runner import (
    CheckovFailed,
    CheckovMissing,
    find_checkov,
    parse_reports,
)
from gdcc_audit.cli.app import run
from gdcc_audit.models import AuditResult, InputStatus, Status
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings

from .conftest import CHECKOV_FIXTURES

IAC = CHECKOV_FIXTURES / "iac"
MAIN_TF = str(IAC / "main.tf")
POD = str(IAC / "pod.yaml")


def _audit(checkov: Path, **extra: object) -> AuditResult:
    return audit([IAC], Settings(checkov=str(checkov), **extra))  # type: ignore[arg-type]


def _table_native(check_id: str) -> str | None:
    native = {r.meta.id: r.meta for r in collect(make_plugin_manager(), Settings()).rules}
    entry = load_table(rules_dir() / "checkov", native).get(check_id)
    assert entry is not None, check_id
    return entry.native_rule


def test_mapped_checks_become_findings_with_our_severity_location_and_controls(
    fake_checkov: Path,
) -> None:
    result = _audit(fake_checkov)
    assert result.checkov is not None
    assert result.checkov.error is None
    assert result.checkov.version == "3.3.30"
    ecr = [f for f in result.findings if f.rule_id == "CKV_AWS_51"]
    assert len(ecr) == 1
    (finding,) = ecr
    assert finding.status == Status.FAIL
    assert finding.resource_id == "-/-/aws_ecr_repository.images"
    assert finding.resource_kind == "container.registry"
    assert finding.severity.value == "medium"
    assert finding.location is not None
    assert (os.path.realpath(finding.location.file), finding.location.start_line) == (
        os.path.realpath(MAIN_TF),
        17,
    )
    assert finding.location.end_line == 20
    assert finding.message.en == "checkov CKV_AWS_51 failed: ECR image tags are immutable"
    assert finding.message.th.startswith("checkov CKV_AWS_51 ไม่ผ่าน: ")
    meta = result.rule("CKV_AWS_51")
    assert meta is not None
    assert [str(c) for c in meta.controls] == [
        "ISO27001-2022:A.8.9",
        "NIST-800-53-r5:CM-6",
        "NIST-800-53-r5:CM-7",
        "CIS-v8:4.1",
    ]
    assert meta.pack == "checkov-bridge"
    # The bridged failure is scored: its NIST control fails because of it.
    nist = result.framework("NIST-800-53-r5")
    assert nist is not None
    cm6 = next(c for c in nist.controls if c.control == "CM-6")
    assert finding.fingerprint in cm6.failing
    # A Kubernetes resource named Kind.namespace.name by checkov is matched to ours.
    (digest,) = [f for f in result.findings if f.rule_id == "CKV_K8S_43"]
    assert digest.resource_id == "-/-/Pod.pod.yaml:shop/Pod/web"
    assert digest.severity.value == "low"


def test_native_wins_and_lists_checkov_as_corroboration(fake_checkov: Path) -> None:
    result = _audit(fake_checkov)
    public = [
        f
        for f in result.findings
        if f.rule_id == "GDCC-DATA-001" and f.resource_id == "-/-/aws_s3_bucket.public"
    ]
    assert [(f.status, f.corroboration) for f in public] == [(Status.FAIL, ("CKV_AWS_20",))]
    ssh = [
        f
        for f in result.findings
        if f.rule_id == "GDCC-NET-001" and f.resource_id == "-/-/aws_security_group.ssh"
    ]
    assert [(f.resource_id, f.corroboration) for f in ssh] == [
        ("-/-/aws_security_group.ssh", ("CKV_AWS_24",))
    ]
    # One finding per property: no bridged copy of a check a native finding covers.
    assert not [f for f in result.findings if f.rule_id in {"CKV_AWS_20", "CKV_AWS_24"}]
    assert result.checkov is not None
    assert result.checkov.corroborated >= 2


def test_privileged_pod_is_reported_once(fake_checkov: Path) -> None:
    result = _audit(fake_checkov)
    native = _table_native("CKV_K8S_16")
    bridged = [f for f in result.findings if f.rule_id == "CKV_K8S_16"]
    if native is None:
        assert [(f.status, f.severity.value) for f in bridged] == [(Status.FAIL, "critical")]
    else:
        assert bridged == []
        assert any("CKV_K8S_16" in f.corroboration for f in result.findings)


def test_unmapped_failures_are_listed_not_scored(fake_checkov: Path) -> None:
    result = _audit(fake_checkov)
    assert result.checkov is not None
    unmapped = sorted((u.check_id, u.resource, u.resource_id) for u in result.checkov.unmapped)
    assert unmapped == [
        ("CKV2_AWS_62", "aws_s3_bucket.public", "-/-/aws_s3_bucket.public"),
        ("CKV_AWS_23", "aws_security_group.ssh", "-/-/aws_security_group.ssh"),
    ]
    assert not [f for f in result.findings if f.rule_id in {"CKV2_AWS_62", "CKV_AWS_23"}]
    assert result.rule("CKV_AWS_23") is None


def test_passed_checks_become_pass_findings(fake_checkov: Path) -> None:
    result = _audit(fake_checkov)
    passed = {(f.rule_id, f.resource_id) for f in result.findings if f.status == Status.PASS}
    # CKV_AWS_163 fails; nothing in the recording passes CKV_AWS_51: no PASS for them.
    assert ("CKV_AWS_51", "-/-/aws_ecr_repository.images") not in passed
    assert not any(
        rule.startswith("CKV_")
        and rule not in {"CKV_AWS_19", "CKV_AWS_57", "CKV_AWS_25", "CKV_K8S_21"}
        for rule, _ in passed
    )


def test_checkov_runs_offline_on_the_scanned_folder(fake_checkov: Path) -> None:
    _audit(fake_checkov)
    (line,) = Path(os.environ["FAKE_CHECKOV_ARGS"]).read_text().splitlines()
    args = line.split()
    assert args[:2] == ["-d", str(IAC)]
    assert "--skip-download" in args
    assert args[args.index("--output") + 1] == "json"
    assert args[args.index("--framework") + 1] == (
        "terraform,terraform_plan,cloudformation,kubernetes,secrets"
    )


def test_a_single_framework_dict_is_read(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV_JSON", str(CHECKOV_FIXTURES / "recorded-dict.json"))
    result = _audit(fake_checkov)
    assert [f.resource_id for f in result.findings if f.rule_id == "CKV_K8S_43"] == [
        "-/-/Pod.pod.yaml:shop/Pod/web"
    ]
    assert not [f for f in result.findings if f.rule_id == "CKV_AWS_51"]


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("crash", "checkov crashed (exit code 1): TypeError: unhashable type: 'dict'"),
        ("hang", "checkov did not finish within 2 s (timeout; it was stopped)"),
        ("malformed", "checkov printed malformed JSON (line 1, column 60: Expecting value)"),
        ("text", "checkov printed malformed JSON (line 1, column 1: Expecting value)"),
    ],
)
def test_checkov_failing_names_the_files_keeps_native_results_and_exits_2(
    fake_checkov: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    message: str,
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", mode)
    args = ["scan", str(IAC), "--checkov", str(fake_checkov), "--checkov-timeout", "2"]
    code = run([*args, "--format", "json", "--no-color", "-q"])
    captured = capsys.readouterr()
    assert code == 2
    data = json.loads(captured.out)
    assert message in data["checkov"]["error"]
    # Native results are still there.
    assert any(f["rule_id"] == "GDCC-DATA-001" and f["status"] == "FAIL" for f in data["findings"])
    assert not [f for f in data["findings"] if f["rule_id"].startswith("CKV")]
    # Each scanned IaC file is named, partially assessed.
    named = {
        os.path.realpath(i["path"]): i["status"]
        for i in data["inputs"]
        if "checkov bridge" in (i["error"] or "")
    }
    assert named == {
        os.path.realpath(MAIN_TF): InputStatus.PARTIALLY_ASSESSED.value,
        os.path.realpath(POD): InputStatus.PARTIALLY_ASSESSED.value,
    }
    assert f"{MAIN_TF}: checkov bridge: {message}" in captured.err


def test_missing_checkov_is_exit_2_with_the_install_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code = run(["scan", str(IAC), f"--checkov={tmp_path / 'nowhere'}", "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no checkov executable at" in err
    assert "pip install 'gdcc-audit[checkov]'" in err


def test_auto_finds_checkov_beside_python_then_on_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_checkov: Path
) -> None:
    monkeypatch.setattr("sys.executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(CheckovMissing, match=r"checkov is not installed; install it with"):
        find_checkov("auto")
    monkeypatch.setenv("PATH", str(fake_checkov.parent))
    assert find_checkov("auto") == str(fake_checkov)
    monkeypatch.setattr("sys.executable", str(fake_checkov.parent / "python"))
    assert find_checkov("auto") == str(fake_checkov)
    # A virtual environment folder is accepted for --checkov PATH.
    assert find_checkov(str(fake_checkov.parent.parent)) == str(fake_checkov)


def test_parse_reports_shapes() -> None:
    one = {"check_type": "terraform", "results": {"failed_checks": [], "passed_checks": []}}
    assert parse_reports(json.dumps(one).encode()) == [one]
    assert parse_reports(json.dumps([one, one]).encode()) == [one, one]
    empty = {"passed": 0, "failed": 0, "checkov_version": "3.3.30"}
    assert parse_reports(json.dumps(empty).encode()) == []
    for bad, why in [
        (b"", "empty output"),
        (b"[1]", "a int"),
        (b'{"check_type": "x"}', "no 'results'"),
        (b'{"results": {"failed_checks": {}}}', "not a check list"),
    ]:
        with pytest.raises(CheckovFailed, match=why):
            parse_reports(bad)


def test_native_verdict_on_one_port_of_a_multi_port_finding() -> None:
    from gdcc_audit.bridges.checkov.convert import native_verdict
    from gdcc_audit.models import Finding, Text

    finding = Finding(
        rule_id="GDCC-NET-001",
        resource_id="-/-/aws_security_group.web",
        resource_kind="network.security_group",
        resource_name="web",
        provider_type="aws_security_group",
        status=Status.FAIL,
        severity="high",  # type: ignore[arg-type]
        message=Text(en="x", th="x"),
        evidence={"ports": [22], "undetermined_ports": [5432]},
    )
    assert native_verdict(finding, "port:22") == Status.FAIL
    assert native_verdict(finding, "port:3389") == Status.PASS
    assert native_verdict(finding, "port:5432") == Status.UNKNOWN
    assert native_verdict(finding, None) == Status.FAIL


def test_native_verdict_on_one_item_of_a_listed_finding() -> None:
    from gdcc_audit.bridges.checkov.convert import native_verdict
    from gdcc_audit.models import Finding, Text

    def db(status: Status, flags: list[str] | None) -> Finding:
        return Finding(
            rule_id="GDCC-DB-005",
            resource_id="-/-/google_sql_database_instance.db",
            resource_kind="database.instance",
            resource_name="db",
            provider_type="google_sql_database_instance",
            status=status,
            severity="medium",  # type: ignore[arg-type]
            message=Text(en="x", th="x"),
            evidence={"insecure_db_flags": flags},
        )

    failing = db(Status.FAIL, ["cross db ownership chaining=on"])
    key = "listed:insecure_db_flags:"
    assert native_verdict(failing, key + "cross db ownership chaining") == Status.FAIL
    assert native_verdict(failing, key + "contained database authentication") == Status.PASS
    assert native_verdict(db(Status.UNKNOWN, None), key + "local_infile") == Status.UNKNOWN
    assert native_verdict(db(Status.PASS, []), key + "local_infile") == Status.PASS


def test_native_verdict_on_an_item_a_listing_known_in_part_does_not_name() -> None:
    """A FAIL listing known only in part (``undetermined_<field>``): an item it does not name
    is UNKNOWN when named among the items not known (or matched by a ``prefix*`` entry), not
    PASS."""
    from gdcc_audit.bridges.checkov.convert import native_verdict
    from gdcc_audit.models import Finding, Text

    finding = Finding(
        rule_id="GDCC-CMP-012",
        resource_id="-/-/google_container_cluster.c",
        resource_kind="container.cluster",
        resource_name="c",
        provider_type="google_container_cluster",
        status=Status.FAIL,
        severity="medium",  # type: ignore[arg-type]
        message=Text(en="x", th="x"),
        evidence={
            "boot_protection_off": ["Shielded GKE Nodes"],
            "undetermined_boot_protection_off": ["secure boot on *", "vTPM"],
        },
    )
    key = "listed:boot_protection_off:"
    assert native_verdict(finding, key + "Shielded GKE Nodes") == Status.FAIL
    assert native_verdict(finding, key + "secure boot on default node pool") == Status.UNKNOWN
    assert native_verdict(finding, key + "vTPM") == Status.UNKNOWN
    assert native_verdict(finding, key + "integrity monitoring on default node pool") == (
        Status.PASS
    )
    # checkov judges a google_container_node_pool merged into its cluster: its own item
    listed = {"boot_protection_off": ["secure boot on google_container_node_pool.a"]}
    pools = finding.model_copy(update={"evidence": listed})
    item = key + "secure boot on default node pool"
    assert native_verdict(pools, item, "google_container_node_pool.a") == Status.FAIL
    assert native_verdict(pools, item, "google_container_node_pool.b") == Status.PASS
    assert native_verdict(pools, item) == Status.PASS
    anything = finding.model_copy(
        update={"evidence": {**finding.evidence, "undetermined_boot_protection_off": ["*"]}}
    )
    assert native_verdict(anything, key + "integrity monitoring on default node pool") == (
        Status.UNKNOWN
    )


def test_a_bridged_checkov_check_can_be_waived(fake_checkov: Path, tmp_path: Path) -> None:
    import datetime as dt

    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Waivers\nwaivers:\n"
        "  - id: W1\n    rule: CKV_AWS_51\n    resource: -/-/aws_ecr_repository.images\n"
        "    reason: tags are rewritten by the release tool\n    approver: CISO\n"
        "    approved_on: 2026-06-01\n    expires: 2027-03-31\n",
        encoding="utf-8",
    )
    result = _audit(
        fake_checkov,
        waiver_files=(str(waivers),),
        now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
    )
    assert not result.not_assessed
    (finding,) = [f for f in result.findings if f.rule_id == "CKV_AWS_51"]
    assert finding.waiver is not None
    assert finding.waiver.id == "W1"
    assert finding not in result.failures()


def test_checkov_is_stopped_when_the_session_is_dropped(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    from gdcc_audit.bridges.checkov import CheckovSession

    monkeypatch.setenv("FAKE_CHECKOV", "hang")
    session = CheckovSession(Settings(checkov=str(fake_checkov)))
    session.start([IAC])
    process = session.jobs[0].process
    assert process.poll() is None
    del session
    gc.collect()
    assert process.wait(timeout=10) != 0


def test_rule_selection_applies_to_bridged_checks_without_making_them_unmapped(
    fake_checkov: Path,
) -> None:
    from gdcc_audit.models import Severity

    result = _audit(fake_checkov, min_severity=Severity.HIGH)
    assert not [f for f in result.findings if f.rule_id in {"CKV_AWS_51", "CKV_K8S_43"}]
    assert result.checkov is not None
    assert {u.check_id for u in result.checkov.unmapped} == {"CKV_AWS_23", "CKV2_AWS_62"}


def test_rules_option_selects_bridged_checkov_checks(fake_checkov: Path) -> None:
    result = _audit(fake_checkov, rule_ids=("CKV_AWS_51",))
    assert {f.rule_id for f in result.findings} == {"CKV_AWS_51"}
    assert [r.id for r in result.rules] == ["CKV_AWS_51"]
    # A native id and a checkov id together: both kinds of finding, nothing else.
    both = _audit(fake_checkov, rule_ids=("CKV_AWS_51", "GDCC-K8S-001"))
    assert {f.rule_id for f in both.findings} == {"CKV_AWS_51", "GDCC-K8S-001"}


def test_rules_option_with_a_checkov_id_needs_the_bridge_and_a_reviewed_table(
    fake_checkov: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["scan", str(IAC), "--rules", "CKV_AWS_51", "--format", "json"]) == 2
    assert "CKV_AWS_51: checkov checks run only with the checkov bridge" in capsys.readouterr().err
    code = run(["scan", str(IAC), "--rules", "CKV_AWS_99999", f"--checkov={fake_checkov}"])
    assert code == 2
    assert "unknown rule id(s): CKV_AWS_99999" in capsys.readouterr().err


def test_checkov_results_on_excluded_files_are_dropped(fake_checkov: Path) -> None:
    """checkov is not told the exclude patterns: what it says of a file left out is dropped,
    so a bridged run judges the same files as a native one."""
    result = _audit(fake_checkov, exclude=("pod.yaml",))
    assert result.checkov is not None
    assert result.checkov.error is None
    assert {Path(i.path).name: i.status for i in result.inputs}["pod.yaml"] == (
        InputStatus.EXCLUDED
    )
    kinds = {f.rule_id for f in result.findings if f.rule_id.startswith("CKV_K8S")}
    assert kinds == set()
    assert [u.check_id for u in result.checkov.unmapped if "pod" in u.resource.lower()] == []
    kept = {f.rule_id for f in result.findings if f.rule_id.startswith("CKV_AWS")}
    assert {"CKV_AWS_51", "CKV_AWS_163"} <= kept
