"""IAM policy ``Resource`` entries that name a resource of the template inside text.

``!Sub "${Bucket.Arn}/*"``, ``!Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"`` and
``!Join ["", ["arn:aws:dynamodb:", !Ref AWS::Region, ":", !Ref AWS::AccountId, ":table/",
!Ref Table]]`` are not known before deployment (the resource's name or ARN is made then), so
they resolved to UNKNOWN: the resource graph could not tell what the statement acts on and
the roles' reach (GDCC-GRAPH-006) stayed unknown. Such an entry names the resource as surely
as ``!GetAtt Bucket.Arn`` does when the reference stands for the resource's ARN (``${X.Arn}``
followed by nothing, ``/`` or ``:``: the resource or its objects, versions, indexes) or for
its name at the name's place in an ARN of the resource's own service (after ``:`` or ``/``,
followed by nothing, ``/`` or ``:``): it becomes ``ref:<logical id>``, as a plain
``!GetAtt`` does. Any other text with a reference (``${Bucket}-logs/*`` names another bucket;
``log-group:/aws/lambda/${Function}:*`` the function's log group, not the function) stays
unknown. Only the ``permissions`` facet is taken from this second reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.models.resource import PolicyStatement
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import PSEUDO_SHAPES

UNKNOWN_ARN = "<unknown>"
_MARK = "\x00"
_MARKED = re.compile("\x00([^\x00.]+)(?:\\.([^\x00]+))?\x00")
_PSEUDO = re.compile(r"\$\{(AWS::[A-Za-z]+)\}")
#: The IAM service prefix of a CloudFormation type whose second part is not it.
_SERVICES = {
    "AWS::Serverless::Function": "lambda",
    "AWS::Serverless::SimpleTable": "dynamodb",
    "AWS::Serverless::StateMachine": "states",
    "AWS::StepFunctions::StateMachine": "states",
    "AWS::EFS::FileSystem": "elasticfilesystem",
    "AWS::Elasticsearch::Domain": "es",
    "AWS::OpenSearchService::Domain": "es",
    "AWS::KinesisFirehose::DeliveryStream": "firehose",
}


class ArnResolver(Resolver):
    """Resolves as :class:`Resolver` does, but a reference to a resource of the template is
    kept as a marked name in the text built around it (read back by :func:`entry`)."""

    def ref(self, name: Any) -> Any:
        if isinstance(name, str) and name not in self.parameters and name in self.resources:
            return f"{_MARK}{name}{_MARK}"
        return super().ref(name)

    def attribute_text(self, target: str, attribute: str) -> Any:
        return f"{_MARK}{target}.{attribute}{_MARK}"

    def _get_att(self, arg: Any, depth: int) -> Any:
        if isinstance(arg, str):
            arg = arg.split(".", 1)
        if (
            isinstance(arg, list)
            and len(arg) == 2
            and arg[0] in self.resources
            and isinstance(arg[1], str)
        ):
            return self.attribute_text(arg[0], arg[1])
        return super()._get_att(arg, depth)


def _service(kind: Any) -> str | None:
    if not isinstance(kind, str):
        return None
    parts = kind.split("::")
    return _SERVICES.get(kind) or (parts[1].lower() if len(parts) == 3 else None)


def entry(text: str, types: Mapping[str, Any]) -> str:
    """A statement resource read by :class:`ArnResolver`: ``ref:<logical id>`` when it names
    that resource (see the module), the text itself when it holds no reference, and
    ``<unknown>`` otherwise. ``types``: logical id -> CloudFormation type."""
    marks = list(_MARKED.finditer(text))
    if not marks:
        return text
    if len(marks) != 1:
        return UNKNOWN_ARN
    mark = marks[0]
    target, attribute = mark.group(1), mark.group(2)
    before = _PSEUDO.sub(lambda m: PSEUDO_SHAPES.get(m.group(1), "x"), text[: mark.start()])
    after = text[mark.end() :]
    if after[:1] not in ("", "/", ":"):
        return UNKNOWN_ARN
    if not before:  # the value is the resource's ARN (or the resource as Ref gives it)
        return f"ref:{target}" if attribute is None or attribute.endswith("Arn") else UNKNOWN_ARN
    fields = before.split(":")
    if (
        len(fields) < 6
        or fields[0] != "arn"
        or fields[2] != _service(types.get(target))
        or before[-1] not in ":/"
        or (attribute is not None and attribute.endswith("Arn"))
    ):
        return UNKNOWN_ARN
    return f"ref:{target}"


def unknown_arns(mapped: Mapped) -> bool:
    """Whether the mapped resource's ``permissions`` name a resource not known (a statement
    whose one ``Resource`` is not known has none: ``None``)."""
    found = mapped.facets.get("permissions")
    return isinstance(found, tuple) and any(
        s.resources is None or UNKNOWN_ARN in s.resources
        for s in found
        if isinstance(s, PolicyStatement)
    )


def name_arns(
    mapped: Mapped,
    type_mapper: Callable[[dict[str, Any]], Mapped | None],
    raw: Any,
    resolver: Resolver,
    template: Mapping[str, Any],
) -> None:
    """Replace the unknown statement resources of ``mapped`` by the resources of the template
    they name (``raw``: the resource's properties as written)."""
    reader = ArnResolver(template)
    reader.parameters = resolver.parameters  # the same values, noting what it reads
    props = reader.resolve(raw)
    again = type_mapper(props) if isinstance(props, dict) else None
    found = again.facets.get("permissions") if again is not None else None
    current = mapped.facets.get("permissions")
    if not isinstance(found, tuple) or not isinstance(current, tuple):
        return
    if len(found) != len(current):
        return
    resources = template.get("Resources")
    types = {
        name: spec.get("Type")
        for name, spec in (resources.items() if isinstance(resources, Mapping) else ())
        if isinstance(spec, Mapping)
    }
    statements: list[PolicyStatement] = []
    for old, new in zip(current, found, strict=True):
        if new.resources is None or (
            old.resources is not None and len(old.resources) != len(new.resources)
        ):
            statements.append(old)
            continue
        named = tuple(
            entry(b, types) if a in (None, UNKNOWN_ARN) else a
            for a, b in zip(old.resources or [None] * len(new.resources), new.resources,
                            strict=True)
        )
        statements.append(old.model_copy(update={"resources": named}))
    mapped.facets["permissions"] = tuple(statements)
