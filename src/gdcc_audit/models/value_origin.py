"""How a "value set at" place is written when the value is the default of a module input
the caller does not pass: the line a user of the module changes is their own ``module``
block (they add the argument), the default's line says where the value now comes from. Both
are kept, the caller's block first; one English form in the evidence (``value_set_at``), said
in Thai in a Thai message (:func:`in_thai`)."""

from __future__ import annotations

import re
from collections.abc import Callable

#: Where a value is written, found when a verdict names it (``Resource.later_origins``):
#: ``file:line`` places (:func:`join_places`), or None when none is found.
LaterOrigin = Callable[[], str | None]


def unset_input(call_at: str, module: str, name: str, default_at: str) -> str:
    """``main.tf:41 (module.z does not set X: default of module input X at
    modules/y/variables.tf:12)``: ``module`` (at ``call_at``) leaves its input ``name`` to
    the default written at ``default_at``."""
    return (
        f"{call_at} ({module} does not set {name}: default of module input {name} "
        f"at {default_at})"
    )


_UNSET = re.compile(
    r"\((?P<module>\S+) does not set (?P<name>\S+): default of module input (?P=name) "
    r"at (?P<default>[^()]+?)\)"
)
_UNSET_ALL = re.compile(
    r"\((?P<module>\S+) does not set (?P<names>[^():]+): defaults of its inputs "
    r"at (?P<defaults>[^()]+?)\)"
)
_ONE = re.compile(rf"(?P<call>\S+) {_UNSET.pattern}")


def join_places(places: list[str]) -> str:
    """``places`` joined by ``", "``, each once, with the :func:`unset_input` places of one
    module block said once (``main.tf:18 (module.logs does not set block_public_acls,
    ignore_public_acls: defaults of its inputs at variables.tf:260, variables.tf:273)``)."""
    parts: dict[tuple[str, str], list[re.Match[str]]] = {}
    for place in dict.fromkeys(one for joined in places for one in split_places(joined)):
        one = _ONE.fullmatch(place)
        key = (one["call"], one["module"]) if one is not None else ("", place)
        parts.setdefault(key, []).extend([one] if one is not None else [])
    out: list[str] = []
    for (call, module), found in parts.items():
        if len(found) < 2:
            out.append(found[0].group(0) if found else module)
            continue
        names = ", ".join(dict.fromkeys(m["name"] for m in found))
        defaults = ", ".join(m["default"] for m in found)
        if "," not in names:  # entries of one input's default (a list of rules)
            out.append(unset_input(call, module, names, defaults))
            continue
        out.append(f"{call} ({module} does not set {names}: defaults of its inputs at {defaults})")
    return ", ".join(out)


#: ``", "`` outside parentheses (a place's own parentheses hold none of their own).
_BETWEEN = re.compile(r", (?![^()]*\))")


def split_places(places: str) -> list[str]:
    """The places ``places`` joins (``", "`` outside parentheses): each once, in order."""
    found = _BETWEEN.split(places) if "(" in places else places.split(", ")
    return [place for place in dict.fromkeys(found) if place]


def in_thai(places: str) -> str:
    """``places`` (one or more places joined by ``", "``) with each :func:`unset_input`
    (or :func:`join_places` group) said in Thai."""
    places = _UNSET.sub(
        lambda m: f"({m['module']} ไม่ได้กำหนด {m['name']}: ใช้ค่าเริ่มต้นของอินพุตโมดูล "
        f"{m['name']} ที่ {m['default']})",
        places,
    )
    return _UNSET_ALL.sub(
        lambda m: f"({m['module']} ไม่ได้กำหนด {m['names']}: ใช้ค่าเริ่มต้นของอินพุตโมดูล"
        f"ที่ {m['defaults']})",
        places,
    )


_PLACE = re.compile(r"([^\s(),]+):(\d+)")


def line_order(place: str) -> list[tuple[str, int]]:
    """Sort key of a place: its ``file:line`` parts, the line as a number (``main.tf:9``
    before ``main.tf:10``), the caller's block of :func:`unset_input` first."""
    return [(file, int(line)) for file, line in _PLACE.findall(place)]
