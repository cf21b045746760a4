"""User data written with ``Fn::Sub`` / ``Fn::Join`` around values made at deployment
(GDCC-CMP-005, GDCC-SECRET-001).

Resolved, one ``${Eip.AllocationId}`` or ``${AWS::StackName}`` makes the whole text not known,
so such user data was UNKNOWN ("whether user data holds secrets is not known"), and a password
a parameter's ``Default`` writes beside it was never seen. Here the text is written as the
deployment gets it: literal text, each parameter's value (its ``Default``, what a parent stack
passes, or the allowed value a read tries: ``choices``), mapping entries, and what the
template writes for a resource attribute (a VPC's ``CidrBlock``, a nested stack's output).
What only the deployment makes is read as a reference, never a secret:

- a pseudo parameter (an account id, a region, a stack name);
- a resource's ``Ref`` (its id, name or ARN: "Ref returns ..." in each type's "Return values";
  a wait condition handle's is a presigned URL for cfn-signal);
- a ``Fn::GetAtt`` whose attribute is an identifier or an address by its name (``...Arn``,
  ``...Id``, ``...Address``, ``...Port``, ``...DnsName``, ``...Url``, ``PublicIp``...);
- a parameter of an AWS-specific type (``AWS::EC2::KeyPair::KeyName``, ``AWS::EC2::VPC::Id``,
  lists of them: CloudFormation checks the value names an existing resource) or a ``Number``.

Any other value not known (a ``String`` parameter without a default, another attribute such
as an access key's ``SecretAccessKey``, an import, a condition not decided) may hold a secret:
the verdict stays UNKNOWN naming it, unless the written text already holds one. A
``{{resolve:secretsmanager:...}}`` dynamic reference puts the secret's value into the user
data ("the secret value may show up in the service whose resource it's being used in",
CloudFormation User Guide, "Get a secret or secret value from Secrets Manager"): a secret there,
but not one written in the template.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.common import Text
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.models.value_origin import join_places
from gdcc_audit.normalize.cloudformation.condition_logic import Conditions, Guard
from gdcc_audit.normalize.cloudformation.extras import USER_DATA, secret_references
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, SubVariable, split_sub
from gdcc_audit.normalize.cloudformation.origins import parameter_origin
from gdcc_audit.normalize.cloudformation.resolving import MAX_TEXT
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import (
    PSEUDO_SHAPES,
    PartialText,
    ResourceRef,
    as_str,
    is_known,
    without_dynamic_references,
)
from gdcc_audit.secrets.detect import partly_written_secrets

#: Attribute names (the last part: ``Endpoint.Address``) of identifiers and addresses.
_IDENTIFIER = re.compile(
    r"(Arn|Arns|Id|Ids|ID|Address|Addresses|Port|DnsName|DNSName|DnsEntries|DomainName|Name"
    r"|Url|URL|Ip|Ips|IpAddress|CidrBlock|CidrBlocks|AvailabilityZone|Endpoint|Hostname)$"
)
#: Parameter types whose value names a resource CloudFormation checks exists.
_IDENTIFIER_TYPES = re.compile(
    r"^(List<)?AWS::(EC2|Route53)::[A-Za-z:]+>?$|^Number$|^List<Number>$"
)
#: Most alternatives tried (``Fn::If`` on a condition not decided, ``Fn::FindInMap`` on a key
#: not known, such as the region).
_MAX_ALTERNATIVES = 32


@dataclass(frozen=True)
class _Param:
    """A parameter's value written into the text."""

    name: str
    text: str


@dataclass(frozen=True)
class _Choice:
    """A value that is one of several texts (each branch or map entry), each with the
    condition values that make it (an ``Fn::If`` branch: its condition true or false)."""

    texts: tuple[tuple[str, Guard], ...]


_Piece = str | _Param | _Choice
_NO_GUARD: Guard = frozenset()


@dataclass
class _Reading:
    resolver: Resolver
    specs: Mapping[str, Any]
    #: Values not known that may hold a secret, named.
    open: dict[str, None] = field(default_factory=dict)
    #: Secrets the deployment puts there (an attribute named as a secret), named.
    placed: dict[str, None] = field(default_factory=dict)
    length: int = 0
    alternatives: int = 0
    conditions: Conditions = field(init=False)

    def __post_init__(self) -> None:
        self.conditions = Conditions(self.resolver, self.resolver.condition_specs, self.specs)

    def every_text(self, pieces: list[_Piece]) -> list[tuple[str, Guard]] | None:
        """Each text ``pieces`` may be in some deployment (every alternative of each choice
        in it, combined only with those whose conditions can hold with its own: two
        ``Fn::If`` on one condition take the same branch), with the condition values that
        make it; None past :data:`_MAX_ALTERNATIVES`."""
        texts: list[tuple[str, Guard]] = [("", _NO_GUARD)]
        for piece in pieces:
            if isinstance(piece, _Choice):
                texts = [
                    (text + option, guard | chosen)
                    for text, guard in texts for option, chosen in piece.texts
                    if self.conditions.consistent(guard | chosen)
                ]
            else:
                written = piece.text if isinstance(piece, _Param) else piece
                texts = [(text + written, guard) for text, guard in texts]
            if len(texts) > _MAX_ALTERNATIVES:
                return None
        return texts

    def pieces(self, value: Any, depth: int = 0) -> list[_Piece] | None:
        """The text of ``value`` as pieces; None when too long or not text."""
        if depth > 32:
            return None
        if isinstance(value, Mapping) and len(value) == 1:
            ((key, argument),) = value.items()
            if key == "Fn::Base64":
                return self.pieces(argument, depth + 1)
            if key == "Fn::Sub":
                return self._sub(argument, depth)
            if key == "Fn::Join":
                return self._join(argument, depth)
            if key == "Ref" and isinstance(argument, str):
                return self._ref(argument)
            if key == "Fn::GetAtt":
                name = ".".join(argument) if isinstance(argument, list) else argument
                return self._attribute(name) if isinstance(name, str) else None
            if key == "Fn::If":
                return self._if(argument, depth)
            if key == "Fn::FindInMap":
                return self._map(argument, depth)
            return self._resolved(value, str(key))
        return self._resolved(value, "a value that is not text")

    def _text(self, text: str) -> list[_Piece] | None:
        """Text written in the template (literal, a parameter's value, a map entry): each
        dynamic reference in it is a value the deployment fills, read as a reference
        (``without_dynamic_references``); a secret one (Secrets Manager, SSM SecureString)
        puts a secret there (``placed``)."""
        self.length += len(text)
        if self.length > MAX_TEXT:
            return None
        if "{{resolve:" in text:
            self.placed.update(dict.fromkeys(secret_references(text)))
            text = without_dynamic_references(text)
        return [text]

    def _resolved(self, value: Any, label: str) -> list[_Piece] | None:
        result = self.resolver.resolve(value)
        if isinstance(result, ResourceRef) and result.attribute is not None:
            # an attribute another function gives (``!Select [0, !GetAtt ...]``)
            return self._attribute(f"{result.target}.{result.attribute}")
        if isinstance(result, PartialText | ResourceRef):
            return [UNKNOWN_TEXT]
        text = as_str(result) if is_known(result) else None
        if text is None:
            self.open[label] = None
            return [UNKNOWN_TEXT]
        return self._text(text)

    def _sub(self, argument: Any, depth: int) -> list[_Piece] | None:
        split = split_sub(argument)
        if split is None:
            return None
        own, _template, parts = split
        found: list[_Piece] = []
        for part in parts:
            if isinstance(part, str):
                piece = self._text(part)
            elif isinstance(part, SubVariable) and part.name in own:
                piece = self.pieces(own[part.name], depth + 1)
            elif "." in part.name:
                piece = self._attribute(part.name)
            else:
                piece = self._ref(part.name)
            if piece is None:
                return None
            found += piece
        return found

    def _join(self, argument: Any, depth: int) -> list[_Piece] | None:
        if not isinstance(argument, list) or len(argument) != 2:
            return None
        separator, items = self.resolver.resolve(argument[0]), argument[1]
        if not isinstance(separator, str):
            return None
        if not isinstance(items, list):  # a list parameter, Fn::GetAZs, Fn::Split...
            listed = self.resolver.resolve(items)
            if isinstance(listed, list) and all(isinstance(i, str) for i in listed):
                return self._text(separator.join(listed))
            self.open["Fn::Join of a list not known"] = None
            return [UNKNOWN_TEXT]
        found: list[_Piece] = []
        joined = False
        for item in items:
            piece = self.pieces(item, depth + 1)
            if piece is None:
                return None
            if piece:  # not AWS::NoValue (removed from the list)
                found += [separator, *piece] if joined else piece
                joined = True
        return found

    def _ref(self, name: str) -> list[_Piece] | None:
        if name == "AWS::NoValue":  # the item is removed (a Fn::Join item: no separator)
            return []
        if name in PSEUDO_SHAPES or name == "AWS::NotificationARNs":
            return [UNKNOWN_TEXT]
        if name in self.resolver.parameters:
            value = self.resolver.parameters[name]
            if isinstance(value, list) and all(isinstance(i, str) for i in value):
                value = ",".join(value)
            text = as_str(value) if is_known(value) else None
            if text is not None:
                self.length += len(text)
                return [_Param(name, text)] if self.length <= MAX_TEXT else None
            spec = self.specs.get(name)
            kind = str(spec.get("Type", "")) if isinstance(spec, Mapping) else ""
            if not _IDENTIFIER_TYPES.match(kind):
                self.open[f"parameter {name}"] = None
            return [UNKNOWN_TEXT]
        if name in self.resolver.resources:
            return [UNKNOWN_TEXT]
        self.open[name] = None
        return [UNKNOWN_TEXT]

    def _attribute(self, name: str) -> list[_Piece] | None:
        target, _, attribute = name.partition(".")
        result = self.resolver.resolve({"Fn::GetAtt": [target, attribute]})
        text = as_str(result) if is_known(result) else None
        if text is not None:
            return self._text(text)
        if (
            target in self.resolver.resources
            and not attribute.startswith("Outputs.")
            and _IDENTIFIER.search(attribute.rsplit(".", 1)[-1])
        ):
            return [UNKNOWN_TEXT]
        if target in self.resolver.resources and is_secret_name(attribute.rsplit(".", 1)[-1]):
            # an access key's SecretAccessKey, a client's ClientSecret, a custom resource's
            # privateKey: a secret the user data is given at deployment
            self.placed[f"attribute {name}"] = None
            return [UNKNOWN_TEXT]
        self.open[name] = None
        return [UNKNOWN_TEXT]

    def _if(self, argument: Any, depth: int) -> list[_Piece] | None:
        if not isinstance(argument, list) or len(argument) != 3:
            return None
        name = argument[0]
        decided = self.resolver.condition(name) if isinstance(name, str) else None
        if decided is not None:
            return self.pieces(argument[1] if decided else argument[2], depth + 1)
        if not isinstance(name, str):
            return self._choice([argument[1], argument[2]], depth, f"Fn::If {name}")
        return self._choice(
            [argument[1], argument[2]], depth, f"Fn::If {name}",
            (frozenset({(name, True)}), frozenset({(name, False)})),
        )

    def _map(self, argument: Any, depth: int) -> list[_Piece] | None:
        resolved = self.resolver.resolve({"Fn::FindInMap": argument})
        text = as_str(resolved) if is_known(resolved) else None
        if text is not None:
            return self._text(text)
        entries = self.resolver.map_choices(argument)  # a key not known: every entry
        if not entries:
            self.open["Fn::FindInMap"] = None
            return [UNKNOWN_TEXT]
        return self._choice(entries, depth, f"Fn::FindInMap {argument[0]}")

    def _choice(
        self, values: list[Any], depth: int, label: str, guards: tuple[Guard, ...] = ()
    ) -> list[_Piece] | None:
        texts: list[tuple[str, Guard]] = []
        for index, value in enumerate(values):
            if value is None:
                continue
            piece = self.pieces(value, depth + 1)
            if piece is None:
                return None
            every = self.every_text(piece)
            if every is None:
                self.open[label] = None
                return [UNKNOWN_TEXT]
            own = guards[index] if index < len(guards) else _NO_GUARD
            # kept when no deployment makes it (every_text leaves it out of the combinations;
            # a secret it writes whole is still written in the template)
            texts += [(text, guard | own) for text, guard in every]
        self.alternatives += len(texts)
        if self.alternatives > _MAX_ALTERNATIVES:
            self.open[label] = None
            return [UNKNOWN_TEXT]
        return [_Choice(tuple(dict.fromkeys(texts)))]


def _render(
    pieces: list[_Piece], written: set[str] | None, chosen: tuple[int, str] | None = None
) -> str:
    """The text with the values of the ``written`` parameters (None: all) and, for the
    ``chosen`` (index, text) alternative, that text; anything else a reference."""
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            out.append(piece)
        elif isinstance(piece, _Param):
            out.append(piece.text if written is None or piece.name in written else UNKNOWN_TEXT)
        else:
            out.append(chosen[1] if chosen is not None and chosen[0] == index else UNKNOWN_TEXT)
    return "".join(out)


def _holds_secret(text: str) -> bool:
    return bool(partly_written_secrets({"UserData": text}, UNKNOWN_TEXT))


@dataclass(frozen=True)
class UserDataReading:
    """What the user data says: ``written`` (a secret the template writes in it: literal
    text, a parameter's value, a map entry), ``placed`` (secrets placed there at deployment,
    named: a Secrets Manager dynamic reference, an attribute named as a secret), ``open``
    (values not known that may hold one), and ``origins``: the parameters whose value alone
    makes the written secret."""

    written: bool
    placed: tuple[str, ...]
    open: tuple[str, ...]
    origins: tuple[str, ...]


def read_user_data(value: Any, resolver: Resolver, specs: Any) -> UserDataReading | None:
    """The reading of user data ``value`` as written (unresolved), with the template's
    parameter declarations ``specs`` (its ``Mappings`` are the resolver's); None when it is
    not text or longer than the cap."""
    reading = _Reading(resolver, specs if isinstance(specs, Mapping) else {})
    pieces = reading.pieces(value)
    if pieces is None:
        return None
    full = _render(pieces, None)
    # every text the choices may make together (two Fn::If not decided, one writing "-p", the
    # other the password: each alone held none, a wrong PASS), only those some deployment
    # makes (two Fn::If on one condition, or on a condition and its Fn::Not, never take
    # branches that disagree); past the cap, each choice's alternatives beside the others
    # not known; and a secret one branch writes whole, beside the other choices not known, is
    # written in the template even where no deployment takes that branch
    every = reading.every_text(pieces) if any(isinstance(p, _Choice) for p in pieces) else []
    written = (
        _holds_secret(full)
        or (every is not None and any(_holds_secret(text) for text, _ in every))
        or any(
            _holds_secret(_render(pieces, None, (index, text)))
            for index, piece in enumerate(pieces) if isinstance(piece, _Choice)
            for text, _ in piece.texts
        )
    )
    names = dict.fromkeys(p.name for p in pieces if isinstance(p, _Param))
    origins = () if not written or _holds_secret(_render(pieces, set())) else tuple(
        name for name in names if _holds_secret(_render(pieces, {name}))
    )
    return UserDataReading(written, tuple(reading.placed), tuple(reading.open), origins)


def open_reason(names: tuple[str, ...]) -> Text:
    """Why user data whose written text holds no secret stays not known."""
    listed = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return Text(
        en=f"the user data's written text holds no secret, but it takes {listed}, "
        "whose value is not known from the template",
        th=f"ข้อความที่เขียนไว้ใน user data ไม่มีข้อมูลลับ แต่มีการนำค่า {listed} "
        "ซึ่งไม่ทราบค่าจากเทมเพลตมาใช้",
    )


@dataclass(frozen=True)
class UserDataFound:
    """What :func:`judge_user_data` adds to a pending resource: the user data's path when the
    template writes a secret there (GDCC-SECRET-001 too), and where the parameter values that
    make it are set (the secret's path and ``user_data_secrets`` -> ``file:line``)."""

    written_secrets: tuple[str, ...] = ()
    secret_origins: dict[str, str] = field(default_factory=dict)
    facet_origins: dict[str, str] = field(default_factory=dict)


def judge_user_data(
    mapped: Mapped, kind: str, raw: Any, resolver: Resolver, document: Document
) -> UserDataFound:
    """Decide ``user_data_secrets`` of an instance, launch template or launch configuration
    whose user data did not resolve to a known text (the type mapper left it None): FAIL
    when the text as written holds a secret, PASS when every value not known is a
    reference, else UNKNOWN naming those values (``mapped.unknown``). A secret found either
    way is pointed at the ``Default`` of the parameters whose value makes it."""
    path = USER_DATA.get(kind)
    decided = mapped.facets.get("user_data_secrets")
    if path is None or not isinstance(raw, Mapping) or decided == ():
        return UserDataFound()
    value: Any = raw
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    reading = read_user_data(value, resolver, document.data.get("Parameters"))
    if reading is None:
        return UserDataFound()
    where = ".".join(path)
    if decided is None:
        if reading.written or reading.placed:
            mapped.facets["user_data_secrets"] = (
                *((where,) if reading.written else ()),
                *(f"{where} ({name})" for name in reading.placed),
            )
        elif not reading.open:
            mapped.facets["user_data_secrets"] = ()
        else:
            mapped.unknown["user_data_secrets"] = open_reason(reading.open)
    if not reading.written:
        return UserDataFound()
    origin = parameter_origin(document)
    places = join_places([p for name in reading.origins if (p := origin(name)) is not None])
    return UserDataFound(
        (where,) if decided is None else (),
        {where: places} if places and decided is None else {},
        {"user_data_secrets": places} if places else {},
    )


__all__ = ["UserDataFound", "UserDataReading", "judge_user_data", "open_reason", "read_user_data"]
