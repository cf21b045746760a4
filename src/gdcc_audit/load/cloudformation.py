"""Loader for AWS CloudFormation templates (YAML or JSON, short or long intrinsic forms).

Also reads the CloudFormation-format templates of OpenStack Heat (``HeatTemplateFormatVersion``).
The template is checked for shape here; intrinsic functions are resolved by the mapper.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.cfn_foreach import PREFIX, ForEachError, expand
from gdcc_audit.load.cfn_include import UNREAD_TEXTS, WHAT, Unread, inline_includes
from gdcc_audit.load.cfn_param_defaults import default_uses, read_defaults
from gdcc_audit.load.cfn_rain_constants import template_constants
from gdcc_audit.load.interface import (
    NESTED,
    Claim,
    Document,
    Loader,
    ParsedFile,
    nested_template,
)
from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.load.lost import RAIN_MODULE, LostPart, template_names
from gdcc_audit.load.template_formats import CLOUDFORMATION
from gdcc_audit.load.yamltree import LocatedDocument, escape

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

FORMAT = CLOUDFORMATION
_VERSION_KEYS = ("AWSTemplateFormatVersion", "HeatTemplateFormatVersion")
_TYPE_PREFIXES = ("AWS::", "Custom::", "Alexa::", "OS::")


def is_cloudformation(data: Any) -> bool:
    """A format-version key, or a ``Resources`` mapping with a resource of an AWS type. Other
    entries need not be resources: each one that is not (a misplaced ``Parameters`` or
    ``Description``) is reported and skipped while the rest are judged (a whole template was
    not recognised, and so not assessed, for one such entry)."""
    if not isinstance(data, Mapping):
        return False
    if any(key in data for key in _VERSION_KEYS):
        return True
    resources = data.get("Resources")
    if not isinstance(resources, Mapping) or not resources:
        return False
    return any(
        isinstance(r, Mapping) and isinstance(r.get("Type"), str) and r["Type"].startswith("AWS::")
        for k, r in resources.items()
        if not str(k).startswith(PREFIX)
    )


def check_template(path: str, doc: LocatedDocument) -> InputError | None:
    """The problem that stops the whole template (no Resources mapping), with its line."""
    data = doc.data
    resources = data.get("Resources")
    if resources is None:
        return InputError(path, "CloudFormation template has no Resources section", 1)
    if not isinstance(resources, Mapping):
        return InputError(
            path, "Resources must be a mapping of logical ids", doc.line_of("/Resources")
        )
    return None


#: Key of ``Document.meta``: the resources skipped for a key written twice, by logical id
#: (the last value as parsed), read by the mapper for the secrets written in either value.
WRITTEN_TWICE = "cfn_written_twice"


def _written_twice(doc: LocatedDocument, name: str) -> Any:
    """The first key of resource ``name`` written twice with two values (None for Heat's own
    CloudFormation-like format, read as Heat reads it: the last value)."""
    if isinstance(doc.data, Mapping) and "HeatTemplateFormatVersion" in doc.data:
        return None
    return next(
        (d for d in doc.duplicates if not d.same and (
            d.field in (f"Resources.{name}", f"Resources.{escape(name)}")
            or (d.field or "").startswith((f"Resources.{name}.", f"Resources.{escape(name)}.")))),
        None,
    )


def _resource_problem(
    path: str, doc: LocatedDocument, name: str, resource: Any
) -> InputError | None:
    pointer = f"/Resources/{escape(name)}"
    twice = _written_twice(doc, name)
    if twice is not None:
        # AWS: a template with a key written twice "might" be accepted, with "undefined
        # behavior": which value the resource gets is not known (the file was not assessed);
        # a secret written in either value is in the file all the same (the mapper reports it)
        return InputError(
            path,
            f"resource {name!r}: key {twice.key!r} is written twice (first at line "
            f"{twice.first_line}); AWS CloudFormation's handling of a key written twice is "
            "undefined, so which value counts is not known: that resource is skipped (only "
            "the secrets written in either value are reported)",
            twice.line,
            twice.column,
            field=twice.field,
        )
    if not isinstance(resource, Mapping):
        return InputError(
            path,
            f"resource {name!r} is not a mapping; that resource is skipped",
            doc.line_of(pointer),
            field=name,
        )
    kind = resource.get("Type")
    properties = resource.get("Properties")
    if properties is not None and not isinstance(properties, Mapping):
        # Read as "no properties", every setting would take its default: a wrong PASS.
        return InputError(
            path,
            f"resource {name!r}: Properties should be a mapping, not "
            f"{type(properties).__name__}; that resource is skipped",
            doc.line_of(pointer + "/Properties"),
            field=f"{name}.Properties",
        )
    if isinstance(kind, str) and kind:
        return None
    if kind is None:
        message = f"resource {name!r} has no Type; that resource is skipped"
    else:
        message = (
            f"resource {name!r} has a Type that is not a string ({type(kind).__name__}): an "
            "AWS Rain module? That resource is skipped (package the template with rain pkg "
            "to assess it)"
        )
    return InputError(path, message, doc.line_of(pointer + "/Type"), field=f"{name}.Type")


def _section(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """A top-level section of a template (empty when absent or not a mapping)."""
    found = data.get(name)
    return found if isinstance(found, Mapping) else {}


def readable_and_lost(
    path: str, doc: LocatedDocument
) -> tuple[dict[str, Any], list[InputError], list[LostPart]]:
    """The resources the mapper can judge (``Fn::ForEach`` loops expanded, each expanded
    resource located at its loop's line), one error per resource skipped, and what each
    resource skipped names (one whose Type is not a string, a Rain module, may create
    anything: it is blind)."""
    all_ids = [str(k) for k in doc.data["Resources"]]
    lost: list[LostPart] = []

    def skipped(name: str, body: Any, error: InputError) -> None:
        kind = body.get("Type") if isinstance(body, Mapping) else None
        names = template_names(body, [i for i in all_ids if i != name])
        blind = isinstance(body, Mapping) and "Type" in body and not isinstance(kind, str)
        if names or blind:
            line = doc.line_of(f"/Resources/{escape(name)}") or error.line or 1
            typed = kind if isinstance(kind, str) else RAIN_MODULE if blind else ""
            lost.append(LostPart(path, line, names, (), blind, type=typed))

    resources: Mapping[str, Any] = doc.data["Resources"]
    parameters, mappings = (_section(doc.data, name) for name in ("Parameters", "Mappings"))
    kept: dict[str, Any] = {}
    errors: list[InputError] = []
    for key, resource in resources.items():
        name = str(key)
        if name == INCLUDE:
            error, part = _resources_include(path, doc, resource)
            errors.append(error)
            lost.append(part)
            continue
        if name.startswith(PREFIX):
            pointer = f"/Resources/{escape(name)}"
            try:
                expanded = expand(name, resource, parameters, mappings)
            except ForEachError as exc:
                errors.append(
                    InputError(
                        path, f"{exc}; the loop is skipped", doc.line_of(pointer), field=name
                    )
                )
                skipped(name, resource, errors[-1])
                continue
            span = doc.lines.get(pointer)
            for new_name, body in expanded.items():
                if span is not None:
                    doc.lines.setdefault(f"/Resources/{escape(new_name)}", span)
                problem = _resource_problem(path, doc, new_name, body)
                if problem is not None:
                    errors.append(problem)
                    skipped(new_name, body, problem)
                else:
                    kept[new_name] = body
            continue
        problem = _resource_problem(path, doc, name, resource)
        if problem is not None:
            errors.append(problem)
            skipped(name, resource, problem)
            continue
        kept[name] = resource
        included = _properties_include(path, doc, name, resource)
        if included is not None:
            errors.append(included[0])
            lost.append(included[1])
    return kept, errors, lost


def _resources_include(
    path: str, doc: LocatedDocument, transform: Any
) -> tuple[InputError, LostPart]:
    """A snippet included among the resources may declare any resource, or a policy or rule
    of any resource of the template: an error with its line, and a blind lost part."""
    line = doc.line_of(f"/Resources/{escape(INCLUDE)}") or 1
    error = InputError(
        path,
        f"{_included(transform)} among the resources: the resources it adds are not assessed "
        "(they may configure any resource of the template)",
        line,
        field=INCLUDE,
    )
    return error, LostPart(path, line, (), (), True)


def _properties_include(
    path: str, doc: LocatedDocument, name: str, resource: Mapping[str, Any]
) -> tuple[InputError, LostPart] | None:
    """A snippet included in a resource's Properties: what it sets is not known, so the
    resource's own verdicts may change (a lost part naming it)."""
    properties = resource.get("Properties")
    if not isinstance(properties, Mapping) or INCLUDE not in properties:
        return None
    pointer = f"/Resources/{escape(name)}/Properties/{escape(INCLUDE)}"
    line = doc.line_of(pointer) or doc.line_of(f"/Resources/{escape(name)}") or 1
    error = InputError(
        path,
        f"resource {name!r}: {_included(properties[INCLUDE])} in its Properties: what it sets "
        "is not assessed",
        line,
        field=f"{name}.Properties",
    )
    return error, LostPart(path, line, (name,))


def _unread(path: str, doc: LocatedDocument, unread: Unread) -> InputError:
    """A snippet or embedded file of a resource's ``Properties`` not read: what it sets is
    not known (its secrets: GDCC-SECRET-001 UNKNOWN on the resource)."""
    steps = "/".join(escape(step) for step in unread.path)
    pointer = f"/Resources/{escape(unread.resource)}/{steps}"
    line = doc.line_of(pointer) or doc.line_of(f"/Resources/{escape(unread.resource)}") or 1
    what = (
        "an AWS::Include snippet" if unread.directive == "AWS::Include"
        else WHAT.get(unread.directive, WHAT["Rain::Embed"])
    )  # fmt: skip
    return InputError(
        path,
        f"resource {unread.resource!r}: {what} ({unread.location}) at "
        f"{unread.where} was not read ({unread.why}): what it sets is not assessed",
        line,
        field=f"{unread.resource}.{unread.path[0]}",
    )


#: ``Fn::Transform`` written as a key: an ``AWS::Include`` (or macro) snippet merged in place.
INCLUDE = "Fn::Transform"
#: Template-level transforms CloudFormation itself provides; any other name is a macro.
AWS_TRANSFORMS = frozenset(
    {"AWS::Serverless-2016-10-31", "AWS::LanguageExtensions", "AWS::SecretsManager-2020-07-23",
     "AWS::CodeDeployBlueGreen", "AWS::ServiceCatalog", "AWS::CodeStar"}
)  # fmt: skip


def _included(transform: Any) -> str:
    """``an AWS::Include snippet (s3://bucket/x.yaml)`` for a ``Fn::Transform`` value."""
    if not isinstance(transform, Mapping):
        return "a Fn::Transform"
    name = transform.get("Name")
    parameters = transform.get("Parameters")
    location = parameters.get("Location") if isinstance(parameters, Mapping) else None
    what = (
        "an AWS::Include snippet" if name == "AWS::Include"
        else f"the macro {name}" if isinstance(name, str) else "a Fn::Transform"
    )  # fmt: skip
    return what + (f" ({location})" if isinstance(location, str) else "")


def macros(path: str, doc: LocatedDocument) -> list[dict[str, Any]]:
    """The template's ``Transform`` macros (names CloudFormation does not provide): each
    rewrites the template when it is deployed, so it is listed as not read (the template is
    judged as written)."""
    value = doc.data.get("Transform")
    names = value if isinstance(value, list) else [value]
    found = []
    for index, name in enumerate(names):
        if isinstance(name, str) and name not in AWS_TRANSFORMS:
            pointer = f"/Transform/{index}" if isinstance(value, list) else "/Transform"
            reason = (
                "a macro rewrites the template when it is deployed: what it adds or changes "
                "is not assessed (the template is judged as written)"
            )
            line = doc.line_of(pointer) or doc.line_of("/Transform")
            found.append(nested_template(path, f"Transform {name}", None, reason, line))
    return found


class CloudFormationLoader(Loader):
    """Reads CloudFormation templates; one document per template file."""

    name = "cloudformation"

    def recognise(self, parsed: ParsedFile) -> bool:
        return any(is_cloudformation(d.data) for d in parsed.documents)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        for claim in claims:
            assert claim.parsed is not None  # templates are always claimed from parsed files
            path = str(claim.path)
            templates = [d for d in claim.parsed.documents if is_cloudformation(d.data)]
            doc = templates[0]
            # CloudFormation reads one template per file; a YAML stream of several (``---``)
            # was assessed on its first alone, in silence: each other one is now listed
            # (the file is partially assessed).
            for extra in templates[1:]:
                yield InputError(
                    path,
                    f"YAML document {extra.index + 1} is another CloudFormation template: it "
                    "is not assessed (CloudFormation reads one template per file; put each "
                    "template in a file of its own)",
                    extra.line_of("") or extra.line_of("/Resources"),
                )
            problem = check_template(path, doc)
            if problem is not None:
                yield problem
                continue
            # local AWS::Include snippets read in place (the parse itself is not changed)
            constants = template_constants(doc.data)
            included, skipped = inline_includes(path, doc.data["Resources"], settings, constants)
            # parameters' Defaults written as Rain directives: read in, or (a !Rain::Env, a
            # file not read) not known where a secret's property takes them
            parameters, defaults = read_defaults(
                path, doc.data.get("Parameters"), settings, constants
            )
            skipped += default_uses(defaults, included)
            if included is not doc.data["Resources"]:
                doc = replace(doc, data={**doc.data, "Resources": included})
            if parameters is not doc.data.get("Parameters"):
                doc = replace(doc, data={**doc.data, "Parameters": parameters})
            resources, errors, lost = readable_and_lost(path, doc)
            # a whole Properties included is reported by readable_and_lost
            skipped = [u for u in skipped if u.path != ("Properties",)]
            # the resources a Fn::ForEach loop stands for are read once expanded
            looped = {k: v for k, v in resources.items() if k not in doc.data["Resources"]}
            if looped:
                inlined, more = inline_includes(path, looped, settings, constants)
                skipped += more + default_uses(defaults, inlined)
                resources = {k: inlined.get(k, v) for k, v in resources.items()}
            errors.extend(_unread(path, doc, u) for u in skipped)
            # Errors first, then the document: the file is then partially assessed.
            yield from errors
            twice = {
                str(name): body for name, body in doc.data["Resources"].items()
                if str(name) not in resources and _written_twice(doc, str(name)) is not None
            }
            if errors and not resources and not twice:
                continue
            data = {**doc.data, "Resources": resources}
            meta: dict[str, Any] = {LOST_KEY: lost} if lost else {}
            if twice:
                meta[WRITTEN_TWICE] = twice
            if skipped:
                meta[UNREAD_TEXTS] = skipped
            unread = macros(path, doc)
            if unread:
                meta[NESTED] = unread
            yield Document(path, FORMAT, data, claim.parsed.sha256, doc, meta)
