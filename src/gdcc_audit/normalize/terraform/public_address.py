"""Whether a server of a wholly scanned Terraform root has no public address.

A Huawei Cloud EIP or an OpenStack floating IP reaches a server only through an association
(a resource of its own, or an attribute of the address naming a port): the server itself does
not say. A root whose every module was read holds every association it makes, so none naming
the server means none, as a security group's rules are its rules of the scan (the project's
rule: the whole root is the configuration, see ``graph.scope``); an association made in
another root or by hand is not in the input and is said so in the finding. The fact stays
unknown when a module call of the root was not expanded, or an association of the root names
a target that cannot be told (a literal port id, a port found by a filter the scan does not
decide): either may be the server's.
"""

from __future__ import annotations

from collections.abc import Sequence

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.foreign import association_types


def _foreign(r: TfResource, ctx: TfContext) -> list[str]:
    """The associations of the scan's other roots (``foreign``) that may bind ``r``: of a
    type that binds ``r``'s, and not a lookup of a server of ``r``'s type by a literal name
    other than ``r``'s."""
    name = r.values.get("name")
    found = []
    for item in ctx.document.foreign_associations:
        if item.kind != "address" or item.provider != r.provider or r.type not in item.targets:
            continue
        if item.looked_up is not None and isinstance(name, str) and (
            item.looked_up[0] == r.type and item.looked_up[1] != name
        ):
            continue
        found.append(f"{item.address} ({item.root})")
    return sorted(set(found))


def no_association(
    r: TfResource, ctx: TfContext, undecided: Sequence[str], what: str,
    claims: bool = False,
) -> bool | None:
    """False, noted with why, when ``r``'s root was wholly scanned and none of its
    ``what`` associations (``EIP``, ``floating IP``) may name ``r``; None, noted with
    why, when one may (``undecided``: the associations whose target is not known, or, with
    ``claims``, every association while ``r`` accepts traffic for other addresses) or a
    module of the root was not read."""
    if undecided and claims:
        named = ", ".join(sorted(undecided))
        ctx.note(r, "public_endpoint", None, unknown=Text(
            en=f"a port of it accepts traffic for other addresses (allowed_address_pairs), "
            f"which {what} associations of the scan may point at: {named}",
            th=f"พอร์ตของทรัพยากรนี้รับข้อมูลของที่อยู่อื่นได้ (allowed_address_pairs) ซึ่งการผูก "
            f"{what} ในข้อมูลที่ตรวจอาจชี้ไป: {named}",
        ))
        return None
    if undecided:
        named = ", ".join(sorted(undecided))
        ctx.note(r, "public_endpoint", None, unknown=Text(
            en=f"{what} associations whose target is not known may name it: {named}",
            th=f"การผูก {what} ที่ไม่ทราบเป้าหมายอาจผูกกับทรัพยากรนี้: {named}",
        ))
        return None
    lost = ctx.lost_naming(
        association_types(), Text(en=f"an {what} association", th=f"การผูก {what} ")
    )
    if lost is not None:
        ctx.note(r, "public_endpoint", None, unknown=lost)
        return None
    foreign = _foreign(r, ctx)
    if foreign:
        named = ", ".join(foreign)
        ctx.note(r, "public_endpoint", None, unknown=Text(
            en=f"{what} associations of other roots of the scan bind a server they look up "
            f"outside their root (a data source, a remote state, an input or an id), which "
            f"may be this one: {named}",
            th=f"การผูก {what} ใน root อื่นของการตรวจนี้ผูกกับเซิร์ฟเวอร์ที่ค้นหานอก root ของตน "
            f"(data source, remote state, input หรือ id) ซึ่งอาจเป็นทรัพยากรนี้: {named}",
        ))
        return None
    gaps = ctx.gaps_naming(
        Text(en=f"{what} associations naming it", th=f"การผูก {what} กับทรัพยากรนี้")
    )
    if gaps:
        ctx.note(r, "public_endpoint", None, unknown=gaps)
        return None
    ctx.note(r, "public_endpoint", False, because=Text(
        en=f"no {what} association of the scanned configuration names it and the whole "
        "Terraform root was scanned; one made in another root or by hand is not in the input",
        th=f"ไม่มีการผูก {what} ในการตั้งค่าที่ตรวจที่ระบุทรัพยากรนี้ และได้ตรวจ Terraform root "
        "ครบทั้งชุดแล้ว การผูกที่ทำใน root อื่นหรือทำด้วยมือไม่อยู่ในข้อมูลที่ตรวจ",
    ))
    return False
