"""Facets of the wider rule set for types the provider modules already map.

Each function returns facet updates that the mapper applies where the provider module left the
facet ``None``, so the two never fight over one value. Absent attributes take the provider's
documented default (named next to each default below); a value that cannot be known statically
(UNKNOWN) stays ``None``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gdcc_audit.load.terraform.values import NON_EMPTY_TEXT
from gdcc_audit.load.terraform_model import AWS_ID_TEXT, UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize import elasticache_serverless
from gdcc_audit.normalize.absent import in_replication_group
from gdcc_audit.normalize.defaults import S3_PUBLIC_ACCESS_DEFAULT, SERIAL_CONSOLE_DEFAULT
from gdcc_audit.normalize.kms import names_aws_managed_key
from gdcc_audit.normalize.launch_templates import from_template
from gdcc_audit.normalize.principal_text import may_be_everyone
from gdcc_audit.normalize.terraform.account_settings import (
    instance_metadata_defaults,
    serial_console_access,
)
from gdcc_audit.normalize.terraform.alicloud_templates import (
    LAUNCH_TEMPLATE_TYPES,
    LAUNCHED_TYPES,
    group_version_unread,
    instance_template,
    template_unknown,
)
from gdcc_audit.normalize.terraform.aws_compute import (
    TEMPLATE_NOT_READ,
    imds_required,
    launched_from,
)
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
    may_be_beyond,
    may_be_unset,
)
from gdcc_audit.normalize.terraform.dns_logging import (
    google_dns_policy_logging,
    private_zone_logging,
    resolver_query_logging,
)
from gdcc_audit.normalize.terraform.elasticache_groups import (
    IAM_DOC,
    USER_GROUP,
    group_iam,
    iam_sign_in,
    user_group_auth,
)
from gdcc_audit.normalize.terraform.google_emails import note_written_account
from gdcc_audit.normalize.terraform.google_iam_policy import (
    grant_merge,
    iam_companion,
    iam_grants,
    iam_standalone,
)
from gdcc_audit.normalize.terraform.google_refs import custom_role, from_template_view
from gdcc_audit.normalize.terraform.memorydb_acls import memorydb_iam
from gdcc_audit.normalize.terraform.policy import grants_public, policy_value
from gdcc_audit.normalize.terraform.uncertain import may_configure, may_send_logs
from gdcc_audit.normalize.terraform.values import (
    block,
    blocks,
    flag,
    is_set,
    is_written,
    string_list,
    text,
)
from gdcc_audit.normalize.user_data_login import password_login
from gdcc_audit.secrets.detect import TOO_BIG as _TOO_BIG
from gdcc_audit.secrets.detect import decoded_user_data as _decoded
from gdcc_audit.secrets.detect import detect_secrets

ExtraFn = Callable[[TfResource, TfContext], dict[str, Any]]

#: Attributes that carry instance user data / custom data / start-up scripts.
_USER_DATA = ("user_data", "user_data_base64", "custom_data", "metadata_startup_script")
_GCP_USER_DATA_KEYS = ("startup-script", "user-data", "windows-startup-script-ps1")


#: Key resources an agency creates itself: a reference to one is a customer-managed key.
KEY_RESOURCE_TYPES = frozenset(
    {
        "aws_kms_key",
        "aws_kms_alias",
        "aws_kms_replica_key",
        "aws_kms_external_key",
        "google_kms_crypto_key",
        "azurerm_key_vault_key",
        "azurerm_disk_encryption_set",
        "huaweicloud_kms_key",
        "openstack_keymanager_secret_v1",
    }
)
_KEY_WORDS = ("kms", "key", "encryption", "cmk")


#: Data sources that look a KMS key up, with the argument that names it.
_KEY_LOOKUPS = {"aws_kms_key": "key_id", "aws_kms_alias": "name"}
#: A KMS alias or alias ARN (``alias/app``, ``arn:aws:kms:REGION:ACCOUNT:alias/app``).
_ALIAS = re.compile(r"^(arn:aws[a-z-]*:kms:[^:]*:[^:]*:)?alias/")


def references_customer_key(r: TfResource, ctx: TfContext) -> bool:
    """Whether a key-like attribute of ``r`` refers to a key resource (``aws_kms_key.x.arn``):
    such a resource is always a key the customer manages, whether or not it is in the input.
    A data source (``data.aws_kms_key``) may name an AWS managed key: it counts only when it
    looks the key up by an alias written outside ``alias/aws/`` (``_looks_up_customer_key``)."""
    for ref in r.references:
        if not any(word in ref.attribute.lower() for word in _KEY_WORDS):
            continue
        if may_be_beyond(r, ref.attribute) or may_be_unset(r, ref.attribute):
            # ``coalesce(var.key_arn, aws_kms_key.k.arn)``: the input may be the key;
            # ``var.encrypt ? aws_kms_key.k.arn : null``: the provider's key may be
            continue
        parts = ref.target.split(".")
        while len(parts) > 2 and parts[0] == "module":
            parts = parts[2:]
        if parts and parts[0] in KEY_RESOURCE_TYPES:
            return True
        if len(parts) > 2 and parts[0] == "data" and _looks_up_customer_key(r, ref.target, ctx):
            return True
    return False


def references_aws_managed_key(r: TfResource, ctx: TfContext) -> bool:
    """Whether every key-like attribute of ``r`` that is not known before apply is a
    reference to a data source looking up an AWS managed key by its alias
    (``data.aws_kms_alias.x.arn`` with ``name = "alias/aws/secretsmanager"``): then the key is
    the AWS managed one whatever the account and Region, not the customer's (the
    ``alias/aws/`` prefix is reserved for AWS managed keys, KMS developer guide "Create
    aliases")."""
    unknown = [
        name
        for name, value in r.values.items()
        if value is UNKNOWN and any(word in name.lower() for word in _KEY_WORDS)
    ]
    if not unknown:
        return False
    for name in unknown:
        targets = [ref.target for ref in r.references if ref.attribute.split(".")[0] == name]
        if not targets or not all(_looked_up_alias(r, t, ctx, aws=True) for t in targets):
            return False
    return True


def _looks_up_customer_key(r: TfResource, target: str, ctx: TfContext) -> bool:
    """Whether the data source ``target`` looks up a KMS key by a customer's alias. An alias
    can only point to a customer managed key ("You can associate the alias with any customer
    managed key", KMS API CreateAlias; the ``alias/aws/`` prefix is reserved for AWS managed
    keys, KMS developer guide "Create aliases"):
    https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
    https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html
    A key id or key ARN may be an AWS managed key's: not decided."""
    return _looked_up_alias(r, target, ctx, aws=False)


def _looked_up_alias(r: TfResource, target: str, ctx: TfContext, aws: bool) -> bool:
    """Whether the data source ``target`` looks a KMS key up by an alias that is an AWS
    managed key's (``aws``) or a customer's (not ``aws``)."""
    found = ctx.resolve(r, target)
    if found is None or found.mode != "data" or found.type not in _KEY_LOOKUPS:
        return False
    name = found.values.get(_KEY_LOOKUPS[found.type])
    if not isinstance(name, str) or _ALIAS.match(name) is None:
        return False
    return names_aws_managed_key(name) == aws


def fill_facets(facets: Facets, updates: Mapping[str, Any]) -> Facets:
    """``facets`` with each of ``updates`` applied where the facet is still ``None``."""
    wanted = {k: v for k, v in updates.items() if v is not None and getattr(facets, k) is None}
    return facets.model_copy(update=wanted) if wanted else facets


def user_data_password(values: Mapping[str, Any]) -> bool | None:
    """True when user data written in ``values`` (its user data attributes, or a start-up
    script key of GCP ``metadata``) turns SSH password log-in on
    (``normalize.user_data_login``); None otherwise: the image decides."""
    written, _unknown = _written_user_data(values)
    return True if any(password_login(text) for text in written.values()) else None


def _written_user_data(values: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """The user data written in ``values`` (its user data attributes, and the start-up script
    keys of GCP ``metadata`` as ``metadata.<key>``), and whether some is not known."""
    data: dict[str, Any] = {}
    unknown = False
    for name in _USER_DATA:
        value = values.get(name)
        if value is UNKNOWN:
            unknown = True
        elif value is not None:
            data[name] = value
    metadata = values.get("metadata")
    if metadata is UNKNOWN:
        unknown = True  # it may hold a start-up script (was PASS: an unknown map was skipped)
    elif isinstance(metadata, Mapping):
        for key in _GCP_USER_DATA_KEYS:
            if metadata.get(key) is UNKNOWN:
                unknown = True
            elif isinstance(metadata.get(key), str):
                data[f"metadata.{key}"] = metadata[key]
    return data, unknown


def user_data_secrets(
    values: Mapping[str, Any], reads: Mapping[str, tuple[str, ...]] | None = None
) -> tuple[str, ...] | None:
    """Paths of literal secrets in user data, and the user data attributes that read a secret
    (``reads``: ``TfResource.secrets``, or the same keyed as ``values`` is) named with what
    they read: ``user_data (sensitive variable var.db_password, variables.tf:3)``. ``None``
    when the user data is UNKNOWN and reads no secret. Every key of GCP ``metadata`` counts for
    the reads (any key is served by the metadata server); for literals only the start-up
    script keys are scanned, as before."""
    found = [
        f"{name} ({read})"
        for name in (*_USER_DATA, "metadata")
        for read in (reads or {}).get(name, ())
    ]
    data, unknown = _written_user_data(values)
    decoded: dict[str, str] = {}
    for name, value in data.items():
        text = _decoded(value) if isinstance(value, str) else None
        if text is _TOO_BIG:
            unknown = True
        elif text is not None:
            decoded[name] = text
    written = tuple(sorted({*detect_secrets(data), *detect_secrets(decoded)}))
    if found:
        return (*written, *found)
    return None if unknown and not written else written


def _aws_serial_console(r: TfResource, ctx: TfContext) -> bool | None:
    """EC2 serial console access is an account and Region setting, off unless
    ``aws_ec2_serial_console_access`` turns it on where ``r`` is (EC2 docs, "Configure access
    to the EC2 serial console"); unknown, with the reason noted, when whether one reaches
    ``r`` cannot be told. None in the scan at all: the documented default, labelled for the
    finding."""
    access = serial_console_access(r, ctx)
    if access.on is None:
        ctx.note(r, "serial_console", None, unknown=access.because)
    elif not ctx.related(["aws_ec2_serial_console_access"]):
        ctx.note(r, "serial_console", False, SERIAL_CONSOLE_DEFAULT)
    return access.on


def _aws_imds(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether instances require IMDSv2 (or have no metadata endpoint). An absent
    ``http_tokens`` is "optional" (AWS provider docs, metadata_options). Without any
    ``metadata_options`` block the provider sends no metadata options at all
    (``expandInstanceMetadataOptions`` returns nil for an empty list), so the account and
    Region default of ``aws_ec2_instance_metadata_defaults`` decides when one reaches ``r``."""
    required = imds_required(r)
    if required is not False or r.values.get("metadata_options") not in (None, []):
        return required
    default = instance_metadata_defaults(r, ctx)
    if default.on is None:
        ctx.note(r, "metadata_tokens_required", None, unknown=default.because)
    return default.on


def aws_instance(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``aws_instance`` (and ``aws_spot_instance_request``), ``aws_launch_template``,
    ``aws_launch_configuration``."""
    imds = _aws_imds(r, ctx)
    secrets = user_data_secrets(r.values, r.secrets)
    password = user_data_password(r.values)
    named, template = launched_from(r, ctx) if r.type == "aws_instance" else (False, None)
    if named and all(r.values.get(name) is None for name in _USER_DATA):
        # the instance runs its template's user data
        if template is None:
            secrets = None
            ctx.note(r, "user_data_secrets", None, unknown=TEMPLATE_NOT_READ)
        else:
            secrets = user_data_secrets(template.values, template.secrets)
            password = user_data_password(template.values)
            ctx.note(r, "user_data_secrets", secrets, because=from_template(template.address))
    if named and r.values.get("metadata_options") in (None, []):
        if template is None:
            imds = None
            ctx.note(r, "metadata_tokens_required", None, unknown=TEMPLATE_NOT_READ)
        elif template is not None:
            imds = _aws_imds(template, ctx)  # the template's metadata options
            ctx.written_by_another(r, "metadata_tokens_required")
            ctx.note(r, "metadata_tokens_required", imds, because=from_template(template.address))
    return {
        "metadata_tokens_required": imds,
        "serial_console": _aws_serial_console(r, ctx),
        "user_data_secrets": secrets,
        "password_auth": password,
    }


def aws_eks_node_group(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``aws_eks_node_group``: the account's serial-console setting; without a launch
    template EKS writes the nodes' user data itself, so none of the tenant's is there; with
    one in the input, the nodes get its metadata options and user data."""
    launch = block(r.values, "launch_template")
    template = ctx.referenced(r, "launch_template", ["aws_launch_template"]) if launch else None
    if template is not None:
        return aws_instance(template, ctx)
    return {
        "serial_console": _aws_serial_console(r, ctx),
        "user_data_secrets": () if launch == {} else None,
    }


def _email_is_default(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a service account e-mail not known statically is the Compute Engine default
    account: not when it is a ``google_service_account`` of the scan (a user-managed account,
    ``ACCOUNT_ID@PROJECT.iam.gserviceaccount.com``, never the default
    ``PROJECT_NUMBER-compute@developer.gserviceaccount.com``: cloud.google.com/compute/docs/
    access/service-accounts#default_service_account); yes when it is the
    ``google_compute_default_service_account`` data source; else not known."""
    attribute = "service_account.0.email"
    if may_be_unset(r, attribute):  # ``var.own ? google_service_account.sa.email : null``
        ctx.note(r, "default_service_account", None, unknown=_MAYBE_DEFAULT_ACCOUNT)
        return None
    found = ctx.referenced(r, attribute, ["google_service_account"])
    if found is not None and found.mode == "managed":
        why = Text(
            en=f"it runs as {found.address}, a user-managed service account",
            th=f"ทำงานด้วย {found.address} ซึ่งเป็น service account ที่ผู้ใช้สร้างเอง",
        )
        ctx.note(r, "default_service_account", False, because=why)
        return False
    if ctx.referenced(r, attribute, ["google_compute_default_service_account"]) is not None:
        return True
    return note_written_account(r, ctx, attribute)


#: Why the service account of an instance is not known when its email may be null.
_MAYBE_DEFAULT_ACCOUNT = Text(
    en="service_account.email may be null, as a value not known before apply chooses: the "
    "instance then runs as the Compute Engine default service account",
    th="service_account.email อาจเป็น null ตามค่าที่ไม่ทราบก่อน apply: เมื่อเป็นเช่นนั้น instance "
    "จะทำงานด้วย service account เริ่มต้นของ Compute Engine",
)


#: Project-wide Compute Engine metadata, which instances inherit unless they set the key.
_PROJECT_METADATA = ("google_compute_project_metadata", "google_compute_project_metadata_item")
_SERIAL = "serial-port-enable"


def _project_serial_value(item: TfResource) -> Any:
    """The ``serial-port-enable`` value a project metadata resource writes (None: none;
    UNKNOWN: a value, or whether it writes the key, not known)."""
    if item.type == "google_compute_project_metadata":
        metadata = item.values.get("metadata")
        if metadata is UNKNOWN:
            return UNKNOWN
        return metadata.get(_SERIAL) if isinstance(metadata, Mapping) else None
    key = item.values.get("key")
    if key is UNKNOWN:
        return UNKNOWN
    return item.values.get("value") if key == _SERIAL else None


def _project_serial(r: TfResource, ctx: TfContext) -> tuple[bool | None, TfResource | None]:
    """Whether project metadata of the scan turns the serial port on for the project of an
    instance that does not set it: "You can enable [serial port access] ... for an entire
    project"; an instance's own ``serial-port-enable`` overrides it
    (cloud.google.com/compute/docs/troubleshooting/troubleshooting-using-serial-console).
    ``(True, item)`` when metadata of its project does, ``(None, item)`` when metadata of a
    project that may be its own does (a project or value not known), else ``(False, None)``."""
    mine = r.values.get("project")
    maybe: TfResource | None = None
    for item in ctx.related(_PROJECT_METADATA):
        value = _project_serial_value(item)
        if value is None:
            continue
        on = None if value is UNKNOWN else str(value).lower() in {"true", "1"}
        if on is False:
            continue
        theirs = item.values.get("project")
        known = UNKNOWN not in (mine, theirs) and (mine is None) == (theirs is None)
        if known and mine != theirs:
            continue  # two projects written
        if on and known:
            return True, item
        maybe = maybe or item
    return (None, maybe) if maybe is not None else (False, None)


def google_instance(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_compute_instance`` / ``_instance_template``: serial port from metadata
    (``serial-port-enable``, off by default), default compute service account. An instance
    from a template is read through ``google_refs.from_template_view``."""
    r = from_template_view(r, ctx)
    v = r.values
    metadata = v.get("metadata")
    serial: bool | None
    if metadata is UNKNOWN:
        serial = None
    else:
        value = metadata.get(_SERIAL) if isinstance(metadata, Mapping) else None
        serial = None if value is UNKNOWN else str(value).lower() in {"true", "1"}
        if value is None:
            serial, item = _project_serial(r, ctx)
            if item is not None:
                said = (
                    f"the project metadata {item.address} turns {_SERIAL} on, which it inherits"
                    if serial
                    else f"the project metadata {item.address} may set {_SERIAL} for its "
                    "project, which it inherits"
                )
                why = Text(
                    en=f"{said} (it sets no {_SERIAL} of its own)",
                    th=(f"metadata ของโปรเจกต์ {item.address} เปิด {_SERIAL} "
                        if serial else
                        f"metadata ของโปรเจกต์ {item.address} อาจกำหนด {_SERIAL} ")
                    + f"ซึ่งถูกสืบทอดมา (ทรัพยากรนี้ไม่ได้กำหนด {_SERIAL} เอง)",
                )
                if serial:
                    ctx.note(r, "serial_console", True, because=why)
                else:
                    ctx.note(r, "serial_console", None, unknown=why)
    accounts = blocks(v, "service_account")
    default_sa: bool | None
    if accounts is None:
        default_sa = None
    elif not accounts:
        default_sa = False  # no service account block: the instance runs without one
    else:
        email = accounts[0].get("email")
        if email is UNKNOWN:
            default_sa = _email_is_default(r, ctx)
        else:
            # absent email = the Compute Engine default service account (provider docs); the
            # provider sends an empty email as "default" too (expandServiceAccounts: `if
            # accounts[i].Email == "" { accounts[i].Email = "default" }`), and "default" is
            # the API's name for that account
            default_sa = (
                email is None
                or str(email).strip() in {"", "default"}
                or str(email).endswith("-compute@developer.gserviceaccount.com")
            )
    return {
        "serial_console": serial,
        "user_data_secrets": user_data_secrets(v, r.secrets),
        "default_service_account": default_sa,
        "password_auth": user_data_password(v),
    }


def server_user_data(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """OpenStack Nova, Huawei Cloud and Alibaba Cloud ECS servers (``user_data``; a Huawei
    Auto Scaling configuration's in ``instance_config``): secrets written in it, and password
    log-in it turns on (none written: no secret in it; the image decides log-in; an Alibaba
    instance from a launch template without its own runs the template's: read when the
    template is in the input, not known otherwise)."""
    values: Mapping[str, Any] = r.values
    reads = r.secrets
    if r.type in LAUNCHED_TYPES and values.get("user_data") is None:
        named, template = instance_template(r, ctx)
        if named and template is None:  # the user data of a template not in the input
            ctx.note(r, "user_data_secrets", None, unknown=template_unknown(r, ctx))
            return {"user_data_secrets": None}
        if template is not None:  # the launch template's user data
            secrets = user_data_secrets(template.values, template.secrets)
            ctx.note(r, "user_data_secrets", secrets, because=from_template(template.address))
            return {"user_data_secrets": secrets,
                    "password_auth": user_data_password(template.values)}
    if r.type in LAUNCH_TEMPLATE_TYPES:
        unread = group_version_unread(r, ctx)
        if unread is not None:  # a scaling group runs another version's user data
            ctx.note(r, "user_data_secrets", None, unknown=unread)
            return {"user_data_secrets": None}
    if r.type in ("huaweicloud_as_configuration", "huaweicloud_as_configuration_v1"):
        config = block(values, "instance_config")
        if config is None:
            return {}
        values = config or {}
        reads = {k.removeprefix("instance_config.0."): v for k, v in r.secrets.items()}
    return {
        "user_data_secrets": user_data_secrets(values, reads),
        "password_auth": user_data_password(values),
    }


def azure_vm(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Azure VMs: password log-in (Linux only: ``disable_password_authentication`` defaults to
    true on ``azurerm_linux_virtual_machine``), custom data secrets."""
    v = r.values
    password: bool | None = None
    if r.type in {"azurerm_linux_virtual_machine", "azurerm_linux_virtual_machine_scale_set"}:
        disabled = flag(v, "disable_password_authentication", True)
        password = None if disabled is None else not disabled
    elif r.type == "azurerm_virtual_machine":
        linux = block(v, "os_profile_linux_config")
        if linux:
            disabled = flag(linux, "disable_password_authentication")
            password = None if disabled is None else not disabled
    profile = block(v, "os_profile")
    data = dict(v)
    reads = dict(r.secrets)
    if profile:
        data["custom_data"] = profile.get("custom_data")
        reads["custom_data"] = r.secrets.get("os_profile.0.custom_data", ())
    if password is None:
        password = user_data_password(data)
    return {"password_auth": password, "user_data_secrets": user_data_secrets(data, reads)}


#: Arguments that join an RDS instance or Aurora cluster to an Active Directory domain: AWS
#: Managed Microsoft AD (``domain``) or a self-managed one (``domain_fqdn``, instances only).
_DOMAIN_ARGUMENTS = {
    "aws_db_instance": ("domain", "domain_fqdn"),
    "aws_rds_cluster": ("domain",),
}


def joined_domain(attribute: str) -> Text:
    """Why a database joined to a directory PASSes GDCC-DB-001: "Amazon RDS supports external
    authentication of database users using Kerberos and Microsoft Active Directory" (RDS User
    Guide, Kerberos authentication; SQL Server's Windows Authentication, MySQL, PostgreSQL,
    Oracle; Aurora MySQL / PostgreSQL)."""
    return Text(
        en=f"users sign in with Kerberos through the Active Directory domain it joins "
        f"({attribute})",
        th=f"ผู้ใช้ลงชื่อเข้าใช้ด้วย Kerberos ผ่านโดเมน Active Directory ที่เข้าร่วม ({attribute})",
    )


def aws_db_iam(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """RDS / Aurora / Neptune: IAM database authentication, off by default; an RDS instance
    or Aurora cluster joined to an Active Directory domain (``domain``, ``domain_fqdn``) takes
    directory (Kerberos) sign-in: terraform-aws-modules/rds's complete-mssql example
    (``domain = aws_directory_service_directory.demo.id``) FAILed "IAM / directory
    authentication is off"."""
    iam = flag(r.values, "iam_database_authentication_enabled", False)
    if iam is True:
        return {"directory_auth": True}
    joined = {name: is_written(r, name) for name in _DOMAIN_ARGUMENTS.get(r.type, ())}
    found = next((name for name, on in joined.items() if on is True), None)
    if found is not None:
        # decided by the domain, not where the IAM flag's default is (no "value set at" it)
        ctx.written_by_another(r, "directory_auth")
        ctx.note(r, "directory_auth", True, because=joined_domain(found))
        return {"directory_auth": True}
    if iam is False and None in joined.values():
        names = ", ".join(name for name, on in joined.items() if on is None)
        ctx.note(r, "directory_auth", None, unknown=Text(
            en=f"IAM authentication is off, and {names} (an Active Directory domain it may "
            "join for Kerberos sign-in) is not known",
            th=f"การยืนยันตัวตนด้วย IAM ปิดอยู่ และไม่ทราบค่า {names} (โดเมน Active Directory "
            "ที่อาจเข้าร่วมเพื่อลงชื่อเข้าใช้ด้วย Kerberos)",
        ))
        return {"directory_auth": None}
    return {"directory_auth": iam}


def azure_sql_server(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Azure SQL server: an Entra ID (Azure AD) administrator configured."""
    return {"directory_auth": is_set(r.values, "azuread_administrator")}


def cosmosdb(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Cosmos DB: key-based (local) authentication stays on unless disabled."""
    disabled = flag(r.values, "local_authentication_disabled", False)
    return {"directory_auth": disabled}


def _sql_flags(settings: Mapping[str, Any]) -> dict[str, str] | None:
    known, undetermined = _sql_flags_in_part(settings)
    return None if known is None or undetermined else known


def _sql_flags_in_part(
    settings: Mapping[str, Any],
) -> tuple[dict[str, str] | None, list[str]]:
    """The ``database_flags`` whose name and value are known (None: the blocks themselves
    are not known), and the flags not known: by name when only the value is not known, ``*``
    when a name is not known (it may be any flag)."""
    found = blocks(settings, "database_flags")
    if found is None:
        return None, []
    out: dict[str, str] = {}
    undetermined: list[str] = []
    for item in found:
        name, value = item.get("name"), item.get("value")
        if name is UNKNOWN:
            undetermined.append("*")
        elif value is UNKNOWN:
            undetermined.append(str(name).lower())
        else:
            out[str(name).lower()] = str(value).lower()
    return out, sorted(set(undetermined))


def _flags_not_known(settings: Mapping[str, Any]) -> Text:
    """Why Cloud SQL's flags are not known: the ``database_flags`` blocks themselves (a
    ``dynamic`` block or a list from an input), or the flags whose name or value is not."""
    known, undetermined = _sql_flags_in_part(settings)
    if known is None:
        return Text(
            en="its settings.database_flags are not known",
            th="ไม่ทราบค่า settings.database_flags",
        )
    parts_en: list[str] = []
    parts_th: list[str] = []
    values = [u for u in undetermined if u != "*"]
    if values:
        parts_en.append(f"the value of database_flags {', '.join(values)} is not known")
        parts_th.append(f"ไม่ทราบค่าของ database_flags {', '.join(values)}")
    if "*" in undetermined:
        parts_en.append("a database_flags entry's name is not known")
        parts_th.append("ไม่ทราบชื่อของ database_flags บางรายการ")
    return Text(en="; ".join(parts_en), th="; ".join(parts_th))


#: Cloud SQL flags whose value is insecure, per engine family (CIS GCP 6.1.3, 6.3.x).
_INSECURE_FLAGS = {
    "MYSQL": {"local_infile": "on", "skip_show_database": "off"},
    "SQLSERVER": {
        "cross db ownership chaining": "on",
        "contained database authentication": "on",
        "external scripts enabled": "on",
        "remote access": "on",
    },
}


#: Engine defaults that are themselves insecure: a flag not written takes them. MySQL
#: ``skip_show_database`` is OFF by default (MySQL reference manual, server system variables,
#: sysvar_skip_show_database: "Default Value OFF"); SQL Server ``remote access`` is 1 (on)
#: by default (learn.microsoft.com/sql/database-engine/configure-windows/
#: configure-the-remote-access-server-configuration-option: "The default is 1"; CIS GCP
#: 6.3.5 "By default, the remote access flag is enabled").
_INSECURE_DEFAULTS = {
    "MYSQL": {"skip_show_database": "off"},
    "SQLSERVER": {"remote access": "on"},
}
#: MySQL ``local_infile`` is ON by default up to 5.7 (MySQL 5.7 reference manual, server
#: system variables, sysvar_local_infile: "Default Value ON"; CIS GCP Foundation 1.2.0, 6.1.3:
#: "Default value for local_infile is on") and OFF from 8.0 (MySQL 8.0 manual: "Default
#: Value OFF", changed in 8.0.2). Google's Cloud SQL flag page states no default of its own, so
#: the engine's is used: a Cloud SQL MySQL 5.x instance without the flag lets clients load
#: local files (LOAD DATA LOCAL); 8.0 and later do not.
_LOCAL_INFILE_ON = ("MYSQL_5_5", "MYSQL_5_6", "MYSQL_5_7")


#: The flags that turn on IAM database authentication: PostgreSQL, MySQL
#: (https://cloud.google.com/sql/docs/postgres/iam-authentication#instance-config).
_IAM_FLAGS = ("cloudsql.iam_authentication", "cloudsql_iam_authentication")


#: PostgreSQL flags that log connections (CIS GCP 6.2.2, 6.2.3); off by default.
_CONNECTION_FLAGS = ("log_connections", "log_disconnections")


def google_sql(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Cloud SQL: IAM authentication flag, connection logging and insecure flags. Absent
    flags take the engine default (log_connections / log_disconnections off on PostgreSQL,
    local_infile on up to MySQL 5.7 and off from 8.0 (:data:`_LOCAL_INFILE_ON`);
    skip_show_database off on MySQL and remote access on on SQL Server, both insecure:
    :data:`_INSECURE_DEFAULTS`)."""
    v = r.values
    version = text(v, "database_version")
    settings = block(v, "settings")
    flags = None if settings is None else _sql_flags(settings)
    if settings is None:
        return {}
    if flags is None:
        partly = _insecure_flags_in_part(r, ctx, version, settings)
        why = _flags_not_known(settings)
        for facet in ("insecure_db_flags", "connection_logging"):
            if facet not in partly:
                ctx.note(r, facet, None, unknown=why)
        return partly
    if version is None:
        # Cloud SQL rejects a flag its engine does not have, so an IAM flag that is on says
        # the engine takes IAM logins; with neither flag on, no engine does (Managed AD is
        # SQL Server's only)
        iam = any(flags.get(f) == "on" for f in _IAM_FLAGS)
        return {"directory_auth": iam or _managed_ad(settings)}
    family = _family(version)
    out: dict[str, Any] = {"insecure_db_flags": _insecure_flags(version, flags)}
    if family == "POSTGRES":
        off = tuple(f for f in _CONNECTION_FLAGS if flags.get(f) != "on")
        out["connection_logging"] = not off
        out["connection_logging_off"] = off
        out["directory_auth"] = flags.get(_IAM_FLAGS[0]) == "on"
    elif family == "MYSQL":
        out["directory_auth"] = flags.get(_IAM_FLAGS[1]) == "on"
    else:
        out["directory_auth"] = _managed_ad(settings)
    return out


def _family(version: str) -> str:
    """The Cloud SQL engine family of ``database_version``: POSTGRES, MYSQL, SQLSERVER."""
    return next((f for f in ("POSTGRES", "MYSQL", "SQLSERVER") if version.startswith(f)), "")


def _insecure_flags(
    version: str, flags: Mapping[str, str], undetermined: Sequence[str] = ()
) -> tuple[str, ...]:
    """The insecure flags of a Cloud SQL instance: written, or an insecure engine default
    left in place (none for a flag named in ``undetermined``, nor for any when a flag's name
    is not known: ``*``)."""
    family = _family(version)
    insecure = _INSECURE_FLAGS.get(family, {})
    found = [f"{name}={value}" for name, value in flags.items() if insecure.get(name) == value]
    defaults = dict(_INSECURE_DEFAULTS.get(family, {}))
    if version.startswith(_LOCAL_INFILE_ON):
        defaults["local_infile"] = "on"
    if "*" not in undetermined:
        found.extend(
            f"{name}={value} (engine default)"
            for name, value in defaults.items()
            if name not in flags and name not in undetermined
        )
    return tuple(sorted(found))


def _insecure_flags_in_part(
    r: TfResource, ctx: TfContext, version: str | None, settings: Mapping[str, Any]
) -> dict[str, Any]:
    """Cloud SQL whose ``database_flags`` are known in part (a value or a name from an
    input): the insecure flags among the known ones are a FAIL whatever the others are; the
    others are named as not known (``Resource.undetermined``). With none insecure among the
    known, nothing is decided."""
    known, undetermined = _sql_flags_in_part(settings)
    if known is None or version is None:
        return {}
    found = _insecure_flags(version, known, undetermined)
    if not found:
        return {}
    insecure = _INSECURE_FLAGS.get(_family(version), {})
    named = [u for u in undetermined if u == "*" or u in insecure]
    if named:  # a flag not known that is no insecure one leaves the listing whole
        ctx.note(r, "insecure_db_flags", found, undetermined=named)
    return {"insecure_db_flags": found}


def _managed_ad(settings: Mapping[str, Any]) -> bool | None:
    """Whether a Cloud SQL for SQL Server instance signs users in through Managed Microsoft
    AD (Windows Authentication: ``settings.active_directory_config.domain``, cloud.google.com/
    sql/docs/sqlserver/configure-ad); SQL Server has no IAM database login."""
    directory = block(settings, "active_directory_config")
    return None if directory is None else is_set(directory, "domain")


def elasticache_auth(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """ElastiCache replication group: an AUTH token, or RBAC user groups whose default user
    needs a password (``elasticache_groups``; Redis has no AUTH by default). IAM sign-in: none
    without a user group (``normalize/defaults.py``); on when a user group of the scan holds a
    user whose ``authentication_mode`` is ``iam`` (its ``user_ids``, or an
    ``aws_elasticache_user_group_association``); else not known."""
    # a token from a variable or a secret reference is still a token
    token = r.values.get("auth_token") not in (None, "")
    groups = r.values.get("user_group_ids") not in (None, "", [])
    # at most one user group (provider docs, ``user_group_ids``): IAM when every group it
    # may be is a group of the scan holding an IAM user (not an input, not none at all)
    listed, maybe = ctx.listed(r, "user_group_ids", [USER_GROUP])
    candidates = listed + maybe
    chosen = may_be_beyond(r, "user_group_ids") or may_be_unset(r, "user_group_ids")
    auth: bool | None = token or groups
    if groups and not token:
        named = None if candidates and not chosen else _written_groups(r)
        auth, why = user_group_auth(r, ctx, candidates, named)
        _note_auth(r, ctx, auth, why)
    out: dict[str, Any] = {"auth_required": auth}
    if groups and candidates and not chosen:
        out.update(_groups_iam(r, ctx, candidates))
    return out


def _groups_iam(r: TfResource, ctx: TfContext, groups: list[TfResource]) -> dict[str, Any]:
    """IAM sign-in of a cache whose user groups (of the scan) are ``groups``: on when each
    holds a user whose ``authentication_mode`` is ``iam``; off when every user of each is
    known and none does (IAM authentication is a user's: ``IAM_DOC``); else not known, with
    the users not read."""
    found = [(group, *group_iam(group, ctx)) for group in groups]
    holder = ("its user group", "user group")
    if all(state is True for _group, state, _who in found):
        return iam_sign_in(r, ctx, True, holder, "", IAM_DOC)
    if all(state is False for _group, state, _who in found):
        users = "; ".join(f"{group.address}: {who}" for group, _state, who in found)
        return iam_sign_in(r, ctx, False, holder, users, IAM_DOC)
    unread = "; ".join(f"{group.address}: {who}" for group, state, who in found if state is None)
    return iam_sign_in(r, ctx, None, holder, unread, IAM_DOC)


def _written_groups(r: TfResource) -> str:
    """How a replication group's user groups not found in the scan are written."""
    value = r.values.get("user_group_ids")
    names = [item for item in value if isinstance(item, str)] if isinstance(value, list) else []
    return ", ".join(names) if names else "its user group"


def _note_auth(r: TfResource, ctx: TfContext, auth: bool | None, why: Text) -> None:
    if auth is None:
        ctx.note(r, "auth_required", None, unknown=why)
    else:
        ctx.note(r, "auth_required", auth, because=why)


def elasticache_serverless_auth(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """ElastiCache serverless cache: clients authenticate only through a user group
    (``user_group_id``; ``normalize.elasticache_serverless``) whose default user needs a
    password (``elasticache_groups``); IAM sign-in when that group is one of the scan holding
    an IAM user, none without a group, else not known."""
    group = is_set(r.values, "user_group_id")
    found = ctx.referenced(r, "user_group_id", [USER_GROUP])
    if group is None and found is not None:
        group = True  # a user group of the scan (its id known only at apply time)
    if group is False:
        why = elasticache_serverless.no_user_group("user_group_id")
        ctx.note(r, "auth_required", False, because=why)
        # no IAM sign-in either: labelled as the provider default (normalize/defaults.py)
        return {"auth_required": False}
    if group is None:
        ctx.note(r, "auth_required", None, unknown=elasticache_serverless.group_not_known(
            "user_group_id"
        ))
        return {"auth_required": None}
    literal = r.values.get("user_group_id")
    named = None if found is not None else (
        literal if isinstance(literal, str) and literal else "its user group"
    )
    auth, why = user_group_auth(r, ctx, [found] if found is not None else [], named)
    _note_auth(r, ctx, auth, why)
    out: dict[str, Any] = {"auth_required": auth}
    if found is not None:
        out.update(_groups_iam(r, ctx, [found]))
    return out


def _log_types(values: Mapping[str, Any]) -> tuple[str, ...] | None:
    return string_list(values, "enabled_cluster_log_types")


def eks(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """EKS: secrets envelope encryption (``encryption_config`` naming ``secrets``), control-plane
    logs (none by default; api, audit and authenticator wanted)."""
    v = r.values
    configs = blocks(v, "encryption_config")
    secrets: bool | None = None
    if configs is not None:
        secrets = False
        for config in configs:
            names = string_list(config, "resources")
            if names is None:
                secrets = None
                break
            if "secrets" in names:  # the provider block (a KMS key ARN) is required
                secrets = True
    types = _log_types(v)
    return {
        "secrets_encryption": secrets,
        "control_plane_logging": None
        if types is None
        else {"api", "audit", "authenticator"} <= set(types),
        "directory_auth": True,  # EKS authenticates every caller with IAM
        # EKS nodes live in node groups; the cluster has no node IPs of its own
    }


_AUTOPILOT_POLICY = Text(
    en="enable_autopilot = true: Autopilot clusters always run GKE Dataplane V2, which "
    "always enforces NetworkPolicy",
    th="enable_autopilot = true: คลัสเตอร์ Autopilot ใช้ GKE Dataplane V2 เสมอ "
    "ซึ่งบังคับใช้ NetworkPolicy เสมอ",
)


def gke(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """GKE: application-layer secrets encryption (off by default), Cloud Logging of the
    control plane (on unless ``logging_service = "none"``), network policy enforcement
    (``network_policy.enabled``, Dataplane V2, or Autopilot), private nodes (off by
    default)."""
    v = r.values
    encryption = block(v, "database_encryption")
    logging = text(v, "logging_service", "logging.googleapis.com/kubernetes")
    policy = block(v, "network_policy")
    datapath = text(v, "datapath_provider", "LEGACY_DATAPATH")
    private = block(v, "private_cluster_config")
    autopilot = flag(v, "enable_autopilot", False)
    enforced: bool | None
    if policy is None or datapath is None:
        enforced = None
    else:
        enforced = datapath == "ADVANCED_DATAPATH" or flag(policy, "enabled", False) is True
    if autopilot:
        # "GKE Dataplane V2 is always enabled in new Autopilot clusters" (cloud.google.com/
        # kubernetes-engine/docs/how-to/dataplane-v2), and "in clusters with GKE Dataplane
        # V2, Kubernetes NetworkPolicy is always on" (docs/concepts/dataplane-v2)
        enforced = True
        ctx.note(r, "network_policy_enforced", True, because=_AUTOPILOT_POLICY)
    elif autopilot is None and not enforced:
        enforced = None
    certificate = block(block(v, "master_auth") or {}, "client_certificate_config")
    issued = None if certificate is None else flag(certificate, "issue_client_certificate", False)
    return {
        "directory_auth": None if issued is None else not issued,
        "secrets_encryption": None
        if encryption is None
        else text(encryption, "state", "DECRYPTED") == "ENCRYPTED",
        "control_plane_logging": None if logging is None else logging != "none",
        "network_policy_enforced": enforced,
        "node_public_ip": None
        if private is None
        else not flag(private, "enable_private_nodes", False),
    }


#: Azure CNI Powered by Cilium enforces network policies itself: "Cilium enforces network
#: policies to allow or deny traffic between pods. With Cilium, you don't need to install a
#: separate network policy engine such as Azure Network Policy Manager or Calico"
#: (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium, "Network Policy
#: Enforcement"); the AKS API refuses a Cilium data plane with another engine ("Cilium
#: dataplane requires network policy cilium", CiliumDataplaneRequiresNetworkPolicyCilium) and
#: fills ``networkPolicy`` itself (azurerm's ``network_policy`` is Optional and Computed).
CILIUM_POLICY = Text(
    en="the Cilium data plane: Azure CNI Powered by Cilium enforces network policies "
    "without a separate engine (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
    th="data plane แบบ Cilium: Azure CNI Powered by Cilium บังคับใช้ network policy "
    "โดยไม่ต้องติดตั้ง engine แยก (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
)


def _aks_network_policy(r: TfResource, ctx: TfContext, profile: Mapping[str, Any]) -> bool | None:
    """Whether an AKS cluster enforces network policies: a ``network_policy`` engine written,
    or the Cilium data plane (``network_data_plane``, 4.x, "Defaults to ``azure``";
    ``ebpf_data_plane``, 3.x), which enforces them (:data:`CILIUM_POLICY`); a data plane not
    known may be Cilium."""
    written = is_set(profile, "network_policy")
    if written is not False:
        return written
    planes = [text(profile, key, "") for key in ("network_data_plane", "ebpf_data_plane")]
    if any(plane is not None and plane.strip().lower() == "cilium" for plane in planes):
        ctx.note(r, "network_policy_enforced", True, because=CILIUM_POLICY)
        return True
    return None if None in planes else False


def aks(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """AKS: KMS etcd encryption (``key_management_service``), network policy (an engine, or
    the Cilium data plane: :func:`_aks_network_policy`), node public IPs (off by default),
    local accounts (on by default)."""
    v = r.values
    profile = block(v, "network_profile")
    pool = block(v, "default_node_pool")
    node_ip = None
    if pool is not None:
        node_ip = flag(pool, "node_public_ip_enabled", None)
        if node_ip is None and pool.get("node_public_ip_enabled") is None:
            node_ip = flag(pool, "enable_node_public_ip", False)
    return {
        "secrets_encryption": is_set(v, "key_management_service"),
        "network_policy_enforced": None if profile is None else _aks_network_policy(
            r, ctx, profile
        ),
        "node_public_ip": node_ip,
        "directory_auth": flag(v, "local_account_disabled", False),
    }


#: Resources that deliver logs into a bucket, with the attribute naming the bucket.
_LOG_DELIVERIES = (
    ("aws_cloudtrail", "s3_bucket_name"),
    ("aws_s3_bucket_logging", "target_bucket"),
    ("aws_flow_log", "log_destination"),
    ("aws_lb", "access_logs"),
    ("aws_alb", "access_logs"),
    ("aws_elb", "access_logs"),
    ("aws_config_delivery_channel", "s3_bucket_name"),
)


def _receives_logs(bucket: TfResource, ctx: TfContext) -> bool | None:
    """Whether a log delivery of the root names ``bucket``; None (with the reason noted) when
    one may: its target is one of several a value not known chooses
    (``target_bucket = coalesce(var.log_bucket, aws_s3_bucket.logs.id)``)."""
    maybe: list[TfResource] = []
    for kind, attribute in _LOG_DELIVERIES:
        certain, doubt = ctx.naming(ctx.related([kind]), attribute, [bucket.type], bucket)
        if certain:
            return True
        maybe.extend(doubt)
    if not maybe:
        return False
    ctx.note(bucket, "holds_logs", None, unknown=may_send_logs(maybe[0].address))
    return None


def s3_bucket(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """S3: object lock (``object_lock_enabled``, or the legacy inline configuration) and whether
    a trail, access log, flow log or load balancer delivers logs into the bucket. New buckets
    block public access by default since April 2023 (S3 user guide, "Blocking public access"):
    without a ``aws_s3_bucket_public_access_block`` saying otherwise, the block is on."""
    v = r.values
    lock = flag(v, "object_lock_enabled", False)
    inline = block(v, "object_lock_configuration")
    if inline is None:
        lock = None
    elif inline and text(inline, "object_lock_enabled") == "Enabled":
        lock = True
    blocks_written = any(
        ctx.referenced(item, "bucket", [r.type]) is r
        for item in ctx.related(["aws_s3_bucket_public_access_block"])
    )
    if not blocks_written:
        ctx.note(r, "public_access_block", True, S3_PUBLIC_ACCESS_DEFAULT)
    return {
        "object_lock": lock,
        "holds_logs": _receives_logs(r, ctx),
        "public_access_block": True,
    }


def s3_object_lock(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_s3_bucket_object_lock_configuration``: lock on for its bucket (it can only exist on a
    bucket created with object lock)."""
    target = ctx.referenced(r, "bucket", ["aws_s3_bucket"])
    if target is None:
        return []
    return [Contribution(target.address, r.address, {"object_lock": True})]


def gcs_bucket(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """GCS: public access prevention ``enforced`` on the bucket; the default ``inherited``
    leaves it to an organisation policy outside the scan, so the bucket itself does not
    enforce it."""
    prevention = text(r.values, "public_access_prevention", "inherited")
    return {"public_access_block": None if prevention is None else prevention == "enforced"}


def inline_policy_public(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """SQS queue, SNS topic, KMS key: an inline resource policy that lets anyone in
    (``Principal: "*"`` without a condition). No policy grants nothing to others."""
    policy = policy_value(r)
    return {"public_access": None if policy is UNKNOWN else grants_public(policy)}


def _public_merge(public: bool | None) -> Callable[[Facets], dict[str, Any]]:
    def merge(facets: Facets) -> dict[str, Any]:
        if facets.public_access is True or public is False:
            return {}
        return {"public_access": public}

    return merge


def _policy_companion(attribute: str, types: list[str]) -> CompanionFn:
    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, types)
        if target is None:
            return []
        return [Contribution(target.address, r.address, merge=_public_merge(_policy_public(r)))]

    return companion


def _standalone(kind: str, reader: Callable[[TfResource, TfContext], bool | None]) -> MapFn:
    """A policy or IAM grant whose target is not in the input, judged as that target."""

    def mapping(r: TfResource, ctx: TfContext) -> Mapped:
        return kind, Facets(public_access=reader(r, ctx))

    return mapping


def _policy_public(r: TfResource, ctx: TfContext | None = None) -> bool | None:
    policy = policy_value(r)
    return None if policy is UNKNOWN else grants_public(policy)


def _zone_companion(
    attribute: str, facet: str, via: Mapping[str, str] | None = None
) -> CompanionFn:
    """A Route 53 resource that switches a zone feature on (DNSSEC signing, query logging).
    ``via``: resource types the zone may be named through (type -> its zone attribute), e.g.
    ``hosted_zone_id = aws_route53_key_signing_key.k.hosted_zone_id``, the form of the
    provider's own example for ``aws_route53_hosted_zone_dnssec``
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/route53_hosted_zone_dnssec)."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, ["aws_route53_zone"])
        if target is None and via:
            middle = ctx.target_of(r, attribute, list(via))
            if middle is not None:
                target = ctx.target_of(middle, via[middle.type], ["aws_route53_zone"])
        if target is None:
            return []
        return [Contribution(target.address, r.address, {facet: True})]

    return companion


def redshift_logging(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_redshift_logging`` (AWS provider 5.x): audit logging of the cluster it names, to
    S3 (``bucket_name``) or CloudWatch (``log_destination_type = "cloudwatch"``); the
    cluster's own ``logging`` block is the older way. Its existence turns logging on
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/redshift_logging)."""
    target = ctx.target_of(r, "cluster_identifier", ["aws_redshift_cluster"])
    if target is None:
        return []
    return [Contribution(target.address, r.address, {"access_logging": True})]


def route53_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_route53_zone``: private when attached to a VPC; DNSSEC signing and query logging
    are off unless their own resources turn them on (a private zone's by its VPCs' Resolver
    query logging: ``dns_logging``)."""
    vpcs = blocks(r.values, "vpc")
    return "network.dns_zone", Facets(
        public_endpoint=None if vpcs is None else not vpcs,
        dnssec=False,
        access_logging=private_zone_logging(r, ctx) if vpcs else False,
    )


def google_dns_zone(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_dns_managed_zone``: visibility public by default; DNSSEC ``off`` and Cloud
    Logging off unless configured (a private zone's by its networks' server policies:
    ``dns_logging``)."""
    v = r.values
    visibility = text(v, "visibility", "public")
    state = text(v, "dnssec_config.0.state", "off")
    logging = flag(v, "cloud_logging_config.0.enable_logging", False)
    return "network.dns_zone", Facets(
        public_endpoint=None if visibility is None else visibility == "public",
        dnssec=None if state is None else state == "on",
        access_logging=private_zone_logging(r, ctx)
        if visibility == "private" and logging is False else logging,
    )


def registered_domain(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_route53domains_registered_domain``: transfer lock on by default."""
    return "network.dns_zone", Facets(transfer_lock=flag(r.values, "transfer_lock", True))


def acm_certificate(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_acm_certificate``: requested from ACM (renewed by AWS) or imported (not renewed);
    Certificate Transparency logging ``ENABLED`` by default."""
    v = r.values
    imported = v.get("private_key") not in (None, "")  # present, even computed: imported
    preference = text(v, "options.0.certificate_transparency_logging_preference", "ENABLED")
    return "crypto.certificate", Facets(
        managed_renewal=None if imported is None else not imported,
        ct_logging=None if preference is None else preference == "ENABLED",
    )


def _certificate(managed: bool) -> MapFn:
    def mapping(r: TfResource, ctx: TfContext) -> Mapped:
        return "crypto.certificate", Facets(managed_renewal=managed)

    return mapping


def lambda_public(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Lambda: invoked over HTTPS only; private unless a permission or URL opens it."""
    return {"encrypted_in_transit": True, "public_access": False}


def _lambda_companion(attribute: str, reader: Callable[[TfResource], bool | None]) -> CompanionFn:
    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, ["aws_lambda_function"])
        if target is None:
            return []
        return [Contribution(target.address, r.address, merge=_public_merge(reader(r)))]

    return companion


def _permission_public(r: TfResource, ctx: TfContext | None = None) -> bool | None:
    """``aws_lambda_permission``: principal ``*`` without a source account, source ARN or
    ``principal_org_id`` lets anyone invoke the function. A permission limited by one of them
    lets in only that source, whatever the principal (terraform-aws-modules/alb's
    ``"elasticloadbalancing.${...dns_suffix}"`` with ``source_arn`` = its target group was
    UNKNOWN); a limit that may be null (an input) leaves ``*`` not known (it PASSed). A
    principal written as text around values not known (``"arn:aws:iam::${var.account}:role/
    ${var.role}"``: ``TEXT_PARTIALS``) is never ``*``: its written text is in the value, and IAM
    refuses a principal ARN with a wildcard part (as CloudFormation's
    ``aws_services.never_everyone``; it was UNKNOWN)."""
    limits = [is_written(r, name) for name in ("source_account", "source_arn", "principal_org_id")]
    if True in limits:
        return False
    principal = r.values.get("principal")
    if principal is UNKNOWN:
        return False if _written_beside_unknown(r.partial.get("principal")) else None
    if principal != "*":
        return False
    return None if None in limits else True


def _written_beside_unknown(rendered: str | None) -> bool:
    """Whether a principal's ``TEXT_PARTIALS`` rendering (JSON text) can never be everyone
    (``principal_text.may_be_everyone``: written text beside its values not known, other than
    an account's root ARN whose account may be ``*``). An identifier AWS assigns
    (``AWS_ID_TEXT``: ``data.aws_caller_identity``'s account id) is never ``*``; a text known
    only to be non-empty (``NON_EMPTY_TEXT``) may be."""
    if rendered is None:
        return False
    try:
        text = json.loads(rendered)
    except ValueError:
        return False
    if not isinstance(text, str):
        return False
    text = text.replace(AWS_ID_TEXT, "0").replace(NON_EMPTY_TEXT, UNKNOWN_TEXT)
    return not may_be_everyone(text, UNKNOWN_TEXT)


def _url_public(r: TfResource, ctx: TfContext | None = None) -> bool | None:
    """``aws_lambda_function_url`` with ``authorization_type = "NONE"``."""
    value = text(r.values, "authorization_type")
    return None if value is None else value.upper() == "NONE"


def web_app(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """App Service: remote debugging (``site_config.remote_debugging_enabled``, off by
    default)."""
    site = block(r.values, "site_config")
    return {
        "remote_debugging": None if site is None else flag(site, "remote_debugging_enabled", False)
    }


def azure_redis(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Azure Cache for Redis requires an access key or Entra ID token unless
    ``redis_configuration.authentication_enabled`` is false: "If set to `false`, the Redis
    instance will be accessible without authentication. Defaults to `true`" (azurerm
    redis_cache page; possible only in a virtual network, ``subnet_id``)."""
    settings = block(r.values, "redis_configuration")
    if settings is None:
        return {"auth_required": None}
    return {"auth_required": flag(settings, "authentication_enabled", True)}


def memcached_or_redis_cluster(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``aws_elasticache_cluster`` outside a replication group has no AUTH and no user group,
    so no IAM sign-in (``normalize.defaults.ELASTICACHE_IAM_AUTH``); in one, its group's are
    judged on the group (``normalize/absent.py``)."""
    alone = not in_replication_group(r.values)
    return {"auth_required": False if alone else None, "directory_auth": False if alone else None}


def gcp_basic_role(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """GCP IAM: owner, editor and viewer are the basic (primitive) roles; a custom role of
    the scan named by reference (``google_refs.custom_role``) is none of them."""
    role = text(r.values, "role")
    if role is None:
        return {"basic_role": False if custom_role(r, ctx) is not None else None}
    return {"basic_role": role in {"roles/owner", "roles/editor", "roles/viewer"}}


def secret_manager_secret(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_secret_manager_secret``: rotation schedule (none by default)."""
    rotation = block(r.values, "rotation")
    return "crypto.secret", Facets(
        encrypted_at_rest=True,
        key_rotation=None if rotation is None else is_set(rotation, "rotation_period"),
    )


#: New types of the DNS, certificate and secret rules.
NEW_TYPES: dict[str, MapFn] = {
    "aws_route53_zone": route53_zone,
    "google_dns_managed_zone": google_dns_zone,
    "aws_route53domains_registered_domain": registered_domain,
    "aws_acm_certificate": acm_certificate,
    "google_compute_managed_ssl_certificate": _certificate(True),
    "google_certificate_manager_certificate": _certificate(True),
    "google_compute_ssl_certificate": _certificate(False),
    "azurerm_app_service_managed_certificate": _certificate(True),
    "google_secret_manager_secret": secret_manager_secret,
}

#: Grants mapped as the resource they open when that resource is not in the input.
STANDALONE: dict[str, MapFn] = {
    "aws_sqs_queue_policy": _standalone("messaging.queue", _policy_public),
    "aws_sns_topic_policy": _standalone("messaging.topic", _policy_public),
    "aws_ecr_repository_policy": _standalone("container.registry", _policy_public),
    "aws_kinesis_resource_policy": _standalone("messaging.stream", _policy_public),
    "google_pubsub_topic_iam_member": iam_standalone("messaging.topic"),
    "google_pubsub_topic_iam_binding": iam_standalone("messaging.topic"),
    "google_kms_crypto_key_iam_member": iam_standalone("crypto.key"),
    "google_kms_crypto_key_iam_binding": iam_standalone("crypto.key"),
    "google_pubsub_topic_iam_policy": iam_standalone("messaging.topic"),
    "google_kms_crypto_key_iam_policy": iam_standalone("crypto.key"),
    "google_kms_key_ring_iam_member": iam_standalone("crypto.key"),
    "google_kms_key_ring_iam_binding": iam_standalone("crypto.key"),
    "google_kms_key_ring_iam_policy": iam_standalone("crypto.key"),
    "google_artifact_registry_repository_iam_member": iam_standalone("container.registry"),
    "google_artifact_registry_repository_iam_binding": iam_standalone("container.registry"),
    "google_artifact_registry_repository_iam_policy": iam_standalone("container.registry"),
    "aws_lambda_permission": _standalone("compute.function", _permission_public),
    "aws_lambda_function_url": _standalone("compute.function", _url_public),
}

_TOPIC = ["google_pubsub_topic"]
_KEY = ["google_kms_crypto_key"]
_RING = ["google_kms_key_ring"]
#: IAM grants on a KMS key ring.
KEY_RING_GRANTS = (
    "google_kms_key_ring_iam_member",
    "google_kms_key_ring_iam_binding",
    "google_kms_key_ring_iam_policy",
)


def _ring_keys(r: TfResource, ctx: TfContext) -> tuple[list[TfResource], list[TfResource]]:
    """The keys of the key ring a grant names (``key_ring_id``), and those that may be in it
    (``key_ring = coalesce(var.ring, google_kms_key_ring.r.id)``: an input may name another
    ring): by reference to a ring in the scan, else by the same literal ring id written as the
    key's ``key_ring``."""
    ring = ctx.target_of(r, "key_ring_id", _RING)
    keys = ctx.by_type.get("google_kms_crypto_key", [])
    if ring is not None:
        return ctx.naming(keys, "key_ring", _RING, ring)
    literal = r.values.get("key_ring_id")
    if not isinstance(literal, str) or not literal:
        return [], []
    return [k for k in keys if k.module == r.module and k.values.get("key_ring") == literal], []


def key_ring_iam(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_kms_key_ring_iam_*``: a key ring's IAM policy is inherited by every key in it
    ("a principal with a role on a key ring has it on all keys in the key ring",
    cloud.google.com/kms/docs/resource-hierarchy#inheritance), so a grant to everyone opens each
    key of the ring in the scan; a key that may be in the ring (a value not known chooses its
    ring) may be opened: its access is not known. No key in the scan: judged alone as a key
    (STANDALONE)."""
    keys, maybe = _ring_keys(r, ctx)
    if not keys and not maybe:
        return []
    merge = grant_merge(iam_grants(r, ctx), r)
    return [Contribution(key.address, r.address, merge=merge) for key in keys] + [
        Contribution(key.address, r.address, merge=merge, uncertain=may_configure(r.address))
        for key in maybe
    ]


_REPOSITORY = ["google_artifact_registry_repository"]

COMPANIONS: dict[str, CompanionFn] = {
    "aws_route53_hosted_zone_dnssec": _zone_companion(
        "hosted_zone_id", "dnssec", via={"aws_route53_key_signing_key": "hosted_zone_id"}
    ),
    "aws_route53_query_log": _zone_companion("zone_id", "access_logging"),
    "aws_redshift_logging": redshift_logging,
    "aws_route53_resolver_query_log_config_association": resolver_query_logging,
    "google_dns_policy": google_dns_policy_logging,
    "aws_lambda_permission": _lambda_companion("function_name", _permission_public),
    "aws_lambda_function_url": _lambda_companion("function_name", _url_public),
    "aws_sqs_queue_policy": _policy_companion("queue_url", ["aws_sqs_queue"]),
    "aws_sns_topic_policy": _policy_companion("arn", ["aws_sns_topic"]),
    "aws_ecr_repository_policy": _policy_companion("repository", ["aws_ecr_repository"]),
    "aws_kinesis_resource_policy": _policy_companion("resource_arn", ["aws_kinesis_stream"]),
    "google_pubsub_topic_iam_member": iam_companion("topic", _TOPIC),
    "google_pubsub_topic_iam_binding": iam_companion("topic", _TOPIC),
    "google_pubsub_topic_iam_policy": iam_companion("topic", _TOPIC),
    "google_kms_crypto_key_iam_member": iam_companion("crypto_key_id", _KEY),
    "google_kms_crypto_key_iam_binding": iam_companion("crypto_key_id", _KEY),
    "google_kms_crypto_key_iam_policy": iam_companion("crypto_key_id", _KEY),
    **dict.fromkeys(KEY_RING_GRANTS, key_ring_iam),
    "google_artifact_registry_repository_iam_member": iam_companion("repository", _REPOSITORY),
    "google_artifact_registry_repository_iam_binding": iam_companion("repository", _REPOSITORY),
    "google_artifact_registry_repository_iam_policy": iam_companion("repository", _REPOSITORY),
    "aws_s3_bucket_object_lock_configuration": s3_object_lock,
}


def iam_only(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Services that only accept IAM-signed requests (DynamoDB)."""
    return {"directory_auth": True}


def resource_policy_only(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Kinesis data streams: shared outside the account only by a resource policy
    (``aws_kinesis_resource_policy``, applied afterwards by its companion); none grants
    nothing (docs.aws.amazon.com/kinesis/latest/APIReference/API_PutResourcePolicy.html)."""
    return {"public_access": False}


def google_iam_only_public(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Pub/Sub topics and KMS keys are public only through an IAM grant on the resource itself
    (``allUsers`` cannot be granted on a project); the grants found in the input are applied
    afterwards by the IAM companions."""
    return {"public_access": False}


EXTRAS: dict[str, ExtraFn] = {
    "aws_lambda_function": lambda_public,
    "azurerm_app_service": web_app,
    "azurerm_linux_web_app": web_app,
    "azurerm_windows_web_app": web_app,
    "azurerm_function_app": web_app,
    "azurerm_linux_function_app": web_app,
    "azurerm_windows_function_app": web_app,
    "azurerm_app_service_slot": web_app,
    "azurerm_function_app_slot": web_app,
    "azurerm_linux_function_app_slot": web_app,
    "azurerm_windows_function_app_slot": web_app,
    "azurerm_linux_web_app_slot": web_app,
    "azurerm_windows_web_app_slot": web_app,
    "azurerm_redis_cache": azure_redis,
    "aws_elasticache_cluster": memcached_or_redis_cluster,
    "google_project_iam_member": gcp_basic_role,
    "google_project_iam_binding": gcp_basic_role,
    "google_folder_iam_member": gcp_basic_role,
    "google_folder_iam_binding": gcp_basic_role,
    "google_organization_iam_member": gcp_basic_role,
    "google_organization_iam_binding": gcp_basic_role,
    "google_pubsub_topic": google_iam_only_public,
    "google_kms_crypto_key": google_iam_only_public,
    "aws_sqs_queue": inline_policy_public,
    "aws_kinesis_stream": resource_policy_only,
    "aws_sns_topic": inline_policy_public,
    "aws_kms_key": inline_policy_public,
    "aws_dynamodb_table": iam_only,
    "aws_s3_bucket": s3_bucket,
    "google_storage_bucket": gcs_bucket,
    "aws_instance": aws_instance,
    "aws_spot_instance_request": aws_instance,
    "aws_launch_template": aws_instance,
    "aws_launch_configuration": aws_instance,
    "aws_eks_node_group": aws_eks_node_group,
    "google_compute_instance": google_instance,
    "google_compute_instance_template": google_instance,
    "google_compute_region_instance_template": google_instance,
    "google_compute_instance_from_template": google_instance,
    "openstack_compute_instance_v2": server_user_data,
    "huaweicloud_compute_instance": server_user_data,
    "huaweicloud_as_configuration": server_user_data,
    "huaweicloud_as_configuration_v1": server_user_data,
    **dict.fromkeys(LAUNCHED_TYPES, server_user_data),
    "alicloud_ess_scaling_configuration": server_user_data,
    "alicloud_ecs_launch_template": server_user_data,
    "alicloud_launch_template": server_user_data,
    "azurerm_linux_virtual_machine_scale_set": azure_vm,
    "azurerm_windows_virtual_machine_scale_set": azure_vm,
    "azurerm_linux_virtual_machine": azure_vm,
    "azurerm_windows_virtual_machine": azure_vm,
    "azurerm_virtual_machine": azure_vm,
    "aws_db_instance": aws_db_iam,
    "aws_rds_cluster": aws_db_iam,
    "aws_neptune_cluster": aws_db_iam,
    "azurerm_mssql_server": azure_sql_server,
    "azurerm_sql_server": azure_sql_server,
    "azurerm_cosmosdb_account": cosmosdb,
    "google_sql_database_instance": google_sql,
    "aws_elasticache_replication_group": elasticache_auth,
    "aws_memorydb_cluster": memorydb_iam,
    "aws_elasticache_serverless_cache": elasticache_serverless_auth,
    "aws_eks_cluster": eks,
    "google_container_cluster": gke,
    "azurerm_kubernetes_cluster": aks,
}
