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
value not known). A Rain ``!Rain::Embed path`` beside the template is read the same way, as
the text ``rain pkg`` puts in its place. The transform among the resources or merged into a
resource's ``Properties`` beside other keys is left to the loader
(``cloudformation.readable_and_lost``).
The parse of the template is not changed: the resources are copied where a snippet goes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.source import decode, read_bytes
from gdcc_audit.load.yamltree import parse_yaml

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

TRANSFORM = "Fn::Transform"
INCLUDE = "AWS::Include"
#: AWS Rain's ``!Rain::Embed path``: ``rain pkg`` writes the file's text in its place (user
#: data kept as a shell script beside the template; aws-cloudformation-templates' Solutions).
EMBED = "Fn::Rain::Embed"
#: Snippets that include snippets: how deep they are followed.
_MAX_NESTING = 4


def local_location(template: str, transform: Any) -> Path | None:
    """The file an ``AWS::Include`` transform names, when it is a relative path inside the
    template's folder (``openapi.yaml``, ``api/spec.json``); else ``None``."""
    if not isinstance(transform, Mapping) or transform.get("Name") != INCLUDE:
        return None
    parameters = transform.get("Parameters")
    location = parameters.get("Location") if isinstance(parameters, Mapping) else None
    return local_file(template, location)


def local_file(template: str, location: Any) -> Path | None:
    """``location`` as a file, when it is a relative path inside the template's folder; else
    ``None``."""
    if not isinstance(location, str) or not location.strip():
        return None
    if "://" in location or location.startswith("s3:") or os.path.isabs(location):
        return None
    folder = os.path.dirname(os.path.abspath(template))
    target = os.path.normpath(os.path.join(folder, location))
    if os.path.commonpath([folder, target]) != folder or not os.path.isfile(target):
        return None
    return Path(target)


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


def _inline(template: str, value: Any, settings: Settings, depth: int) -> Any:
    """``value`` with each local ``AWS::Include`` replaced by its snippet, and each local
    Rain ``!Rain::Embed`` by the file's text (a copy only where something changed)."""
    if isinstance(value, Mapping):
        if len(value) == 1 and EMBED in value:
            target = local_file(template, value[EMBED])
            text = _embedded(target, settings) if target is not None else None
            return value if text is None else text
        if len(value) == 1 and TRANSFORM in value and depth < _MAX_NESTING:
            target = local_location(template, value[TRANSFORM])
            snippet = _snippet(target, settings) if target is not None else None
            if snippet is not None:
                return _inline(str(target), snippet, settings, depth + 1)
            return value
        changed = {k: _inline(template, v, settings, depth) for k, v in value.items()}
        same = all(changed[k] is v for k, v in value.items())
        return value if same else changed
    if isinstance(value, list):
        items = [_inline(template, v, settings, depth) for v in value]
        return value if all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def inline_includes(template: str, resources: Mapping[str, Any], settings: Settings) -> Any:
    """``resources`` with the local ``AWS::Include`` snippets of their ``Properties`` (at any
    depth, or as the whole ``Properties``) read in place; the same object when there are
    none."""
    changed: dict[str, Any] = {}
    for name, resource in resources.items():
        if not isinstance(resource, Mapping) or "Properties" not in resource:
            changed[name] = resource
            continue
        properties = _inline(template, resource["Properties"], settings, 0)
        changed[name] = (
            resource
            if properties is resource["Properties"]
            else {**resource, "Properties": properties}
        )
    same = all(changed[k] is v for k, v in resources.items())
    return resources if same else changed
