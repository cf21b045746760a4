"""``AWS::Include`` snippets kept beside the template, read in place.

A value written as ``{"Fn::Transform": {"Name": "AWS::Include", "Parameters": {"Location":
...}}}`` is replaced by CloudFormation with the snippet at ``Location`` ("inserts the snippet
at the place the transform is written", AWS::Include transform, CloudFormation template
reference). The AWS SAM pattern writes an API's OpenAPI body that way,
``DefinitionBody: {Fn::Transform: {Name: AWS::Include, Parameters: {Location: openapi.yaml}}}``,
and ``sam package`` / ``aws cloudformation package`` upload a ``Location`` that is a local
path. Such a path, relative to the template and inside its folder, is read here and the
snippet takes the transform's place (its methods' authorization and its security policy were
not known: GDCC-NET-005 and GDCC-ENC-005 UNKNOWN). A snippet on S3, one outside the
template's folder (``..``, an absolute path), missing or not readable stays a transform (its
value not known). A Rain ``!Rain::Embed path`` beside the template (``{"Rain::Embed": path}``
in JSON) is read the same way, as the text ``rain pkg`` puts in its place, and a Rain
``!Rain::Include path`` (a YAML or JSON file ``rain pkg`` writes in place as template
content) as a snippet. A ``!Rain::Env NAME`` is an environment variable's value written in
place when the template is packaged: never in the input, it is an :class:`Unread` (its value
not known) where a secret may go (:func:`secret_place`). ``!Rain::S3`` and
``!Rain::S3Http`` become an S3 location of the uploaded file (no text of it in the template)
and are left as they are. The transform among the resources or merged into a resource's
``Properties`` beside other keys is left to the loader (``cloudformation.readable_and_lost``).
The parse of the template is not changed: the resources are copied where a snippet goes.

A snippet or embedded file that is not read is an :class:`Unread`: its text may hold a
secret, so the loader reports it (the template is partially assessed) and GDCC-SECRET-001 is
UNKNOWN on its resource, naming the file, unless a secret is found elsewhere in it (a
missing file's text was read as a value not known: PASS).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.cfn_rain_constants import CONSTANTS, substitute
from gdcc_audit.load.source import decode, read_bytes
from gdcc_audit.load.yamltree import parse_yaml
from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import secret_pair_value

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

TRANSFORM = "Fn::Transform"
INCLUDE = "AWS::Include"
#: AWS Rain's ``!Rain::Embed path``: ``rain pkg`` writes the file's text in its place (user
#: data kept as a shell script beside the template; aws-cloudformation-templates' Solutions).
EMBED = "Fn::Rain::Embed"
#: The keys ``!Rain::Embed`` is written as: the YAML tag, the long form (YAML ``Rain::Embed:
#: file``, JSON ``{"Rain::Embed": "file"}``: aws-cloudformation-templates' ``.json`` copies).
EMBEDS = (EMBED, "Rain::Embed")
#: ``!Rain::Include path``: ``rain pkg`` writes the YAML or JSON file in place as template
#: content (rain's ``pkg`` directives: ``includeLiteral``), read here as a snippet.
RAIN_INCLUDE = "Rain::Include"
RAIN_INCLUDES = ("Fn::Rain::Include", RAIN_INCLUDE)
#: ``!Rain::Env NAME``: ``rain pkg`` writes the environment variable's value in place
#: (``includeEnv``); it is not in the input.
RAIN_ENV = "Rain::Env"
RAIN_ENVS = ("Fn::Rain::Env", RAIN_ENV)
#: ``Document.meta`` key of the :class:`Unread` snippets and embedded files of a template.
UNREAD_TEXTS = "unread_texts"
#: The sections of a resource whose snippets and embedded files are read.
_SECTIONS = ("Properties", "Metadata")
#: Snippets that include snippets: how deep they are followed.
_MAX_NESTING = 4


@dataclass(frozen=True)
class Unread:
    """A snippet (``AWS::Include``) or embedded file (``Rain::Embed``) of a resource's
    ``Properties`` or ``Metadata`` that was not read: ``resource`` (logical id), ``path``
    (where it stands: ``Properties.UserData.Fn::Base64``), ``directive``, ``location`` as
    written (a text, else its repr) and ``why`` (``NOT_FOUND``, ``OUTSIDE``, ``REMOTE``,
    ``NOT_LITERAL``, ``NOT_READABLE``, ``TOO_DEEP``, ``ENV_VALUE``); ``parameter``: the
    parameter whose ``Default`` it is, when the property at ``path`` takes it by reference."""

    resource: str
    path: tuple[str, ...]
    directive: str
    location: str
    why: str
    parameter: str = ""

    @property
    def where(self) -> str:
        """Where it stands, in English."""
        at = ".".join(self.path)
        return f"{at} (through the Default of parameter {self.parameter})" if self.parameter else at

    @property
    def where_th(self) -> str:
        """Where it stands, in Thai."""
        at = ".".join(self.path)
        return f"{at} (ผ่านค่า Default ของพารามิเตอร์ {self.parameter})" if self.parameter else at


NOT_FOUND = "not found"
OUTSIDE = "outside the template's folder"
REMOTE = "not a local file"
NOT_LITERAL = "its location is not written as a text"
NOT_READABLE = "could not be read"
TOO_DEEP = "snippets included more than 4 deep"
ENV_VALUE = "its value is set when rain pkg runs"
NO_CONSTANT = "no such text constant in the template's Rain section"
NO_REF_CONSTANT = "no such constant in the template's Rain section"
#: ``!Rain::Constant Name`` and ``${Rain::Name}``: a constant of the template's ``Rain`` section.
RAIN_CONSTANT = "Rain::Constant"
#: ``Ref: Const::Name``: the prefix rain gives a constant taken by ``Ref``.
CONST_REF = "Const::"


def _located(template: str, location: Any) -> tuple[Path | None, str]:
    """``location`` as a file, when it is a relative path inside the template's folder, and
    why it is none otherwise (``""`` when there is one)."""
    if not isinstance(location, str) or not location.strip():
        return None, NOT_LITERAL
    if "://" in location or location.startswith("s3:"):
        return None, REMOTE
    if os.path.isabs(location):
        return None, OUTSIDE
    folder = os.path.dirname(os.path.abspath(template))
    target = os.path.normpath(os.path.join(folder, location))
    if os.path.commonpath([folder, target]) != folder:
        return None, OUTSIDE
    if not os.path.isfile(target):
        return None, NOT_FOUND
    return Path(target), ""


def _location(transform: Any) -> Any:
    """The ``Location`` an ``AWS::Include`` transform names (None when it names none)."""
    parameters = transform.get("Parameters") if isinstance(transform, Mapping) else None
    return parameters.get("Location") if isinstance(parameters, Mapping) else None


def _snippet(path: Path, settings: Settings) -> Any:
    """The first YAML or JSON document of the snippet file, or ``None`` if it cannot be read."""
    try:
        text = decode(str(path), read_bytes(path, settings.max_file_bytes))
        documents = parse_yaml(
            text,
            str(path),
            max_nodes=settings.max_yaml_nodes,
            cfn_tags=True,
            max_depth=settings.max_depth,
        )
    except InputError:
        return None
    return documents[0].data if documents else None


def _embedded(path: Path, settings: Settings) -> str | None:
    """The text of a file a Rain ``!Rain::Embed`` names, or ``None`` if it cannot be read."""
    try:
        return decode(str(path), read_bytes(path, settings.max_file_bytes))
    except (InputError, OSError):
        return None


@dataclass
class _Walk:
    """One resource's ``Properties`` being read: its logical id and what was not read."""

    resource: str
    unread: list[Unread]
    constants: Mapping[str, Any] = field(default_factory=dict)

    def skip(self, path: tuple[str, ...], directive: str, location: Any, why: str) -> None:
        shown = location if isinstance(location, str) else repr(location)
        self.unread.append(Unread(self.resource, path, directive, shown, why))


def _inline(
    template: str, value: Any, settings: Settings, depth: int, walk: _Walk,
    path: tuple[str, ...] = (), secret: bool = False,
) -> Any:
    """``value`` with each local ``AWS::Include`` replaced by its snippet, and each local
    Rain ``!Rain::Embed`` by the file's text (a copy only where something changed); each one
    not read is noted in ``walk``. ``secret``: ``value`` is the value of a name / value pair
    named as a secret (``Tags: [{Key: db_password, Value: ...}]``)."""
    if isinstance(value, Mapping):
        embed = next((k for k in EMBEDS if k in value), None) if len(value) == 1 else None
        if embed is not None:
            target, why = _located(template, value[embed])
            text = _embedded(target, settings) if target is not None else None
            if text is None:
                walk.skip(path, "Rain::Embed", value[embed], why or NOT_READABLE)
                return value
            return text
        env = _directive(value, RAIN_ENVS)
        if env is not None:
            if secret or secret_place(path):
                walk.skip(path, RAIN_ENV, value[env], ENV_VALUE)
            return value
        name = _constant_ref(value)
        if name is not None:  # ``Ref: Const::Name``: rain writes the constant (any value) in
            if name in walk.constants:
                return walk.constants[name]
            walk.skip(path, RAIN_CONSTANT, name, NO_REF_CONSTANT)
            return value
        constant = _directive(value, CONSTANTS)
        if constant is not None:
            name = value[constant]
            if isinstance(name, str) and name in walk.constants:
                return walk.constants[name]
            walk.skip(path, RAIN_CONSTANT, name, NO_CONSTANT)
            return value
        sub: Any = value.get("Fn::Sub") if len(value) == 1 else None
        pattern = sub[0] if isinstance(sub, list) and sub else sub
        if isinstance(pattern, str) and ("${Rain::" in pattern or "${Const::" in pattern):
            written, missing = substitute(pattern, walk.constants)
            for name in missing:
                walk.skip(path, RAIN_CONSTANT, name, NO_CONSTANT)
            return {"Fn::Sub": written if isinstance(sub, str) else [written, *sub[1:]]}
        rain = _directive(value, RAIN_INCLUDES)
        if rain is not None:
            return _included(
                template, value, value[rain], RAIN_INCLUDE, settings, depth, walk, path
            )
        if len(value) == 1 and TRANSFORM in value:
            transform = value[TRANSFORM]
            if not isinstance(transform, Mapping) or transform.get("Name") != INCLUDE:
                return value  # a macro: left to the template's macros (macro_rewrites)
            return _included(
                template, value, _location(transform), INCLUDE, settings, depth, walk, path
            )
        named = secret_pair_value(value)
        changed = {
            k: _inline(template, v, settings, depth, walk, (*path, str(k)), k == named)
            for k, v in value.items()
        }
        same = all(changed[k] is v for k, v in value.items())
        return value if same else changed
    if isinstance(value, list):
        items = [
            _inline(template, v, settings, depth, walk, (*path, str(i)))
            for i, v in enumerate(value)
        ]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def secret_place(path: tuple[str, ...]) -> bool:
    """Whether a value at ``path`` (``Properties.MasterUserPassword``) may be a secret that
    GDCC-SECRET-001 reads: the property is named as a secret (its last name that is not an
    index or a function), or the value is part of a text that is built (``Fn::Sub``,
    ``Fn::Join``), of user data or of cfn-init's files and commands. A ``!Rain::Env``
    elsewhere (``InstanceType``) is a value not known, as a parameter without a default
    is."""
    names = [p for p in path[1:] if not p.isdigit() and not p.startswith("Fn::")]
    if names and is_secret_name(names[-1]):
        return True
    # cfn-init's files and commands (``Metadata: AWS::CloudFormation::Init``) are as user data
    if "UserData" in names or _INIT in names:
        return True
    return any(p in ("Fn::Sub", "Fn::Join") for p in path)


def _constant_ref(value: Mapping[Any, Any]) -> str | None:
    """The constant's name when ``value`` is ``{"Ref": "Const::Name"}`` (rain's README,
    "Constants": an object constant is taken with ``!Ref Const::Name``)."""
    ref = value.get("Ref") if len(value) == 1 else None
    if isinstance(ref, str) and ref.startswith(CONST_REF):
        return ref[len(CONST_REF) :]
    return None


#: Where cfn-init's configuration is written in a resource's ``Metadata``.
_INIT = "AWS::CloudFormation::Init"


def _directive(value: Mapping[Any, Any], keys: tuple[str, ...]) -> str | None:
    """The key of ``keys`` that ``value`` is written with when it is that directive alone."""
    return next((k for k in keys if k in value), None) if len(value) == 1 else None


def _included(
    template: str, value: Any, location: Any, directive: str, settings: Settings,
    depth: int, walk: _Walk, path: tuple[str, ...],
) -> Any:
    """The snippet at ``location`` (read in turn) in place of ``value``, the
    ``AWS::Include`` transform or ``!Rain::Include`` naming it; ``value`` itself, noted in
    ``walk``, when it is not read."""
    target, why = _located(template, location)
    if depth >= _MAX_NESTING:
        target, why = None, TOO_DEEP
    snippet = _snippet(target, settings) if target is not None else None
    if snippet is not None:
        return _inline(str(target), snippet, settings, depth + 1, walk, path)
    walk.skip(path, directive, location, why or NOT_READABLE)
    return value


#: What each directive not read is, in the loader's and GDCC-SECRET-001's messages.
WHAT = {
    INCLUDE: "the AWS::Include snippet",
    "Rain::Embed": "the file !Rain::Embed names",
    RAIN_INCLUDE: "the file !Rain::Include names",
    RAIN_ENV: "the environment variable !Rain::Env names",
    RAIN_CONSTANT: "the Rain constant",
}


def inline_value(
    template: str, value: Any, settings: Settings, owner: str, constants: Mapping[str, Any]
) -> tuple[Any, list[Unread]]:
    """``value`` (a parameter's ``Default``, ``owner`` its name) with its Rain directives and
    local ``AWS::Include`` snippets read in place as in a resource's ``Properties``, and
    those that were not read (a ``!Rain::Env`` is left to the caller)."""
    walk = _Walk(owner, [], constants)
    return _inline(template, value, settings, 0, walk, ("Default",)), walk.unread


def inline_includes(
    template: str,
    resources: Mapping[str, Any],
    settings: Settings,
    constants: Mapping[str, Any] | None = None,
) -> tuple[Any, list[Unread]]:
    """``resources`` with the local ``AWS::Include`` snippets of their ``Properties`` and
    ``Metadata`` (at any depth, or as the whole section) and Rain embedded files read in
    place (the same object when there are none), and those that were not read."""
    changed: dict[str, Any] = {}
    unread: list[Unread] = []
    for name, resource in resources.items():
        if not isinstance(resource, Mapping):
            changed[name] = resource
            continue
        walk = _Walk(str(name), unread, constants or {})
        # cfn-init's files and commands (Metadata) are written in the template too
        sections = {
            key: _inline(template, resource[key], settings, 0, walk, (key,))
            for key in _SECTIONS
            if key in resource
        }
        same = all(sections[k] is resource[k] for k in sections)
        changed[name] = resource if same else {**resource, **sections}
    same = all(changed[k] is v for k, v in resources.items())
    return (resources if same else changed), unread
