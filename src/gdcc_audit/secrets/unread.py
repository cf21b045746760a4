"""Why a secret holder's secret reaches no resource: said in its GDCC-SECRET-001 finding.

A secret written for an input that no resource reads (``load.terraform.unread_inputs``,
``normalize.unread_secrets``) is reported on a holder of its own; the generic sentence "a
secret is written in plain text at 'default'" did not say why it was no resource's. The
holder's ``Resource.decided_by`` names the reason under :data:`UNREAD`, one of
:data:`REASONS`, and the check adds it to the FAIL's message.
"""

from __future__ import annotations

from gdcc_audit.models.common import Text

#: The key of ``Resource.decided_by`` under which a holder says why its secret is unread.
UNREAD = "unread_secret"

#: The reasons, by code (``TfResource.unread``, the template holders').
REASONS: dict[str, Text] = {
    "unused_default": Text(
        en="variable default not read by any resource",
        th="ค่าเริ่มต้นของตัวแปรที่ไม่มีทรัพยากรใดอ่าน",
    ),
    "default_replaced_by_calls": Text(
        en="variable default that every call of this module replaces",
        th="ค่าเริ่มต้นของตัวแปรที่ทุกการเรียกใช้โมดูลนี้กำหนดค่าอื่นแทน",
    ),
    "default_replaced_by_tfvars": Text(
        en="variable default a .tfvars value replaces",
        th="ค่าเริ่มต้นของตัวแปรที่ค่าในไฟล์ .tfvars กำหนดแทน",
    ),
    "tfvars_undeclared": Text(
        en="tfvars value for a variable this root does not declare",
        th="ค่าในไฟล์ tfvars สำหรับตัวแปรที่ root module นี้ไม่ได้ประกาศ",
    ),
    "tfvars_not_loaded": Text(
        en="tfvars value in a file Terraform reads only when given as -var-file",
        th="ค่าในไฟล์ tfvars ที่ Terraform อ่านเฉพาะเมื่อระบุด้วย -var-file",
    ),
    "tfvars_no_root": Text(
        en="tfvars value in a folder that is no scanned root module",
        th="ค่าในไฟล์ tfvars ในโฟลเดอร์ที่ไม่ใช่ root module ที่ตรวจสอบ",
    ),
    "tfvars_replaced": Text(
        en="tfvars value a later file replaces",
        th="ค่าในไฟล์ tfvars ที่ไฟล์ซึ่งอ่านภายหลังกำหนดค่าแทน",
    ),
    "tfvars_unread": Text(
        en="tfvars value for a variable no resource reads",
        th="ค่าในไฟล์ tfvars สำหรับตัวแปรที่ไม่มีทรัพยากรใดอ่าน",
    ),
    "cfn_parameter": Text(
        en="CloudFormation parameter default read by no resource",
        th="ค่าเริ่มต้นของพารามิเตอร์ CloudFormation ที่ไม่มีทรัพยากรใดอ่าน",
    ),
    "heat_parameter": Text(
        en="Heat parameter default read by no resource",
        th="ค่าเริ่มต้นของพารามิเตอร์ Heat ที่ไม่มีทรัพยากรใดอ่าน",
    ),
    "heat_environment": Text(
        en="Heat environment value read by no resource of a scanned template",
        th="ค่าในไฟล์ environment ของ Heat ที่ไม่มีทรัพยากรใดในเทมเพลตที่ตรวจสอบอ่าน",
    ),
}


def unread_because(code: str) -> dict[str, Text]:
    """``Resource.decided_by`` of a holder whose secret is unread for ``code`` (empty for
    an unknown or empty code)."""
    reason = REASONS.get(code)
    return {UNREAD: reason} if reason is not None else {}
