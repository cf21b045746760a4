"""Why an instance's facet is its launch template's, in every format: an instance takes from
its template what it does not write ("Any parameters that you specify override the same
parameters in the launch template", EC2 user guide, "Launch an instance from a launch
template")."""

from __future__ import annotations

from gdcc_audit.models.common import Text


def from_template(name: str) -> Text:
    """The facet is the launch template ``name``'s."""
    return Text(
        en=f"as its launch template {name} gives it",
        th=f"ตามที่ launch template {name} กำหนด",
    )


#: Where a template that is not read would be: the input (Terraform), the template
#: (CloudFormation), in English and Thai.
_WHERE = {"the input": "ข้อมูลนำเข้า", "the template": " template"}


def template_not_read(where: str) -> Text:
    """The facet is a launch template's that is not in ``where`` ("the input", "the
    template")."""
    return Text(
        en=f"it is launched from a launch template that is not in {where}, which decides it",
        th=f"สร้างจาก launch template ที่ไม่อยู่ใน{_WHERE[where]} ซึ่งเป็นตัวกำหนดค่านี้",
    )
