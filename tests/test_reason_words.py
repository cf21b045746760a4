"""The graph's English reasons (edge ``via`` texts, segmentation details, what a scan could
not read) have a Thai text in one table (models/reason_words.py), so a Thai message built on
them is Thai; the English message is unchanged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings


def test_parts_are_translated_one_by_one() -> None:
    assert reason_th(
        "public endpoint; no internet gateway found for its network; filtering not known"
    ) == "มี endpoint สาธารณะ; ไม่พบ internet gateway ของเครือข่าย; ไม่ทราบการกรองทราฟฟิก"
    assert reason_th("any address on port(s) 3306") == "ที่อยู่ใดก็ได้ ทางพอร์ต 3306"
    assert reason_th("address range web_vpc, which holds internet-facing db_app") == (
        "ช่วงที่อยู่ web_vpc ซึ่งมี db_app ที่เข้าถึงได้จากอินเทอร์เน็ต"
    )
    assert reason_th("public IP of nic1 not known") == "ไม่ทราบ public IP ของ nic1"


def test_what_was_not_read_keeps_its_place_and_translates_the_reason() -> None:
    assert reason_th(
        "module.vpc (terraform-aws-modules/vpc/aws): remote source: not downloaded; "
        "main.tf:12: not assessed"
    ) == (
        "module.vpc (terraform-aws-modules/vpc/aws): โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา; "
        "main.tf:12: ไม่ได้ประเมิน"
    )
    assert reason_th("module.deep: module nesting deeper than 8") == (
        "module.deep: โมดูลซ้อนกันลึกเกิน 8 ชั้น"
    )


def test_an_unknown_reason_stays_as_written() -> None:
    assert reason_th("a plugin's own reason") == "a plugin's own reason"


# a security group given as a parameter: its rules are not known (a database naming no group
# is in its VPC's default group, whose documented rules are known)
CFN = """\
Parameters:
  DbGroup:
    Type: AWS::EC2::SecurityGroup::Id
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "16.3"
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      PubliclyAccessible: true
      VPCSecurityGroups: [!Ref DbGroup]
"""


def test_segmentation_message_is_thai(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    (finding,) = result.findings
    assert finding.status is Status.UNKNOWN
    assert finding.message.en == "cannot tell which addresses it admits: filtering not known"
    assert finding.message.th == (
        "ไม่สามารถระบุได้ว่ายอมรับการเชื่อมต่อจากที่อยู่ใด: ไม่ทราบการกรองทราฟฟิก"
    )
    assert finding.evidence["admits"] == "filtering not known"
