"""ElastiCache RBAC users, read the same from Terraform and CloudFormation."""

from __future__ import annotations

RBAC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html"


def access_string_enables(access: str | None) -> bool | None:
    """Whether an access string turns its user on: the last ``on`` / ``off`` rule; "If
    neither is specified in the access string, the user is assigned off" (Clusters.RBAC).
    None when the access string is not known."""
    if access is None:
        return None
    state = False
    for rule in access.split():
        if rule in ("on", "off"):
            state = rule == "on"
    return state
