"""The ways a Heat template is deployed with the environment files of the scan: alone, with
each environment, and with several combined.

A deployment usually gives several environments (``openstack stack create -t T -e a.yaml -e
b.yaml``): a later file's value of a parameter wins over an earlier one's. A rule resting on
two parameters that two environments set may PASS with each alone and FAIL with both, so
the template is read with every set of values the environments can combine to, in any order
(each file given once or more): the values reachable from the template's own by applying
environments one after another (breadth first, so each is labelled with the fewest files).

When there are more than :data:`MAX_READS` such sets, the template is read with each
environment alone and once with every parameter an environment sets not known: a verdict
that rests on such a parameter is then UNKNOWN, never a PASS that one combination would not
earn.

Heat gives an environment's ``parameters`` precedence over another's ``parameter_defaults``
whatever their order; trying both orders covers it (a combination may be tried that no order
gives: never a missed one).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.cloudformation.values import UNKNOWN
from gdcc_audit.normalize.heat.environments import Values, label

#: Most sets of values a template is read with besides its own (each a read of the template).
MAX_READS = 16


def grouped(variants: Mapping[str, Values]) -> list[tuple[list[str], Values]]:
    """The environments that give a template the same values, together (one read each)."""
    groups: list[tuple[list[str], Values]] = []
    for path, values in variants.items():
        same = next(
            (g for g in groups if g[1].values == values.values and g[1].kept == values.kept
             and g[1].types == values.types),
            None,
        )
        if same is None:
            groups.append(([path], values))
        else:
            same[0].append(path)
    return groups


def _key(values: Values) -> str:
    return repr((sorted(values.values.items(), key=lambda item: item[0]),
                 sorted(values.types.items())))


def _applied(current: Values, values: Values) -> Values:
    """``current`` then ``values`` (``-e`` after it): its values win, and the parameters it
    keeps at the template's own value are the template's again."""
    found = Values(dict(current.values), dict(current.at), types=dict(current.types))
    for name in values.kept:
        found.values.pop(name, None)
        found.at.pop(name, None)
    found.values.update(values.values)
    found.at.update(values.at)
    found.types.update(values.types)  # a later registry's entry wins
    return found


def combined_label(paths: list[str]) -> Text:
    """How a combination is deployed: these environment files, in this order."""
    files = " -e ".join(paths)
    return Text(
        en=f"with the environment files combined (-e {files})",
        th=f"เมื่อใช้ไฟล์ environment ร่วมกัน (-e {files})",
    )


def reads(variants: Mapping[str, Values]) -> list[tuple[Text, Values]]:
    """Every set of values the environments (path -> what it changes) give the template,
    with how it is deployed; the template's own values are not among them."""
    groups = grouped(variants)
    start = Values()
    seen: dict[str, tuple[list[int], Values]] = {_key(start): ([], start)}
    queue: deque[str] = deque([_key(start)])
    while queue:
        used, current = seen[queue.popleft()]
        for index, (_, values) in enumerate(groups):
            after = _applied(current, values)
            key = _key(after)
            if key in seen:
                continue
            if len(seen) > MAX_READS:
                return _each_and_unknown(groups)
            seen[key] = ([*used, index], after)
            queue.append(key)
    found: list[tuple[Text, Values]] = []
    for used, values in list(seen.values())[1:]:
        if len(used) == 1:
            found.append((label(groups[used[0]][0]), values))
        else:
            found.append((combined_label([groups[i][0][0] for i in used]), values))
    return found


def _each_and_unknown(groups: list[tuple[list[str], Values]]) -> list[tuple[Text, Values]]:
    """Each environment alone, and a read where every parameter one sets is not known (none
    when they only map types: the template's own read is the one with no type mapped)."""
    names = sorted({name for _, values in groups for name in values.values})
    alone = [(label(paths), values) for paths, values in groups]
    if not names:
        return alone
    unknown = Values(dict.fromkeys(names, UNKNOWN))
    words = Text(
        en=f"with several of the {len(groups)} environment files combined (more than "
        f"{MAX_READS} ways: {', '.join(names)} taken as not known)",
        th=f"เมื่อใช้ไฟล์ environment หลายไฟล์จาก {len(groups)} ไฟล์ร่วมกัน (มากกว่า "
        f"{MAX_READS} แบบ: ถือว่าไม่ทราบค่า {', '.join(names)})",
    )
    return [*alone, (words, unknown)]

