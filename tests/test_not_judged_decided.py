"""Types no GDCC rule applies to by decision (``normalize/not_judged.py``) were counted in
``not_judged`` like types no mapping reads yet, with no word of why: the result now says why
for each (``not_judged_why``), and so does the console."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.report.console import _WORDS, _reading_notes
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "not_judged_decided"


def test_decided_types_say_why() -> None:
    result = audit([FIXTURES], Settings())
    assert result.not_judged == {
        "AWS::EC2::VPNConnection": 1,
        "AWS::EMRServerless::Application": 1,
        "aws_ec2_client_vpn_route": 1,
        "aws_emrserverless_application": 1,
        "aws_vpn_connection": 1,
        "null_resource": 1,
    }
    why = result.not_judged_why
    assert sorted(why) == [
        "AWS::EC2::VPNConnection", "AWS::EMRServerless::Application",
        "aws_ec2_client_vpn_route", "aws_emrserverless_application", "aws_vpn_connection",
    ]  # a type no mapping reads yet (null_resource) has no reason
    assert why["aws_vpn_connection"].en.startswith(
        "a site-to-site VPN connection: its IKE versions and tunnel ciphers are IPsec proposals")
    assert why["AWS::EMRServerless::Application"] == why["aws_emrserverless_application"]
    data = json.loads(result_to_json(result))
    assert data["not_judged_why"]["aws_ec2_client_vpn_route"]["en"].startswith(
        "configures a client VPN endpoint's routes")
    lines = _reading_notes(result, _WORDS["th"], "th")
    assert lines[-1].startswith("ในจำนวนนี้ ไม่มีกฎของ GDCC ที่ใช้กับ: AWS::EC2::VPNConnection: ")


def test_nothing_decided_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "null_resource" "n" {}\n', encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert result.not_judged == {"null_resource": 1}
    assert "not_judged_why" not in json.loads(result_to_json(result))
