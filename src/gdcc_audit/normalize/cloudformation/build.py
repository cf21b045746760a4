"""Turning mapped template resources into canonical resources (shared by CloudFormation and
Heat): identity, tags and GDCC context, secrets, references and source lines."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from pydantic import ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.models.resource import Facets, Reference, Resource
from gdcc_audit.models.value_origin import LaterOrigin
from gdcc_audit.normalize import api_endpoint, cdn_origins, lambda_vpc, lb_gates
from gdcc_audit.normalize.absent import absent_facets
from gdcc_audit.normalize.cloudformation import macro_rewrites
from gdcc_audit.normalize.cloudformation.extras import USER_DATA, encoded_secret
from gdcc_audit.normalize.cloudformation.noecho import (
    default_secret_paths,
    hidden_default_paths,
    published_secrets,
)
from gdcc_audit.normalize.cloudformation.origins import text_values
from gdcc_audit.normalize.cloudformation.resolving import TemplateResolver
from gdcc_audit.normalize.cloudformation.sub_origins import sub_secret_origins
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.unread_texts import secrets_not_known
from gdcc_audit.normalize.cloudformation.values import (
    detect_secrets,
    dig,
    location,
    partly_written_secrets,
)
from gdcc_audit.normalize.defaults import SECRET_ORIGIN, apply_defaults, value_origins
from gdcc_audit.normalize.interface import MAPPING_ERRORS as SHARED_MAPPING_ERRORS
from gdcc_audit.normalize.interface import MapContext, canonical_id
from gdcc_audit.normalize.tags import read_tags
from gdcc_audit.secrets.detect import REDACTED as SHARED_REDACTED

REDACTED = SHARED_REDACTED
_T = TypeVar("_T")
_REGION_TAGS = ("gdcc:region", "region")


@dataclass
class Pending:
    """A template resource mapped to a kind, before it becomes a frozen Resource."""

    logical_id: str
    provider: str
    provider_type: str
    mapped: Mapped
    props: dict[str, Any]
    raw: Any
    pointer: str
    references: list[Reference] = field(default_factory=list)
    tags: dict[str, str] = field(default_factory=dict)
    #: Top-level properties that are ``Ref`` to a parameter with a default -> ``file:line``
    #: of that default (the line a user changes).
    origins: dict[str, str] = field(default_factory=dict)
    #: ``file:line`` of the resource's declaration (what a rule merged elsewhere points at).
    at: str | None = None
    #: Logical ids of the rule resources merged into this one (``attributes['merged_from']``,
    #: as for Terraform companions: checkov's result on such a rule finds its group or ACL).
    merged_from: list[str] = field(default_factory=list)
    #: Attributes a link step found beyond the properties (an ECS service's hosts' network).
    found: dict[str, Any] = field(default_factory=dict)
    #: The resource's ``Metadata`` ``AWS::CloudFormation::Init`` (files, commands, services
    #: cfn-init writes on the instance), as written and resolved: searched for secrets.
    init: tuple[Any, Any] | None = None
    #: Secret path -> ``file:line`` of the values that put the secret there, found by the
    #: template's mapper (user data written around values made at deployment:
    #: ``user_data_text``), or found only when a verdict names it (``later_origins``, kept
    #: as ``Resource.later_origins``: a Heat ``str_replace`` param, ``heat.replace_origins``).
    secret_origins: dict[str, str] = field(default_factory=dict)
    later_origins: dict[str, LaterOrigin] = field(default_factory=dict)
    #: Secrets the template writes into a text made in part at deployment, found with the
    #: values written in (user data: ``user_data_text``), and facet -> ``file:line`` of the
    #: parameter values that decide a facet so found.
    written_secrets: tuple[str, ...] = ()
    facet_origins: dict[str, str] = field(default_factory=dict)


#: What a type mapper may raise on a template shaped unlike the provider's schema
#: (``normalize.interface``'s, also the Kubernetes mapper's).
MAPPING_ERRORS = SHARED_MAPPING_ERRORS


#: Resources named one by one when string functions hit their cap; the rest are counted.
MAX_TEXT_REPORTS = 10


def text_cap_errors(document: Document, resolver: TemplateResolver) -> list[InputError]:
    """An input error for each resource a string function's cap made partly UNKNOWN (the
    first ``MAX_TEXT_REPORTS``, then one for the others)."""
    refused = list(resolver.refused.items())
    errors = [
        InputError(
            document.path,
            f"resource {logical_id!r}: {reason}: that value is unknown (not assessed)",
            location(document, pointer).start_line if pointer else None,
            field=logical_id or None,
        )
        for (logical_id, pointer), reason in refused[:MAX_TEXT_REPORTS]
    ]
    if len(refused) > MAX_TEXT_REPORTS:
        more = len(refused) - MAX_TEXT_REPORTS
        errors.append(
            InputError(document.path, f"{more:,} more resources with values unknown for the "
                       "same reason (the string-function caps)")
        )
    return errors


def mapping_error(document: Document, logical_id: str, pointer: str, exc: Exception) -> InputError:
    """An input error for a resource whose properties do not have the expected shape."""
    return InputError(
        document.path,
        f"resource {logical_id!r}: properties not understood ({type(exc).__name__}: {exc})",
        location(document, pointer).start_line,
        field=logical_id,
    )


def _redact(value: Any, path: list[str]) -> None:
    if not path:
        return
    head, rest = path[0], path[1:]
    if isinstance(value, dict) and head in value:
        if rest:
            _redact(value[head], rest)
        else:
            value[head] = REDACTED
    elif isinstance(value, list) and head.isdigit() and int(head) < len(value):
        if rest:
            _redact(value[int(head)], rest)
        else:
            value[int(head)] = REDACTED


def _split_path(path: str) -> list[str]:
    return [p for p in path.replace("[", ".").replace("]", "").split(".") if p]


def redacted(raw: Any, paths: tuple[str, ...]) -> dict[str, Any]:
    """A copy of the raw properties with the literal secrets replaced by ``<redacted>``."""
    if not isinstance(raw, dict):
        return {}
    if not paths:
        return raw
    result = copy.deepcopy(raw)
    for path in paths:
        _redact(result, _split_path(path))
    return result


#: Where cfn-init's configuration is written in a resource.
INIT = ("Metadata", "AWS::CloudFormation::Init")


def _init_secrets(init: tuple[Any, Any], document: Document) -> tuple[str, ...]:
    """Secrets written in a resource's cfn-init metadata (a password in a file's ``content``,
    a command's line, a ``NoEcho`` parameter's default it takes): ``Metadata.AWS::
    CloudFormation::Init.config.files./etc/my.cnf.content``. The instance's cfn-init reads
    them from the template (DescribeStackResource), so they are written in the template."""
    written, resolved = init
    found = detect_secrets({INIT[1]: resolved}, path_prefix=INIT[0])
    defaulted = default_secret_paths({INIT[1]: written}, document.data.get("Parameters"))
    # what is written around a value made at deployment: a file's ``!Sub`` content taking a
    # NoEcho parameter without a default beside a literal password (resolved, the whole text
    # was not known: quickstart-jfrog-artifactory's cfn-init vars file PASSed)
    partly = partly_written_secrets({INIT[1]: written})
    return (*found, *(f"{INIT[0]}.{path}" for path in (*defaulted, *partly)))


def _with_sub_origins(
    document: Document, item: Pending, secrets: Any, origins: dict[str, str]
) -> tuple[dict[str, str], dict[str, LaterOrigin]]:
    """``origins`` with, for each secret a parameter's value puts into a ``Fn::Sub`` /
    ``Fn::Join`` text (``export DB_PASSWORD=${DbPassword}``), where that value is written
    (``sub_origins``: it named no line); and the :attr:`Pending.later_origins` of the
    secrets that ``origins`` does not place, asked when a verdict names them."""
    if secrets and item.secret_origins:
        origins = {**{SECRET_ORIGIN + p: where for p, where in item.secret_origins.items()
                      if p in secrets}, **origins}
    later = {
        p: ask for p, ask in item.later_origins.items()
        if secrets and p in secrets and SECRET_ORIGIN + p not in origins
    }
    defaults, origin = text_values(document) if secrets else ({}, None)
    if not defaults or origin is None:
        return origins, later
    if later:  # which secrets are left to ``Fn::Sub`` depends on them: asked now
        origins = {**{SECRET_ORIGIN + p: where for p, ask in later.items()
                      if (where := ask()) is not None}, **origins}
        later = {}
    wanted = [p for p in secrets if SECRET_ORIGIN + p not in origins]
    if not wanted:
        return origins, later
    found = sub_secret_origins(item.raw, wanted, defaults, origin)
    return {**origins, **{SECRET_ORIGIN + p: where for p, where in found.items()}}, later


def find_written(
    find: Callable[[Any, Any], _T], raw: Any, declared: Any, built: Built | None = None
) -> _T:
    """``find(raw, declared)``, found once per template when ``built`` is given
    (:meth:`Built.written`)."""
    return built.written(find, raw, declared) if built is not None else find(raw, declared)


def _partly_written(raw: Any, _declared: Any) -> tuple[str, ...]:
    return partly_written_secrets(raw)


def to_resource(
    document: Document,
    context: MapContext,
    item: Pending,
    region: str | None,
    built: Built | None = None,
) -> Resource | InputError:
    """The canonical resource for one pending template resource (``built``: what the
    template's other reads found in the same properties as written)."""
    tag_context = read_tags(item.tags)
    # what is written around a value made at deployment (a !Sub user data) is known
    partly = find_written(_partly_written, item.raw, None, built)
    secrets = tuple(sorted({*detect_secrets(item.props), *partly, *item.written_secrets}))
    # a NoEcho parameter's Default taken by any property is a secret written in the template
    defaulted = find_written(
        default_secret_paths, item.raw, document.data.get("Parameters"), built
    ) + find_written(hidden_default_paths, item.raw, document.data.get("parameters"), built)
    # a secret the service makes, put into a stack output: published by the template
    published = published_secrets(
        document.data.get("Outputs"), item.logical_id, item.provider_type
    )
    if defaulted or published:
        secrets = tuple(sorted({*secrets, *defaulted, *published}))
    if item.init is not None:
        secrets = tuple(sorted({*secrets, *_init_secrets(item.init, document)}))
    user_data = USER_DATA.get(item.provider_type)
    if user_data is not None and encoded_secret(dig(item.props, *user_data)):
        # A base64 literal holding a secret: a secret written in the template (and its text,
        # which decodes to the secret, is kept out of the report).
        secrets = tuple(sorted({*secrets, ".".join(user_data)}))
    facets = dict(item.mapped.facets)
    absent = {**item.mapped.absent, **absent_facets(item.provider_type, item.props)}
    mapped_unknown = item.mapped.unknown
    no_default = item.mapped.no_default
    foreign = macro_rewrites.foreign(document.data, item.provider_type, item.props)
    if foreign:  # a macro rewrites it: none of what is written is known to be deployed
        why = macro_rewrites.rewritten(document.data, item.provider_type, foreign)
        rewritten = [n for n in facets if n not in macro_rewrites.KEPT]
        # the mapper's own reason stays where it gives one (a role with no trust policy)
        mapped_unknown = {**dict.fromkeys(rewritten, why), **mapped_unknown}
        facets.update(dict.fromkeys(rewritten))
        if "public_grants" in rewritten:  # grants read for its type, who is let in not known
            facets["public_grants"] = ()
        no_default = {*no_default, *rewritten}
    defaults = apply_defaults(
        item.provider_type, item.props, facets, {*absent, *no_default}
    )
    defaults.update(
        {n: d for n, d in item.mapped.defaults.items() if facets.get(n) is not None}
    )
    for name in item.mapped.written:
        defaults.pop(name, None)
    unknown = {n: why for n, why in mapped_unknown.items() if facets.get(n) is None}
    because = {n: why for n, why in item.mapped.because.items() if facets.get(n) is not None}
    undetermined = {
        n: items for n, items in item.mapped.undetermined.items() if facets.get(n) is not None
    }
    tag_region = next((item.tags[k] for k in item.tags if k.lower() in _REGION_TAGS), None)
    facets.setdefault("region", tag_region or region)
    facets.setdefault("hardcoded_secrets", secrets)
    not_read = secrets_not_known(document, item.logical_id)
    if not_read is not None and not facets["hardcoded_secrets"]:
        # a file its Properties include or embed was not read: its text may hold a secret
        facets["hardcoded_secrets"] = None
        unknown["hardcoded_secrets"] = not_read
    for name in ("data_classification", "personal_data", "security_category"):
        if getattr(tag_context, name) is not None:
            facets[name] = getattr(tag_context, name)
    tenant = context.tenant.id if context.tenant else None
    system = tag_context.system or context.default_system
    name = f"{context.file_scope(document.path)}:{item.logical_id}"
    origins, later = _with_sub_origins(
        document, item, facets.get("hardcoded_secrets"),
        value_origins(item.provider_type, item.origins, facets.get("hardcoded_secrets")),
    )
    try:
        return Resource(
            id=canonical_id(tenant, system, item.provider_type, name),
            kind=item.mapped.kind,
            name=item.logical_id,
            provider=item.provider,
            provider_type=item.provider_type,
            tenant=tenant,
            system=system,
            address=item.logical_id,
            facets=Facets(**facets),
            defaults=defaults,
            unknown=unknown,
            decided_by=because,
            undetermined=undetermined,
            absent=absent,
            value_origins={**origins, **item.facet_origins},
            later_origins=later,
            tags=item.tags,
            attributes={
                **redacted(item.raw, secrets),
                **api_endpoint.cloudformation(item.provider_type, item.props),
                **lambda_vpc.cloudformation(item.provider_type, item.props),
                **cdn_origins.cloudformation(item.provider_type, item.props),
                **lb_gates.cloudformation(item.provider_type, item.props, item.raw,
                                          document.data.get("Parameters")),
                **_resolved_engine(item),
                **({"merged_from": list(item.merged_from)} if item.merged_from else {}),
                **item.found,
            },
            references=tuple(dict.fromkeys(item.references)),
            location=location(document, item.pointer),
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        return InputError(
            document.path,
            f"resource {item.logical_id!r}: {first['msg']}",
            location(document, item.pointer).start_line,
            field=item.logical_id,
        )


def _resolved_engine(item: Pending) -> dict[str, Any]:
    """``engine``: the value an ``Engine`` written as an intrinsic function (``!Ref P``,
    ``!If``) resolves to, None when the template does not give it (GDCC-DB-004 then says the
    engine is not known; ``Engine`` itself stays as written)."""
    written = item.raw.get("Engine") if isinstance(item.raw, dict) else None
    if not isinstance(written, dict | list):
        return {}
    value = item.props.get("Engine")
    return {"engine": value if isinstance(value, str) else None}


class Built:
    """The resources one template's reads built, by what each was built from.

    A template read again with other parameter values (``Resource.variants``: an allowed
    value, an environment file) gives most of its resources the same pending state: those
    are not built again (``to_resource`` is a function of the pending resource and the
    region, for one document). Pending states are told apart by their pickled bytes, which
    tell ``True`` from ``1`` as ``==`` does not; a state that cannot be pickled is built.
    The properties as written (``Pending.raw``, the template's own object in every read)
    are pickled once per object."""

    def __init__(self) -> None:
        self._found: dict[tuple[bytes, bytes], Resource | InputError] = {}
        self._written: dict[tuple[Any, int, int], tuple[Any, Any, Any]] = {}
        #: The pickled properties as written, by the object's id (kept alive with it): the
        #: same object in every read of the template, pickled once.
        self._raw: dict[int, tuple[Any, bytes]] = {}

    def written(self, find: Callable[[Any, Any], _T], raw: Any, declared: Any) -> _T:
        """``find(raw, declared)`` of a resource's properties as written and the template's
        parameter declarations (a pure function of both): the same in every read of the
        template, so found once. Both are kept while the template is read: their ids are
        not reused for other objects meanwhile."""
        key = (find, id(raw), id(declared))
        found = self._written.get(key)
        if found is None:
            found = self._written[key] = (raw, declared, find(raw, declared))
        result: _T = found[2]
        return result

    def build(
        self, document: Document, context: MapContext, item: Pending, region: str | None
    ) -> Resource | InputError:
        """``to_resource`` of ``item``, or what an earlier read built from the same state."""
        try:
            key = (
                pickle.dumps((replace(item, raw=None), region), pickle.HIGHEST_PROTOCOL),
                self._pickled_raw(item.raw),
            )
        except (pickle.PicklingError, TypeError, AttributeError):
            return to_resource(document, context, item, region)
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = to_resource(document, context, item, region, self)
        return found


    def _pickled_raw(self, raw: Any) -> bytes:
        kept = self._raw.get(id(raw))
        if kept is None:
            kept = self._raw[id(raw)] = (raw, pickle.dumps(raw, pickle.HIGHEST_PROTOCOL))
        return kept[1]


def build_all(
    document: Document,
    context: MapContext,
    items: list[Pending],
    region: str | None,
    built: Built | None = None,
) -> Iterator[Resource | InputError]:
    """Every pending resource, in template order (``built``: what the template's other reads
    built, reused for the same pending state)."""
    for item in items:
        if built is None:
            yield to_resource(document, context, item, region)
        else:
            yield built.build(document, context, item, region)
