"""Places of "value set at": module inputs one module block leaves to their defaults are
named once (however the places were joined: a companion's settings, a count condition's
parts, a list of inputs), other places kept as they are, each once, in the order given;
the Thai wording replaces the English one; places sort by file and line number."""

from __future__ import annotations

from gdcc_audit.models.value_origin import (
    in_thai,
    join_places,
    line_order,
    split_places,
    unset_input,
)


def test_places_of_one_module_block_are_named_once() -> None:
    first = unset_input("ex.tf:18", "module.logs", "object_lock", "variables.tf:308")
    second = unset_input("ex.tf:18", "module.logs", "lock_days", "variables.tf:229")
    other = unset_input("ex.tf:40", "module.site", "object_lock", "variables.tf:308")
    joined = join_places([first, "main.tf:3", second, first, other])
    assert joined == (
        "ex.tf:18 (module.logs does not set object_lock, lock_days: defaults of its inputs "
        "at variables.tf:308, variables.tf:229), main.tf:3, "
        "ex.tf:40 (module.site does not set object_lock: default of module input "
        "object_lock at variables.tf:308)"
    )
    assert in_thai(joined) == (
        "ex.tf:18 (module.logs ไม่ได้กำหนด object_lock, lock_days: "
        "ใช้ค่าเริ่มต้นของอินพุตโมดูลที่ variables.tf:308, variables.tf:229), main.tf:3, "
        "ex.tf:40 (module.site ไม่ได้กำหนด object_lock: ใช้ค่าเริ่มต้นของอินพุตโมดูล "
        "object_lock ที่ variables.tf:308)"
    )


def test_places_sort_by_line_number() -> None:
    places = ["main.tf:10", "main.tf:9", "a.tf:12"]
    assert sorted(places, key=line_order) == ["a.tf:12", "main.tf:9", "main.tf:10"]


def test_entries_of_one_input_and_joined_places_are_named_once() -> None:
    """Two entries of one input's default (two rules of a list) name the input once, with
    both lines; places already joined (one rule's ``value_set_at`` each) are split and joined
    again, so one module block is said once."""
    first = unset_input("ex.tf:25", "module.vpc", "acl_ingress", "variables.tf:1419")
    second = unset_input("ex.tf:25", "module.vpc", "acl_ingress", "variables.tf:1427")
    joined = join_places([f"{first}, main.tf:3", second])
    assert joined == (
        "ex.tf:25 (module.vpc does not set acl_ingress: default of module input acl_ingress "
        "at variables.tf:1419, variables.tf:1427), main.tf:3"
    )
    assert in_thai(joined) == (
        "ex.tf:25 (module.vpc ไม่ได้กำหนด acl_ingress: ใช้ค่าเริ่มต้นของอินพุตโมดูล acl_ingress "
        "ที่ variables.tf:1419, variables.tf:1427), main.tf:3"
    )
    assert split_places(joined) == [joined.rsplit(", ", 1)[0], "main.tf:3"]
