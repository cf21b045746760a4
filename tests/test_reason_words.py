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


def test_store_and_rule_reasons_are_thai() -> None:
    """Reasons seen in the Thai messages of heat-templates and cloud-foundation-fabric."""
    assert reason_th(
        "the default security group of the default VPC holds WebServerGroup, which may be "
        "internet-facing"
    ) == (
        "security group ค่าเริ่มต้นของ VPC ค่าเริ่มต้นมี WebServerGroup "
        "ซึ่งอาจเข้าถึงได้จากอินเทอร์เน็ต"
    )
    assert reason_th("web-sg holds aws_instance.web, which may be internet-facing") == (
        "web-sg มี aws_instance.web ซึ่งอาจเข้าถึงได้จากอินเทอร์เน็ต"
    )
    assert reason_th(
        "the addresses admitted by google_sql_database_instance.primary ipv4_enabled are not "
        "known"
    ) == "ไม่ทราบที่อยู่ที่ google_sql_database_instance.primary ipv4_enabled ยอมรับ"
    assert reason_th("default-allow-ssh of the default network") == (
        "default-allow-ssh ของเครือข่าย default"
    )
    # a resource address is no reason: as written
    assert reason_th("aws_security_group.web") == "aws_security_group.web"


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


def test_grant_and_boot_items_are_thai() -> None:
    """The items of public_grants and boot_protection_off had their English connecting words
    in the Thai message (terragoat: 'statement 1 allows everyone by ... at aws/es.tf:41')."""
    from gdcc_audit.models.reason_words import item_th

    assert item_th("statement 1 allows everyone by aws_s3_bucket_policy.p at main.tf:9") == (
        "statement 1 อนุญาตทุกคน โดย aws_s3_bucket_policy.p ที่ main.tf:9"
    )
    assert item_th(
        "READER to allAuthenticatedUsers by access block of google_bigquery_dataset.d "
        "at gcp/big_data.tf:21"
    ) == (
        "READER ให้แก่ allAuthenticatedUsers โดย access block ของ google_bigquery_dataset.d "
        "ที่ gcp/big_data.tf:21"
    )
    assert item_th("roles/run.invoker to members not known by module.f.binding[0] at m.tf:9") == (
        "roles/run.invoker ให้แก่สมาชิกที่ไม่ทราบ โดย module.f.binding[0] ที่ m.tf:9"
    )
    assert item_th('statement "S" may allow everyone (principal or condition not known)') == (
        'statement "S" อาจอนุญาตทุกคน (ไม่ทราบ principal หรือเงื่อนไข)'
    )
    assert item_th('statement "S" allows everyone in BucketPolicy at t.yaml:12') == (
        'statement "S" อนุญาตทุกคน ใน BucketPolicy ที่ t.yaml:12'
    )
    assert item_th("secure boot on google_container_node_pool.p") == (
        "secure boot ของ google_container_node_pool.p"
    )
    # an item of another shape, or a head not known, stays as written
    for kept in ("80 to 443", "get on secrets", "Shielded GKE Nodes", "images by tag"):
        assert item_th(kept) == kept


def test_public_dataset_message_is_thai(tmp_path: Path) -> None:
    (tmp_path / "big_data.tf").write_text(
        'resource "google_bigquery_dataset" "dataset" {\n  dataset_id = "d"\n'
        "  access {\n    special_group = \"allAuthenticatedUsers\"\n"
        '    role          = "READER"\n  }\n}\n'
        'resource "google_container_cluster" "c" {\n  name = "c"\n  location = "asia-southeast1"\n'
        "  initial_node_count = 1\n  remove_default_node_pool = true\n}\n"
        'resource "google_container_node_pool" "p" {\n'
        "  cluster = google_container_cluster.c.name\n  location = \"asia-southeast1\"\n"
        '  node_config {\n    image_type = "Ubuntu"\n  }\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings())
    by_rule = {
        (f.rule_id, f.address): f for f in result.findings if f.status == Status.FAIL
    }
    dataset = by_rule["GDCC-DATA-001", "google_bigquery_dataset.dataset"]
    assert dataset.message.th == (
        "บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่จัดเก็บนี้ได้: READER ให้แก่ "
        "allAuthenticatedUsers โดย access block ของ google_bigquery_dataset.dataset ที่ "
        f"{tmp_path / 'big_data.tf'}:1"
    )
    boot = [
        f.message.th for (_, address), f in by_rule.items()
        if address == "google_container_cluster.c" and "secure boot" in f.message.en
    ]
    assert boot == [
        "การป้องกันการบูตที่ปิดอยู่: secure boot ของ google_container_node_pool.p "
        "(ค่าเริ่มต้นของผู้ให้บริการ: ไม่ได้กำหนด "
        "'node_config.0.shielded_instance_config.0.enable_secure_boot')"
    ]


def test_log_writer_and_unreadable_policy_reasons_are_thai() -> None:
    """Reasons seen in the Thai messages of checkov's own test templates (checkov-tests):
    GDCC-GRAPH log-tampering UNKNOWNs and grants whose policy could not be read."""
    from gdcc_audit.models.reason_words import item_th

    assert reason_th("RoleArn arn:aws:iam::123456789012:role/role (not in the scan)") == (
        "RoleArn arn:aws:iam::123456789012:role/role (ไม่อยู่ในการตั้งค่าที่ตรวจ)"
    )
    written = "IamInstanceProfile given by an expression naming no resource of the scan"
    assert reason_th(written) == (
        "IamInstanceProfile กำหนดด้วยนิพจน์ที่ไม่ได้อ้างถึงทรัพยากรใดในการตั้งค่าที่ตรวจ"
    )
    assert reason_th(
        "permissions of ExecutionRole not known (a managed policy not listed, or a policy that "
        "cannot be read)"
    ) == "ไม่ทราบสิทธิ์ของ ExecutionRole (managed policy ที่ไม่อยู่ในรายการ หรือ policy ที่อ่านไม่ได้)"
    assert reason_th("role_arn not known before apply") == "ไม่ทราบค่า role_arn ก่อน apply"
    assert item_th(
        "policy not readable (whether the endpoint is open to everyone is not known) by "
        "access_policies of aws_elasticsearch_domain.m at es.tf:3"
    ) == (
        "อ่าน policy ไม่ได้ (ไม่ทราบว่า endpoint เปิดให้ทุกคนหรือไม่) โดย access_policies ของ "
        "aws_elasticsearch_domain.m ที่ es.tf:3"
    )
    assert item_th(
        "statement 1 allows everyone (the domain is not in the scan) by "
        "aws_elasticsearch_domain_policy.p at es.tf:41"
    ) == (
        "statement 1 อนุญาตทุกคน (โดเมนไม่อยู่ในการตั้งค่าที่ตรวจ) โดย "
        "aws_elasticsearch_domain_policy.p ที่ es.tf:41"
    )
    assert item_th("policy not readable in AssumeRolePolicyDocument") == (
        "อ่าน policy ไม่ได้ ใน AssumeRolePolicyDocument"
    )
