"""Companions whose target is one of several resources (issue 12).

``bucket = var.on ? aws_s3_bucket.a.id : aws_s3_bucket.b.id`` configures ``a`` or ``b``,
whichever the condition chooses at apply time. A *protective* companion (an encryption
configuration, a public access block, versioning, an NSG association) may then protect
neither, a *harmful* one (a public policy or ACL, an open rule) may expose either: each facet
it would change on a candidate is not known there, whatever its kind. The companion is mapped
once per candidate (``TfContext.pins``) and each contribution is marked ``uncertain``; the
mapper then makes the facets it would change not known, naming every candidate. So is a
contribution to another resource that only some candidates lead to (a grant on one of two
key rings reaches the keys of that ring only).
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import Contribution, TfContext

#: The most combinations of candidates a companion is mapped with (several ambiguous
#: arguments multiply): past it the companion's contributions are not used at all.
MAX_CASES = 32

Companion = Callable[[TfResource, TfContext], list[Contribution]]


def contributions(companion: Companion, resource: TfResource, ctx: TfContext) -> list[Contribution]:
    """What ``companion`` contributes for ``resource``: as it is when every target it looks
    up is designated; else one run per combination of candidates, each contribution to a
    candidate marked ``uncertain`` (the others, the same in every run, once)."""
    ctx.ambiguous.pop(resource.address, None)
    made = companion(resource, ctx)
    asked = ctx.ambiguous.pop(resource.address, None)
    if not asked:
        return made
    attributes = sorted(asked)
    cases = list(itertools.product(*(asked[a] for a in attributes)))
    if len(cases) > MAX_CASES:
        return []
    named = {address for a in attributes for address in asked[a]}
    why = _reason(resource, asked)
    runs: list[list[Contribution]] = []
    for case in cases:
        pins = {
            (resource.address, attribute): ctx.by_address[address]
            for attribute, address in zip(attributes, case, strict=True)
            if address in ctx.by_address
        }
        ctx.pins.update(pins)
        try:
            found = companion(resource, ctx)
        finally:
            for key in pins:
                ctx.pins.pop(key, None)
            ctx.ambiguous.pop(resource.address, None)
        runs.append(found)
    return _merged(runs, named, why)


def _merged(runs: list[list[Contribution]], named: set[str], why: Text) -> list[Contribution]:
    """The contributions of the runs, one per candidate combination: those to a candidate,
    and those to another resource that only some runs make (reached through a candidate: the
    keys of the key ring a grant may name), marked ``why``; those every run makes, once."""
    made_in = [{(item.target, item.order) for item in found} for found in runs]
    everywhere = set.intersection(*made_in) if made_in else set()
    out: list[Contribution] = []
    seen: set[tuple[str, int]] = set()
    for found in runs:
        for item in found:
            key = (item.target, item.order)
            if item.target in named or key not in everywhere:
                out.append(dataclasses.replace(item, uncertain=why))
            elif key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _reason(resource: TfResource, asked: dict[str, tuple[str, ...]]) -> Text:
    shown = "; ".join(f"{a}: {' or '.join(names)}" for a, names in sorted(asked.items()))
    return Text(
        en=f"{resource.address} configures one of several resources, chosen by a value not "
        f"known before apply ({shown}): it may or may not apply to this one",
        th=f"{resource.address} ตั้งค่าทรัพยากรหนึ่งในหลายรายการ ซึ่งเลือกด้วยค่าที่ไม่ทราบก่อน apply "
        f"({shown}): อาจมีผลหรือไม่มีผลกับทรัพยากรนี้",
    )


def may_configure(source: str) -> Text:
    """Why a setting of a resource is not known: ``source`` sets it on this resource or on
    another one, as a value not known before apply chooses."""
    return Text(
        en=f"{source} sets it on this resource or on another one, chosen by a value not "
        "known before apply",
        th=f"{source} กำหนดค่านี้ให้ทรัพยากรนี้หรือทรัพยากรอื่น ซึ่งเลือกด้วยค่าที่ไม่ทราบก่อน apply",
    )


def may_send_logs(source: str) -> Text:
    """Why whether a store holds logs is not known: ``source`` delivers its logs to this
    store or to another one, as a value not known before apply chooses."""
    return Text(
        en=f"{source} delivers logs to this store or to another one, chosen by a value not "
        "known before apply",
        th=f"{source} ส่ง log มายังที่จัดเก็บนี้หรือที่จัดเก็บอื่น ซึ่งเลือกด้วยค่าที่ไม่ทราบก่อน apply",
    )


def changed_facets(before: Facets, after: Facets) -> list[str]:
    """The facets whose value differs between ``before`` and ``after``."""
    return [
        name
        for name in type(before).model_fields
        if getattr(before, name) != getattr(after, name)
    ]
