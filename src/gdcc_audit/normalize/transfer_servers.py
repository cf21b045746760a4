"""AWS Transfer Family servers (Terraform ``aws_transfer_server``, CloudFormation
``AWS::Transfer::Server``): an SFTP / FTPS / FTP endpoint in front of S3 buckets or EFS file
systems, mapped as ``storage.file_share`` (the files it serves; the resource graph and the
data-store rules judge who reaches it).

- Endpoint: ``PUBLIC`` when ``endpoint_type`` / ``EndpointType`` is not written ("Default:
  PUBLIC"; the provider's "Defaults to PUBLIC"): reachable from the internet. ``VPC`` is
  internet-facing when Elastic IPs are attached (``address_allocation_ids`` /
  ``AddressAllocationIds``: "To make your server endpoint internet-facing, add Elastic IP
  addresses", Transfer Family user guide "Create a server in a virtual private cloud"), else
  reached only from the VPC; the deprecated ``VPC_ENDPOINT`` is reached from the VPC only.
- A ``PUBLIC`` endpoint serves SFTP only (port 22) and takes no security group ("FTP and
  FTPS ... only supported for VPC hosted endpoints"; a public endpoint "is accessible over the
  internet"): its ``ingress`` is port 22 from every address. A VPC endpoint is filtered by the
  security groups it names (not read here: not known).
- Who may read: every protocol signs users in; the service-managed (the default) and
  directory identity providers admit only the users written for the server, while a custom
  provider (``API_GATEWAY``, ``AWS_LAMBDA``) decides by code the scan does not hold (not
  known).
- In transit: ``FTP`` among ``protocols`` (default ``SFTP``) carries files and passwords in
  clear text.
The data it serves is stored, encrypted and backed up in its buckets or file systems: those
facets are absent here (``normalize.absent``).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.resource import IngressRule
from gdcc_audit.models.unknown import UNKNOWN

#: What a ``PUBLIC`` endpoint admits: SFTP from anywhere.
PUBLIC_INGRESS = (
    IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
)

_SIGNED_IN = frozenset({"SERVICE_MANAGED", "AWS_DIRECTORY_SERVICE"})


def _text(value: Any) -> str | None:
    return value.strip().upper() if isinstance(value, str) else None


def endpoint_public(endpoint_type: Any, addresses: Any) -> bool | None:
    """Whether the server's endpoint is reachable from the internet."""
    if endpoint_type is None:
        return True
    kind = _text(endpoint_type)
    if kind == "PUBLIC":
        return True
    if kind == "VPC_ENDPOINT":
        return False
    if kind != "VPC":
        return None
    if addresses is None:
        return False
    if addresses is UNKNOWN or not isinstance(addresses, list):
        return None
    return bool(addresses)


def facets(endpoint_type: Any, addresses: Any, protocols: Any, provider: Any) -> dict[str, Any]:
    """The facets of a Transfer Family server from what it writes."""
    listed = ["SFTP"] if protocols is None else protocols
    plain: bool | None = None
    if isinstance(listed, list) and all(isinstance(p, str) for p in listed):
        plain = any(_text(p) == "FTP" for p in listed)
    who = "SERVICE_MANAGED" if provider is None else _text(provider)
    public = endpoint_public(endpoint_type, addresses)
    kind = "PUBLIC" if endpoint_type is None else _text(endpoint_type)
    return {
        "public_endpoint": public,
        "ingress": PUBLIC_INGRESS if kind == "PUBLIC" else None,
        "public_access": False if who in _SIGNED_IN else None,
        "encrypted_in_transit": None if plain is None else not plain,
    }
