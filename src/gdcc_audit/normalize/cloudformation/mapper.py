"""The CloudFormation mapper: resolve intrinsics, map each type, then link related resources.

Region: a template does not say where it is deployed. ``facets.region`` is ``None`` unless the
template has a parameter named ``Region``/``AWSRegion``/``AwsRegion``/``TargetRegion`` with a
default, or the resource has a ``region`` (or ``gdcc:region``) tag.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import partial
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.cloudformation import FORMAT, WRITTEN_TWICE
from gdcc_audit.load.ignored_values import shadows
from gdcc_audit.load.interface import Document
from gdcc_audit.load.lost import LostPart, template_names
from gdcc_audit.load.lost import note as note_lost
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    EXISTS_MAYBE,
    SECRET_HOLDER,
    DefaultedFacet,
    Facets,
    Reference,
    Resource,
)
from gdcc_audit.models.value_origin import join_places
from gdcc_audit.normalize import cdn_origins, event_sources, nested_outputs
from gdcc_audit.normalize.absent import data_grant_alone
from gdcc_audit.normalize.cloudformation import (
    api_methods,
    aws_data,
    aws_emr,
    aws_exposure,
    aws_glue_endpoints,
    aws_identity,
    aws_network,
    aws_ops,
    aws_routing,
    aws_sagemaker,
    aws_services,
    choices,
    cluster_sources,
    db_exposure,
    dns_zones,
    ecs_hosts,
    eks_identity,
    elasticache_groups,
    exports,
    nesting,
    rest_api,
    s3_access_points,
    sam_apis,
    sam_destinations,
    sam_roles,
    ssm_links,
)
from gdcc_audit.normalize.cloudformation.api_functions import link_api_functions
from gdcc_audit.normalize.cloudformation.arn_text import name_arns, unknown_arns
from gdcc_audit.normalize.cloudformation.auth_token import token_parameter
from gdcc_audit.normalize.cloudformation.aws_resource_policies import (
    POLICY_RESOURCES,
    fold_policy_resource,
)
from gdcc_audit.normalize.cloudformation.branch_policies import across_branches
from gdcc_audit.normalize.cloudformation.branch_secrets import branch_secrets
from gdcc_audit.normalize.cloudformation.build import (
    INIT,
    MAPPING_ERRORS,
    Built,
    Pending,
    build_all,
    find_written,
    mapping_error,
    text_cap_errors,
)
from gdcc_audit.normalize.cloudformation.candidates import link_reference_candidates
from gdcc_audit.normalize.cloudformation.cloudfront_grants import cloudfront_only
from gdcc_audit.normalize.cloudformation.db_exposure import (
    link_db_exposure,
    link_subnet_groups,
)
from gdcc_audit.normalize.cloudformation.ecs_hosts import link_ecs_hosts
from gdcc_audit.normalize.cloudformation.elastic_ips import (
    ATTACHMENT,
    give_address,
    link_attached_interfaces,
    perhaps_public,
)
from gdcc_audit.normalize.cloudformation.event_sources import (
    MAPPING,
    NOTIFYING,
    link_event_sources,
)
from gdcc_audit.normalize.cloudformation.extras import USER_DATA, with_extras
from gdcc_audit.normalize.cloudformation.group_lists import (
    link_group_candidates,
    link_group_lists,
)
from gdcc_audit.normalize.cloudformation.interfaces import INTERFACE, link_interface_cards
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, references
from gdcc_audit.normalize.cloudformation.launch_names import (
    link_launch_template_names,
    named_template,
)
from gdcc_audit.normalize.cloudformation.launch_subnets import link_default_subnet_launchers
from gdcc_audit.normalize.cloudformation.log_retention import link_log_retention
from gdcc_audit.normalize.cloudformation.noecho import default_secret_paths
from gdcc_audit.normalize.cloudformation.origins import parameter_origins
from gdcc_audit.normalize.cloudformation.prefix_lists import (
    PREFIX_LIST,
    cloudfront_lists,
    list_cidrs,
    resolve_prefix_lists,
)
from gdcc_audit.normalize.cloudformation.redshift_workgroups import WORKGROUP, link_workgroups
from gdcc_audit.normalize.cloudformation.resolving import Used, region
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, kind_only
from gdcc_audit.normalize.cloudformation.user_data_text import UserDataFound, judge_user_data
from gdcc_audit.normalize.cloudformation.values import (
    ResourceRef,
    as_bool,
    declared_at,
    detect_secrets,
    dig,
    location,
    tag_dict,
)
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.normalize.foreign_bucket_policies import FOREIGN_BUCKET
from gdcc_audit.normalize.interface import MapContext, Mapper
from gdcc_audit.normalize.kubernetes.ignored_secrets import merge_ignored_secrets
from gdcc_audit.normalize.launch_templates import from_template, template_not_read
from gdcc_audit.normalize.secret_parameters import cloudformation_secrets
from gdcc_audit.normalize.unread import NESTED, nested_template, note_context, note_unmapped
from gdcc_audit.normalize.unread_secrets import cloudformation_unread
from gdcc_audit.normalize.variants import (
    AS_WRITTEN,
    FALSE_CONDITION,
    Alternative,
    as_written,
    false_condition,
)
from gdcc_audit.normalize.variants import combine as variants_of

AWS_TYPES: dict[str, TypeMapper] = {
    **aws_data.TYPES,
    **aws_network.TYPES,
    **aws_identity.TYPES,
    **aws_ops.TYPES,
    **aws_routing.TYPES,
    **aws_services.TYPES,
    **aws_emr.TYPES,
    **dns_zones.TYPES,
    **aws_sagemaker.TYPES,
    **aws_glue_endpoints.TYPES,
    **aws_exposure.TYPES,
    # folded into the stages that serve them (api_methods.link_methods)
    **{kind: kind_only("api.method") for kind in api_methods.METHOD_TYPES},
}
_REGION_PARAMETERS = ("region", "awsregion", "targetregion", "deployregion")


def type_mapper(kind: str) -> tuple[str, TypeMapper] | None:
    """The provider and the function that maps a CloudFormation or Heat type (None: none)."""
    return _type_mapper(kind)


def _type_mapper(kind: str) -> tuple[str, TypeMapper] | None:
    if kind in AWS_TYPES:
        return "aws", with_extras(kind, AWS_TYPES[kind])
    if kind.startswith("OS::"):
        from gdcc_audit.normalize.heat.types import HEAT_TYPES

        if kind in HEAT_TYPES:
            return "openstack", HEAT_TYPES[kind]
    return None


#: Type prefixes of resources that CloudFormation creates in AWS (a custom resource runs
#: there too); another vendor's types (``Rackspace::Cloud::Server``) are not read.
_AWS_PREFIXES = ("AWS::", "Alexa::", "Custom::")


def _secret_holder(
    kind: Any, raw: Any, parameters: Any, built: Built | None = None
) -> tuple[str, TypeMapper] | None:
    """For a type no mapper reads (``AWS::DirectoryService::MicrosoftAD``, a nested stack's
    ``Parameters``, a ``Custom::`` resource): a mapper that makes it a secret holder judged by
    GDCC-SECRET-001 only when a secret is written in it (a literal under a secret's name or
    shape, a ``NoEcho`` parameter's ``Default``); its type is still listed as not judged."""
    if not isinstance(kind, str) or not kind.startswith(_AWS_PREFIXES) or not isinstance(
        raw, Mapping
    ):
        return None

    def holder(props: dict[str, Any]) -> Mapped | None:
        found = detect_secrets(props) or find_written(
            default_secret_paths, raw, parameters, built
        )
        return Mapped(SECRET_HOLDER) if found else None

    return "aws", holder


def template_region(resolver: Resolver) -> str | None:
    """The region a parameter default names, if any."""
    return region(resolver.parameters, _REGION_PARAMETERS)


def _depends_on(value: Any) -> list[Reference]:
    names = value if isinstance(value, list) else [value]
    return [Reference(target=n, attribute="DependsOn") for n in names if isinstance(n, str)]


def _secret_user_data(
    mapped: Mapped,
    kind: str,
    raw: Any,
    resolver: Resolver,
    document: Document,
    built: Built | None = None,
) -> UserDataFound:
    """A ``NoEcho`` parameter put into the user data is a secret there at run time, whatever
    value is passed (was PASS: only secrets written in the template counted); user data not
    known once resolved is read as written (``user_data_text``)."""
    path = USER_DATA.get(kind)
    if path is None or not isinstance(raw, Mapping):
        return UserDataFound()
    value: Any = raw
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    names = find_written(cloudformation_secrets, value, document.data.get("Parameters"), built)
    if names:
        written = mapped.facets.get("user_data_secrets") or ()
        mapped.facets["user_data_secrets"] = tuple(written) + tuple(
            f"{'.'.join(path)} (NoEcho parameter {name})" for name in names
        )
    return judge_user_data(mapped, kind, raw, resolver, document)


def _init(spec: Mapping[str, Any], resolver: Resolver) -> tuple[Any, Any] | None:
    """The resource's cfn-init metadata as written and resolved (``build.INIT``), if any."""
    metadata = spec.get("Metadata")
    init = metadata.get(INIT[1]) if isinstance(metadata, Mapping) else None
    return (init, resolver.resolve(init)) if isinstance(init, Mapping) else None


def _sam_props(
    logical_id: str,
    kind: str,
    props: Any,
    api_globals: Mapping[str, Any],
    owners: dict[str, dict[str, Any]],
    kept: dict[str, Pending | None],
) -> Any:
    """A SAM resource's properties with its ``Globals`` (``Function``, ``Api``, ``HttpApi``,
    ``SimpleTable``: a function URL, key, environment or VPC written there was not read for
    the functions, a wrong PASS of GDCC-CMP-011 for ``FunctionUrlConfig: {AuthType: NONE}``);
    a SAM function or state machine is noted in ``owners`` (its events make API methods) and
    ``kept``."""
    if kind in api_globals:
        props = sam_apis.merge_globals(api_globals[kind], props)
    if kind in sam_apis.OWNERS and isinstance(props, dict):
        owners[logical_id] = props
        kept[logical_id] = None
    return props


def pending_resources(
    document: Document,
    resolver: Resolver,
    errors: list[InputError],
    owners: dict[str, dict[str, Any]] | None = None,
    built: Built | None = None,
) -> list[Pending]:
    """Every resource that the template creates (condition not false) and that has a mapping;
    a resource whose properties cannot be read is added to ``errors``. ``owners`` receives
    the resolved properties of the SAM functions and state machines (whose events make API
    methods), and the implicit APIs of the SAM transform are added (``sam_apis``); ``built``:
    what the template's other reads found in the properties as written."""
    items: list[Pending] = []
    api_globals = sam_apis.resolved_globals(document, resolver)
    # a function's role reads the Globals it inherits (its properties below already hold them)
    function_globals = api_globals.get(sam_roles.FUNCTION)
    owners = {} if owners is None else owners
    kept: dict[str, Pending | None] = {}
    for logical_id, spec in document.data["Resources"].items():
        pointer = f"/Resources/{escape(logical_id)}"
        resolver.current = (str(logical_id), pointer)  # a held reader copies it
        condition = spec.get("Condition")
        held = isinstance(condition, str) and resolver.condition(condition) is False
        reader = resolver.held(
            str(condition), document.meta.get(nesting.PASSED) or {}
        ) if held and spec.get("Type") not in sam_roles.OWNERS else None
        if held and reader is None:
            continue  # no deployment creates it (or a SAM function: not kept as written)
        raw = spec.get("Properties")
        found = _type_mapper(spec["Type"]) or _secret_holder(
            spec["Type"], raw, document.data.get("Parameters"), built
        )
        if found is None and spec["Type"] not in sam_roles.OWNERS:
            continue
        props = (reader or resolver).resolve(raw) if isinstance(raw, Mapping) else {}
        props = _sam_props(str(logical_id), spec["Type"], props, api_globals, owners, kept)
        role = _sam_role(document, resolver, str(logical_id), spec["Type"], props, raw,
                         function_globals)
        if role is not None:
            items.append(role)
        if found is None:
            continue
        provider, type_mapper = found
        try:
            # IAM grants an Fn::If not decided chooses are read per branch (branch_policies)
            mapped = across_branches(
                spec["Type"], type_mapper, raw, reader or resolver,
                document.data.get("Parameters"),
                type_mapper(props if isinstance(props, dict) else {}),
            )
        except MAPPING_ERRORS as exc:
            errors.append(mapping_error(document, logical_id, pointer, exc))
            others = [str(i) for i in document.data["Resources"] if i != logical_id]
            names = template_names(spec, others)
            if names:
                line = errors[-1].line or 1
                part = LostPart(document.path, line, names, type=str(spec["Type"]))
                note_lost(document.meta, part)
            continue
        if mapped is None:
            continue
        _name_arns(mapped, type_mapper, raw, resolver, document)
        user_data = _secret_user_data(
            mapped, spec["Type"], raw, reader or resolver, document, built
        )
        token_parameter(mapped, spec["Type"], raw, document.data.get("Parameters"))
        refs = [
            *references(raw, resolver.resources, outputs=resolver.outputs,
                        parameters=resolver.parameters, imported=resolver.imported,
                        dynamic=resolver.dynamic),
            *_depends_on(spec.get("DependsOn")),
            *_global_vpc_references(document, resolver, spec["Type"], raw),
        ]
        items.append(
            Pending(
                logical_id=str(logical_id),
                provider=provider,
                provider_type=spec["Type"],
                mapped=mapped,
                props=props if isinstance(props, dict) else {},
                raw=raw,
                pointer=pointer,
                references=[r for r in refs if r.target != logical_id],
                tags=tag_dict(props.get("Tags") if isinstance(props, dict) else None),
                origins=parameter_origins(document, raw, resolver.condition),
                at=declared_at(document, pointer),
                init=_init(spec, resolver),
                written_secrets=(
                    *user_data.written_secrets, *branch_secrets(
                        raw, reader or resolver, document.data.get("Parameters")
                    )
                ),
                secret_origins=user_data.secret_origins,
                facet_origins=user_data.facet_origins,
                # created only if a condition not decided holds
                found=false_condition(str(condition)) if held
                else {EXISTS_MAYBE: f"Condition {condition} not known"}
                if isinstance(condition, str) and resolver.condition(condition) is None
                else {},
            )
        )
        if role is not None:  # the function runs as the role SAM creates for it
            items[-1].references.append(Reference(target=role.logical_id, attribute="Role"))
        if str(logical_id) in kept:
            kept[str(logical_id)] = items[-1]
        if spec["Type"] == sam_destinations.FUNCTION:  # its destination topics / queues
            items += sam_destinations.created_resources(
                document, str(logical_id), props, pointer, _created_mapper
            )
    items.extend(sam_apis.implicit_apis(document, resolver, kept, api_globals, _sam_api_mappers()))
    return items


def _global_vpc_references(
    document: Document, resolver: Resolver, kind: str, raw: Any
) -> list[Reference]:
    """The security groups and subnets a SAM function takes from ``Globals.Function.
    VpcConfig`` (merged with its own as the SAM globals plugin does: lists joined): its
    properties hold them once resolved, but references are read from what the resource
    writes, so a function placed by the Globals alone was in no security group (a database
    admitting only that group PASSed GDCC-GRAPH-005)."""
    section = document.data.get("Globals")
    shared = section.get("Function") if isinstance(section, Mapping) else None
    vpc = shared.get("VpcConfig") if isinstance(shared, Mapping) else None
    if kind != sam_roles.FUNCTION or not isinstance(vpc, Mapping):
        return []
    own = raw.get("VpcConfig") if isinstance(raw, Mapping) else None
    merged = vpc if own is None else sam_apis.merge_globals(vpc, own)
    return list(references(
        merged, resolver.resources, "VpcConfig", outputs=resolver.outputs,
        parameters=resolver.parameters, imported=resolver.imported, dynamic=resolver.dynamic,
    ))


def _permission_principal(
    item: Pending, by_id: Mapping[str, Pending], resolver: Resolver | None
) -> Pending:
    """An ``AWS::Lambda::Permission`` whose principal is text over parameters not known
    that can never be ``*`` (``written_policy.never_everyone``, the judgement policies'
    principals get; ``by_id``: the template's resources, a custom resource's value excepted)
    lets no one else in: it was not known (GDCC-CMP-011 UNKNOWN on the function it names)."""
    from gdcc_audit.normalize.cloudformation.written_policy import aws_made, never_everyone

    if (
        item.provider_type == "AWS::Lambda::Permission" and isinstance(item.raw, Mapping)
        and item.mapped.facets.get("public_access") is None
        and never_everyone(item.raw.get("Principal"), aws_made(by_id.values()), resolver)
    ):
        item.mapped.facets["public_access"] = False
    return item


def _name_arns(
    mapped: Mapped, type_mapper: Any, raw: Any, resolver: Resolver, document: Document
) -> None:
    """Policy resources written around a reference (``!Sub "${Bucket.Arn}/*"``) name that
    resource (``arn_text``)."""
    if unknown_arns(mapped):
        with contextlib.suppress(*MAPPING_ERRORS):
            name_arns(mapped, type_mapper, raw, resolver, document.data)


def _sam_role(
    document: Document,
    resolver: Resolver,
    logical_id: str,
    kind: str,
    props: Any,
    raw: Any,
    function_globals: Any,
) -> Pending | None:
    """The role the SAM transform creates for a function or state machine (``sam_roles``)."""
    if kind not in sam_roles.OWNERS:
        return None
    owner = sam_roles.Owner(
        logical_id, kind, props if isinstance(props, dict) else {}, raw,
        f"/Resources/{escape(logical_id)}",
        tag_dict(props.get("Tags") if isinstance(props, dict) else None),
    )
    role = sam_roles.generated_role(document, owner, function_globals, resolver.resources)
    if role is not None:
        role_mapper = partial(sam_roles.role_mapper, kind, function_globals)
        _name_arns(role.mapped, role_mapper, raw, resolver, document)
    return role


def _created_mapper(kind: str) -> TypeMapper | None:
    """The mapper of a type the SAM transform creates."""
    found = _type_mapper(kind)
    return None if found is None else found[1]


def _sam_api_mappers() -> dict[str, TypeMapper]:
    """The mappers of the SAM API types (for the implicit APIs the transform adds)."""
    found = {kind: _type_mapper(kind) for kind in (sam_apis.REST, sam_apis.HTTP)}
    return {kind: pair[1] for kind, pair in found.items() if pair is not None}


#: Types no mapper maps that are read for what they say of others (the VPC's internet
#: gateway, a database's subnet and parameter groups): not "not judged".
_READ_FOR_CONTEXT = frozenset(
    {*db_exposure.TYPES, *aws_data.PARAMETER_GROUPS, "AWS::Route53Domains::Domain",
     *ecs_hosts.TYPES, "AWS::ApiGatewayV2::Integration", MAPPING, *NOTIFYING,
     *eks_identity.TYPES, aws_emr.SECURITY_CONFIGURATION, PREFIX_LIST, WORKGROUP,
     ATTACHMENT, aws_exposure.ENDPOINT_SERVICE, aws_exposure.SERVICE_PERMISSIONS,
     *elasticache_groups.TYPES, INTERFACE}
)
_DATABASES = ("AWS::RDS::DBInstance", "AWS::RDS::DBCluster")
#: The types whose verdicts read each of them: reported as "read for context" (for those
#: types) when one is in the template, as "not judged" otherwise. The other types of
#: ``_READ_FOR_CONTEXT`` stay unlisted (an internet gateway's attachment is read by the
#: resource graph for every resource of its VPC).
_CONTEXT_READERS: dict[str, tuple[str, ...]] = {
    "AWS::RDS::DBParameterGroup": ("AWS::RDS::DBInstance",),
    "AWS::RDS::DBClusterParameterGroup": ("AWS::RDS::DBCluster",),
    "AWS::RDS::DBSubnetGroup": _DATABASES,
    # folded into what they configure (mapped only to be read): as their Terraform twins
    **dict.fromkeys(aws_data.AOSS_POLICIES, ("AWS::OpenSearchServerless::Collection",)),
    "AWS::ApiGateway::Method": (
        "AWS::ApiGateway::Stage", "AWS::ApiGateway::RestApi", "AWS::Serverless::Api"
    ),
    "AWS::ApiGatewayV2::Route": (
        "AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Api", "AWS::Serverless::HttpApi"
    ),
    api_methods.DEPLOYMENT: ("AWS::ApiGateway::RestApi",),
    **dict.fromkeys(ecs_hosts.TYPES, ("AWS::ECS::Service",)),
    # IRSA's OIDC provider, the pod identity agent and associations (eks_identity.py)
    **dict.fromkeys(eks_identity.TYPES, (eks_identity.CLUSTER,)),
    # the Lambda functions a stage's API invokes (api_functions.py)
    "AWS::ApiGatewayV2::Integration": ("AWS::ApiGatewayV2::Stage", "AWS::ApiGatewayV2::Api"),
    # the queues and streams whose records invoke a function (event_sources.py)
    MAPPING: ("AWS::Lambda::Function",),
    # the subscriptions and rules whose topic or bus invokes a function (event_sources.py)
    **dict.fromkeys(NOTIFYING, ("AWS::Lambda::Function", "AWS::Serverless::Function")),
    # the encryption and Kerberos of the EMR clusters that name it (aws_emr.py)
    aws_emr.SECURITY_CONFIGURATION: (aws_emr.CLUSTER,),
    # its CIDRs in the rules of security groups (prefix_lists.py)
    PREFIX_LIST: ("AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress"),
    # the endpoint of the Redshift Serverless namespace it names (redshift_workgroups.py)
    WORKGROUP: ("AWS::RedshiftServerless::Namespace",),
    # the default user of a cache's user group (elasticache_groups.py)
    **dict.fromkeys(elasticache_groups.TYPES, (
        "AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::ServerlessCache",
    )),
    # the instance an Elastic IP on the interface it attaches reaches (elastic_ips.py)
    ATTACHMENT: ("AWS::EC2::Instance",),
    # the security groups and subnet of the instance that attaches it (interfaces.py)
    INTERFACE: ("AWS::EC2::Instance",),
    # who may connect to the load balancers behind the service (aws_exposure.py)
    **dict.fromkeys(
        (aws_exposure.ENDPOINT_SERVICE, aws_exposure.SERVICE_PERMISSIONS),
        ("AWS::ElasticLoadBalancingV2::LoadBalancer",),
    ),
}
#: Nested templates: the type -> the property that says where the template is.
_NESTED = {kind: props[0] for kind, props in nesting.NESTED_TYPES.items()}


def _note_unread(document: Document, resolver: Resolver) -> None:
    """Write on the document the types no mapper reads and the nested stacks
    (``normalize.unread``)."""
    unmapped: list[str] = []
    context: dict[str, int] = {}
    nested: list[dict[str, Any]] = []
    children: Mapping[str, str] = document.meta.get(nesting.CHILDREN) or {}
    for logical_id, spec in document.data["Resources"].items():
        kind = spec.get("Type")
        condition = spec.get("Condition")
        if not isinstance(kind, str) or (
            isinstance(condition, str) and resolver.condition(condition) is False
        ):
            continue
        if kind in _NESTED:
            pointer = f"/Resources/{escape(logical_id)}"
            props = spec.get("Properties")
            where = props.get(_NESTED[kind]) if isinstance(props, Mapping) else None
            resolver.current = (str(logical_id), pointer)
            source = resolver.resolve(where) if where is not None else None
            if isinstance(source, Mapping):  # a SAM application from the Serverless repository
                source = " ".join(
                    str(source[k]) for k in ("ApplicationId", "SemanticVersion") if k in source
                )
            elif not isinstance(source, str) and where is not None:
                # a URL built from parameters: its known parts say which template to add
                source = nesting.written_location(where, resolver)
            reason = "nested stack: its template is not in the scan" if isinstance(
                source, str
            ) else "nested stack: where its template is cannot be known statically"
            line = location(document, pointer).start_line
            found = nested_template(document.path, str(logical_id), source, reason, line)
            # a scanned template its URL names (``nesting``) is read, as a local path is
            found["local"] = children.get(str(logical_id), found["local"])
            nested.append(found)
        elif _type_mapper(kind) is None and kind not in _READ_FOR_CONTEXT:
            unmapped.append(kind)
        elif kind in _CONTEXT_READERS:
            context[kind] = context.get(kind, 0) + 1
    note_unmapped(document.meta, unmapped)
    present = {spec.get("Type") for spec in document.data["Resources"].values()}
    readers = {kind: [r for r in _CONTEXT_READERS[kind] if r in present] for kind in context}
    kept = note_context(document.meta, context, readers)
    note_unmapped(document.meta, [kind for kind, count in kept.items() for _ in range(count)])
    if nested:  # after the macros the loader lists
        document.meta[NESTED] = [*document.meta.get(NESTED, ()), *nested]


def template_resources(
    document: Document, resolver: Resolver, types: Collection[str]
) -> dict[str, tuple[str, dict[str, Any]]]:
    """The template's resources of ``types`` that it creates (condition not false): logical
    id -> (type, resolved properties). They decide facts of other resources: the parameter
    groups a database names (``aws_data.link_parameter_groups``), the subnet group and VPC
    that make a database public (``db_exposure``)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    for logical_id, spec in document.data["Resources"].items():
        kind = spec.get("Type")
        if kind not in types:
            continue
        condition = spec.get("Condition")
        if isinstance(condition, str) and resolver.condition(condition) is False:
            continue
        raw = spec.get("Properties")
        resolver.current = (str(logical_id), f"/Resources/{escape(logical_id)}")
        props = resolver.resolve(raw) if isinstance(raw, Mapping) else {}
        found[str(logical_id)] = (kind, props if isinstance(props, dict) else {})
    return found


def _carry_transit(bucket: Pending, policy: Pending, types: dict[str, str]) -> None:
    """A bucket policy that denies ``aws:SecureTransport`` false makes its bucket HTTPS-only
    (one that cannot be read leaves it unknown); without one, S3 accepts HTTP. ``types``:
    the template's resource types by logical id (a ``${Bucket}`` in a ``Resource`` is that
    bucket's name, never a wildcard)."""
    from gdcc_audit.normalize.cloudformation.written_policy import written_document
    from gdcc_audit.normalize.terraform.policy import denies_insecure_transport

    denies = denies_insecure_transport(written_document(policy, types), objects=True)
    facets = bucket.mapped.facets
    if denies is True:
        facets["encrypted_in_transit"] = True
    elif denies is None and facets.get("encrypted_in_transit") is False:
        facets["encrypted_in_transit"] = None


def _link_bucket_policy(
    policy: Pending, bucket: Pending | None, items: list[Pending], resolver: Resolver | None
) -> None:
    """A bucket policy's grant and HTTPS-only condition onto its bucket of the template
    (``Ref`` or its ``BucketName``); judged alone when the bucket is not in the template."""
    bucket = bucket or _bucket_named(policy.props.get("Bucket"), items)
    if bucket is None:
        _note_foreign_bucket(policy, items, resolver)
        _bucket_grant_alone(policy)
        return
    if bucket.provider_type == "AWS::S3::Bucket":
        _carry_transit(bucket, policy, {i.logical_id: i.provider_type for i in items})
    _bucket_policy_grant(policy, bucket, items, resolver)


def _note_foreign_bucket(policy: Pending, items: list[Pending], resolver: Resolver | None) -> None:
    """What a bucket policy does to a bucket another template of the scan may create (its
    ``Bucket`` a reference to another template's resource, or a literal name): judged here on
    a bucket that nothing else opens, written on the policy for
    ``normalize.foreign_bucket_policies`` to fold into that bucket once every template is
    mapped (the policy is then judged as within one template)."""
    named = policy.props.get("Bucket")
    if isinstance(named, ResourceRef):
        if named.attribute is not None or any(i.logical_id == named.target for i in items):
            return  # an attribute (an ARN) is no bucket name; a resource of the template
        found: dict[str, Any] = {"bucket": named.target}
    elif isinstance(named, str) and named:
        found = {"name": named}
    else:
        return
    before = dict(policy.mapped.facets)
    bucket = Pending(
        "", "aws", "AWS::S3::Bucket",
        Mapped("storage.bucket", {"public_access": False, "encrypted_in_transit": False}),
        {}, {}, "",
    )
    _carry_transit(bucket, policy, {i.logical_id: i.provider_type for i in items})
    _bucket_policy_grant(policy, bucket, items, resolver)
    why = bucket.mapped.unknown.get("public_access")
    only = bucket.mapped.because.get("public_access")
    found.update(
        public=bucket.mapped.facets["public_access"],
        transit=bucket.mapped.facets["encrypted_in_transit"],
        why=why.model_dump() if why is not None else None,
        only=only.model_dump() if only is not None else None,
        facets=dict(policy.mapped.facets),
    )
    policy.mapped.facets = before  # judged alone as before until its bucket is found
    policy.found[FOREIGN_BUCKET] = found


def _bucket_policy_grant(
    policy: Pending, bucket: Pending, items: list[Pending], resolver: Resolver | None
) -> None:
    """Whether the bucket policy lets everyone in, onto its bucket: a public grant makes the
    bucket public unless its ``RestrictPublicBuckets`` is on; a grant not known (a principal
    from a parameter) leaves it not known (it PASSed: only a public grant was carried); a
    grant to CloudFront alone is said in the PASS (``cloudfront_grants``). A principal written
    with ``Fn::Sub`` over the template's own resources names them (``written_principals``)."""
    from gdcc_audit.normalize.cloudformation.policy import analyse, public_statements
    from gdcc_audit.normalize.cloudformation.written_policy import written_principals

    public = policy.mapped.facets.get("public_access")
    types = {i.logical_id: i.provider_type for i in items}
    document = policy.props.get("PolicyDocument")
    if public is None:  # the template's resources it names (every one, mapped or not)
        named = {*types, *(r.target for r in policy.references)}
        document = written_principals(policy, named, resolver)
        public = analyse(document).public
        policy.mapped.facets["public_access"] = public
    facets = bucket.mapped.facets
    if public is False and facets.get("public_access") is False:
        only = cloudfront_only(document, types, policy.logical_id)
        if only is not None:
            bucket.mapped.because.setdefault("public_access", only)
    if public is not False:
        restrict = as_bool(
            dig(bucket.props, "PublicAccessBlockConfiguration", "RestrictPublicBuckets")
        )
        if restrict is True or facets.get("public_access") is True:
            return
        facets["public_access"] = public
        if public is None:
            from gdcc_audit.models.reason_words import item_th

            _, why = public_statements(document, policy.logical_id)
            # no document at all (a template cut short): not readable either
            why = why or (f"policy not readable in {policy.logical_id}",)
            bucket.mapped.unknown.setdefault(
                "public_access",
                Text(en="; ".join(why), th="; ".join(item_th(w) for w in why)),
            )


def _bucket_named(name: Any, items: list[Pending]) -> Pending | None:
    """The template's bucket whose ``BucketName`` is ``name`` (a policy may name its bucket
    as written rather than with ``Ref``)."""
    if not isinstance(name, str):
        return None
    return next(
        (
            i
            for i in items
            if i.provider_type == "AWS::S3::Bucket" and i.props.get("BucketName") == name
        ),
        None,
    )


def _bucket_grant_alone(policy: Pending) -> None:
    """A bucket policy whose bucket the template does not create (a bucket name, a parameter,
    an import) is judged as that bucket, for whom it lets in, as a queue or topic policy is
    (was only an ``identity.policy``: a policy opening an existing bucket to everyone had no
    GDCC-DATA-001 finding). The bucket's Block Public Access settings are not in the template:
    as for a bucket of the template without ``RestrictPublicBuckets: true``, a public policy
    makes it public."""
    policy.mapped = Mapped(
        "storage.bucket",
        {"public_access": policy.mapped.facets.get("public_access")},
        absent=data_grant_alone(),
    )


def _fold_mount_targets(items: list[Pending]) -> list[Pending]:
    """An EFS file system is reached through its mount targets: their subnet and security
    groups become the file system's references (its filtering was "not known", so the graph
    rules GDCC-GRAPH-004/005 were UNKNOWN on every file system). The mount targets are read
    for that only; one of a file system the template does not create says nothing of a
    resource of the scan."""
    by_id = {item.logical_id: item for item in items}
    kept: list[Pending] = []
    for item in items:
        if item.provider_type != aws_data.MOUNT_TARGET:
            kept.append(item)
            continue
        file_system = _target(item, by_id)("FileSystemId")
        if file_system is None or file_system.provider_type != "AWS::EFS::FileSystem":
            continue
        for ref in item.references:
            if ref.target != file_system.logical_id and ref not in file_system.references:
                file_system.references.append(ref)
        file_system.merged_from.append(item.logical_id)
    return kept


def link(
    items: list[Pending],
    owners: Mapping[str, Mapping[str, Any]] | None = None,
    qualifiers: Mapping[str, str] | None = None,
    resolver: Resolver | None = None,
) -> list[Pending]:
    """Carry facts across resources: standalone ingress rules into their security group, a
    public bucket policy onto its bucket, an elastic IP onto its instance. ``owners``: the
    SAM functions and state machines whose events make API methods (logical id ->
    resolved properties); ``qualifiers``: the template's Lambda aliases and versions ->
    the function each qualifies; ``resolver``: the template's (a bucket policy's principal
    picked from its Mappings by a key not known)."""
    items = _fold_mount_targets(aws_identity.link_identities(items, resolver))
    items = s3_access_points.fold_access_points(items)
    items = dns_zones.link_zones(aws_data.link_collections(items))
    items = api_methods.link_methods(items, owners)
    by_id = {item.logical_id: item for item in items}
    kept: list[Pending] = []
    for item in items:
        target = _target(item, by_id)
        if aws_routing.link_routing(item, target, by_id):
            continue  # merged into its route table, ACL or security group
        if item.provider_type == "AWS::EC2::SecurityGroupIngress":
            group = target("GroupId") or target("GroupName")
            if group is not None and group.provider_type == "AWS::EC2::SecurityGroup":
                current = group.mapped.facets.get("ingress")
                extra = item.mapped.facets.get("ingress")
                group.mapped.facets["ingress"] = (
                    None
                    if current is None or extra is None
                    else (*current, *aws_routing.declared(extra, item))
                )
                group.references.append(Reference(target=item.logical_id, attribute="ingress"))
                group.merged_from.append(item.logical_id)
                continue  # the rule now lives in its group; listing it twice would double count
        elif item.provider_type == "AWS::S3::BucketPolicy":
            _link_bucket_policy(item, target("Bucket"), items, resolver)
        elif item.provider_type in aws_data.SECRET_COMPANIONS:
            if aws_data.fold_secret_companion(item, target("SecretId")):
                continue  # judged as the secret it opens or rotates
        elif item.provider_type in POLICY_RESOURCES:
            if fold_policy_resource(item, target(POLICY_RESOURCES[item.provider_type][0])):
                continue  # judged as the resource it opens
        elif item.provider_type in _RESOURCE_POLICIES:
            if _fold_policy(item, by_id):
                continue  # judged through the queues / topics / buses it names
        elif item.provider_type in _FUNCTION_GRANTS:
            if _fold_grant(
                _permission_principal(item, by_id, resolver), _granted(item, by_id, qualifiers)
            ):
                continue  # judged as the function it opens
        elif item.provider_type in _WAF_ASSOCIATIONS:
            protected = target("ResourceArn")
            named = [protected] if protected is not None else [
                # a SAM Api's stage ARN is written with Fn::Sub around the Api's logical id
                by_id.get(r.target) for r in item.references
                if r.attribute.startswith("ResourceArn")
            ]
            for one in named:
                if one is not None and (
                    one.provider_type in _WAF_TARGETS
                    or (one.provider_type in _WAF_BY_SUB and protected is None)
                ):
                    one.mapped.facets["waf_enabled"] = True
                    one.references.append(Reference(target=item.logical_id, attribute="waf"))
            continue  # an association has nothing of its own to judge
        elif item.provider_type in ("AWS::EC2::EIP", "AWS::EC2::EIPAssociation"):
            for instance in _eip_instances(item, target("InstanceId"), items):
                give_address(item, instance)
        elif item.provider_type == "AWS::EC2::Instance":
            _link_instance(item, target("SubnetId"), by_id)
        elif item.provider_type == "AWS::ApiGateway::Stage":
            _rest_stage(item, target("RestApiId"))
        kept.append(item)
    return kept


def _eip_instances(item: Pending, instance: Pending | None, items: list[Pending]) -> list[Pending]:
    """The template's instances an Elastic IP (``AWS::EC2::EIP`` / ``EIPAssociation``) gives a
    public address: the one its ``InstanceId`` names, or the one whose ``NetworkInterfaces``
    attach the interface its ``NetworkInterfaceId`` names ("You can associate an Elastic IP
    address with any instance or network interface", Amazon EC2 user guide, "Elastic IP
    addresses"; an association through a network interface was not read: the instance was
    UNKNOWN, or PASSed in a private subnet). An ``AWS::EC2::NetworkInterfaceAttachment`` is not
    read (not mapped)."""
    found = [instance] if instance is not None and instance.provider_type == _INSTANCE else []
    interface = item.props.get("NetworkInterfaceId")
    if not isinstance(interface, ResourceRef):
        return found
    for one in items:
        cards = one.props.get("NetworkInterfaces") if one.provider_type == _INSTANCE else None
        for card in cards if isinstance(cards, list) else ():
            named = card.get("NetworkInterfaceId") if isinstance(card, Mapping) else None
            if isinstance(named, ResourceRef) and named.target == interface.target:
                found.append(one)
    return found


_INSTANCE = "AWS::EC2::Instance"
#: "MapPublicIpOnLaunch: Indicates whether instances launched in this subnet receive a public
#: IPv4 address. The default value is false." (AWS::EC2::Subnet)
_SUBNET_DOC = (
    "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
    "aws-resource-ec2-subnet.html"
)


def _subnet_assigns_ip(instance: Pending, subnet: Pending | None) -> None:
    """An instance with a ``SubnetId`` of the template and no network interface gets a
    public IPv4 address when that subnet's ``MapPublicIpOnLaunch`` is true (false when not
    written), as ``aws_instance`` with its ``aws_subnet`` in Terraform; an elastic IP the
    template associates with it still makes it public (it is read after, or was before)."""
    facets = instance.mapped.facets
    # interfaces written, or not known (a parameter: no truth value), decide it themselves
    if facets.get("public_endpoint") is not None or instance.props.get(
        "NetworkInterfaces"
    ) not in (None, []):
        return
    if subnet is None or subnet.provider_type != "AWS::EC2::Subnet":
        return
    assigns = subnet.mapped.facets.get("public_endpoint")
    if perhaps_public(instance):
        if assigns is not True:
            return  # an Elastic IP that may not be created: not known either way
        instance.mapped.unknown.pop("public_endpoint", None)
    facets["public_endpoint"] = assigns
    if subnet.props.get("MapPublicIpOnLaunch") is not None:
        instance.mapped.written.add("public_endpoint")
    elif assigns is False:
        instance.mapped.defaults["public_endpoint"] = DefaultedFacet(
            attribute=f"MapPublicIpOnLaunch of {subnet.logical_id}", doc=_SUBNET_DOC
        )


#: What an instance takes from its launch template when it does not write it: facet ->
#: the instance property that would, and the template's (in ``LaunchTemplateData``).
_FROM_TEMPLATE = {
    "user_data_secrets": "UserData",
    "metadata_tokens_required": "MetadataOptions",
    "encrypted_at_rest": "BlockDeviceMappings",
    # a public IP its network interface asks for (the instance's own interfaces decide)
    "public_endpoint": "NetworkInterfaces",
}
#: Facets that a template that is not read decides: not known (the instance's own default,
#: "no BlockDeviceMappings: unencrypted", is not its volumes' when the template maps them).
_TEMPLATE_DECIDES = ("user_data_secrets", "metadata_tokens_required", "encrypted_at_rest")


def _link_instance(
    instance: Pending, subnet: Pending | None, by_id: Mapping[str, Pending]
) -> None:
    """What an instance takes from its subnet and its launch template."""
    _subnet_assigns_ip(instance, subnet)
    _from_launch_template(instance, by_id)


def _from_launch_template(instance: Pending, by_id: Mapping[str, Pending]) -> None:
    """An instance launched from a launch template takes what it does not write from it
    ("Any parameters that you specify override the same parameters in the launch template",
    EC2 user guide): its user data (a secret there was a PASS on the instance), metadata
    options and block devices. A template the template does not hold leaves them not known
    (its volumes were the instance's default, unencrypted: a FAIL of GDCC-CMP-003 the
    template may contradict)."""
    written = instance.props.get("LaunchTemplate")
    if not isinstance(written, Mapping):
        return
    ref = written.get("LaunchTemplateId")
    template = by_id.get(ref.target) if isinstance(ref, ResourceRef) else None
    if template is not None and template.provider_type != "AWS::EC2::LaunchTemplate":
        template = None
    if template is None:  # named by its LaunchTemplateName
        template = named_template(instance, by_id)
    facets = instance.mapped.facets
    for facet, prop in _FROM_TEMPLATE.items():
        if instance.props.get(prop) is not None:
            continue
        if template is None:
            if facet in _TEMPLATE_DECIDES:
                facets[facet] = None
                instance.mapped.unknown[facet] = template_not_read("the template")
                instance.mapped.no_default.add(facet)
            continue
        value = template.mapped.facets.get(facet)
        if value is None or (facet == "public_endpoint" and value is not True):
            continue
        facets[facet] = value
        instance.mapped.written.add(facet)
        instance.mapped.because[facet] = from_template(template.logical_id)


def _rest_stage(stage: Pending, api: Pending | None) -> None:
    """A REST API stage answers on its REST API's default endpoint: its exposure and minimum
    TLS version are that endpoint's (``rest_api.endpoint``), as ``aws_api_gateway_stage`` takes
    its ``aws_api_gateway_rest_api``'s; a REST API outside the template leaves them unknown."""
    if api is None or api.provider_type != "AWS::ApiGateway::RestApi":
        return
    found = rest_api.endpoint(api.props)
    facets = stage.mapped.facets
    facets["public_endpoint"] = found.public
    facets["tls_min_version"] = found.tls
    stage.mapped.defaults.update(found.defaults)
    stage.mapped.unknown.update(found.unknown)


_WAF_ASSOCIATIONS = frozenset(
    {"AWS::WAFv2::WebACLAssociation", "AWS::WAFRegional::WebACLAssociation"}
)
#: What a web ACL association can protect (AWS::WAFv2::WebACLAssociation ResourceArn).
_WAF_TARGETS = frozenset(
    {
        "AWS::AppSync::GraphQLApi",
        "AWS::Serverless::GraphQLApi",
        "AWS::ApiGateway::Stage",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
    }
)
#: APIs whose stage ARN an association writes with ``Fn::Sub`` around the API's logical id
#: (``arn:...:/restapis/${Api}/stages/prod``): a SAM Api, or a REST API standing for its
#: deployment's stage (``api_methods._deployed_stage``).
_WAF_BY_SUB = frozenset({"AWS::Serverless::Api", "AWS::ApiGateway::RestApi"})

#: Resource policy type -> (property listing its targets, target type).
_RESOURCE_POLICIES = {
    "AWS::SQS::QueuePolicy": ("Queues", "AWS::SQS::Queue"),
    "AWS::SNS::TopicPolicy": ("Topics", "AWS::SNS::Topic"),
    "AWS::Kinesis::ResourcePolicy": ("ResourceArn", "AWS::Kinesis::Stream"),
    aws_data.BUS_POLICY: ("EventBusName", aws_data.EVENT_BUS),
}


def _fold_policy(item: Pending, by_id: dict[str, Pending]) -> bool:
    """Add a queue or topic policy's grant to everyone to each target of the template;
    True when every target it names is in the template (the policy is then not listed). An
    event bus policy names one bus (``aws_data.fold_bus_policy``)."""
    prop, target_type = _RESOURCE_POLICIES[item.provider_type]
    listed = item.props.get(prop)
    if item.provider_type == aws_data.BUS_POLICY:
        named = by_id.get(listed.target) if isinstance(listed, ResourceRef) else None
        return aws_data.fold_bus_policy(item, list(by_id.values()), named)
    listed = listed if isinstance(listed, list) else [listed]
    public = item.mapped.facets.get("public_access")
    folded = True
    for value in listed:
        target = by_id.get(value.target) if isinstance(value, ResourceRef) else None
        if target is None or target.provider_type != target_type:
            folded = False
            continue
        current = target.mapped.facets.get("public_access")
        if current is not True:
            target.mapped.facets["public_access"] = (
                True if public is True else None if public is None or current is None else False
            )
        target.references.append(Reference(target=item.logical_id, attribute="policy"))
    return folded


#: A grant on a Lambda function -> the property naming the function.
_FUNCTION_GRANTS = {
    "AWS::Lambda::Url": "TargetFunctionArn",
    "AWS::Lambda::Permission": "FunctionName",
}
_FUNCTIONS = frozenset({"AWS::Lambda::Function", "AWS::Serverless::Function"})


#: Lambda aliases and versions: a URL or permission naming one opens its function ("You can
#: create a function URL for ... any function alias", Lambda developer guide, "Creating and
#: managing Lambda function URLs"; a permission's ``FunctionName`` may be a qualified ARN).
#: Such a grant was judged alone while the function PASSed GDCC-CMP-011 (the SAM transform
#: writes a ``FunctionUrlConfig`` of a function with ``AutoPublishAlias`` so).
_QUALIFIERS = frozenset({"AWS::Lambda::Alias", "AWS::Lambda::Version"})


def _granted(
    item: Pending, by_id: dict[str, Pending], qualifiers: Mapping[str, str] | None
) -> Pending | None:
    """The resource of the template a function URL or permission names: the function, or
    the function whose alias or version it names."""
    value = item.props.get(_FUNCTION_GRANTS[item.provider_type])
    if not isinstance(value, ResourceRef):
        return None
    function = (qualifiers or {}).get(value.target, value.target)
    return by_id.get(function)


def _fold_grant(item: Pending, function: Pending | None) -> bool:
    """Open the template's function that a function URL or permission names to whom the
    grant lets in (as Terraform's companions do); True when folded (the grant is then not
    listed on its own)."""
    if function is None or function.provider_type not in _FUNCTIONS:
        return False
    public = item.mapped.facets.get("public_access")
    current = function.mapped.facets.get("public_access")
    if current is not True and public is not False:
        function.mapped.facets["public_access"] = public
    function.references.append(Reference(target=item.logical_id, attribute="grant"))
    if item.provider_type == "AWS::Lambda::Permission" and event_sources.unscoped_service(
        item.props.get("Principal"),
        [aws_services.written(item.props.get(p))
         for p in ("SourceArn", "SourceAccount", "PrincipalOrgID")],
    ):
        function.found.setdefault(event_sources.UNSCOPED_SERVICE_GRANTS, []).append(
            item.logical_id
        )
    return True



#: Associations a held resource may be (type -> the property naming its owner, the
#: owner's type, the facet it carries).
_ASSOCIATIONS = {
    "AWS::EC2::SubnetRouteTableAssociation": ("RouteTableId", "AWS::EC2::RouteTable", "routes"),
    "AWS::EC2::SubnetNetworkAclAssociation": ("NetworkAclId", "AWS::EC2::NetworkAcl",
                                              "acl_rules"),
}


def _borrow_owners(held: list[Pending], items: list[Pending]) -> None:
    """A held route table or network ACL association (``variants.FALSE_CONDITION``) whose
    table or ACL the defaults create: it stays its own resource (the owner gets no subnet
    of it), carrying a copy of the owner's routes or entries. They were not known ("the
    route table Assoc associates is not in the scan"): an instance in a held subnet
    associated with a public table of the defaults was UNKNOWN."""
    by_id = {item.logical_id: item for item in items}
    for item in held:
        found = _ASSOCIATIONS.get(item.provider_type)
        if found is None:
            continue
        prop, kind, facet = found
        owner = _target(item, by_id)(prop)
        if owner is not None and owner.provider_type == kind:
            item.mapped.facets[facet] = copy.deepcopy(owner.mapped.facets.get(facet))


def _target(item: Pending, by_id: dict[str, Pending]) -> Any:
    def find(prop: str) -> Pending | None:
        value = item.props.get(prop)
        return by_id.get(value.target) if isinstance(value, ResourceRef) else None

    return find


class CloudFormationMapper(Mapper):
    """Maps CloudFormation templates to canonical resources."""

    name = "cloudformation"
    formats = (FORMAT,)

    def relate(self, documents: Sequence[Document]) -> list[InputError]:
        """Nested templates of the scan take what their parents pass (``nesting``)."""
        return nesting.relate(documents)

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        located = document.lines
        heat = isinstance(document.data, Mapping) and "HeatTemplateFormatVersion" in document.data
        ignored = shadows(located) if heat and located is not None and located.duplicates else ()
        # a parameter's secret default that no resource reads (normalize.unread_secrets)
        yield from cloudformation_unread(document, context)
        if not ignored:
            yield from self._map(document, context)
            yield from _written_twice_secrets(document, context)
            return
        # Heat's CloudFormation-like format keeps the last value of a key written twice, as
        # a HOT template does (heat.mapper): the secrets written in each ignored value are in
        # the file all the same, reported at its line (load/ignored_values)
        found = list(self._map(document, context))
        passed: Mapping[str, Any] = document.meta.get(nesting.PASSED) or {}
        read = [
            (f"{document.path}:{line}",
             _resources(replace(document, data=data, meta=dict(document.meta)), context,
                        passed, None))
            for line, data in ignored
        ]
        yield from merge_ignored_secrets(found, read)

    def _map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        passed: Mapping[str, Any] = document.meta.get(nesting.PASSED) or {}
        chosen = choices.choices(document, passed)
        others = choices.alternatives(document, passed)
        # the template's other reads build again only the resources they change
        built = Built() if chosen or others else None
        used = Used()
        found = list(_read(document, context, passed, built=built, used=used))
        if not chosen and not others:
            yield from (as_written(r) if isinstance(r, Resource) else r for r in found)
            return
        yield from (r for r in found if not isinstance(r, Resource))
        base = [r for r in found if isinstance(r, Resource)]
        # another read writes its notes (lost parts) on a copy: the template's are its own
        copy = replace(document, meta=dict(document.meta))

        def resources(values: Mapping[str, Any]) -> list[Resource]:
            if used.unchanged_by(values):  # values no resource reads: the same resources
                return base
            return _resources(copy, context, {**passed, **values}, built)

        labelled = [(c.label, resources(c.values)) for c in chosen]
        # an alternative is read beside the first choice it is compared with: read alone,
        # a parameter without a default was not known there, and a resource reading only
        # that one said its verdict rested on the other's default
        given = chosen[0].values if chosen else {}

        def alternative(values: Mapping[str, Any]) -> list[Resource]:
            if used.unchanged_by(values):  # the first read's resources
                return labelled[0][1] if labelled else base
            return resources({**given, **values})

        alternatives = [
            Alternative(a.label, alternative(a.values), a.instead or a.label, a.set_at)
            for a in others
        ]
        if labelled:
            first, base = labelled[0]
            yield from variants_of(base, labelled[1:], first, "choice", alternatives)
        else:
            yield from variants_of(base, (), AS_WRITTEN, "deploy", alternatives)


def _written_twice_secrets(document: Document, context: MapContext) -> Iterator[Resource]:
    """The secrets written in a resource skipped for a key written twice (``load.cloudformation``:
    which value AWS reads is undefined), in either value: a password in the ignored value is in
    the file all the same (as for Heat's format, :func:`merge_ignored_secrets`). Each such
    resource is read within the template once with its last value and once per first value put
    back (``load.ignored_values``); one that holds a secret is a secret holder (judged by
    GDCC-SECRET-001 only: the resource stays listed as not assessed), a secret of a first value
    set at that value's line."""
    twice: Mapping[str, Any] = document.meta.get(WRITTEN_TWICE) or {}
    located = document.lines
    if not twice or not isinstance(document.data.get("Resources"), Mapping):
        return
    variants: list[tuple[str | None, Mapping[str, Any]]] = [(None, twice)]
    written = located.data.get("Resources") if located is not None else None
    for line, data in shadows(located) if located is not None else ():
        shadowed = data.get("Resources") if isinstance(data, Mapping) else None
        if isinstance(shadowed, Mapping) and isinstance(written, Mapping):
            firsts = {
                name: shadowed[name] for name in twice
                if name in shadowed and shadowed[name] is not written.get(name)
            }
            if firsts:
                variants.append((f"{document.path}:{line}", firsts))
    passed: Mapping[str, Any] = document.meta.get(nesting.PASSED) or {}
    secrets: dict[str, dict[str, list[str]]] = {}
    holders: dict[str, Resource] = {}
    read_last: dict[str, set[str]] = {}
    for where, written_bodies in variants:
        # a body without a Type (or whose Properties are no mapping) is no resource the
        # mapper can read: the loader's error already says it is skipped
        bodies = {
            name: body for name, body in written_bodies.items()
            if isinstance(body, Mapping) and isinstance(body.get("Type"), str)
            and isinstance(body.get("Properties", {}), Mapping)
        }
        if not bodies:
            continue
        data = {**document.data, "Resources": {**document.data["Resources"], **bodies}}
        read = replace(document, data=data, meta=dict(document.meta))
        for resource in _resources(read, context, passed, None):
            name = resource.address or ""
            if name not in bodies or not resource.facets.hardcoded_secrets:
                continue
            holders.setdefault(name, resource)
            found = secrets.setdefault(name, {})
            last = read_last.setdefault(name, set())
            for path in resource.facets.hardcoded_secrets:
                if where is None:  # the last value: where the read found it, if anywhere
                    last.add(path)
                    origin = resource.value_origins.get(SECRET_ORIGIN + path)
                elif path in last:
                    continue  # written beside the key written twice, in both values
                else:
                    origin = where
                places = found.setdefault(path, [])
                if origin is not None and origin not in places:
                    places.append(origin)
    for name, found in secrets.items():
        holder = holders[name]
        origins = {SECRET_ORIGIN + path: join_places(p) for path, p in found.items() if p}
        yield Resource(
            id=holder.id, kind=SECRET_HOLDER, name=holder.name, provider=holder.provider,
            provider_type=holder.provider_type, tenant=holder.tenant, system=holder.system,
            address=holder.address, origin=holder.origin, location=holder.location,
            facets=Facets(hardcoded_secrets=tuple(found)), value_origins=origins,
            tags=holder.tags,
        )


def _resources(
    document: Document, context: MapContext, passed: Mapping[str, Any], built: Built | None
) -> list[Resource]:
    """The resources of the template read with ``passed`` parameter values."""
    read = _read(document, context, passed, notes=False, built=built)
    return [r for r in read if isinstance(r, Resource)]


def _carry(
    document: Document,
    resolver: Resolver,
    pending: list[Pending],
    found: dict[tuple[int, str], Any] | None = None,
) -> None:
    """Carry facts from the template's other resources onto each of ``pending`` (parameter
    groups onto databases, subnets onto what they place, ...), before ``link``; ``found``:
    what a carry of the same read found in each resource's properties as written (for
    copies carried again: ``candidates.link_reference_candidates``)."""
    link_launch_template_names(pending)
    groups = template_resources(document, resolver, aws_data.PARAMETER_GROUPS)
    aws_data.link_parameter_groups(pending, groups)
    aws_data.link_aurora_instances(pending, groups)
    aws_data.link_read_replicas(pending)
    cluster_sources.link_cluster_sources(
        pending, template_resources(document, resolver, {cluster_sources.GLOBAL_CLUSTER})
    )
    elasticache_groups.link_user_groups(
        pending, lambda: template_resources(document, resolver, elasticache_groups.TYPES)
    )
    placing = template_resources(document, resolver, db_exposure.TYPES)
    link_db_exposure(pending, placing)
    link_subnet_groups(pending, placing)
    link_ecs_hosts(pending, template_resources(document, resolver, ecs_hosts.TYPES))
    link_log_retention(pending)
    eks_identity.link_workload_identity(
        pending, template_resources(document, resolver, eks_identity.TYPES)
    )
    link_group_lists(pending)
    link_group_candidates(pending, frozenset(resolver.resources), resolver.condition)
    link_reference_candidates(
        pending, frozenset(resolver.resources), resolver.condition, found,
        outputs=resolver.outputs, parameters=resolver.parameters, imported=resolver.imported,
    )
    aws_emr.link_security_configurations(
        pending,
        template_resources(document, resolver, {aws_emr.SECURITY_CONFIGURATION}),
        document.data["Resources"],
    )
    link_api_functions(
        pending, document.data["Resources"], frozenset(resolver.resources), resolver.condition
    )
    link_event_sources(pending, document.data["Resources"], frozenset(resolver.resources))
    # (CloudFront's list first: its rules' properties then hold the list's name)
    cloudfront_lists(pending, document.data, resolver)
    resolve_prefix_lists(pending, list_cidrs(template_resources(document, resolver, {PREFIX_LIST})))
    link_default_subnet_launchers(pending)
    link_workgroups(pending, template_resources(document, resolver, {WORKGROUP}))
    link_attached_interfaces(pending, template_resources(document, resolver, {ATTACHMENT}))
    link_interface_cards(pending, template_resources(document, resolver, {INTERFACE}))
    aws_exposure.link_endpoint_services(pending, template_resources(
        document, resolver, {aws_exposure.ENDPOINT_SERVICE, aws_exposure.SERVICE_PERMISSIONS}
    ))


def _copies(pending: list[Pending]) -> list[Pending]:
    """Copies of ``pending`` that a carry may change without changing them (``_read``: what
    only a false condition creates reads their facts, giving none back). Their properties,
    resolved and as written, and cfn-init's metadata are shared: the carrying steps read
    them and change only what they found (``mapped``, ``references``, ``found``,
    ``merged_from``); copying them was most of the copy."""
    shared: dict[int, Any] = {}
    for item in pending:
        shared[id(item.props)] = item.props
        shared[id(item.raw)] = item.raw
        shared[id(item.init)] = item.init  # (cfn-init's metadata: read by the build only)
    return copy.deepcopy(pending, shared)


def _read(
    document: Document,
    context: MapContext,
    passed: Mapping[str, Any],
    notes: bool = True,
    built: Built | None = None,
    used: Used | None = None,
) -> Iterator[Resource | InputError]:
    """The template's resources read with ``passed`` parameter values (its defaults for the
    others); ``notes``: write what is not read on the document (its own read); ``built``:
    the resources the template's other reads built (``build.Built``); ``used``: gets what
    the read looked at (``resolving.Used``)."""
    resolver = Resolver(document.data, nested_outputs.in_context(passed, context))
    resolver.outputs = nested_outputs.for_context(document, context)
    resolver.imports = {
        name: nested_outputs.in_context(value, context)
        for name, value in (document.meta.get(exports.EXPORTS) or {}).items()
    }
    resolver.imports_written = {
        written: nested_outputs.in_context(value, context)
        for written, value in (document.meta.get(exports.BY_STACK) or {}).items()
    }
    resolver.ssm = {
        name: nested_outputs.in_context(value, context)
        for name, value in (document.meta.get(ssm_links.SSM_VALUES) or {}).items()
    }
    # the roles the SAM transform adds (``<FunctionId>Role``) can be named by Ref / GetAtt
    resolver.resources |= sam_roles.generated_ids(document.data["Resources"])
    # and the implicit APIs it adds (``ServerlessRestApi``, ``ServerlessHttpApi``)
    resolver.resources |= sam_apis.implicit_ids(document.data["Resources"])
    # and the topics / queues it makes for functions' destinations (sam_destinations)
    resolver.resources |= sam_destinations.generated_ids(document.data["Resources"])
    errors: list[InputError] = []
    owners: dict[str, dict[str, Any]] = {}
    pending = pending_resources(document, resolver, errors, owners, built)
    # what only a condition false with these values creates (``variants.FALSE_CONDITION``):
    # it reads the others' facts (on copies), but gives none of its own to them, and is
    # folded only into what such a condition creates too (a rule it adds to a group the
    # defaults create stays its own resource: that group is not open)
    held = [p for p in pending if FALSE_CONDITION in p.found]
    pending = [p for p in pending if FALSE_CONDITION not in p.found]
    together = [*_copies(pending), *held] if held else []
    found: dict[tuple[int, str], Any] = {}
    _carry(document, resolver, pending, found)
    if held:
        _carry(document, resolver, together, found)
    qualifiers = template_resources(document, resolver, _QUALIFIERS)
    items = link(pending, owners, {
        lid: props["FunctionName"].target for lid, (_t, props) in qualifiers.items()
        if isinstance(props.get("FunctionName"), ResourceRef)
    }, resolver)
    _borrow_owners(held, items)
    items += link(held, resolver=resolver)
    cdn_origins.cloudformation_links(
        items, template_resources(document, resolver, ("AWS::CloudFront::VpcOrigin",))
    )
    if notes:
        _note_unread(document, resolver)
    yield from errors
    yield from text_cap_errors(document, resolver)
    yield from build_all(document, context, items, template_region(resolver), built)
    if used is not None:
        used.note(resolver.parameters)
