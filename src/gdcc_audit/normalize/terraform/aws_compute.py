"""AWS compute, databases and clusters: EC2, launch templates, Lambda, RDS/Aurora, DynamoDB,
ElastiCache, OpenSearch, Redshift, EKS."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets, IngressRule
from gdcc_audit.normalize import (
    aoss,
    aurora_encryption,
    db_tls,
    elasticache_serverless,
    step_functions,
)
from gdcc_audit.normalize.absent import absent_facets
from gdcc_audit.normalize.aurora_encryption import AURORA_NEW_CLUSTER_DEFAULT, is_aurora
from gdcc_audit.normalize.db_logs import exports_record_access
from gdcc_audit.normalize.defaults import (
    EBS_ENCRYPTION,
    PITR_DEFAULT_DAYS,
    ROOT_UNLESS,
    SEARCH_SNAPSHOT_DAYS,
    SEARCH_SNAPSHOTS_DEFAULT,
    names_root_device,
    pitr_days,
)
from gdcc_audit.normalize.launch_templates import from_template, template_not_read
from gdcc_audit.normalize.terraform import aws_dynamodb
from gdcc_audit.normalize.terraform.account_settings import Setting, ebs_encryption_by_default
from gdcc_audit.normalize.terraform.aws_cluster_sources import is_sourced, sourced_encryption
from gdcc_audit.normalize.terraform.common import (
    group_sources,
    region_of,
    rule,
    sources,
    tls_version,
)
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.keyed import customer_key
from gdcc_audit.normalize.terraform.policy import decoded_json, policy_value, written_json
from gdcc_audit.normalize.terraform.values import (
    block,
    blocks,
    flag,
    is_set,
    number,
    string_list,
    text,
)


def _by_default(value: bool | None, default: Setting) -> bool | None:
    """A volume's encryption once the account and Region's EBS encryption by default is
    applied: an unencrypted volume is encrypted when it is on, unknown when that is."""
    if value is not False:
        return value
    return True if default.on is True else None if default.on is None else False


def _devices_encrypted(
    r: TfResource,
    ctx: TfContext,
    names: tuple[str, ...],
    nested: str | None = None,
    image_root: bool = False,
) -> bool | None:
    """All declared block devices encrypted, the root volume included. An instance or launch
    configuration always has a root volume: without ``root_block_device`` (or without its
    ``encrypted``) no encryption is asked for, so it is unencrypted unless EBS encryption by
    default is on in its account and Region or ``image_root`` (its AMI, in the scan, has an
    encrypted root snapshot). When whether that setting reaches ``r`` cannot be told, a
    volume that only it would encrypt is unknown (the reason is noted)."""
    v = r.values
    default = ebs_encryption_by_default(r, ctx)
    decided = False
    results: list[bool | None] = []
    for name in names:
        devices = blocks(v, name)
        if devices is None:
            return None
        if name == "root_block_device" and not devices:
            devices = [{}]  # the root volume is there even when not written
        for device in devices:
            target = device
            if nested is not None:
                inner = block(device, nested)
                if inner is None:
                    return None
                if not inner:
                    continue
                target = inner
            # a volume restored from a snapshot takes the snapshot's encryption when not set.
            # A root_block_device has no snapshot_id argument (aws_instance and
            # aws_launch_configuration: delete_on_termination, encrypted, iops, kms_key_id,
            # tags, throughput, volume_size, volume_type; Terraform rejects any other): one
            # written there changes nothing, the root device reads as any other.
            # https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#root_block_device
            restored = name != "root_block_device" and target.get("snapshot_id") not in (None, "")
            value = flag(target, "encrypted", None if restored else False)
            if name == "root_block_device" and value is False and image_root:
                # the provider sends no encryption flag for false; an encrypted snapshot
                # cannot give an unencrypted volume (EBS user guide, "Amazon EBS encryption")
                value = True
            decided = decided or (value is False and default.on is None)
            results.append(_by_default(value, default))
    if not results:
        # a launch template without block_device_mappings: every volume is the AMI's
        if image_root:
            return True
        decided = default.on is None
        results.append(default.on)
    if any(found is False for found in results):
        return False
    if decided and default.because is not None:
        ctx.note(r, "encrypted_at_rest", None, unknown=default.because)
    if any(found is None for found in results):
        return None
    return True


def _image_root_encrypted(r: TfResource, ctx: TfContext, attribute: str) -> bool:
    """Whether the AMI that ``attribute`` names is in the scan with an encrypted root snapshot:
    an ``aws_ami`` whose root device (``root_device_name``) is an ``ebs_block_device`` with
    ``encrypted = true``, or an ``aws_ami_copy`` with ``encrypted = true`` (every snapshot of
    the copy is encrypted). An AMI outside the scan, or one whose encryption the input does
    not show, is not taken as encrypted."""
    image = ctx.referenced(r, attribute, ["aws_ami", "aws_ami_copy"])
    if image is None:
        return False
    if image.type == "aws_ami_copy":
        return flag(image.values, "encrypted", False) is True
    root = text(image.values, "root_device_name")
    for device in blocks(image.values, "ebs_block_device") or []:
        if root is not None and device.get("device_name") == root:
            return flag(device, "encrypted", False) is True
    return False


def _root_not_mapped(values: Mapping[str, Any]) -> bool:
    """Whether a launch template's ``block_device_mappings`` are written, every device name
    is known, and none is a root device name (EC2 reserves /dev/sda1 or /dev/xvda for the
    root volume, docs.aws.amazon.com/ebs/latest/userguide/device_naming.html)."""
    devices = blocks(values, "block_device_mappings")
    if not devices:
        return False
    return names_root_device([device.get("device_name") for device in devices]) is False


def _imds_v2(options: Mapping[str, Any] | None) -> bool | None:
    if options is None:
        return None
    tokens = text(options, "http_tokens", "optional")
    endpoint = text(options, "http_endpoint", "enabled")
    if tokens is None or endpoint is None:
        return None
    return endpoint == "disabled" or tokens == "required"


def instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_instance``: public IP, disk encryption, IMDSv2 (kept as attribute evidence).

    With no ``associate_public_ip_address`` the subnet's ``map_public_ip_on_launch`` decides,
    when the subnet is in the document.
    """
    v = r.values
    named, template = launched_from(r, ctx)
    given = launch_template(template, ctx)[1] if template is not None else None
    public = flag(v, "associate_public_ip_address")
    if public is None and v.get("associate_public_ip_address") is None:
        subnet = ctx.referenced(r, "subnet_id", ["aws_subnet"])
        if subnet is not None:
            public = flag(subnet.values, "map_public_ip_on_launch", False)
            if subnet.values.get("map_public_ip_on_launch") is not None:
                # the subnet's written value decides, not the default VPC's subnets
                ctx.written_by_another(r, "public_endpoint")
        elif _in_default_subnet(v):
            public = True
        elif given is not None and given.public_endpoint is True:
            public = True  # the template's network interface asks for one
            ctx.written_by_another(r, "public_endpoint")
    if named and blocks(v, "root_block_device") == [] and blocks(v, "ebs_block_device") == []:
        # every volume is the template's (its block_device_mappings, or the AMI's)
        encrypted = given.encrypted_at_rest if given is not None else None
        if template is None:
            ctx.note(r, "encrypted_at_rest", None, unknown=TEMPLATE_NOT_READ)
        else:
            ctx.written_by_another(r, "encrypted_at_rest")
            ctx.note(r, "encrypted_at_rest", encrypted, because=from_template(template.address))
    else:
        encrypted = _devices_encrypted(
            r,
            ctx,
            ("root_block_device", "ebs_block_device"),
            image_root=_image_root_encrypted(r, ctx, "ami"),
        )
    return "compute.instance", Facets(public_endpoint=public, encrypted_at_rest=encrypted)


#: An instance's settings that come from a launch template the input does not hold.
TEMPLATE_NOT_READ = template_not_read("the input")


def launched_from(r: TfResource, ctx: TfContext) -> tuple[bool, TfResource | None]:
    """Whether an ``aws_instance`` names a launch template, and that ``aws_launch_template``
    when it is in the input (what the instance does not write, it takes from the template:
    "Any parameters that you specify [on the instance] override the same parameters in the
    launch template", EC2 user guide, "Launch an instance from a launch template")."""
    written = block(r.values, "launch_template")
    if written == {}:
        return False, None
    return True, ctx.referenced(r, "launch_template", ["aws_launch_template"])


def _in_default_subnet(values: dict[str, Any]) -> bool:
    """No subnet, network interface or launch template written: AWS launches the instance into
    the default VPC's default subnet, which assigns public IPv4 addresses (documented)."""
    return all(
        key not in values or values[key] is None
        for key in ("subnet_id", "network_interface", "launch_template")
    )


def imds_required(r: TfResource) -> bool | None:
    """Whether an instance or template requires IMDSv2 (or disables the endpoint)."""
    return _imds_v2(block(r.values, "metadata_options"))


def launch_template(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_launch_template`` / ``aws_launch_configuration``: what every instance gets."""
    v = r.values
    if r.type == "aws_launch_configuration":
        encrypted = _devices_encrypted(
            r,
            ctx,
            ("root_block_device", "ebs_block_device"),
            image_root=_image_root_encrypted(r, ctx, "image_id"),
        )
        public = flag(v, "associate_public_ip_address")
    else:
        image_root = _image_root_encrypted(r, ctx, "image_id")
        encrypted = _devices_encrypted(
            r, ctx, ("block_device_mappings",), nested="ebs", image_root=image_root
        )
        default = ebs_encryption_by_default(r, ctx)
        if encrypted is not False and _root_not_mapped(v) and not image_root and (
            default.on is None
        ):
            # the root volume is the AMI's, unencrypted unless a setting that may not
            # reach this template encrypts it
            encrypted = None
            ctx.note(r, "encrypted_at_rest", None, unknown=default.because)
        elif encrypted is not False and _root_not_mapped(v) and not (
            image_root or default.on
        ):
            # mappings that name only data devices (/dev/sdb) leave the root volume as the
            # AMI gives it: unencrypted by the EBS default (was a wrong PASS)
            encrypted = False
            ctx.note(
                r,
                "encrypted_at_rest",
                False,
                DefaultedFacet(
                    attribute="block_device_mappings (root device)",
                    doc=EBS_ENCRYPTION,
                    unless=ROOT_UNLESS,
                ),
            )
        interfaces = blocks(v, "network_interfaces")
        if interfaces is None:
            public = None
        else:
            values = [flag(i, "associate_public_ip_address") for i in interfaces]
            public = True if any(x is True for x in values) else None
    if public is None and not _refuses_public_ip(r):
        groups = _default_subnet_groups(r, ctx)
        if groups:
            public = True
            ctx.note(r, "public_endpoint", True, because=_default_subnets_launch(groups))
    return "compute.image", Facets(encrypted_at_rest=encrypted, public_endpoint=public)


#: Where an Auto Scaling group names its launch configuration or template.
_GROUP_LAUNCHERS = {
    "aws_launch_configuration": ("launch_configuration",),
    "aws_launch_template": (
        "launch_template.0.id",
        "launch_template.0.name",
        "mixed_instances_policy.0.launch_template.0.launch_template_specification.0."
        "launch_template_id",
        "mixed_instances_policy.0.launch_template.0.launch_template_specification.0."
        "launch_template_name",
    ),
}


def _refuses_public_ip(r: TfResource) -> bool:
    """Whether the launch configuration or template writes that its instances get no public
    IP (``associate_public_ip_address`` false, or a value not known: not decided here)."""
    v = r.values
    if r.type == "aws_launch_configuration":
        return v.get("associate_public_ip_address") is not None
    interfaces = blocks(v, "network_interfaces")
    return interfaces is None or any(
        i.get("associate_public_ip_address") is not None for i in interfaces
    )


def _default_subnet_groups(r: TfResource, ctx: TfContext) -> list[str]:
    """The Auto Scaling groups of the scan that launch ``r``'s instances into the default
    subnets (no ``vpc_zone_identifier``: :func:`autoscaling_group`), where they get a public
    IPv4 address: "Instances that you launch into a default subnet receive both a public IPv4
    address and a private IPv4 address" (docs.aws.amazon.com/vpc/latest/userguide/
    default-vpc.html). The configuration or template leaves it to the subnet."""
    found: list[str] = []
    for group in ctx.by_type.get("aws_autoscaling_group", ()):
        default = group.values.get("vpc_zone_identifier") is None and (
            group.values.get("availability_zones") is not None
        )
        if default and any(
            ctx.may_designate(group, path, [r.type], r) is True
            for path in _GROUP_LAUNCHERS.get(r.type, ())
        ):
            found.append(group.address)
    return found


def _default_subnets_launch(groups: list[str]) -> Text:
    """Why a launch configuration's or template's instances get a public IP address."""
    names = ", ".join(groups)
    return Text(
        en=f"{names} launches its instances into the default subnets (no "
        "vpc_zone_identifier), which give them public IPv4 addresses",
        th=f"{names} สร้าง instance ใน default subnet (ไม่ได้กำหนด vpc_zone_identifier) "
        "ซึ่งกำหนด public IPv4 ให้",
    )


def eks_node_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_eks_node_group``: the SSH access EKS opens on its nodes. With ``remote_access``
    and no ``source_security_group_ids``, "port 22 on the worker nodes is opened to the
    Internet (0.0.0.0/0)" (provider documentation, eks_node_group); without
    ``remote_access`` EKS opens no port of its own (a launch template may add groups: then
    the inbound rules are not known)."""
    v = r.values
    access = block(v, "remote_access")
    ingress: tuple[IngressRule, ...] | None
    if access is None:
        ingress = None
    elif access:
        groups = group_sources(access.get("source_security_group_ids"))
        origins = groups if groups else ("0.0.0.0/0",)
        ingress = (rule("tcp", 22, 22, origins),)
    else:
        launch = block(v, "launch_template")
        ingress = () if launch == {} else None
    template = ctx.referenced(r, "launch_template", ["aws_launch_template"])
    encrypted = None if template is None else launch_template(template, ctx)[1].encrypted_at_rest
    return "compute.instance", Facets(ingress=ingress, encrypted_at_rest=encrypted)


def lambda_function(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lambda_function``: environment encryption with a customer key, tracing."""
    v = r.values
    return "compute.function", Facets(
        customer_managed_key=customer_key(v, "kms_key_arn"),
        encrypted_at_rest=True,
        access_logging=None,
    )


def state_machine(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_sfn_state_machine``: an AWS owned key unless ``encryption_configuration`` names
    the customer's KMS key (``normalize.step_functions``; labelled default in
    ``normalize.defaults``)."""
    config = block(r.values, "encryption_configuration")
    key: bool | None = False if config == {} else None
    if config:
        key = step_functions.customer_key(config.get("type"))
    return "compute.function", Facets(customer_managed_key=key, **step_functions.FACETS)


def _log_exports(v: Mapping[str, Any]) -> bool | None:
    """Whether the exported logs record access (an error or slow-query log alone does not).
    ``aws_neptune_cluster`` calls the argument ``enable_cloudwatch_logs_exports``."""
    name = "enable_cloudwatch_logs_exports"
    exports = string_list(v, name if name in v else "enabled_cloudwatch_logs_exports")
    return None if exports is None else exports_record_access(exports)


def _parameters(group: TfResource) -> dict[str, str | None] | None:
    """A parameter group's ``parameter`` blocks as name -> value (``None`` for a value not
    known before apply); ``None`` when the blocks or a name are not known."""
    found = blocks(group.values, "parameter")
    if found is None:
        return None
    parameters: dict[str, str | None] = {}
    for parameter in found:
        name = parameter.get("name")
        if not isinstance(name, str):
            return None
        parameters[name.strip().lower()] = text(parameter, "value")
    return parameters


def _group_tls(
    r: TfResource,
    ctx: TfContext,
    attribute: str,
    group_types: list[str],
    engine: str | None,
    version: str | None,
    holder: TfResource | None = None,
) -> bool | None:
    """Whether a database requires TLS through the parameter group ``attribute`` names (of
    ``group_types``), else its engine's default group (``normalize.db_tls``); the default
    that decided, or why it stays unknown, is noted for the finding. ``holder``: the
    resource whose group applies (a read replica's source: :func:`_group_holder`)."""
    holder = holder or r
    named = holder.values.get(attribute)
    group = ctx.referenced(holder, attribute, group_types)
    if group is not None:
        decision = db_tls.from_group(
            engine, version, text(group.values, "family"), _parameters(group), group.address
        )
    elif named is None:
        decision = db_tls.without_group(engine, version, attribute)
    elif isinstance(named, str) and named.startswith("default."):
        # an AWS default group, "default.postgres16": the engine's defaults
        decision = db_tls.from_group(engine, version, named, {}, named)
    else:
        label = named if isinstance(named, str) else f"{attribute} of {holder.address}"
        written = next(
            (ref.target for ref in holder.references if ref.attribute == attribute), None
        )
        decision = db_tls.outside_scan(written or label)
    ctx.note(r, "encrypted_in_transit", decision.required, decision.default, decision.unknown)
    return decision.required


def _db_group(r: TfResource, ctx: TfContext, attribute: str, group_type: str) -> db_tls.Group:
    """The parameter group ``attribute`` of ``r`` names: read when it is in the scan, the
    engine's default group when none (or an AWS ``default.*`` one) is named, else unknown."""
    named = r.values.get(attribute)
    group = ctx.referenced(r, attribute, [group_type])
    if group is not None:
        return db_tls.Group(_parameters(group), group.address, attribute)
    if named is None:
        return db_tls.Group({}, None, attribute)
    if isinstance(named, str) and named.startswith("default."):
        return db_tls.Group({}, named, attribute)
    written = next((ref.target for ref in r.references if ref.attribute == attribute), None)
    label = written or (named if isinstance(named, str) else f"{attribute} of {r.address}")
    outside = db_tls.outside_scan(label, "the logging parameters")
    return db_tls.Group(None, label, attribute, unknown=outside.unknown)


def _audit_plugin(r: TfResource, ctx: TfContext) -> db_tls.Tls:
    """Whether an ``aws_db_instance``'s option group holds MARIADB_AUDIT_PLUGIN."""
    attribute = "option_group_name"
    named = r.values.get(attribute)
    group = ctx.referenced(r, attribute, ["aws_db_option_group"])
    if group is not None:
        options = blocks(group.values, "option")
        names = None if options is None else [text(o, "option_name") for o in options]
        known = None if names is None or None in names else [n for n in names if n]
        return db_tls.audit_plugin(known, group.address, attribute)
    if named is None or (isinstance(named, str) and named.startswith("default:")):
        return db_tls.audit_plugin([], None, attribute)
    written = next((ref.target for ref in r.references if ref.attribute == attribute), None)
    label = written or (named if isinstance(named, str) else f"{attribute} of {r.address}")
    return db_tls.outside_scan(label, db_tls.AUDIT_PLUGIN, "option group")


def _mysql_access_logs(r: TfResource, ctx: TfContext, engine: str | None) -> bool | None:
    """Whether a database's exported access logs record anything: the export list, and for
    MySQL-family engines the parameter (``general_log``, ``server_audit_logging``) or option
    (the audit plugin) that writes them (``normalize.db_tls.mysql_access_logs``)."""
    exported = _log_exports(r.values)
    if exported is not True:
        return exported
    exports = string_list(r.values, "enabled_cloudwatch_logs_exports") or ()
    if r.type == "aws_db_instance":
        group = _db_group(
            _group_holder(r, ctx), ctx, "parameter_group_name", "aws_db_parameter_group"
        )
        plugin = _audit_plugin(r, ctx)
    elif db_tls.engine_of(engine)[0] == "aurora-mysql":
        group = _db_group(
            r, ctx, "db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group"
        )
        plugin = db_tls.Tls(None)  # Aurora audits through server_audit_logging
    else:
        return exported  # a Multi-AZ DB cluster or Aurora PostgreSQL: the exports decide
    decision = db_tls.mysql_access_logs(engine, exports, group, plugin)
    if decision is None:
        return exported
    ctx.note(r, "access_logging", decision.required, decision.default, decision.unknown)
    return decision.required


def _connection_logging(
    r: TfResource, ctx: TfContext, engine: str | None, groups: list[db_tls.Group]
) -> dict[str, Any]:
    """PostgreSQL (RDS, Aurora, Multi-AZ DB cluster): ``connection_logging`` and the
    parameters off, from its parameter ``groups`` (``db_tls.connection_logging``: off unless
    a group turns them on); other engines: nothing."""
    found, _ = db_tls.engine_of(engine)
    if found not in ("postgres", "aurora-postgresql"):
        return {}
    doc = db_tls.POSTGRES_LOG_DOC if found == "postgres" else db_tls.AURORA_POSTGRES_LOG_DOC
    decision, off = db_tls.connection_logging(groups, doc)
    ctx.note(r, "connection_logging", decision.required, decision.default, decision.unknown)
    return {"connection_logging": decision.required, "connection_logging_off": off}


_CLUSTER_GROUP = ("db_cluster_parameter_group_name", "aws_rds_cluster_parameter_group")


def _aurora_instance_groups(r: TfResource, ctx: TfContext) -> list[db_tls.Group]:
    """An Aurora instance's DB parameter group, then its cluster's parameter group ("The DB
    cluster parameter group also contains default settings for the DB parameter group of the
    DB instances that make up the cluster", Aurora user guide,
    AuroraPostgreSQL.Reference.ParameterGroups); a cluster not in the scan: not known."""
    own = _db_group(r, ctx, "db_parameter_group_name", "aws_db_parameter_group")
    cluster = ctx.referenced(r, "cluster_identifier", ["aws_rds_cluster"])
    if cluster is None:
        why = Text(en="its cluster is not in the scan: its parameter group may set the "
                   "logging parameters",
                   th="คลัสเตอร์ของ instance ไม่อยู่ในขอบเขตการตรวจ parameter group ของคลัสเตอร์อาจกำหนด"
                   "พารามิเตอร์การบันทึกไว้")
        return [own, db_tls.Group(None, "its cluster", "cluster_identifier", unknown=why)]
    return [own, _db_group(cluster, ctx, *_CLUSTER_GROUP)]


def _rds_requires_tls(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an ``aws_db_instance`` refuses unencrypted connections: the TLS parameter of its
    parameter group when that group is in the scan and sets it, else the engine's default
    (the default group when none is named). A group outside the scan is not known."""
    engine, version = replica_engine(r, ctx)
    return _group_tls(
        r, ctx, "parameter_group_name", ["aws_db_parameter_group"], engine, version,
        _group_holder(r, ctx),
    )


def _group_holder(r: TfResource, ctx: TfContext) -> TfResource:
    """The ``aws_db_instance`` whose parameter group applies to ``r``: a read replica naming
    none in its source's Region takes its source's ("If you do not specify a value for
    DBParameterGroupName, then Amazon RDS uses the DBParameterGroup of the source DB instance
    for a same Region read replica, or the default DBParameterGroup for the specified DB
    engine for a cross-Region read replica", CreateDBInstanceReadReplica); anything else its
    own (a Region not known to be the source's: the engine's default, as before)."""
    v = r.values
    if v.get("parameter_group_name") is not None or is_set(v, "replicate_source_db") is False:
        return r
    source = _replica_source(r, ctx)
    return source if not isinstance(source, Text) and _same_region(r, source, ctx) else r


def replica_engine(r: TfResource, ctx: TfContext) -> tuple[str | None, str | None]:
    """The engine and version of an ``aws_db_instance``: a read replica that writes none
    (terraform-aws-modules/rds passes ``engine = null`` to every replica) has its source's
    ("The new DB instance that is created as a read replica has the same engine as the
    source", CreateDBInstanceReadReplica), read from the source in the scan, else not known
    (its PostgreSQL logging, GDCC-DB-004, was NOT_APPLICABLE "not a PostgreSQL database")."""
    v = r.values
    engine, version = text(v, "engine"), text(v, "engine_version")
    if v.get("engine") is not None or r.type != "aws_db_instance":
        return engine, version
    if is_set(v, "replicate_source_db") is False:
        return engine, version
    source = _replica_source(r, ctx)
    if isinstance(source, Text):
        return None, version
    return text(source.values, "engine"), version or text(source.values, "engine_version")


def replica_attributes(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``{"engine": ...}`` of a read replica that writes no engine (its source's, or None:
    not known; :func:`replica_engine`); ``{}`` for any other resource."""
    if r.type != "aws_db_instance" or r.values.get("engine") is not None:
        return {}
    if is_set(r.values, "replicate_source_db") is False:
        return {}
    # a source not known (an input): a replica, or an instance the apply refuses (RDS
    # requires an engine of any other instance); either way the engine is not known
    return {"engine": replica_engine(r, ctx)[0]}


def _replica_source(r: TfResource, ctx: TfContext) -> TfResource | Text:
    """The source DB instance of a read replica (``replicate_source_db``) when it is in the
    scan and no replica itself, else why it is not read (the tail of a reason: "its source DB
    instance X is not in the scan")."""
    source = ctx.referenced(r, "replicate_source_db", ["aws_db_instance"])
    if source is not None and is_set(source.values, "replicate_source_db") is False:
        return source
    named = source.address if source is not None else next(
        (ref.target for ref in r.references if ref.attribute == "replicate_source_db"),
        None,
    )
    label = f"its source DB instance {named}" if named else "its source DB instance"
    where = "is itself a replica" if source is not None else "is not in the scan"
    return Text(
        en=f"{label} {where}",
        th=(
            f"DB instance ต้นทาง{' ' + named if named else ''} "
            + ("เป็น replica เช่นกัน" if source is not None else "ไม่อยู่ในการสแกน")
        ),
    )


def _replica_encrypted(r: TfResource, ctx: TfContext) -> bool | None:
    """A read replica (``replicate_source_db``) is encrypted at rest as its source is: "A
    read replica in the same Amazon Web Services Region is always encrypted with the same KMS
    key as the source ... You can't create an encrypted read replica from an unencrypted DB
    instance" (CreateDBInstanceReadReplica, KmsKeyId), and the provider ignores
    ``storage_encrypted`` on it. A replica writing ``storage_encrypted = true`` PASSed
    GDCC-ENC-001 whatever its source; its source in the scan decides, else not known."""
    source = _replica_source(r, ctx)
    if isinstance(source, Text):
        why = source
        ctx.note(r, "encrypted_at_rest", None, unknown=Text(
            en=(
                "a read replica is encrypted as its source DB instance is (storage_encrypted "
                f"is not read on a replica), and {why.en}"
            ),
            th=f"read replica เข้ารหัสตาม DB instance ต้นทาง (ไม่อ่าน storage_encrypted ของ "
            f"replica) และ {why.th}",
        ))
        return None
    encrypted = flag(source.values, "storage_encrypted", False)
    ctx.written_by_another(r, "encrypted_at_rest")
    ctx.note(r, "encrypted_at_rest", encrypted, because=Text(
        en=f"a read replica is encrypted as its source DB instance {source.address} is",
        th=f"read replica เข้ารหัสตาม DB instance ต้นทาง {source.address}",
    ))
    return encrypted


def _replica_key(r: TfResource, ctx: TfContext) -> bool | None:
    """The key of a read replica that names none (``kms_key_id``): "If you create an
    encrypted read replica in the same Amazon Web Services Region as the source DB instance
    ... don't specify a value for this parameter. A read replica in the same Amazon Web
    Services Region is always encrypted with the same KMS key as the source DB instance"
    (CreateDBInstanceReadReplica, KmsKeyId): its source's key, read from the source in the
    scan (GDCC-ENC-002 FAILed a replica of a source with a customer key), else not known."""
    source = _replica_source(r, ctx)
    if isinstance(source, Text):
        why = source
        ctx.note(r, "customer_managed_key", None, unknown=Text(
            en=f"a read replica naming no kms_key_id uses the key of its source, and {why.en}",
            th=f"read replica ที่ไม่ระบุ kms_key_id ใช้กุญแจของ DB instance ต้นทาง และ {why.th}",
        ))
        return None
    key = _source_key(source, ctx)
    ctx.written_by_another(r, "customer_managed_key")
    if key is None:
        ctx.note(r, "customer_managed_key", None, unknown=Text(
            en=(
                "a read replica uses the KMS key of its source DB instance, and the key of "
                f"{source.address} is not known"
            ),
            th=(
                "read replica ใช้กุญแจ KMS ของ DB instance ต้นทาง และไม่ทราบกุญแจของ "
                f"{source.address}"
            ),
        ))
        return None
    ctx.note(r, "customer_managed_key", key, because=Text(
        en=f"a read replica uses the KMS key of its source DB instance {source.address}",
        th=f"read replica ใช้กุญแจ KMS ของ DB instance ต้นทาง {source.address}",
    ))
    return key


def _source_key(source: TfResource, ctx: TfContext) -> bool | None:
    """Whether a DB instance names a customer managed key (``kms_key_id``: written, or a
    reference to a key of the scan)."""
    # extras imports this module
    from gdcc_audit.normalize.terraform.extras import (
        references_aws_managed_key,
        references_customer_key,
    )

    key = customer_key(source.values, "kms_key_id")
    if key is None and references_customer_key(source, ctx):
        key = True
    elif key is None and references_aws_managed_key(source, ctx):
        key = False
    return key


def _same_region(r: TfResource, source: TfResource | Text, ctx: TfContext) -> bool:
    """Whether a read replica is certainly in the Region of its source: both Regions known
    and equal, or one provider configuration and no ``region`` of their own; a source not in
    the scan named by identifier, not ARN ("If replicating an Amazon RDS Database Instance in
    the same region, use the identifier of the source DB ... from another region, use the
    arn", provider docs, ``replicate_source_db``)."""
    if isinstance(source, Text):
        named = r.values.get("replicate_source_db")
        return isinstance(named, str) and bool(named) and not named.startswith("arn:")
    mine, theirs = region_of(r, ctx), region_of(source, ctx)
    if mine is not None and theirs is not None:
        return mine == theirs
    own = ("region" in r.values, "region" in source.values)
    return own == (False, False) and r.provider_config == source.provider_config


def _written_replica_key(r: TfResource, ctx: TfContext, written: bool) -> bool | None:
    """The key of a read replica in its source's Region that writes ``kms_key_id`` anyway:
    "If you create an encrypted read replica in the same Amazon Web Services Region as the
    source DB instance ... don't specify a value for this parameter. A read replica in the
    same Amazon Web Services Region is always encrypted with the same KMS key as the source
    DB instance" (CreateDBInstanceReadReplica, KmsKeyId). The written key decides only when
    the source's key says the same (a customer key written on a replica of an AWS managed
    key's source PASSed GDCC-ENC-002); otherwise not known."""
    source = _replica_source(r, ctx)
    if not _same_region(r, source, ctx):
        return written
    theirs = None if isinstance(source, Text) else _source_key(source, ctx)
    if theirs == written:
        return written
    if isinstance(source, Text):
        why = source
    elif theirs is None:
        why = Text(
            en=f"the key of {source.address} is not known",
            th=f"ไม่ทราบกุญแจของ {source.address}",
        )
    else:
        kind = ("a customer managed key", "กุญแจที่ลูกค้าจัดการ") if theirs else (
            "an AWS managed key", "กุญแจที่ AWS จัดการ"
        )
        why = Text(
            en=f"{source.address} is encrypted with {kind[0]}",
            th=f"{source.address} เข้ารหัสด้วย{kind[1]}",
        )
    ctx.note(r, "customer_managed_key", None, unknown=Text(
        en=(
            "a read replica in the Region of its source DB instance is encrypted with the "
            "source's KMS key (CreateDBInstanceReadReplica), so the kms_key_id written here "
            f"may not be the key used, and {why.en}"
        ),
        th=(
            "read replica ใน Region เดียวกับ DB instance ต้นทางเข้ารหัสด้วยกุญแจ KMS ของต้นทาง "
            "(CreateDBInstanceReadReplica) จึงอาจไม่ได้ใช้ kms_key_id ที่เขียนไว้ และ"
            f"{why.th}"
        ),
    ))
    return None


#: Why a DB instance restored from a snapshot (``snapshot_identifier``) keeps the snapshot's
#: encryption: the provider calls RestoreDBInstanceFromDBSnapshot, which takes neither
#: ``StorageEncrypted`` nor ``KmsKeyId``: ``storage_encrypted`` and ``kms_key_id`` are not sent
#: (hashicorp/terraform-provider-aws internal/service/rds/instance.go, the restore branch;
#: the RDS API reference of RestoreDBInstanceFromDBSnapshot has neither parameter).
def _restored_instance(r: TfResource, ctx: TfContext, origin: Text) -> None:
    """Encryption at rest and key of an ``aws_db_instance`` restored from ``origin`` (a
    snapshot, or a point in time of another instance): that one's, outside what is read
    (they FAILed on the ``storage_encrypted`` default, PASSed with it true)."""
    for facet, en, th in (
        ("encrypted_at_rest", "encryption", "การเข้ารหัส"),
        ("customer_managed_key", "KMS key", "กุญแจ KMS"),
    ):
        ctx.written_by_another(r, facet)
        ctx.note(r, facet, None, unknown=Text(
            en=origin.en.format(en) + " (storage_encrypted and kms_key_id are not used on a "
            "restore)",
            th=origin.th.format(th) + " (ไม่ใช้ storage_encrypted และ kms_key_id เมื่อกู้คืน)",
        ))


def _snapshot_origin(r: TfResource) -> Text | None:
    """"restored from the DB snapshot X" as the start of a reason with a ``{}`` for what it
    keeps, for an instance or cluster with a ``snapshot_identifier``; None: none."""
    snapshot = _snapshot(r)
    if snapshot is None:
        return None
    return Text(
        en=f"it is restored from the DB snapshot {snapshot} and keeps the snapshot's {{}}",
        th=f"กู้คืนจาก DB snapshot {snapshot} และคง{{}}ของ snapshot นั้น",
    )


def _instance_origin(r: TfResource) -> Text | None:
    """What an ``aws_db_instance`` is restored from, as the start of a reason with a ``{}``
    for what it keeps: a snapshot (``snapshot_identifier``) or a point in time of another
    instance (``restore_to_point_in_time``: RestoreDBInstanceToPointInTime, to which the
    provider sends neither ``storage_encrypted`` nor ``kms_key_id`` either); None: neither."""
    restored = _snapshot_origin(r)
    if restored is not None:
        return restored
    restore = block(r.values, "restore_to_point_in_time")
    if not restore:  # none, or a dynamic block not known: read as written
        return None
    source = next(
        (
            value for name in ("source_db_instance_identifier", "source_dbi_resource_id",
                               "source_db_instance_automated_backups_arn")
            if isinstance(value := restore.get(name), str) and value
        ),
        None,
    )
    named = f"the DB instance {source}" if source else "its source DB instance"
    return Text(
        en=f"it is restored to a point in time of {named} and keeps that one's {{}}",
        th=f"กู้คืนไปยังจุดเวลาหนึ่งของ {named} และคง{{}}ของ DB instance นั้น",
    )


def _restored_cluster(
    r: TfResource, ctx: TfContext, origin: Text, serverless: bool, key: str = "kms_key_id"
) -> None:
    """Encryption at rest (but for Aurora Serverless v1, always encrypted) and key of an
    ``aws_rds_cluster`` (or DocumentDB / Neptune cluster, whose key is ``key``) restored from
    ``origin`` without its key: that one's."""
    facets = [("customer_managed_key", "KMS key", "กุญแจ KMS")]
    if not serverless:
        facets.append(("encrypted_at_rest", "encryption", "การเข้ารหัส"))
    for facet, en, th in facets:
        ctx.written_by_another(r, facet)
        ctx.note(r, facet, None, unknown=Text(
            en=origin.en.format(en) + f" unless {key} is set (storage_encrypted alone "
            "does not encrypt a restore)",
            th=origin.th.format(th) + f" เว้นแต่กำหนด {key} (storage_encrypted อย่างเดียว"
            "ไม่ทำให้การกู้คืนเข้ารหัส)",
        ))


def _cluster_origin(r: TfResource) -> Text | None:
    """What an ``aws_rds_cluster`` is restored from, as the start of a reason with a ``{}``
    for what it keeps: a snapshot (``snapshot_identifier``) or a point in time of another
    cluster (``restore_to_point_in_time``: RestoreDBClusterToPointInTime, "If you don't
    specify a value for the KmsKeyId parameter ... the restored DB cluster is encrypted with
    the KMS key ... of the source DB cluster"; "If the DB cluster isn't encrypted, then the
    restored DB cluster isn't encrypted"); None: neither."""
    restored = _snapshot_origin(r)
    if restored is not None:
        return restored
    restore = block(r.values, "restore_to_point_in_time")
    if not restore:  # none, or a dynamic block not known: read as written
        return None
    source = restore.get("source_cluster_identifier")
    named = f"the DB cluster {source}" if isinstance(source, str) and source else (
        "its source DB cluster"
    )
    return Text(
        en=f"it is restored to a point in time of {named} and keeps that one's {{}}",
        th=f"กู้คืนไปยังจุดเวลาหนึ่งของ {named} และคง{{}}ของ DB cluster นั้น",
    )


def _snapshot(r: TfResource) -> str | None:
    """The snapshot a DB instance or cluster is restored from (``snapshot_identifier``): its
    name, the reference that gives it, or None when it is created empty."""
    present = is_set(r.values, "snapshot_identifier")
    if present is False:
        return None
    value = r.values.get("snapshot_identifier")
    if isinstance(value, str) and value:
        return value
    named = next(
        (ref.target for ref in r.references if ref.attribute == "snapshot_identifier"), None
    )
    return named or "named by snapshot_identifier"


def db_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_db_instance``. Absent retention is the RDS API default of one day, except for a
    read replica (``replicate_source_db``): "RDS creates read replicas with backups disabled"
    (CreateDBInstanceReadReplica), so none (it was not known, and a replica with backups
    off counted as backed up); a replica whose source is a value not known: not known."""
    v = r.values
    replica = is_set(v, "replicate_source_db")
    retention = number(v, "backup_retention_period", 1 if replica is False else None)
    named = replica is True or (
        replica is None and ctx.referenced(r, "replicate_source_db", ["aws_db_instance"])
        is not None
    )
    if named and is_set(v, "backup_retention_period") is False:
        retention = 0
        for facet, value in (("backup_retention_days", 0), ("backup_enabled", False)):
            ctx.note(r, facet, value, because=Text(
                en="RDS creates read replicas with backups disabled "
                "(CreateDBInstanceReadReplica) and backup_retention_period is not set",
                th="RDS สร้าง read replica โดยปิดการสำรองข้อมูลอัตโนมัติ "
                "(CreateDBInstanceReadReplica) และไม่ได้กำหนด backup_retention_period",
            ))
    key = customer_key(v, "kms_key_id")
    origin = _instance_origin(r)
    # a replica of an instance in the scan names it by reference (its identifier is known
    # only at apply time: ``replicate_source_db`` is then not known, but set)
    if replica is True or (
        replica is None and ctx.referenced(r, "replicate_source_db", ["aws_db_instance"])
    ):
        encrypted = _replica_encrypted(r, ctx)
        if is_set(v, "kms_key_id") is False:
            key = _replica_key(r, ctx)
        elif (written := _source_key(r, ctx)) is not None:
            key = _written_replica_key(r, ctx, written)
    elif origin is not None:
        encrypted = key = None
        _restored_instance(r, ctx, origin)
    else:
        encrypted = flag(v, "storage_encrypted", False)
    return "database.instance", Facets(
        encrypted_at_rest=encrypted,
        customer_managed_key=key,
        public_access=flag(v, "publicly_accessible", False),
        public_endpoint=flag(v, "publicly_accessible", False),
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
        deletion_protection=flag(v, "deletion_protection", False),
        high_availability=flag(v, "multi_az", False),
        auto_patching=flag(v, "auto_minor_version_upgrade", True),
        access_logging=_mysql_access_logs(r, ctx, replica_engine(r, ctx)[0]),
        encrypted_in_transit=_rds_requires_tls(r, ctx),
        **_connection_logging(
            r, ctx, replica_engine(r, ctx)[0],
            [_db_group(
                _group_holder(r, ctx), ctx, "parameter_group_name", "aws_db_parameter_group"
            )],
        ),
    )


def _aurora_default(r: TfResource, ctx: TfContext, encrypted: bool | None) -> bool | None:
    """Encryption at rest of an Aurora cluster created empty (not restored, not a replica or
    global database member, not Serverless v1) whose ``storage_encrypted`` is not true:
    encrypted (AWS owned key) when the plan creates it, else not known, as it depends on
    when the cluster was created (``normalize.aurora_encryption``). A Multi-AZ DB cluster
    (engine mysql / postgres) keeps ``encrypted``."""
    v = r.values
    if encrypted is True or is_set(v, "storage_encrypted") is None:
        return encrypted
    engine = v.get("engine")
    # no engine: "aurora" (the provider's default before engine became required)
    engine_known = engine is not UNKNOWN
    if engine_known and not is_aurora(text(v, "engine", "aurora")):
        return encrypted
    written_false = is_set(v, "storage_encrypted") is True and encrypted is False
    if engine_known and "create" in r.actions:
        ctx.note(
            r, "encrypted_at_rest", True,
            default=None if written_false else AURORA_NEW_CLUSTER_DEFAULT,
            because=aurora_encryption.new_cluster("storage_encrypted", written_false),
        )
        return True
    ctx.note(r, "encrypted_at_rest", None, unknown=aurora_encryption.creation_not_known(
        "storage_encrypted", written_false, engine_known
    ))
    return None


def rds_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_rds_cluster`` (Aurora and Multi-AZ clusters; retention defaults to one day)."""
    v = r.values
    retention = number(v, "backup_retention_period", 1)
    mode = text(v, "engine_mode", "provisioned")
    encrypted = flag(v, "storage_encrypted", False)
    if mode == "serverless":
        encrypted = True  # Aurora Serverless v1 storage is always encrypted
    key = customer_key(v, "kms_key_id")
    origin = _cluster_origin(r)
    if origin is not None and is_set(v, "kms_key_id") is False:
        # Restored from a snapshot: "When restoring an unencrypted snapshot_identifier, the
        # kms_key_id argument must be provided to encrypt the restored cluster"
        # (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/rds_cluster,
        # storage_encrypted); without it the cluster keeps the snapshot's encryption and key
        # (RestoreDBClusterFromSnapshot, KmsKeyId). It FAILed on the default.
        _restored_cluster(r, ctx, origin, serverless=mode == "serverless")
        key = None
        if mode != "serverless":
            encrypted = None
    elif _snapshot(r) is not None:
        encrypted = True  # kms_key_id on a restore: encrypted with that key
    elif origin is None and mode != "serverless":
        # a cross-Region replica or a global database member: its source decides
        if not is_sourced(r, ctx):
            encrypted = _aurora_default(r, ctx, encrypted)
        encrypted, key = sourced_encryption(r, ctx, encrypted, key)
    engine = v.get("engine")
    multi_az = isinstance(engine, str) and not engine.startswith("aurora")
    logging = _connection_logging(
        r, ctx, text(v, "engine", "aurora"), [_db_group(r, ctx, *_CLUSTER_GROUP)]
    )
    return "database.instance", Facets(
        **logging,
        encrypted_at_rest=encrypted,
        customer_managed_key=key,
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
        deletion_protection=flag(v, "deletion_protection", False),
        access_logging=_mysql_access_logs(r, ctx, text(v, "engine", "aurora")),
        public_access=False,
        # A Multi-AZ DB cluster (engine mysql / postgres) has these itself; an Aurora
        # cluster sets them per instance (normalize/absent.py).
        auto_patching=flag(v, "auto_minor_version_upgrade", True) if multi_az else None,
        public_endpoint=flag(v, "publicly_accessible", False) if multi_az else None,
        # no engine: "aurora" (Aurora MySQL), the provider's default before engine became
        # required (as normalize/absent.py reads it)
        encrypted_in_transit=_group_tls(
            r,
            ctx,
            "db_cluster_parameter_group_name",
            ["aws_rds_cluster_parameter_group"],
            text(v, "engine", "aurora"),
            text(v, "engine_version"),
        ),
    )


def rds_cluster_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_rds_cluster_instance``: public accessibility and patching per instance; an
    Aurora PostgreSQL instance's connection logging from its and its cluster's groups."""
    v = r.values
    return "database.instance", Facets(
        **_connection_logging(r, ctx, text(v, "engine"), _aurora_instance_groups(r, ctx)),
        public_access=flag(v, "publicly_accessible", False),
        public_endpoint=flag(v, "publicly_accessible", False),
        auto_patching=flag(v, "auto_minor_version_upgrade", True),
    )


def neptune_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_neptune_cluster_instance``: public accessibility and minor upgrades per instance
    (both default: publicly_accessible false, auto_minor_version_upgrade true); storage,
    backups and the rest are the cluster's (normalize/absent.py)."""
    v = r.values
    return "database.instance", Facets(
        public_access=flag(v, "publicly_accessible", False),
        public_endpoint=flag(v, "publicly_accessible", False),
        auto_patching=flag(v, "auto_minor_version_upgrade", True),
    )


def docdb_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_docdb_cluster_instance``: a member of its ``cluster_identifier`` cluster, which
    holds storage, keys, backups, TLS and logs (judged there: ``normalize.absent``). It has no
    public accessibility argument: DocumentDB instances are reachable only from inside their
    VPC, as their cluster (see :func:`docdb`)."""
    return "database.instance", Facets(public_access=False, public_endpoint=False)


def dynamodb(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_dynamodb_table``: always encrypted (AWS-owned key unless SSE is configured);
    TLS only when a resource policy denies plain HTTP (``aws_dynamodb``)."""
    v = r.values
    sse = block(v, "server_side_encryption")
    enabled = None if sse is None else flag(sse, "enabled", False)
    # a key not known (``kms_key_arn = aws_kms_key.k.arn``, computed) is not "no key": it
    # read False (a wrong FAIL); ``extras`` decides a key resource's reference
    cmk = False if enabled is False else enabled and customer_key(sse or {}, "kms_key_arn")
    pitr = block(v, "point_in_time_recovery")
    recovery = None if pitr is None else flag(pitr, "enabled", False)
    days = None if pitr is None else number(pitr, "recovery_period_in_days", PITR_DEFAULT_DAYS)
    return "database.instance", Facets(
        encrypted_at_rest=True,
        encrypted_in_transit=aws_dynamodb.encrypted_in_transit(r, ctx),
        customer_managed_key=cmk,
        backup_enabled=recovery,
        backup_retention_days=pitr_days(recovery, days),
        deletion_protection=flag(v, "deletion_protection_enabled", False),
    )


def _cross_az(mode: Any) -> bool | None:
    """Whether a cache cluster's nodes are spread over zones: ``az_mode = "cross-az"``
    (Memcached only); "default is single-az"
    (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/elasticache_cluster).
    Was False whatever ``az_mode`` said: a cross-az cluster FAILed GDCC-DB-003."""
    if mode is None:
        return False
    return mode == "cross-az" if isinstance(mode, str) else None


def elasticache(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_elasticache_replication_group`` / ``aws_elasticache_cluster``. A cluster in a
    replication group, and a secondary of a Global Datastore, leave what their group or
    datastore sets unread (``normalize/absent.py`` says where it is judged)."""
    v = r.values
    retention = number(v, "snapshot_retention_limit", 0)
    facets = Facets(
        encrypted_at_rest=flag(v, "at_rest_encryption_enabled", False),
        encrypted_in_transit=flag(v, "transit_encryption_enabled", False),
        customer_managed_key=customer_key(v, "kms_key_id"),
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
        high_availability=flag(v, "automatic_failover_enabled", False)
        if r.type == "aws_elasticache_replication_group"
        else _cross_az(v.get("az_mode")),
        auto_patching=flag(v, "auto_minor_version_upgrade", True),
        # ElastiCache nodes have private addresses in their VPC only: no public endpoint
        # ("ElastiCache ... is designed to be accessed from within an Amazon VPC", ElastiCache
        # user guide, "Access patterns for accessing an ElastiCache cache in an Amazon VPC")
        public_endpoint=False,
    )
    unread = set(absent_facets(r.type, v)) & set(Facets.model_fields)
    return "database.instance", facets.model_copy(update=dict.fromkeys(unread))


def elasticache_serverless_cache(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_elasticache_serverless_cache``: always encrypted at rest and in transit, patched
    by AWS, reachable from its VPC only (``normalize.elasticache_serverless``); its user
    group is read with its other sign-in facts (``extras.elasticache_serverless_auth``)."""
    v = r.values
    retention = number(v, "snapshot_retention_limit")
    for facet, why in (
        ("encrypted_at_rest", elasticache_serverless.AT_REST),
        ("encrypted_in_transit", elasticache_serverless.IN_TRANSIT),
        ("auto_patching", elasticache_serverless.PATCHED),
        ("public_endpoint", elasticache_serverless.PRIVATE),
    ):
        ctx.note(r, facet, facet != "public_endpoint", because=why)
    if is_set(v, "snapshot_retention_limit") is False:
        ctx.note(r, "backup_enabled", None, unknown=elasticache_serverless.snapshots_not_known(
            "snapshot_retention_limit"
        ))
    return "database.instance", Facets(
        encrypted_at_rest=True,
        encrypted_in_transit=True,
        customer_managed_key=customer_key(v, "kms_key_id"),
        auto_patching=True,
        public_endpoint=False,
        public_access=False,
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
    )


def _search_audit_logs(logs: list[dict[str, Any]] | None) -> bool | None:
    """Whether an OpenSearch / Elasticsearch domain publishes its audit logs, the log of who
    accessed which index ("Audit logs ... track user activity on your OpenSearch clusters",
    docs.aws.amazon.com/opensearch-service/latest/developerguide/audit-logs.html). Slow logs
    and error logs record no access. ``enabled`` defaults to true in each block."""
    if logs is None:
        return None
    types = [item.get("log_type") for item in logs]
    if any(not isinstance(t, str) for t in types):
        return None
    audit = [item for item in logs if item.get("log_type") == "AUDIT_LOGS"]
    states = [flag(item, "enabled", True) for item in audit]
    if any(state is True for state in states):
        return True
    return None if any(state is None for state in states) else False


_NODE_TO_NODE_OFF = Text(
    en="HTTPS is enforced for clients, but node-to-node encryption is off "
    "(node_to_node_encryption.enabled): traffic between the domain's nodes is not encrypted",
    th="บังคับใช้ HTTPS กับไคลเอนต์แล้ว แต่ปิดการเข้ารหัสระหว่างโหนด "
    "(node_to_node_encryption.enabled) ข้อมูลที่ส่งระหว่างโหนดของโดเมนจึงไม่ได้เข้ารหัส",
)


def opensearch(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_opensearch_domain`` / ``aws_elasticsearch_domain``."""
    v = r.values
    at_rest = block(v, "encrypt_at_rest")
    node = block(v, "node_to_node_encryption")
    endpoint = block(v, "domain_endpoint_options")
    vpc = block(v, "vpc_options")
    logs = blocks(v, "log_publishing_options")
    # "enforce_https ... Defaults to true" is the default inside a written
    # domain_endpoint_options block. Without the block the provider sends no
    # DomainEndpointOptions at all (it expands the block only when set), and the service
    # then accepts plain HTTP as well as HTTPS: HTTPS is not enforced.
    # https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/opensearch_domain#enforce_https
    written = blocks(v, "domain_endpoint_options")
    if endpoint is None or written is None:
        https = None
    else:
        https = flag(endpoint, "enforce_https", True) if written else False
    node_tls = None if node is None else flag(node, "enabled", False)
    in_transit = None if https is None or node_tls is None else https and node_tls
    if https and node_tls is False:
        # HTTPS enforced: what is not encrypted is the traffic between the domain's nodes
        # ("node_to_node_encryption ... enabled - (Required) Whether to enable node-to-node
        # encryption", false unless written: the opensearch_domain page above)
        ctx.note(r, "encrypted_in_transit", False, because=_NODE_TO_NODE_OFF)
    ctx.note(r, "backup_enabled", True, SEARCH_SNAPSHOTS_DEFAULT)
    ctx.note(r, "backup_retention_days", SEARCH_SNAPSHOT_DAYS, SEARCH_SNAPSHOTS_DEFAULT)
    policy = None if endpoint is None else endpoint.get("tls_security_policy")
    if endpoint is None or policy is UNKNOWN:  # computed in a plan: not known, not the default
        tls = None
    else:
        tls = tls_version(policy or "Policy-Min-TLS-1-0-2019-07")
    return "database.instance", Facets(
        encrypted_at_rest=None if at_rest is None else flag(at_rest, "enabled", False),
        customer_managed_key=None if at_rest is None else customer_key(at_rest, "kms_key_id"),
        encrypted_in_transit=in_transit,
        tls_min_version=tls,
        public_endpoint=None if vpc is None else not vpc,
        access_logging=_search_audit_logs(logs),
        # zone awareness spreads the nodes over two or three zones; off unless set
        # ("zone_awareness_enabled - (Optional) Whether zone awareness is enabled, set to true
        # for multi-az deployment", registry.terraform.io/providers/hashicorp/aws/latest/docs/
        # resources/opensearch_domain), as CloudFormation reads ZoneAwarenessEnabled
        high_availability=flag(v, "cluster_config.0.zone_awareness_enabled", False)
        if is_set(v, "cluster_config") is not None
        else None,
        # OpenSearch: automatic service software updates (security patches) are off unless
        # software_update_options.auto_software_update_enabled (default false; the label is
        # in normalize/defaults.py). aws_elasticsearch_domain has no such argument.
        auto_patching=flag(v, "software_update_options.0.auto_software_update_enabled", False)
        if r.type == "aws_opensearch_domain"
        else None,
        # every domain takes automated snapshots, kept 14 days (was UNKNOWN)
        backup_enabled=True,
        backup_retention_days=SEARCH_SNAPSHOT_DAYS,
    )


_AOSS_POLICIES = (
    "aws_opensearchserverless_security_policy",
    "aws_opensearchserverless_access_policy",
)


def _shaped(value: Any, shape: Any) -> Any:
    """A value not known whose text is known in part (``shape`` holds ``UNKNOWN_TEXT``) as
    an ``aoss.Shape``; any other value as it is."""
    if value is UNKNOWN and isinstance(shape, str) and UNKNOWN_TEXT in shape:
        return aoss.Shape(shape, UNKNOWN_TEXT)
    return value


def _shaped_patterns(document: Any, written: Any) -> Any:
    """A decoded OpenSearch Serverless policy whose rules' ``Resource`` patterns not known
    are given their written text known in part (``collection/ex-${local.name}-public``,
    from the same document decoded as written), every other value as decoded."""
    sets = document if isinstance(document, list) else [document]
    texts = written if isinstance(written, list) else [written]
    if len(sets) != len(texts):
        return document
    for rule_set, written_set in zip(sets, texts, strict=True):
        rules = rule_set.get("Rules") if isinstance(rule_set, dict) else None
        shapes = written_set.get("Rules") if isinstance(written_set, dict) else None
        if not isinstance(rules, list) or not isinstance(shapes, list):
            continue
        for item, shape in zip(rules, shapes, strict=False):
            if not isinstance(item, dict) or not isinstance(shape, dict):
                continue
            resources, patterns = item.get("Resource"), shape.get("Resource")
            if isinstance(resources, list) and isinstance(patterns, list):
                if len(resources) == len(patterns):
                    item["Resource"] = [
                        _shaped(r, p) for r, p in zip(resources, patterns, strict=True)
                    ]
            else:
                item["Resource"] = _shaped(resources, patterns)
    return document


def _aoss_policies(ctx: TfContext) -> list[aoss.Policy]:
    """The OpenSearch Serverless policies of the root, decoded once per document (patterns
    known in part kept as written: :func:`_shaped_patterns`)."""
    found: list[aoss.Policy] | None = ctx.memo.get("aoss_policies")
    if found is None:
        found = []
        for item in ctx.related(_AOSS_POLICIES):
            value = policy_value(item)
            document = decoded_json(value)
            if isinstance(value, str) and UNKNOWN_TEXT in value and document is not None:
                document = _shaped_patterns(document, written_json(value))
            kind = text(item.values, "type")
            if item.type == "aws_opensearchserverless_access_policy":
                kind = "data"
            elif kind not in ("network", "encryption"):  # not known: its shape says
                kind = "network" if isinstance(document, list) else "encryption"
            found.append(aoss.Policy(item.address, kind, document))
        ctx.memo["aoss_policies"] = found
    return found


def opensearch_collection(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_opensearchserverless_collection``: exposure and key from the security and data
    access policies of the root that match its name (``normalize.aoss``)."""
    v = r.values
    # a name known in part (ex-${local.name}-public) is matched on its written ends
    name = _shaped(v.get("name"), r.shapes.get("name"))
    facts = aoss.judge(name if isinstance(name, str | aoss.Shape) else None, _aoss_policies(ctx))
    for facet, why in facts.because.items():
        ctx.note(r, facet, getattr(facts, facet), because=why)
    for facet, why in facts.unknown.items():
        ctx.note(r, facet, None, unknown=why)
    replicas = text(v, "standby_replicas")
    return "database.instance", Facets(
        # every collection is encrypted at rest (with an AWS owned key or a KMS key)
        encrypted_at_rest=True,
        customer_managed_key=facts.customer_managed_key,
        # TLS 1.2 on every endpoint; IAM (SigV4) or SAML identities only; upgraded by AWS
        encrypted_in_transit=True,
        tls_min_version="1.2",
        directory_auth=True,
        auto_patching=True,
        public_endpoint=facts.public_endpoint,
        public_access=facts.public_access,
        public_grants=facts.public_grants,
        # "Automatic hourly backups with no manual configuration required" (docs.aws.amazon.
        # com/opensearch-service/latest/developerguide/serverless-snapshots.html); how long
        # they are kept is not documented there
        backup_enabled=True,
        # "standby_replicas ... Defaults to ENABLED" (the defaults table labels it)
        high_availability=None if replicas is None else replicas == "ENABLED",
    )


def redshift(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_redshift_cluster``. The defaults of ``encrypted`` and ``publicly_accessible``
    changed in AWS provider 6.0: left unknown here, the mapper fills them for the provider
    version the root runs with (``normalize.versioned_defaults``)."""
    v = r.values
    retention = number(v, "automated_snapshot_retention_period", 1)
    logging = block(v, "logging")
    ctx.note(r, "directory_auth", True, because=db_tls.REDSHIFT_IAM)
    return "database.instance", Facets(
        directory_auth=True,  # IAM sign-in on every cluster (db_tls.REDSHIFT_IAM)
        encrypted_at_rest=flag(v, "encrypted"),
        customer_managed_key=customer_key(v, "kms_key_id"),
        public_access=flag(v, "publicly_accessible"),
        public_endpoint=flag(v, "publicly_accessible"),
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
        access_logging=None
        if logging is None
        else flag(logging, "enable", False)
        if logging
        else None,
        # auto_patching: not read (normalize.absent.REDSHIFT_RELEASES: every patch release is
        # applied; allow_version_upgrade is about major versions)
        # TLS: require_ssl of its parameter group (read when the group is in the scan)
        encrypted_in_transit=_group_tls(
            r,
            ctx,
            "cluster_parameter_group_name",
            ["aws_redshift_parameter_group"],
            "redshift",
            None,
        ),
    )


def eks(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_eks_cluster``: endpoint exposure, control-plane logs, secrets encryption."""
    v = r.values
    vpc = block(v, "vpc_config")
    public = None if vpc is None else flag(vpc, "endpoint_public_access", True)
    cidrs = None if vpc is None else sources(vpc.get("public_access_cidrs", ["0.0.0.0/0"]))
    open_to_all = None if cidrs is None else any(c in {"0.0.0.0/0", "::/0"} for c in cidrs)
    logs = string_list(v, "enabled_cluster_log_types")
    encryption = blocks(v, "encryption_config")
    return "container.cluster", Facets(
        public_endpoint=public,
        public_access=None if public is None else public and open_to_all if public else False,
        access_logging=None if logs is None else "audit" in logs,
        encrypted_at_rest=None if encryption is None else bool(encryption),
        customer_managed_key=None if encryption is None else bool(encryption),
    )


#: DocumentDB / Neptune cluster -> (its engine, the argument naming its cluster parameter
#: group, the group's type).
_AUDITED_CLUSTERS = {
    "aws_docdb_cluster": (
        "docdb",
        "db_cluster_parameter_group_name",
        "aws_docdb_cluster_parameter_group",
    ),
    "aws_neptune_cluster": (
        "neptune",
        "neptune_cluster_parameter_group_name",
        "aws_neptune_cluster_parameter_group",
    ),
}


def _cluster_audit(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an ``aws_docdb_cluster`` / ``aws_neptune_cluster`` records who accessed it: it
    exports the audit log and its cluster parameter group turns audit events on (off by
    default: ``normalize.db_tls.cluster_audit``); the default or why it is unknown is
    noted."""
    exports = _log_exports(r.values)
    if exports is not True:
        return exports
    engine, attribute, group_type = _AUDITED_CLUSTERS[r.type]
    named = r.values.get(attribute)
    group = ctx.referenced(r, attribute, [group_type])
    if group is not None:
        decision = db_tls.cluster_audit(engine, _parameters(group), group.address, attribute)
    elif named is None or (isinstance(named, str) and named.startswith("default.")):
        decision = db_tls.cluster_audit(engine, {}, None, attribute)
    else:
        written = next((ref.target for ref in r.references if ref.attribute == attribute), None)
        label = written or (named if isinstance(named, str) else f"{attribute} of {r.address}")
        decision = db_tls.outside_scan(label, db_tls.audit_parameter(engine))
    ctx.note(r, "access_logging", decision.required, decision.default, decision.unknown)
    return decision.required


def docdb(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_docdb_cluster`` / ``aws_neptune_cluster``; a member of a global cluster or a
    Neptune replica takes its encryption from it (``aws_cluster_sources``)."""
    v = r.values
    retention = number(v, "backup_retention_period", 1)
    encrypted = flag(v, "storage_encrypted", False)
    key_attr = "kms_key_arn" if r.type == "aws_neptune_cluster" else "kms_key_id"
    key = customer_key(v, key_attr)
    origin = _cluster_origin(r)
    if origin is not None and is_set(v, key_attr) is False:
        # Restored without a key: the snapshot's (or source cluster's) encryption, whatever
        # storage_encrypted says: "If the snapshot ... is not encrypted, then the restored
        # DB cluster is not encrypted" (DocumentDB / Neptune RestoreDBClusterFromSnapshot,
        # KmsKeyId); "you can restore an unencrypted snapshot to an encrypted cluster by
        # specifying the AWS KMS key" (DocumentDB developer guide, "Restoring from a
        # cluster snapshot"). storage_encrypted = true PASSed a restore of an unencrypted
        # snapshot.
        _restored_cluster(r, ctx, origin, serverless=False, key=key_attr)
        encrypted = key = None
    elif origin is not None:
        encrypted = True  # restored with a key: encrypted with it
    else:
        encrypted, key = sourced_encryption(r, ctx, encrypted, key)
    return "database.instance", Facets(
        encrypted_at_rest=encrypted,
        customer_managed_key=key,
        backup_retention_days=retention,
        backup_enabled=None if retention is None else retention > 0,
        deletion_protection=flag(v, "deletion_protection", False),
        access_logging=_cluster_audit(r, ctx),
        # DocumentDB clusters are reachable only from inside their VPC ("Amazon DocumentDB
        # clusters are deployed within an Amazon VPC ... cannot be accessed directly from
        # outside it", DocumentDB developer guide, "Connecting from outside an Amazon VPC").
        # Neptune added public endpoints (per instance, 2024): not decided here.
        public_endpoint=False if r.type == "aws_docdb_cluster" else None,
        # DocumentDB: the cluster parameter group's "tls" (enabled by default)
        encrypted_in_transit=_group_tls(
            r,
            ctx,
            "db_cluster_parameter_group_name",
            ["aws_docdb_cluster_parameter_group"],
            "docdb",
            None,
        )
        if r.type == "aws_docdb_cluster"
        else _neptune_tls(r, ctx),
    )


#: Parameter groups judged on their own -> the engine they configure.
_GROUP_ENGINES = {
    "aws_docdb_cluster_parameter_group": "docdb",
    "aws_redshift_parameter_group": "redshift",
    "aws_neptune_cluster_parameter_group": "neptune",
}


def parameter_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_docdb_cluster_parameter_group`` / ``aws_redshift_parameter_group`` /
    ``aws_neptune_cluster_parameter_group`` on their own:
    whether the databases using them require TLS and (DocumentDB) record audit events, the
    family's default labelled for what the group does (``normalize.db_tls.parameter_group``).
    The databases that name the group are judged through it as well."""
    tls, audit = db_tls.parameter_group(
        _GROUP_ENGINES[r.type], text(r.values, "family"), _parameters(r), r.address
    )
    if tls is not None:
        ctx.note(r, "encrypted_in_transit", tls.required, tls.default, tls.unknown)
    if audit is not None:
        ctx.note(r, "access_logging", audit.required, audit.default, audit.unknown)
    return "database.parameter_group", Facets(
        encrypted_in_transit=None if tls is None else tls.required,
        access_logging=None if audit is None else audit.required,
    )


def _neptune_tls(r: TfResource, ctx: TfContext) -> bool | None:
    """``aws_neptune_cluster``: HTTPS only from engine 1.0.4.0 on (``db_tls.neptune``)."""
    decision = db_tls.neptune(text(r.values, "engine_version"))
    ctx.note(r, "encrypted_in_transit", decision.required, decision.default, decision.unknown)
    return decision.required


#: "Amazon MSK always encrypts your data at rest ... If you don't specify a KMS key, Amazon
#: MSK creates an AWS managed key"; "Amazon MSK uses TLS 1.2. By default, it encrypts data in
#: transit between the brokers"; client to broker: "Only allow TLS encrypted data. This is the
#: default setting" (TLS, TLS_PLAINTEXT or PLAINTEXT).
MSK_ENCRYPTION_DOC = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html"
_MSK_TRANSIT = "encryption_info.0.encryption_in_transit.0"
_MSK_PUBLIC = "broker_node_group_info.0.connectivity_info.0.public_access.0.type"


def _msk_directory_auth(v: Mapping[str, Any]) -> bool | None:
    """Clients sign in with IAM (``client_authentication.sasl.iam``) and no unauthenticated
    access is left on. Without ``client_authentication`` a cluster lets clients in without
    authentication; SCRAM (user names and passwords in Secrets Manager) and TLS client
    certificates are not directory identities."""
    auth = blocks(v, "client_authentication")
    if auth is None:
        return None
    if not auth:
        return False
    anonymous = flag(auth[0], "unauthenticated", False)
    iam = flag(auth[0], "sasl.0.iam", False)
    if anonymous is None or iam is None:
        return None
    return iam and not anonymous


def msk_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_msk_cluster``: an Apache Kafka broker cluster (kind ``messaging.queue``, a message
    broker as Amazon MQ). Always encrypted at rest, with the AWS managed key unless
    ``encryption_at_rest_kms_key_arn`` (``MSK_ENCRYPTION_DOC``); in transit when clients may
    only use TLS (``client_broker``, default ``TLS``) and brokers talk TLS (``in_cluster``,
    default true). Public when ``public_access.type = "SERVICE_PROVIDED_EIPS"``; a cluster is
    created private ("DISABLED", the default: public access can only be turned on later, and
    is read here as written). Its cluster policy (``aws_msk_cluster_policy``) is folded in by
    ``aws_resource_policies``; the brokers are patched by AWS (``normalize.absent``).
    """
    v = r.values
    client = text(v, f"{_MSK_TRANSIT}.client_broker", "TLS")
    in_cluster = flag(v, f"{_MSK_TRANSIT}.in_cluster", True)
    in_transit = None if client is None or in_cluster is None else (
        client.upper() == "TLS" and in_cluster
    )
    access = text(v, _MSK_PUBLIC, "DISABLED")
    return "messaging.queue", Facets(
        encrypted_at_rest=True,
        customer_managed_key=customer_key(v, "encryption_info.0.encryption_at_rest_kms_key_arn"),
        encrypted_in_transit=in_transit,
        public_endpoint=None if access is None else access.upper() == "SERVICE_PROVIDED_EIPS",
        directory_auth=_msk_directory_auth(v),
    )


#: "MSK Serverless requires IAM access control for all clusters"; it "integrates with AWS
#: PrivateLink to provide private connectivity" (no public access setting exists); clients
#: reach it over TLS only (IAM access control runs over TLS, port 9098) and the service
#: encrypts data at rest with a key it manages (no key argument exists):
#: docs.aws.amazon.com/msk/latest/developerguide/serverless.html,
#: registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/msk_serverless_cluster
MSK_SERVERLESS_DOC = "https://docs.aws.amazon.com/msk/latest/developerguide/serverless.html"


def msk_serverless_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_msk_serverless_cluster``: IAM sign-in, TLS and a private endpoint always
    (``MSK_SERVERLESS_DOC``); its ``vpc_config`` security groups are referenced for the
    resource graph; a cluster policy (``aws_msk_cluster_policy``) is folded in as for
    ``aws_msk_cluster``."""
    return "messaging.queue", Facets(
        encrypted_at_rest=True,
        customer_managed_key=False,
        encrypted_in_transit=True,
        public_endpoint=False,
        directory_auth=True,
    )


def ecs_service(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_ecs_service``: its running tasks, for the resource graph. Tasks in ``awsvpc`` mode
    get the security groups and subnets of ``network_configuration`` and a public IP only
    with ``assign_public_ip`` (default false: registry.terraform.io/providers/hashicorp/aws/
    latest/docs/resources/ecs_service); without the block they use their hosts' network,
    whose exposure is not known here."""
    network = block(r.values, "network_configuration")
    public = None if not network else flag(network, "assign_public_ip", False)
    return "container.service", Facets(public_endpoint=public)


def autoscaling_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_autoscaling_group``: the instances it launches, for the resource graph (their
    security groups and public IP setting come from its launch template, their subnets from
    ``vpc_zone_identifier``). Without ``vpc_zone_identifier`` it launches "into the default VPC
    subnet in each Availability Zone" (registry.terraform.io/providers/hashicorp/aws/latest/
    docs/resources/autoscaling_group, ``availability_zones``), and a default subnet assigns
    public IPv4 addresses (docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html):
    ``public_endpoint`` True there, else not known (the subnets decide in the graph; with
    neither argument the group cannot be created)."""
    default_subnets = r.values.get("vpc_zone_identifier") is None and r.values.get(
        "availability_zones"
    ) is not None
    return "compute.scaling_group", Facets(public_endpoint=True if default_subnets else None)


MAPPINGS: dict[str, MapFn] = {
    "aws_autoscaling_group": autoscaling_group,
    "aws_ecs_service": ecs_service,
    "aws_msk_cluster": msk_cluster,
    "aws_msk_serverless_cluster": msk_serverless_cluster,
    "aws_instance": instance,
    # "Spot Instance Requests support all the same arguments as aws_instance"
    # (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/spot_instance_request)
    "aws_spot_instance_request": instance,
    "aws_launch_template": launch_template,
    "aws_launch_configuration": launch_template,
    "aws_lambda_function": lambda_function,
    "aws_sfn_state_machine": state_machine,
    "aws_db_instance": db_instance,
    "aws_rds_cluster": rds_cluster,
    "aws_rds_cluster_instance": rds_cluster_instance,
    "aws_docdb_cluster_instance": docdb_instance,
    "aws_dynamodb_table": dynamodb,
    "aws_elasticache_replication_group": elasticache,
    "aws_elasticache_cluster": elasticache,
    "aws_elasticache_serverless_cache": elasticache_serverless_cache,
    "aws_opensearch_domain": opensearch,
    "aws_opensearchserverless_collection": opensearch_collection,
    "aws_elasticsearch_domain": opensearch,
    "aws_redshift_cluster": redshift,
    "aws_eks_cluster": eks,
    "aws_eks_node_group": eks_node_group,
    "aws_docdb_cluster": docdb,
    "aws_neptune_cluster_instance": neptune_instance,
    "aws_neptune_cluster": docdb,
    "aws_docdb_cluster_parameter_group": parameter_group,
    "aws_redshift_parameter_group": parameter_group,
    "aws_neptune_cluster_parameter_group": parameter_group,
}
