"""How the human reports (HTML, PDF, quarterly) name a resource.

A resource is named by its native address — what the user wrote and can search for: the
Terraform address (``module.net.aws_s3_bucket.logs``), the CloudFormation / Heat logical id,
the Kubernetes ``Kind/namespace/name`` — never by the engine's internal resource id. The
resource's own name is added below it only when it says something the address does not (a
Terraform bucket's ``bucket`` attribute); a name made only of the address's parts — a
Kubernetes object's ``namespace/Kind/name``, Terraform's ``module.db.this[0]`` — is not repeated.
"""

from __future__ import annotations

import re

_PARTS = re.compile(r"[/.:]")


def resource_label(name: str, address: str | None) -> str:
    """The label a report shows for a resource: its native address, else its name."""
    return address or name


def other_name(name: str, address: str | None) -> str | None:
    """The resource's name when it adds to ``resource_label`` (else None)."""
    if not address or not name or name == address:
        return None
    if set(_PARTS.split(name)) <= set(_PARTS.split(address)):
        return None  # the address's parts (maybe reordered, or fewer): nothing new
    return name
