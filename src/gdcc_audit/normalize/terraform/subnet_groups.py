"""The subnets a database, cache or cluster is placed in through the subnet group it names.

An RDS instance or cluster (``db_subnet_group_name``), a Redshift cluster
(``cluster_subnet_group_name``), a Neptune or DocumentDB cluster, an ElastiCache cache or a
DMS replication instance sits in the subnets of its subnet group (``aws_db_subnet_group``
and its twins: ``subnet_ids``). The resource graph places it by its references to subnets:
without these the database was in no subnet, so a publicly accessible one was reachable
from the internet whatever its subnets route to ("to be publicly accessible ... the subnets
in the DB subnet group must be public subnets", with a route to an internet gateway; RDS
user guide, "Working with a DB instance in a VPC"). The subnets are added only when the
group lists subnets of the scan and nothing else (an input or a literal id may be a public
subnet: the placement is then left as it was, not known).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Reference
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


def _subnets_of(group: TfResource, ctx: TfContext) -> list[TfResource] | None:
    """Every subnet of the scan the group lists; None when it lists anything else."""
    attribute = SUBNET_GROUPS[group.type]
    listed = group.values.get(attribute)
    if not isinstance(listed, list) or not listed:
        return None
    subnets = ctx.referenced_all(group, attribute, _SUBNETS)
    return subnets if len(subnets) == len(listed) else None


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


def links(
    resource: TfResource, ctx: TfContext, references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """``references`` with one to each subnet of the subnet group the resource names (a
    cluster member naming none: its cluster's), when that group's subnets are all in the
    scan."""
    added: list[Reference] = []
    placing = _placing(resource, ctx)
    for attribute in NAMING:
        if placing.values.get(attribute) in (None, ""):
            continue
        group = ctx.referenced(placing, attribute, SUBNET_GROUPS)
        subnets = _subnets_of(group, ctx) if group is not None else None
        added.extend(
            Reference(target=s.address, attribute=f"{attribute}.{SUBNET_GROUPS[group.type]}")
            for s in subnets or () if group is not None
        )
    return tuple(dict.fromkeys(references + tuple(added))) if added else references
