"""Places of "value set at": module inputs one module block leaves to their defaults are
named once (however the places were joined: a companion's settings, a count condition's
parts, a list of inputs), other places kept as they are, each once, in the order given;
the Thai wording replaces the English one; places sort by file and line number."""

from __future__ import annotations

from gdcc_audit.models.value_origin import in_thai, join_places, line_order, unset_input


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
