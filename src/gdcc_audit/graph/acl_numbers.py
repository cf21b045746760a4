"""Network ACL entries that share a rule number.

AWS keeps one entry per rule number and direction: "Each rule must have a unique rule
number" (docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html), and CreateNetworkAclEntry
refuses a second one ("NetworkAclEntryAlreadyExists: The specified rule number already
exists", EC2 API error codes). So:

- an ACL's inline entries (``aws_network_acl`` ``ingress`` / ``egress``) are created with the
  ACL, before any ``aws_network_acl_rule`` that names it: an entry resource repeating an inline
  entry's number is refused and lets nothing in;
- among entry resources repeating a number (``aws_network_acl_rule``,
  ``AWS::EC2::NetworkAclEntry``) one is kept, the one created first, which the configuration
  does not tell (Terraform creates them in parallel): each choice is a possible ACL, and a
  port is open or closed only when it is so in every one of them.

Both entries were read as present: the lowest in file order decided, so an entry AWS refuses
could open or close a port in the finding.

An ACL that writes entries of a direction inline besides entry resources of that direction
is not what Terraform keeps either: "At this time you cannot use a Network ACL with in-line
rules in conjunction with any Network ACL Rule resources. Doing so will cause a conflict of
rule settings and will overwrite rules" (AWS provider, ``aws_network_acl``). The next apply
of the ACL removes the entries it does not list, the one after puts the entry resources'
back: the ACL holds them at times only (``overwritten``). Both were merged, so a deny of an
entry resource closed a port an inline allow opens whenever that deny is removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

from gdcc_audit.models.resource import UNSEEN_ACL_ENTRIES, AclRule

#: More possible ACLs than this (several numbers each shared by several entries): not
#: enumerated, every port an entry of them may open is not known.
MAX_CHOICES = 64


@dataclass(frozen=True)
class PossibleAcls:
    """The entry lists an ACL may end up with: ``acls`` (one when no number is shared by
    entry resources; none when there are more than :data:`MAX_CHOICES`), ``refused`` (entry
    resources repeating an inline entry's number) and ``shared`` (entry resources sharing a
    number, of which AWS keeps one)."""

    acls: tuple[tuple[AclRule, ...], ...]
    refused: tuple[AclRule, ...] = ()
    shared: tuple[tuple[int, tuple[AclRule, ...]], ...] = ()
    #: Entry resources of an ACL that writes entries of their direction inline: each
    #: possible ACL is read with them and without them.
    overwritten: tuple[AclRule, ...] = ()


def possible_acls(entries: Sequence[AclRule]) -> PossibleAcls:
    """The ACLs ``entries`` (one direction, in number order) may make once AWS has refused
    every entry repeating a number."""
    by_number: dict[int, list[AclRule]] = {}
    for entry in entries:
        if entry.number is not None:
            by_number.setdefault(entry.number, []).append(entry)
    refused: list[AclRule] = []
    shared: list[tuple[int, tuple[AclRule, ...]]] = []
    for number, group in by_number.items():
        if len(group) < 2:
            continue
        inline = [e for e in group if e.declared_by is None]
        resources = [e for e in group if e.declared_by is not None]
        if inline:
            refused.extend(resources)
        elif len(resources) > 1:
            shared.append((number, tuple(resources)))
    kept = [e for e in entries if not any(e is r for r in refused)]
    written = any(e.declared_by is None and e != UNSEEN_ACL_ENTRIES for e in entries)
    overwritten = tuple(e for e in kept if e.declared_by is not None) if written else ()
    count = 2 if overwritten else 1
    for _, sharing in shared:
        count *= len(sharing)
    if count > MAX_CHOICES:
        return PossibleAcls((), tuple(refused), tuple(shared), overwritten)
    acls: list[tuple[AclRule, ...]] = []
    for picks in product(*(group for _, group in shared)):
        left_out = [e for (_, group), pick in zip(shared, picks, strict=True)
                    for e in group if e is not pick]
        acls.append(tuple(e for e in kept if not any(e is x for x in left_out)))
    if overwritten:  # and as the next apply of the ACL leaves it: its inline entries only
        acls.append(tuple(e for e in kept if e.declared_by is None))
    return PossibleAcls(tuple(acls), tuple(refused), tuple(shared), overwritten)


def settled_entries(rules: Sequence[AclRule]) -> tuple[AclRule, ...]:
    """``rules`` (both directions) as the resource graph reads them: an entry resource AWS
    refuses (it repeats an inline entry's number) is left out; entry resources sharing a
    number, one of which AWS keeps, become entries of unknown number (each may allow, none
    surely denies: ``graph.routing.evaluate``); so do entry resources an ACL's inline entries
    overwrite (present at times only)."""
    out: list[AclRule] = []
    for egress in (False, True):
        wanted = [r for r in rules if r.egress == egress]
        possible = possible_acls(wanted)
        shared = [e for _, group in possible.shared for e in group]
        shared += possible.overwritten
        for rule in wanted:
            if any(rule is r for r in possible.refused):
                continue
            unsettled = any(rule is e for e in shared)
            out.append(rule.model_copy(update={"number": None}) if unsettled else rule)
    return tuple(out)
