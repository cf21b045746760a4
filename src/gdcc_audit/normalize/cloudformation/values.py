"""Values shared by the CloudFormation and Heat mappers: the unknown marker, references to
other resources, and readers that turn a resolved property into a facet value or ``None``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from gdcc_audit.load.interface import Document
from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.unknown import UNKNOWN as UNKNOWN  # noqa: PLC0414 (re-export)
from gdcc_audit.normalize.kms import names_aws_managed_key
from gdcc_audit.normalize.written_bool import as_bool as as_bool  # noqa: PLC0414 (re-export)
from gdcc_audit.secrets.detect import detect_secrets as shared_detect_secrets
from gdcc_audit.secrets.detect import partly_written_secrets as shared_partly_written


class _NoValue:
    """``AWS::NoValue``: the property is removed, as if never written."""

    def __repr__(self) -> str:
        return "NO_VALUE"


NO_VALUE: Final = _NoValue()


@dataclass(frozen=True, slots=True)
class ResourceRef:
    """A value that is another resource of the same template (``Ref``, ``GetAtt``,
    ``get_resource``, ``get_attr``): unknown as a value, useful as a link."""

    target: str
    attribute: str | None = None


@dataclass(frozen=True, slots=True)
class VpcRange(ResourceRef):
    """``!GetAtt Vpc.CidrBlock`` (or a subnet's) whose block the template does not write (a
    parameter without a default, an IPAM pool): that VPC's or subnet's own range, /16 to /28
    (https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html), never the
    internet as a security group source."""


#: A value of each pseudo parameter, with the shape every value of it has: no wildcard
#: (``*``, ``?``), and a colon or slash only where the real value has one (an account id is
#: twelve digits, a region or partition a word with dashes, a stack id an ARN).
#: ``AWS::NotificationARNs`` is a list and is not text.
#: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html
PSEUDO_SHAPES: Final[Mapping[str, str]] = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "ap-southeast-7",
    "AWS::StackName": "stack",
    "AWS::StackId": (
        "arn:aws:cloudformation:ap-southeast-7:123456789012:stack/stack/"
        "00000000-0000-0000-0000-000000000000"
    ),
    "AWS::URLSuffix": "amazonaws.com",
}


@dataclass(frozen=True, slots=True)
class PartialText:
    """Text built by ``Fn::Sub`` / ``Fn::Join`` (or a ``Ref``) from known text and pseudo
    parameters known only at deployment (``arn:aws:iam::${AWS::AccountId}:root``). Not a
    known value (``is_known`` is False, so a reader that needs the whole text gets nothing),
    but its written parts can decide a question every value of the pseudo parameters answers
    the same way: a principal with no wildcard in its written parts names no one else; an
    ``alias/aws/`` key ARN is an AWS managed key whatever the account and region.

    ``known`` holds the written pieces around the ``holes`` (pseudo parameter names), so
    ``len(known) == len(holes) + 1``."""

    known: tuple[str, ...]
    holes: tuple[str, ...]

    @staticmethod
    def pseudo(name: str) -> PartialText:
        """The value of one pseudo parameter (``Ref: AWS::AccountId``)."""
        return PartialText(("", ""), (name,))

    @property
    def text(self) -> str:
        """The text as written, each pseudo parameter as ``${AWS::...}``."""
        pieces = [self.known[0]]
        for hole, after in zip(self.holes, self.known[1:], strict=True):
            pieces.extend(("${" + hole + "}", after))
        return "".join(pieces)

    def shape(self) -> str:
        """The text with one value of each pseudo parameter (:data:`PSEUDO_SHAPES`): for a
        test that only asks about wildcards, ARN components or fixed prefixes and suffixes,
        whose answer is the same for every account, region and stack."""
        pieces = [self.known[0]]
        for hole, after in zip(self.holes, self.known[1:], strict=True):
            pieces.extend((PSEUDO_SHAPES[hole], after))
        return "".join(pieces)

    def has_wildcard(self) -> bool:
        """Whether the written parts hold ``*`` or ``?`` (no pseudo parameter value does)."""
        return any("*" in piece or "?" in piece for piece in self.known)

    def __len__(self) -> int:
        return sum(map(len, self.known)) + sum(len(PSEUDO_SHAPES[h]) for h in self.holes)


def concatenate(items: Iterable[str | PartialText]) -> str | PartialText:
    """Known text and partial text joined: plain text when every item is plain."""
    known: list[str] = [""]
    holes: list[str] = []
    for item in items:
        if isinstance(item, str):
            known[-1] += item
            continue
        known[-1] += item.known[0]
        holes.extend(item.holes)
        known.extend(item.known[1:])
    return known[0] if not holes else PartialText(tuple(known), tuple(holes))


def shaped(value: Any) -> Any:
    """``value`` with every :class:`PartialText` replaced by its :meth:`PartialText.shape`
    (for tests that hold for every value of the pseudo parameters)."""
    if isinstance(value, PartialText):
        return value.shape()
    if isinstance(value, Mapping):
        return {k: shaped(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shaped(v) for v in value]
    return value


def is_known(value: Any) -> bool:
    """Whether ``value`` is a plain value (not UNKNOWN, not a resource reference, not text
    with a pseudo parameter in it)."""
    return value is not UNKNOWN and not isinstance(value, ResourceRef | PartialText)


def customer_key(value: Any) -> bool | None:
    """Whether a KMS key property names a key the customer manages: absent, or an AWS managed
    key (``alias/aws/s3``, ``arn:...:alias/aws/sns``, ``aws/secretsmanager``; see
    :mod:`gdcc_audit.normalize.kms`) is not; a key id, ARN, customer alias or a key resource of
    the template is; a value not known from the template (a parameter without a default) is
    not known. An intrinsic left unresolved counts as a key unless it spells an AWS managed
    alias (``{"Fn::Sub": "arn:aws:kms:${AWS::Region}:${AWS::AccountId}:alias/aws/s3"}``)."""
    if value is None or value is NO_VALUE or value == "":
        return False
    if value is UNKNOWN:
        return None
    if isinstance(value, str):
        return not names_aws_managed_key(value)
    if isinstance(value, PartialText):  # the account and region do not make it AWS managed
        return not names_aws_managed_key(value.shape())
    return not (isinstance(value, Mapping | list) and "alias/aws/" in repr(value))


def as_int(value: Any) -> int | None:
    """An integer property, also written as a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def as_str(value: Any) -> str | None:
    """A string property (numbers are written as strings in templates too)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str | int | float):
        return str(value)
    return None


def dig(value: Any, *path: str | int) -> Any:
    """``value[p0][p1]...``; ``None`` when a step is missing, UNKNOWN when a step is unknown."""
    current = value
    for part in path:
        if current is UNKNOWN or isinstance(current, ResourceRef | PartialText):
            return UNKNOWN
        if isinstance(part, int):
            if not isinstance(current, list) or not -len(current) <= part < len(current):
                return None
            current = current[part]
        elif isinstance(current, Mapping):
            current = current.get(part)
        else:
            return None
    return current


def as_list(value: Any) -> list[Any] | None:
    """A list property; a single value counts as a list of one; ``None`` when unknown."""
    if value is None:
        return []
    if value is UNKNOWN or isinstance(value, ResourceRef):
        return None
    return value if isinstance(value, list) else [value]


def plain(value: Any) -> Any:
    """A resolved value with UNKNOWN and references turned into ``None`` (for detectors)."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value if is_known(value) else None


def location(document: Document, pointer: str) -> SourceLocation:
    """The file, line span and pointer of a node of a located document."""
    span = document.lines.span_of(pointer) if document.lines else None
    return SourceLocation(
        file=document.path,
        start_line=span[0] if span else None,
        end_line=span[1] if span else None,
        pointer=pointer or "/",
    )


def declared_at(document: Document, pointer: str) -> str | None:
    """``file:line`` where the node at ``pointer`` starts; ``None`` when lines are not known."""
    span = document.lines.span_of(pointer) if document.lines else None
    return f"{document.path}:{span[0]}" if span else None


def all_true(values: Iterable[bool | None]) -> bool | None:
    """True when every value is True, False when one is False, else None (empty: None)."""
    seen = list(values)
    if any(v is False for v in seen):
        return False
    if seen and all(v is True for v in seen):
        return True
    return None


#: A dynamic reference (``{{resolve:ssm:/app/db-password:1}}``, ``{{resolve:secretsmanager:
#: MySecret:SecretString:password}}``, ``{{resolve:ssm-secure:...}}``): "CloudFormation
#: retrieves the value of the specified reference when necessary during stack and change set
#: operations" (CloudFormation User Guide, dynamic-references.html). The template holds the
#: reference, never the value.
DYNAMIC_REFERENCE_TEXT = re.compile(r"\{\{resolve:[A-Za-z-]+:[^{}]*\}\}")


def without_dynamic_references(text: str) -> str:
    """``text`` with each dynamic reference written as a value not known (``UNKNOWN_TEXT``)."""
    return DYNAMIC_REFERENCE_TEXT.sub(UNKNOWN_TEXT, text)


def detect_secrets(values: Any, path_prefix: str = "") -> tuple[str, ...]:
    """Attribute paths holding literal secrets (the shared detector), over plain values. A
    string with a dynamic reference in it is read as written around a value not known
    (``mysql -p{{resolve:secretsmanager:Db:SecretString:password}}`` holds no secret; it
    FAILed as a password ``{{resolve:...}}``): only what is written around it counts."""
    texts: dict[str, str] = {}
    found = shared_detect_secrets(_referenced(values, "", texts), path_prefix=path_prefix)
    if not texts:
        return found
    prefix = f"{path_prefix}." if path_prefix else ""
    partly = (prefix + path for path in shared_partly_written(texts, UNKNOWN_TEXT))
    return tuple(sorted({*found, *partly}))


def _referenced(value: Any, path: str, texts: dict[str, str]) -> Any:
    """``value`` with what is not known, and each string holding a dynamic reference, None
    (the latter's text around it put in ``texts`` by path), for :func:`detect_secrets`. A
    module function: a closure calling itself left a reference cycle for each call, kept
    until the scan's collection."""
    if isinstance(value, Mapping):
        return {
            str(k): _referenced(v, f"{path}.{k}" if path else str(k), texts)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [
            _referenced(v, f"{path}.{i}" if path else str(i), texts) for i, v in enumerate(value)
        ]
    if isinstance(value, str) and "{{resolve:" in value and path:
        written = without_dynamic_references(value)
        if written != value:
            texts[path] = written
            return None
    return value if is_known(value) else None


_SUB_VARIABLE = re.compile(r"\$\{[^}]*\}")


#: Heat's text functions (HOT "Intrinsic functions": ``str_replace`` and its strict forms
#: fill a template's parameters, ``list_join`` joins lists with a delimiter).
_HEAT_REPLACE = frozenset({"str_replace", "str_replace_strict", "str_replace_vstrict"})


def _heat_written(key: str, argument: Any) -> str | None:
    """The text a Heat ``str_replace`` / ``list_join`` writes, each part not written as text
    (``get_attr``, ``get_param``, ``get_file``) read as a reference; None for other keys."""
    if key in _HEAT_REPLACE and isinstance(argument, Mapping):
        template, params = argument.get("template"), argument.get("params")
        if not isinstance(template, str):
            return None  # a template from a file or a function: not written here
        filled = {
            str(name): value if isinstance(value, str) else UNKNOWN_TEXT
            for name, value in (params.items() if isinstance(params, Mapping) else ())
        }
        for name in sorted(filled, key=len, reverse=True):
            if name:
                template = template.replace(name, filled[name])
        return template
    if key == "list_join" and isinstance(argument, list) and argument:
        separator = argument[0] if isinstance(argument[0], str) else ""
        pieces = [
            item if isinstance(item, str) else UNKNOWN_TEXT
            for part in argument[1:]
            for item in (part if isinstance(part, list) else [part])
        ]
        return separator.join(pieces)
    return None


def partly_written_secrets(raw: Any) -> tuple[str, ...]:
    """Paths of properties (as written) built by ``Fn::Sub`` / ``Fn::Join`` (Heat:
    ``str_replace`` / ``list_join``) around values made at deployment (``!Sub "mysql -pS3cret
    -h ${Db.Endpoint.Address}"``: UNKNOWN once resolved) whose written text holds a
    credential's shape; each ``${...}`` / function part is read as a reference, never a
    secret (``-p${DBPassword}`` is none)."""
    texts: dict[str, str] = {}
    _written_texts(raw, "", texts)
    written = {path: without_dynamic_references(text) for path, text in texts.items()}
    return shared_partly_written(written, UNKNOWN_TEXT)


def _written_texts(value: Any, path: str, texts: dict[str, str]) -> None:
    """:func:`partly_written_secrets`' walk (a module function: a closure calling itself
    left a reference cycle for each call, kept until the scan's collection)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            _written_texts(item, f"{path}.{index}" if path else str(index), texts)
        return
    if not isinstance(value, dict):
        return
    if len(value) == 1:
        ((key, argument),) = value.items()
        if key == "Fn::Sub":
            template = argument[0] if isinstance(argument, list) and argument else argument
            if isinstance(template, str):
                texts[path] = _SUB_VARIABLE.sub(UNKNOWN_TEXT, template)
            return
        if key == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
            separator, items = argument
            if isinstance(separator, str) and isinstance(items, list):
                texts[path] = separator.join(
                    item if isinstance(item, str) else UNKNOWN_TEXT for item in items
                )
            return
        if key == "Fn::Base64":
            _written_texts(argument, path, texts)
            return
        heat = _heat_written(key, argument)
        if heat is not None:
            texts[path] = heat
            return
        if key == "Ref" or key.startswith("Fn::"):
            return
    for key, item in value.items():
        _written_texts(item, f"{path}.{key}" if path else str(key), texts)


def cluster_member(props: Mapping[str, Any]) -> bool:
    """Whether an ``AWS::RDS::DBInstance`` is an instance of a DB cluster: an Aurora engine, or
    a ``DBClusterIdentifier`` (only Aurora clusters take instances a template declares; the
    engine may be a parameter whose default says otherwise)."""
    engine = as_str(props.get("Engine"))
    return (engine is not None and engine.startswith("aurora")) or (
        props.get("DBClusterIdentifier") is not None
    )


def tag_dict(value: Any) -> dict[str, str]:
    """Tags written as ``[{Key, Value}]`` (AWS), a mapping (SAM, Heat) or ``["k=v"]`` (Heat)."""
    tags: dict[str, str] = {}
    if isinstance(value, Mapping):
        return {str(k): str(v) for k, v in value.items() if isinstance(v, str | int | bool)}
    for item in value if isinstance(value, list) else []:
        if isinstance(item, Mapping):
            key, val = item.get("Key"), item.get("Value")
            if isinstance(key, str) and isinstance(val, str | int | bool):
                tags[key] = str(val)
        elif isinstance(item, str) and "=" in item:
            key, _, val = item.partition("=")
            tags[key] = val
    return tags
