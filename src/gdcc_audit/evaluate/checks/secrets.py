"""Secrets written into configuration, images or workload definitions."""

from __future__ import annotations

from collections.abc import Iterator

from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    not_applicable,
    passed,
    reads,
    unknown,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.value_origin import in_thai, join_places
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.secrets.unread import UNREAD


@reads("hardcoded_secrets")
def no_hardcoded_secrets(resource: Resource, context: RuleContext) -> Iterator[Outcome]:
    """No password, token or private key is written in the resource's definition.

    Mappers record only *where* a secret was found (``hardcoded_secrets``: attribute paths),
    never its value; this check reports one FAIL naming every path, and its
    messages and evidence never contain the secret itself.
    """
    paths = resource.facets.hardcoded_secrets
    if paths is None and resource.origin == "gdcc-tenant":
        # A resource declared in the tenant manifest has no definition code to scan; the
        # manifest may still state the facet (then it is judged).
        yield not_applicable(
            Text(
                en="declared in the tenant manifest: no definition to scan for secrets",
                th="ประกาศไว้ในไฟล์ manifest ของผู้ใช้บริการ ไม่มีนิยามทรัพยากรให้ตรวจหาข้อมูลลับ",
            )
        )
        return
    if paths is None and "hardcoded_secrets" in resource.unknown:
        # the mapper says why (a file the definition embeds, not read): the engine adds it to
        # a verdict naming the facet
        yield unknown(
            Text(
                en="part of the definition was not scanned for secrets",
                th="มีบางส่วนของนิยามทรัพยากรนี้ที่ยังไม่ได้ตรวจหาข้อมูลลับ",
            ),
            hardcoded_secrets=None,
        )
        return
    if paths is None:
        yield unknown(
            Text(
                en="the definition was not scanned for secrets",
                th="ยังไม่ได้ตรวจหาข้อมูลลับในนิยามทรัพยากรนี้",
            )
        )
        return
    if not paths:
        if "hardcoded_secrets" in resource.decided_by:
            # placeholders for a third party's keys (``HF_TOKEN: HF_TOKEN``): the engine
            # adds the mapper's reason to the PASS
            yield passed(hardcoded_secrets=[])
        else:
            yield passed()
        return
    found = sorted(set(paths))
    listed = ", ".join(f"'{p}'" for p in found)
    # a secret given through a variable (its default, a .tfvars line, a module argument, a
    # NoEcho parameter's Default) is written there: the line a user changes
    origins: dict[str, str] = {}
    for p in found:
        where = resource.value_origins.get(SECRET_ORIGIN + p)
        if where is None and p in resource.later_origins:
            where = resource.later_origins[p]()  # (a Heat str_replace param's line)
        if where is not None:
            origins[p] = where
    places = join_places(list(origins.values()))
    where_en = f" (value set at {places})" if places else ""
    where_th = f" (ค่ากำหนดไว้ที่ {in_thai(places)})" if places else ""
    message = Text(
        en=f"a secret is written in plain text at {listed}{where_en}",
        th=f"พบข้อมูลลับเขียนเป็นข้อความธรรมดาไว้ที่ {listed}{where_th}",
    )
    unread = resource.decided_by.get(UNREAD)
    if unread is not None:
        # a secret written for an input no resource reads: say what holds it
        message = Text(en=f"{message.en}: {unread.en}", th=f"{message.th}: {unread.th}")
    if origins:
        yield failed(message, paths=found, value_set_at=origins)
    else:
        yield failed(message, paths=found)
