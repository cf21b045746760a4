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


def links(
    resource: TfResource, ctx: TfContext, references: tuple[Reference, ...]
) -> tuple[Reference, ...]:
    """``references`` with one to each subnet of the subnet group the resource names, when
    that group's subnets are all in the scan."""
    added: list[Reference] = []
    for attribute in NAMING:
        if resource.values.get(attribute) in (None, ""):
            continue
        group = ctx.referenced(resource, attribute, SUBNET_GROUPS)
        subnets = _subnets_of(group, ctx) if group is not None else None
        added.extend(
            Reference(target=s.address, attribute=f"{attribute}.{SUBNET_GROUPS[group.type]}")
            for s in subnets or () if group is not None
        )
    return tuple(dict.fromkeys(references + tuple(added))) if added else references
