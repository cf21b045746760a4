"""CloudFormation facets of the wider rule set, for types ``aws_*`` modules already map.

Each function reads the resolved properties and returns facet updates, applied where the
type's own mapper left the facet unknown. Absent properties take the AWS documented default.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    UNKNOWN,
    as_bool,
    as_list,
    as_str,
    cluster_member,
    detect_secrets,
    dig,
    is_known,
)
from gdcc_audit.normalize.defaults import SERIAL_CONSOLE_DEFAULT
from gdcc_audit.normalize.user_data_login import password_login
from gdcc_audit.secrets.detect import TOO_BIG, decoded_user_data

ExtraFn = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class Defaulted:
    """An extra facet's value that a documented default gave, with its label."""

    value: Any
    label: DefaultedFacet


#: No template can turn on EC2 serial console access (an account setting, off by default):
#: as for ``aws_instance`` without ``aws_ec2_serial_console_access`` in the scan.
_SERIAL_CONSOLE = Defaulted(False, SERIAL_CONSOLE_DEFAULT)


def _imds(options: Any) -> bool | None:
    """``MetadataOptions``: tokens required or endpoint disabled; ``HttpTokens`` defaults to
    ``optional`` (EC2 API reference, InstanceMetadataOptionsRequest)."""
    if options is None:
        return False
    if not isinstance(options, Mapping):
        return None
    tokens = options.get("HttpTokens", "optional")
    endpoint = options.get("HttpEndpoint", "enabled")
    if not is_known(tokens) or not is_known(endpoint):
        return None
    return str(endpoint) == "disabled" or str(tokens) == "required"


#: Where each instance-like type writes its user data.
USER_DATA = {
    "AWS::EC2::Instance": ("UserData",),
    "AWS::AutoScaling::LaunchConfiguration": ("UserData",),
    "AWS::EC2::LaunchTemplate": ("LaunchTemplateData", "UserData"),
}


def encoded_secret(value: Any) -> bool | None:
    """Whether user data written as a literal holds a secret once base64-decoded (EC2 takes
    ``UserData`` base64-encoded: "The user data must be base64-encoded", AWS::EC2::Instance
    and LaunchTemplateData references; ``Fn::Base64`` resolves to its plain text, scanned as
    it is). None when a gzip inflates past what is read; False when the text is not base64
    of UTF-8 text (it is then scanned as written only)."""
    if not isinstance(value, str):
        return False
    text = decoded_user_data(value)
    if text == TOO_BIG:
        return None
    return bool(text) and bool(detect_secrets({"UserData": text}))


#: Dynamic references whose value is a secret: "The secretsmanager dynamic reference can be
#: used in all resource properties. ... the secret value may show up in the service whose
#: resource it's being used in" (CloudFormation User Guide, "Get a secret or secret value from
#: Secrets Manager"); in user data it is readable by anyone who can describe the instance.
#: (``ssm-secure`` is refused outside a few properties, ``UserData`` not among them.)
SECRET_REFERENCE = re.compile(r"\{\{resolve:(secretsmanager|ssm-secure):")
#: How user data holding one is named (GDCC-CMP-005's message), by service. A plain ``ssm``
#: reference reads a String parameter (no secret store: a reference, as an AMI id's is).
DYNAMIC_REFERENCE = "Secrets Manager dynamic reference"
SECURE_REFERENCE = "SSM SecureString dynamic reference"
_REFERENCE_NAMES = {"secretsmanager": DYNAMIC_REFERENCE, "ssm-secure": SECURE_REFERENCE}


def secret_references(text: str) -> tuple[str, ...]:
    """How the secret dynamic references in ``text`` are named, each service once."""
    return tuple(dict.fromkeys(
        _REFERENCE_NAMES[m.group(1)] for m in SECRET_REFERENCE.finditer(text)
    ))


def _user_data(value: Any) -> tuple[str, ...] | None:
    if value is None:
        return ()
    if not is_known(value):
        return None
    found = detect_secrets({"UserData": value})
    if found:
        return found
    if isinstance(value, str) and (references := secret_references(value)):
        return tuple(f"UserData ({name})" for name in references)
    encoded = encoded_secret(value)
    return None if encoded is None else ("UserData",) if encoded else ()


def instance(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::EC2::Instance``."""
    return {
        "metadata_tokens_required": _imds(props.get("MetadataOptions")),
        "user_data_secrets": _user_data(props.get("UserData")),
        "serial_console": _SERIAL_CONSOLE,
        "password_auth": password_login(props.get("UserData")),
    }


def launch_template(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::EC2::LaunchTemplate`` (its ``LaunchTemplateData``)."""
    data = props.get("LaunchTemplateData")
    data = data if isinstance(data, Mapping) else {}
    return {
        "metadata_tokens_required": _imds(data.get("MetadataOptions")),
        "user_data_secrets": _user_data(data.get("UserData")),
        "serial_console": _SERIAL_CONSOLE,
        "password_auth": password_login(data.get("UserData")),
    }


def launch_configuration(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::AutoScaling::LaunchConfiguration``."""
    options = props.get("MetadataOptions")
    return {
        "metadata_tokens_required": _imds(
            {
                "HttpTokens": dig(options, "HttpTokens") or "optional",
                "HttpEndpoint": dig(options, "HttpEndpoint") or "enabled",
            }
            if isinstance(options, Mapping) or options is None
            else options
        ),
        "user_data_secrets": _user_data(props.get("UserData")),
        "public_endpoint": as_bool(props.get("AssociatePublicIpAddress")),
        "serial_console": _SERIAL_CONSOLE,
        "password_auth": password_login(props.get("UserData")),
    }


def db_instance(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::RDS::DBInstance`` / ``DBCluster`` / ``AWS::Neptune::DBCluster``: IAM database
    authentication is off unless enabled."""
    value = props.get("EnableIAMDatabaseAuthentication", props.get("IamAuthEnabled"))
    iam = False if value is None else as_bool(value)
    if iam is True or "IamAuthEnabled" in props:
        return {"directory_auth": iam}
    # an RDS instance or cluster joined to an Active Directory domain takes Kerberos sign-in
    # (Domain, or DomainFqdn for a self-managed one; terraform.extras.joined_domain)
    joined = [
        props.get(name) for name in ("Domain", "DomainFqdn")
        if props.get(name) not in (None, "", NO_VALUE)
    ]
    if any(v is not UNKNOWN for v in joined):  # written, or a directory's Ref
        return {"directory_auth": True}
    if iam is False and joined:  # a parameter without a default, a condition not decided
        return {"directory_auth": None}
    return {"directory_auth": iam}


def rds_db_instance(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::RDS::DBInstance``: as ``db_instance``, except on an instance of a DB cluster,
    whose IAM authentication is the cluster's ("Amazon Aurora: Not applicable. Mapping AWS IAM
    accounts to database accounts is managed by the DB cluster", AWS::RDS::DBInstance
    EnableIAMDatabaseAuthentication): judged there (every Aurora instance FAILed GDCC-DB-001,
    its cluster's setting unseen)."""
    if cluster_member(props):
        return {}
    return db_instance(props)


def _secrets_encryption(configs: Any) -> bool | None:
    """``EncryptionConfig``: an entry naming ``secrets`` in ``Resources`` with a key in
    ``Provider.KeyArn`` encrypts Secrets with that KMS key, whatever the key's ARN is written
    with (``!GetAtt Key.Arn``, a parameter: a key the API requires to be a customer managed
    one), as Terraform's ``encryption_config``. A key written from a function FAILed
    GDCC-CLU-001; ``Resources`` not known (a parameter) crashed the mapping (no truth value)
    and is now not known."""
    listed = as_list(configs)
    if listed is None:
        return None
    found: bool | None = False
    for config in listed:
        names = as_list(config.get("Resources")) if isinstance(config, Mapping) else None
        if names is None:
            found = None if config is UNKNOWN or isinstance(config, Mapping) else found
            continue
        if "secrets" not in names:
            if not all(isinstance(n, str) for n in names):
                found = None
            continue
        key = dig(config, "Provider", "KeyArn")
        if key not in (None, "", NO_VALUE):
            return True
    return found


def eks(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::EKS::Cluster``: secrets envelope encryption, control-plane log types, endpoint."""
    secrets = _secrets_encryption(props.get("EncryptionConfig"))
    types = dig(props, "Logging", "ClusterLogging", "EnabledTypes")
    enabled: set[str] = set()
    logging: bool | None = True
    if types is None:
        logging = False
    elif not isinstance(types, list):
        logging = None
    else:
        for item in types:
            name = as_str(dig(item, "Type"))
            if name is None:
                logging = None
                break
            enabled.add(name)
        if logging is not None:
            logging = {"api", "audit", "authenticator"} <= enabled
    access = dig(props, "ResourcesVpcConfig", "EndpointPublicAccess")
    return {
        "secrets_encryption": secrets,
        "control_plane_logging": logging,
        # EKS authenticates every caller with IAM (as Terraform's aws_eks_cluster; was not
        # read: GDCC-CLU-006 UNKNOWN on every CloudFormation cluster)
        "directory_auth": True,
        # EKS authorizes with Kubernetes RBAC and EKS access policies; its API server's
        # authorization modes cannot be changed (terraform/cluster_auth.py, GDCC-CLU-008)
        "rbac_authorization": True,
        "public_endpoint": True if access is None else as_bool(access),
    }


def acm_certificate(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::CertificateManager::Certificate`` is always requested from ACM (renewed by AWS);
    Certificate Transparency logging is ``ENABLED`` unless disabled."""
    preference = props.get("CertificateTransparencyLoggingPreference", "ENABLED")
    return {
        "managed_renewal": True,
        "ct_logging": None if not is_known(preference) else str(preference) != "DISABLED",
    }


def lambda_function(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::Lambda::Function``: invoked over HTTPS only, private unless a function URL or a
    permission of the template opens it (``mapper.link``), as ``aws_lambda_function``."""
    return {"encrypted_in_transit": True, "public_access": False}


def sam_function(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::Serverless::Function``: its ``FunctionUrlConfig`` makes a function URL
    (``AuthType: NONE``: anyone may invoke it).
    https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-functionurlconfig.html"""
    config = props.get("FunctionUrlConfig")
    public: bool | None = False
    if config is not None:
        auth = as_str(dig(config, "AuthType"))
        public = None if auth is None else auth.upper() == "NONE"
    return {"encrypted_in_transit": True, "public_access": public}


def eks_nodegroup(props: dict[str, Any]) -> dict[str, Any]:
    """``AWS::EKS::Nodegroup``: the account's serial-console setting; without a launch
    template EKS writes the nodes' user data itself (none of the tenant's), as
    ``aws_eks_node_group``."""
    return {
        "serial_console": _SERIAL_CONSOLE,
        "user_data_secrets": () if props.get("LaunchTemplate") is None else None,
    }


EXTRAS: dict[str, ExtraFn] = {
    "AWS::EKS::Nodegroup": eks_nodegroup,
    "AWS::Lambda::Function": lambda_function,
    "AWS::Serverless::Function": sam_function,
    "AWS::CertificateManager::Certificate": acm_certificate,
    "AWS::EC2::Instance": instance,
    "AWS::EC2::LaunchTemplate": launch_template,
    "AWS::AutoScaling::LaunchConfiguration": launch_configuration,
    "AWS::RDS::DBInstance": rds_db_instance,
    "AWS::RDS::DBCluster": db_instance,
    "AWS::Neptune::DBCluster": db_instance,
    "AWS::EKS::Cluster": eks,
}


def with_extras(kind: str, mapper: TypeMapper) -> TypeMapper:
    """``mapper`` with the extra facets of ``kind`` filled where it left them unknown."""
    extra = EXTRAS.get(kind)
    if extra is None:
        return mapper

    def combined(props: dict[str, Any]) -> Mapped | None:
        mapped = mapper(props)
        if mapped is None:
            return None
        for name, value in extra(props).items():
            if value is not None and mapped.facets.get(name) is None:
                if isinstance(value, Defaulted):
                    mapped.facets[name] = value.value
                    mapped.defaults[name] = value.label
                else:
                    mapped.facets[name] = value
        return mapped

    return combined
