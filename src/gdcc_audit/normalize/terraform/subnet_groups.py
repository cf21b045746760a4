"""The subnets a database, cache or cluster is placed in through the subnet group it names.

An RDS instance or cluster (``db_subnet_group_name``), a Redshift cluster
(``cluster_subnet_group_name``), a Neptune or DocumentDB cluster, an ElastiCache cache or a
DMS replication instance sits in the subnets of its subnet group (``aws_db_subnet_group``
and its twins: ``subnet_ids``). The resource graph places it by its references to subnets:
without these the database was in no subnet, so a publicly accessible one was reachable
from the internet whatever its subnets route to ("to be publicly accessible ... the subnets
in the DB subnet group must be public subnets", with a route to an internet gateway; RDS
user guide, "Working with a DB instance in a VPC"). Each subnet of the scan the group lists
is added; what is not in the scan (an input, a literal id, a group that is not in the scan)
may be a private or a public subnet: it is named in ``PLACED_OUTSIDE_SCAN`` and the graph
takes the placement as not known, unless a subnet of the scan already routes to the internet
(was: a certain path, as if the database were in no subnet).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import PLACED_OUTSIDE_SCAN, Reference
from gdcc_audit.normalize.terraform.context import TfContext

#: Subnet group types -> the argument listing their subnets.
SUBNET_GROUPS = {
    "aws_db_subnet_group": "subnet_ids",
    "aws_redshift_subnet_group": "subnet_ids",
    "aws_neptune_subnet_group": "subnet_ids",
    "aws_docdb_subnet_group": "subnet_ids",
    "aws_elasticache_subnet_group": "subnet_ids",
    "aws_dms_replication_subnet_group": "subnet_ids",
    "aws_memorydb_subnet_group": "subnet_ids",
}
#: The arguments that name a subnet group.
NAMING = (
    "db_subnet_group_name", "cluster_subnet_group_name", "neptune_subnet_group_name",
    "subnet_group_name", "replication_subnet_group_id",
)  # fmt: skip
_SUBNETS = ("aws_subnet", "aws_default_subnet")


def _subnets_of(group: TfResource, ctx: TfContext) -> tuple[list[TfResource], list[str]]:
    """The subnets of the scan the group lists, and what else it lists (literal ids, how
    many computed values, or the whole list when it is not known)."""
    attribute = SUBNET_GROUPS[group.type]
    listed = group.values.get(attribute)
    subnets = ctx.referenced_all(group, attribute, _SUBNETS)
    name = group.address
    if not isinstance(listed, list):
        if listed is None or listed == []:
            return subnets, []
        return subnets, [f"{name} lists subnets not known ({attribute})"]
    literals = [item for item in listed if isinstance(item, str) and item]
    computed = sum(1 for item in listed if item is UNKNOWN) - len(subnets)
    missing = [f"{name} lists {item}" for item in literals]
    if computed > 0:
        missing.append(f"{name} lists {computed} subnet(s) not in the scan")
    return subnets, missing


#: Cluster members that sit in their cluster's subnet group unless they name one (an Aurora
#: instance: "db_subnet_group_name ... must match the db_subnet_group_name of the attached
#: aws_rds_cluster", registry.terraform.io aws_rds_cluster_instance), with the argument naming
#: their cluster and the cluster types.
_MEMBERS = {
    "aws_rds_cluster_instance": ("cluster_identifier", ("aws_rds_cluster",)),
    "aws_docdb_cluster_instance": ("cluster_identifier", ("aws_docdb_cluster",)),
    "aws_neptune_cluster_instance": ("cluster_identifier", ("aws_neptune_cluster",)),
}


def _placing(resource: TfResource, ctx: TfContext) -> TfResource:
    """The resource whose subnet group places ``resource``: its cluster's for a member that
    names none."""
    member = _MEMBERS.get(resource.type)
    if member is None or any(resource.values.get(a) not in (None, "") for a in NAMING):
        return resource
    cluster = ctx.referenced(resource, member[0], member[1])
    return cluster if cluster is not None else resource


def _names_scanned(resource: TfResource, attribute: str, ctx: TfContext) -> bool:
    """Whether ``attribute`` refers to a resource of the scan (a group of a type not read
    here, such as a DAX subnet group, or one of several candidates)."""
    return ctx.is_ambiguous(resource, attribute) or any(
        ctx.resolve(resource, ref.target) is not None
        for ref in resource.references
        if ref.attribute.split(".", 1)[0] == attribute
    )


def links(
    resource: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """``references`` with one to each subnet of the scan in the subnet group the resource
    names (a cluster member naming none: its cluster's); what the group lists that is not in
    the scan, or a group that is not, noted on ``attributes`` (``PLACED_OUTSIDE_SCAN``)."""
    added: list[Reference] = []
    outside: list[str] = []
    placing = _placing(resource, ctx)
    for attribute in NAMING:
        written = placing.values.get(attribute)
        if written in (None, ""):
            continue
        group = ctx.referenced(placing, attribute, SUBNET_GROUPS)
        if group is None:
            if not _names_scanned(placing, attribute, ctx):
                shown = written if isinstance(written, str) else f"named by {attribute}"
                outside.append(f"subnet group {shown} is not in the scan")
            continue
        subnets, missing = _subnets_of(group, ctx)
        outside.extend(missing)
        added.extend(
            Reference(target=s.address, attribute=f"{attribute}.{SUBNET_GROUPS[group.type]}")
            for s in subnets
        )
    if outside:
        attributes[PLACED_OUTSIDE_SCAN] = outside
    return tuple(dict.fromkeys(references + tuple(added))) if added else references
