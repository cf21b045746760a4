"""Amazon EMR clusters, read the same way from Terraform (``aws_emr_cluster``,
``normalize/terraform/aws_emr.py``) and CloudFormation (``AWS::EMR::Cluster``,
``normalize/cloudformation/aws_emr.py``).

Encryption and authentication are in the cluster's security configuration (an
``aws_emr_security_configuration`` / ``AWS::EMR::SecurityConfiguration`` holding the JSON of
the EMR API; docs.aws.amazon.com/emr/latest/ManagementGuide/
emr-create-security-configuration.html): ``EncryptionConfiguration.EnableAtRestEncryption`` /
``EnableInTransitEncryption`` (absent: off; no security configuration: neither is configured,
"Beginning with Amazon EMR version 4.8.0, you can use Amazon EMR security configurations to
configure data encryption settings", emr-data-encryption.html), and Kerberos
(``AuthenticationConfiguration.KerberosConfiguration``). Users sign in with directory
identities only through a Kerberos cross-realm trust with Active Directory
(``CrossRealmTrustConfiguration``; the cluster's Kerberos attributes then name the AD domain
join user) or IAM Identity Center (``IdentityCenterConfiguration``); a cluster-dedicated KDC
holds principals of the cluster's own, and without Kerberos users reach the primary node with
the EC2 key pair of the ``hadoop`` user (API Ec2InstanceAttributes Ec2KeyName): local
accounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.unknown import UNKNOWN

SECURITY_DOC = (
    "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-create-security-configuration.html"
)
VPC_DOC = "https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html"

#: Facet -> the switch of ``EncryptionConfiguration`` that turns it on.
ENCRYPTION = {
    "encrypted_at_rest": "EnableAtRestEncryption",
    "encrypted_in_transit": "EnableInTransitEncryption",
}
#: The facets a security configuration decides.
CONFIGURED = (*ENCRYPTION, "directory_auth")
IN_SUBNET = Text(
    en="the nodes of an EMR cluster have public addresses when its subnet routes to an internet "
    "gateway (EMR reaches them through it, never a NAT): GDCC-GRAPH-002 follows the subnet's "
    "route tables and security groups",
    th="โหนดของคลัสเตอร์ EMR มีที่อยู่สาธารณะเมื่อ subnet ของคลัสเตอร์มีเส้นทางไปยัง internet gateway "
    "(EMR เข้าถึงโหนดผ่าน gateway นั้น ไม่ผ่าน NAT) "
    "GDCC-GRAPH-002 ตรวจตาม route table และ security group ของ subnet",
)


@dataclass
class Configured:
    """What a cluster's security configuration decides: facet values, and the facets a
    documented default decided (facet -> the attribute not written)."""

    facets: dict[str, bool | None] = field(default_factory=dict)
    defaulted: dict[str, str] = field(default_factory=dict)


def not_readable(why: str) -> Text:
    """Why the facets of a security configuration stay unknown (``why``: "its security
    configuration X is not in the scan", "the configuration of X is not known [before
    apply]")."""
    return Text(
        en=why,
        th=why.replace("is not in the scan", "ไม่อยู่ในขอบเขตการตรวจ")
        .replace("is not known before apply", "ไม่ทราบก่อนการ apply")
        .replace("is not known", "ไม่ทราบค่า"),
    )


def _switch(document: Mapping[str, Any], key: str) -> bool | None:
    """A true/false setting of the configuration (absent: false)."""
    value = document.get(key)
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return None  # UNKNOWN or not a switch


def _directory(document: Mapping[str, Any], joined: Any) -> bool | None:
    """Directory identities: a Kerberos cross-realm trust (Active Directory) or IAM Identity
    Center; a cluster-dedicated KDC or no Kerberos: the cluster's own accounts. ``joined``:
    the cluster's AD domain join user (None when not written)."""
    if document.get("IdentityCenterConfiguration"):
        return True
    auth = document.get("AuthenticationConfiguration")
    kerberos = auth.get("KerberosConfiguration") if isinstance(auth, dict) else None
    if kerberos is UNKNOWN or auth is UNKNOWN:
        return None
    if not isinstance(kerberos, dict):
        return False
    dedicated = kerberos.get("ClusterDedicatedKdcConfiguration")
    trusted = kerberos.get("CrossRealmTrustConfiguration") or (
        isinstance(dedicated, dict) and dedicated.get("CrossRealmTrustConfiguration")
    )
    if trusted:
        return True
    if joined is UNKNOWN:
        return None
    return bool(joined)


def configured(
    document: Mapping[str, Any], name: str, where: str, joined: Any
) -> Configured:
    """The facets a decoded security configuration gives (``{}``: none named). ``name``: the
    configuration's address or logical id ("" when none is named); ``where``: the cluster
    attribute that names one (labels a default); ``joined``: the cluster's AD domain join
    user."""
    found = Configured()
    encryption = document.get("EncryptionConfiguration", {})
    for facet, key in ENCRYPTION.items():
        if not isinstance(encryption, dict):
            found.facets[facet] = None  # the whole block computed at apply time
            continue
        found.facets[facet] = _switch(encryption, key)
        if key not in encryption:
            found.defaulted[facet] = f"{key} in {name}" if name else where
    found.facets["directory_auth"] = _directory(document, joined)
    if found.facets["directory_auth"] is False and not name:
        found.defaulted["directory_auth"] = where
    return found
