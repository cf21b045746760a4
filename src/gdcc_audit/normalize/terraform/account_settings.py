"""Account- and Region-wide AWS settings, credited only to the resources they reach.

``aws_ebs_encryption_by_default`` or ``aws_ec2_serial_console_access`` is not a property of one
resource: it holds for every resource created *in the same AWS account and Region* ("for your
AWS account in the current AWS region", provider docs). A Terraform root may hold several
provider configurations (``provider = aws.eu``, a module given ``providers = { aws = aws.dr }``,
a ``region`` argument on the resource itself in provider v6): a setting declared under one of
them says nothing about resources under another one in a different Region or account.

Whether a setting reaches a resource:

- both use the **same provider configuration** (same key after resolving ``provider``
  meta-arguments and module ``providers`` maps) and neither overrides ``region`` itself: yes,
  whatever the region is (a ``var.region`` without a value is still one value);
- both Regions are **known and differ**: no (for a Region-wide setting);
- both Regions are known and equal, or both come the same way (the same ``var.region`` of one
  module; or both configurations omit ``region`` *and* read credentials the same way, so the
  same environment variables and profile give both their Region): then the account decides;
- the **account** is the same when the two configurations are the same one, or when they
  differ only in ``region``, ``alias``, tags and retry settings (every argument that may pick
  other credentials, such as ``profile``, ``assume_role`` or ``access_key``, written the same
  in both); it provably differs when both assume roles whose ARNs name different account ids,
  or when both list ``allowed_account_ids`` with no id in common; otherwise it is unknown;
- anything else cannot be told: the setting's effect on the resource is unknown, and the
  facet it decides is UNKNOWN with a reason naming the setting, never a PASS.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.context import TfContext, may_be_beyond, may_be_unset
from gdcc_audit.normalize.terraform.keyed import key_is_customer_managed
from gdcc_audit.normalize.terraform.values import flag

__all__ = [
    "Setting",
    "ebs_default_kms_key",
    "ebs_encryption_by_default",
    "enabled_setting",
    "instance_metadata_defaults",
    "placement",
    "reaches",
    "s3_account_blocks_all",
    "s3_account_setting",
    "same_account",
    "serial_console_access",
]


#: Provider arguments that choose neither the account nor the credentials: two configurations
#: that differ only in these (and ``region``) act in the same account.
_NOT_ACCOUNT = frozenset(
    {
        "region",
        "alias",
        "default_tags",
        "ignore_tags",
        "max_retries",
        "retry_mode",
        "version",
        "skip_metadata_api_check",
        "skip_region_validation",
        "skip_credentials_validation",
        "skip_requesting_account_id",
    }
)

_ARN_ACCOUNT = re.compile(r"^arn:[^:]+:iam::(\d{12}):")


@dataclass(frozen=True)
class _Config:
    """A provider configuration as the scan sees it (``values`` None: not in the input)."""

    key: str
    values: Mapping[str, Any] | None
    module: str = ""
    symbols: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Setting:
    """What an account or Region setting gives one resource: ``on`` True (the setting is on
    where the resource is), False (off, declared elsewhere or absent: the documented default)
    or None with ``because`` saying why it cannot be known."""

    on: bool | None
    because: Text | None = None


def _configs(ctx: TfContext) -> dict[str, _Config]:
    """Provider configurations of the root by key, computed once per root."""
    shared = ctx.document.whole_root
    cache = shared.cache if shared is not None else None
    if cache is not None and "provider_configs" in cache:
        found: dict[str, _Config] = cache["provider_configs"]
        return found
    configs: dict[str, _Config] = {}
    for key, values in (getattr(ctx.document, "providers", None) or {}).items():
        if isinstance(values, Mapping):
            configs[str(key)] = _Config(str(key), values)
    for provider in ctx.by_type.get("provider", ()):
        key = provider.provider_config or provider.name
        configs[key] = _Config(key, provider.values, provider.module, provider.symbols)
    if cache is not None:
        cache["provider_configs"] = configs
    return configs


def _config_of(resource: TfResource, ctx: TfContext) -> _Config | None:
    """The configuration ``resource`` uses; an implicit empty one for a default configuration
    that no block declares (HCL only: Terraform then configures the provider from the
    environment); None when it cannot be found (a plan or state without it)."""
    key = resource.provider_config
    hcl = getattr(ctx.document, "source", "hcl") == "hcl"
    if not key:
        if not hcl:
            return None  # a state file: which configuration made it is not recorded
        key = resource.provider.rsplit("/", 1)[-1]
    found = _configs(ctx).get(key)
    if found is None and hcl and "." not in key:
        found = _Config(key, {})
    return found


#: ("known", "eu-west-1"), ("absent", None), ("symbol", "module|var.region"), ("unknown", None)
_Region = tuple[str, Any]


def _region_of(
    values: Mapping[str, Any], module: str, symbols: Mapping[str, str] | None
) -> _Region:
    value = values.get("region")
    if value is None:
        return ("absent", None)
    if isinstance(value, str) and value:
        return ("known", value)
    symbol = (symbols or {}).get("region") if value is UNKNOWN else None
    if symbol is not None:
        return ("symbol", f"{module}|{symbol}")
    return ("unknown", None)


def _account_ids(values: Mapping[str, Any]) -> set[str] | None:
    """Account ids a configuration can only be in (from ``assume_role`` ARNs or
    ``allowed_account_ids``), None when the input does not pin it."""
    roles = values.get("assume_role")
    if isinstance(roles, list) and len(roles) == 1 and isinstance(roles[0], Mapping):
        arn = roles[0].get("role_arn")
        match = _ARN_ACCOUNT.match(arn) if isinstance(arn, str) else None
        if match is not None:
            return {match.group(1)}
    allowed = values.get("allowed_account_ids")
    if isinstance(allowed, list) and allowed and all(isinstance(i, str) for i in allowed):
        return set(allowed)
    return None


def _same_account(a: _Config, b: _Config) -> bool | None:
    if a.key == b.key:
        return True
    if a.values is None or b.values is None:
        return None
    ids_a, ids_b = _account_ids(a.values), _account_ids(b.values)
    if ids_a is not None and ids_b is not None and not ids_a & ids_b:
        return False

    left, right = _credentials(a.values), _credentials(b.values)
    if left is None or right is None or left != right:
        return None
    return True


def _credentials(values: Mapping[str, Any]) -> dict[str, Any] | None:
    """The arguments of a configuration that may choose its account (None: one is UNKNOWN)."""
    chosen = {k: v for k, v in values.items() if k not in _NOT_ACCOUNT}
    return None if any(_holds_unknown(v) for v in chosen.values()) else chosen


def _holds_unknown(value: Any) -> bool:
    if value is UNKNOWN:
        return True
    if isinstance(value, Mapping):
        return any(_holds_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(_holds_unknown(v) for v in value)
    return False


def _describe(config: _Config | None, region: _Region) -> str:
    if config is None:
        return "a provider configuration not in the input"
    kind, value = region
    if kind == "known":
        where = f"region {value}"
    elif kind == "absent":
        where = "no region: taken from the environment"
    elif kind == "symbol":
        where = f"region from {str(value).split('|', 1)[-1]}"
    else:
        where = "a region not known from the input"
    return f"provider configuration {config.key} ({where})"


def _credentials_differ(setting: TfResource, resource: TfResource, ctx: TfContext) -> str:
    """``; credentials chosen differently (profile)``: the arguments that may put two
    configurations in different accounts, when they are why the account is not known."""
    a, b = _config_of(setting, ctx), _config_of(resource, ctx)
    if a is None or b is None or a.values is None or b.values is None:
        return ""
    if _same_account(a, b) is not None:
        return ""
    left = {k: v for k, v in a.values.items() if k not in _NOT_ACCOUNT}
    right = {k: v for k, v in b.values.items() if k not in _NOT_ACCOUNT}
    names = sorted(
        k
        for k in left.keys() | right.keys()
        if left.get(k) != right.get(k) or _holds_unknown(left.get(k))
    )
    if not names:
        return ""
    listed = ", ".join(names)
    return f"; credentials chosen differently or not known ({listed}): maybe another account"


def placement(resource: TfResource, ctx: TfContext) -> str:
    """Where ``resource`` is, in words: its provider configuration and Region."""
    config = _config_of(resource, ctx)
    return _describe(config, _effective_region(resource, config))


def reaches(setting: TfResource, resource: TfResource, ctx: TfContext) -> bool | None:
    """Whether ``setting`` holds where ``resource`` is: True, False, or None when it cannot
    be told from the input."""
    own, other = _config_of(resource, ctx), _config_of(setting, ctx)
    if own is None or other is None:
        return None
    account = _same_account(own, other)
    r_region = _effective_region(resource, own)
    s_region = _effective_region(setting, other)
    region: bool | None = None
    overridden = "region" in resource.values or "region" in setting.values
    if own.key == other.key and not overridden:
        region = True
    elif r_region[0] == s_region[0] == "known":
        region = r_region[1] == s_region[1]
    elif r_region[0] == s_region[0] == "symbol" and r_region[1] == s_region[1]:
        region = True
    elif r_region[0] == s_region[0] == "absent" and account is True:
        region = True  # same credentials and profile, same environment: the same Region
    if region is False or account is False:
        return False
    if region is True and account is True:
        return True
    return None


def same_account(setting: TfResource, resource: TfResource, ctx: TfContext) -> bool | None:
    """Whether ``setting`` and ``resource`` act in the same AWS account, whatever their
    Regions (an account-wide setting reaches every Region): True, False, or None when it
    cannot be told from the input."""
    own, other = _config_of(resource, ctx), _config_of(setting, ctx)
    if own is None or other is None:
        return None
    return _same_account(own, other)


def _effective_region(resource: TfResource, config: _Config | None) -> _Region:
    """The resource's own ``region`` argument (AWS provider v6) when written, else its
    provider configuration's."""
    if resource.values.get("region") is not None:
        return _region_of(resource.values, resource.module, resource.symbols)
    if config is None or config.values is None:
        return ("unknown", None)
    return _region_of(config.values, config.module, config.symbols)


def enabled_setting(
    resource: TfResource,
    ctx: TfContext,
    kind: str,
    name: Text,
    enabled: Callable[[TfResource], bool | None] | None = None,
    account_wide: bool = False,
) -> Setting:
    """Whether the setting resources of type ``kind`` (on by ``enabled``, default: their
    ``enabled`` argument, which defaults to true) turn the setting on where ``resource`` is
    (``account_wide``: in its account, whatever the Region; else in its account and Region).

    Off when none reaches it (the documented default of these settings is off); on when every
    one that reaches it is on; unknown when one that may reach it may be on, or when two
    that reach it disagree (which one Terraform applies last cannot be told)."""
    # a data source of the same type only reads the setting: it turns nothing on
    found = [item for item in ctx.by_type.get(kind, ()) if item.mode == "managed"]
    if not found:
        return Setting(False)
    read = enabled or (lambda item: flag(item.values, "enabled", True))
    values: list[bool | None] = []
    doubts: list[str] = []
    for item in found:
        value = read(item)
        reached = (same_account if account_wide else reaches)(item, resource, ctx)
        if reached is True:
            values.append(value)
            if value is None:
                doubts.append(f"{item.address}: its value is not known from the input")
        elif reached is None and value is not False:
            doubts.append(
                f"{item.address} is under {placement(item, ctx)}, this resource under "
                f"{placement(resource, ctx)}{_credentials_differ(item, resource, ctx)}"
            )
    if values and all(v is True for v in values) and not doubts:
        return Setting(True)
    if values and all(v is False for v in values) and not doubts:
        return Setting(False)
    if not values and not doubts:
        return Setting(False)
    if len(set(values)) > 1 and None not in values:
        doubts.append("settings that reach it disagree")
    detail = "; ".join(doubts)
    scope_en = "in every Region of one account" if account_wide else "per Region and account"
    scope_th = "ทุก Region ของบัญชีเดียวกัน" if account_wide else "รายบัญชีและ Region"
    return Setting(
        None,
        Text(
            en=f"{name.en} holds {scope_en}; whether it reaches this resource is "
            f"not known: {detail}",
            th=f"{name.th} มีผล{scope_th} ไม่ทราบว่ามีผลกับทรัพยากรนี้หรือไม่: {detail}",
        ),
    )


_EBS_DEFAULT = Text(
    en="EBS encryption by default (aws_ebs_encryption_by_default)",
    th="การเข้ารหัส EBS โดยปริยาย (aws_ebs_encryption_by_default)",
)
_SERIAL_CONSOLE = Text(
    en="EC2 serial console access (aws_ec2_serial_console_access)",
    th="การเข้าถึง EC2 serial console (aws_ec2_serial_console_access)",
)


def ebs_encryption_by_default(resource: TfResource, ctx: TfContext) -> Setting:
    """Whether new EBS volumes where ``resource`` is are encrypted whatever they ask: "for your
    AWS account in the current AWS region", ``enabled`` defaulting to true
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_encryption_by_default);
    off unless turned on (docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html)."""
    return enabled_setting(
        resource, ctx, "aws_ebs_encryption_by_default", _EBS_DEFAULT
    )


def serial_console_access(resource: TfResource, ctx: TfContext) -> Setting:
    """Whether the EC2 serial console is open where ``resource`` is: "for your AWS account in
    the current AWS region", ``enabled`` defaulting to true
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_serial_console_access);
    off by default (EC2 API reference, EnableSerialConsoleAccess)."""
    return enabled_setting(
        resource, ctx, "aws_ec2_serial_console_access", _SERIAL_CONSOLE
    )


_IMDS_DEFAULTS = Text(
    en="EC2 instance metadata defaults (aws_ec2_instance_metadata_defaults)",
    th="ค่าเริ่มต้น metadata ของ EC2 (aws_ec2_instance_metadata_defaults)",
)


def _requires_tokens(item: TfResource) -> bool | None:
    tokens = item.values.get("http_tokens")
    if tokens is UNKNOWN:
        return None
    return isinstance(tokens, str) and tokens.strip().lower() == "required"


def instance_metadata_defaults(resource: TfResource, ctx: TfContext) -> Setting:
    """Whether instances launched where ``resource`` is require IMDSv2 by the account and
    Region default: ``aws_ec2_instance_metadata_defaults`` "manages regional EC2 instance
    metadata default settings" with ``http_tokens`` ``optional``, ``required`` or
    ``no-preference``
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ec2_instance_metadata_defaults);
    the account-level values apply at launch when the launch parameters do not set them
    (EC2 user guide, "Order of precedence for instance metadata options")."""
    return enabled_setting(
        resource,
        ctx,
        "aws_ec2_instance_metadata_defaults",
        _IMDS_DEFAULTS,
        _requires_tokens,
    )


_EBS_KEY = Text(
    en="the default KMS key for EBS encryption (aws_ebs_default_kms_key)",
    th="กุญแจ KMS เริ่มต้นของการเข้ารหัส EBS (aws_ebs_default_kms_key)",
)


#: Key resources: a key one of them makes is always the customer's.
_KEY_TYPES = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key")


def _customer_key(item: TfResource) -> bool | None:
    """An ``aws_ebs_default_kms_key``'s ``key_arn``: a key resource (``aws_kms_key.x.arn``)
    or a literal that names no AWS-managed key; unknown otherwise."""
    for ref in item.references:
        parts = ref.target.split(".")
        while len(parts) > 2 and parts[0] == "module":
            parts = parts[2:]
        if ref.attribute.startswith("key_arn") and parts and parts[0] in _KEY_TYPES:
            # not when an input or null may be chosen instead (``coalesce(var.key, ...)``)
            return None if may_be_beyond(item, "key_arn") or may_be_unset(item, "key_arn") else True
    return key_is_customer_managed(item.values.get("key_arn"))


def ebs_default_kms_key(resource: TfResource, ctx: TfContext) -> Setting:
    """Whether encrypted EBS volumes created without a key where ``resource`` is use a
    customer-managed key: "Your AWS account has an AWS-managed default CMK that is used for
    encrypting an EBS volume when no CMK is specified in the API call that creates the volume.
    By using the aws_ebs_default_kms_key resource, you can specify a customer-managed CMK to
    use in place of the AWS-managed default CMK"
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_default_kms_key);
    set "for your account in this Region" (EC2 API reference, ModifyEbsDefaultKmsKeyId)."""
    return enabled_setting(
        resource, ctx, "aws_ebs_default_kms_key", _EBS_KEY, _customer_key
    )


_S3_ACCOUNT_BLOCK = Text(
    en="S3 Block Public Access for the account (aws_s3_account_public_access_block)",
    th="การปิดกั้นการเข้าถึงสาธารณะของ S3 ระดับบัญชี (aws_s3_account_public_access_block)",
)
_S3_BLOCK_TYPE = "aws_s3_account_public_access_block"
_S3_BLOCK_SETTINGS = (
    "block_public_acls",
    "block_public_policy",
    "ignore_public_acls",
    "restrict_public_buckets",
)


def _all_on(names: tuple[str, ...]) -> Callable[[TfResource], bool | None]:
    """Whether every one of ``names`` is true (each false unless set, as the provider's
    arguments default)."""

    def read(item: TfResource) -> bool | None:
        values = [flag(item.values, name, False) for name in names]
        if all(value is True for value in values):
            return True
        return None if any(value is None for value in values) else False

    return read


def s3_account_setting(resource: TfResource, ctx: TfContext, name: str) -> Setting:
    """Whether the account-level S3 Block Public Access turns ``name`` on where ``resource``
    (a bucket) is: ``ignore_public_acls`` (public ACLs are ignored) or
    ``restrict_public_buckets`` (a public policy lets in only AWS service principals and the
    bucket owner's account), each false unless set
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/s3_account_public_access_block).
    The account settings hold in every AWS Region of the account (S3 user guide, "Blocking
    public access to your Amazon S3 storage", account settings), and where bucket and account
    settings differ S3 "uses the most restrictive combination of the bucket-level and
    account-level settings" (S3 API reference, PutPublicAccessBlock;
    docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html)."""
    return enabled_setting(
        resource, ctx, _S3_BLOCK_TYPE, _S3_ACCOUNT_BLOCK, _all_on((name,)), account_wide=True
    )


def s3_account_blocks_all(resource: TfResource, ctx: TfContext) -> Setting:
    """Whether the account-level S3 Block Public Access has all four settings on where
    ``resource`` (a bucket) is: the bucket then blocks public access whatever its own block
    says (GDCC-DATA-006)."""
    return enabled_setting(
        resource,
        ctx,
        _S3_BLOCK_TYPE,
        _S3_ACCOUNT_BLOCK,
        _all_on(_S3_BLOCK_SETTINGS),
        account_wide=True,
    )
