"""Filtering the provider applies when the configuration names none: a documented default,
so the reachability graph does not call it "not known".

AWS: a resource that takes VPC security groups and names none is put in the default
security group of its VPC (the default VPC when it names no subnet or subnet group). The
rules of that group are, by default, "inbound: all traffic from network interfaces (and their
instances) assigned to the same security group" (Amazon VPC User Guide, "Default security
groups for your VPCs"). ``aws_default_security_group`` in the scan replaces them: Terraform
"immediately removes all ingress and egress rules" and creates only its own (aws provider,
aws_default_security_group page), so its rules are read as written.

The defaults, per type (API references; the resource types of Terraform and CloudFormation
pass the value through):

- EC2 ``RunInstances`` SecurityGroupIds: "Default: Amazon EC2 uses the default security
  group"; with no subnet the instance is launched in the default VPC;
- RDS ``CreateDBInstance`` VpcSecurityGroupIds: "Default: The default EC2 VPC security group
  for the DB subnet group's VPC" (no DB subnet group: the default VPC); Aurora, Neptune and
  DocumentDB clusters are created by the same RDS API (``CreateDBCluster``); their cluster
  instances take the cluster's groups;
- Redshift ``CreateCluster`` VpcSecurityGroupIds: "Default: The default VPC security group is
  associated with the cluster".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gdcc_audit.graph.store_ports import store_ports
from gdcc_audit.models.common import Text
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import (
    GCE_DEFAULT_NETWORK,
    NODE_FIREWALLS_KNOWN,
    PORT_GROUPS,
    VPC_FIREWALLS_KNOWN,
    Facets,
    IngressRule,
    Resource,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

#: Provider type -> (arguments that name security groups or a network interface holding
#: them, arguments that place it in a subnet or subnet group).
AWS_DEFAULT_GROUP: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # an instance launched from a launch template has the template's groups
    # (graph/network.py templates_of), or groups not known when the template is not read
    "aws_instance": (
        ("vpc_security_group_ids", "security_groups", "network_interface", "launch_template"),
        ("subnet_id", "network_interface"),
    ),
    "aws_db_instance": (
        ("vpc_security_group_ids", "security_group_names"), ("db_subnet_group_name",)
    ),
    "aws_rds_cluster": (("vpc_security_group_ids",), ("db_subnet_group_name",)),
    "aws_docdb_cluster": (("vpc_security_group_ids",), ("db_subnet_group_name",)),
    "aws_neptune_cluster": (("vpc_security_group_ids",), ("neptune_subnet_group_name",)),
    "aws_redshift_cluster": (
        ("vpc_security_group_ids", "cluster_security_groups"), ("cluster_subnet_group_name",)
    ),
    # an Application Load Balancer (a Network Load Balancer has no group unless it names one)
    "aws_lb": (("security_groups",), ("subnets", "subnet_mapping")),
    "aws_alb": (("security_groups",), ("subnets", "subnet_mapping")),
    # an ECS service's awsvpc tasks: "If you don't specify a security group, the default
    # security group for the VPC is used" (AWS::ECS::Service AwsVpcConfiguration, ECS API
    # AwsVpcConfiguration); tasks on their hosts' network take their hosts' groups instead
    # (graph/network.py groups_of)
    "aws_ecs_service": (
        ("network_configuration.security_groups",), ("network_configuration.subnets",)
    ),
    "AWS::ECS::Service": (
        ("NetworkConfiguration.AwsvpcConfiguration.SecurityGroups",),
        ("NetworkConfiguration.AwsvpcConfiguration.Subnets",),
    ),
    # an MSK cluster's brokers: "If you don't specify a security group, Amazon MSK uses the
    # default security group associated with the VPC" (MSK API reference, BrokerNodeGroupInfo
    # securityGroups; AWS::MSK::Cluster BrokerNodeGroupInfo SecurityGroups)
    "aws_msk_cluster": (
        ("broker_node_group_info.security_groups",), ("broker_node_group_info.client_subnets",)
    ),
    "AWS::MSK::Cluster": (
        ("BrokerNodeGroupInfo.SecurityGroups",), ("BrokerNodeGroupInfo.ClientSubnets",)
    ),
    "AWS::EC2::Instance": (
        ("SecurityGroupIds", "SecurityGroups", "NetworkInterfaces", "LaunchTemplate"),
        ("SubnetId", "NetworkInterfaces"),
    ),
    "AWS::RDS::DBInstance": (
        ("VPCSecurityGroups", "DBSecurityGroups", "DBClusterIdentifier"), ("DBSubnetGroupName",)
    ),
    "AWS::RDS::DBCluster": (("VpcSecurityGroupIds",), ("DBSubnetGroupName",)),
    "AWS::DocDB::DBCluster": (("VpcSecurityGroupIds",), ("DBSubnetGroupName",)),
    "AWS::Neptune::DBCluster": (("VpcSecurityGroupIds",), ("DBSubnetGroupName",)),
    "AWS::Redshift::Cluster": (
        ("VpcSecurityGroupIds", "ClusterSecurityGroups"), ("ClusterSubnetGroupName",)
    ),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": (
        ("SecurityGroups",), ("Subnets", "SubnetMappings")
    ),
}
#: OpenStack: "All projects have a default security group which is applied to any port that
#: has no other security group defined" (Nova user guide, "Security Groups"); Neutron creates it
#: admitting ingress only from ports in the same group ("For the default security group a rule
#: which allows intercommunication among hosts associated with the default security group is
#: defined by default", Neutron admin guide, "Security groups"). A server that names no group
#: and creates its own ports is in its project's default group; one attached to ports made
#: elsewhere is filtered by those ports' groups (``ports``: the mapper's summary of them).
OPENSTACK_SERVERS = frozenset({"OS::Nova::Server", "openstack_compute_instance_v2"})
DEFAULT_PROJECT = "its project"
OPENSTACK_DEFAULT = "openstack default security group"
#: Huawei Cloud: an ECS that names no security group is bound to its project's default group
#: (ECS API, "Creating an ECS", ``security_groups``: support.huaweicloud.com/intl/en-us/api-ecs/
#: ecs_02_0101.html); its documented rules admit inbound traffic only from the group's own
#: members, IPv4 and IPv6, and allow all outbound ("Default Security Groups and Rules",
#: support.huaweicloud.com/intl/en-us/usermanual-ecs/ecs_03_0603.html). The group is made by
#: Huawei, not by Terraform: a ``huaweicloud_networking_secgroup_rule`` of the scan on a
#: ``data "huaweicloud_networking_secgroup"`` named ``default`` adds to it (the mapper marks
#: it: ``DEFAULT_GROUP_RULE``), one on a looked-up group whose name is not known may.
HUAWEI_SERVERS = frozenset({"huaweicloud_compute_instance"})
HUAWEI_DEFAULT = "huaweicloud default security group"
DEFAULT_GROUP_RULE = "adds_to_default_group"


_DEFAULT_TYPES = {"openstack": OPENSTACK_DEFAULT, "huaweicloud": HUAWEI_DEFAULT}


#: Load balancer types and the attribute that says which kind: only an Application Load
#: Balancer gets the default group ("If you don't specify a security group, the default
#: security group for the VPC is used", ELB Application Load Balancers guide).
_BALANCER_TYPE = {
    "aws_lb": "load_balancer_type", "aws_alb": "load_balancer_type",
    "AWS::ElasticLoadBalancingV2::LoadBalancer": "Type",
}
#: Types that sit in no VPC unless an attribute places them there.
OUTSIDE_VPC_UNLESS: dict[str, str] = {
    "aws_lambda_function": "vpc_config", "AWS::Lambda::Function": "VpcConfig",
    "aws_elasticsearch_domain": "vpc_options", "aws_opensearch_domain": "vpc_options",
    "AWS::Elasticsearch::Domain": "VPCOptions", "AWS::OpenSearchService::Domain": "VPCOptions",
    # a Transfer Family server's PUBLIC endpoint takes no security group
    "aws_transfer_server": "endpoint_details", "AWS::Transfer::Server": "EndpointDetails",
}
#: Types never in a VPC security group of the account: App Runner services (reached through
#: App Runner's own endpoint; a VPC connector only carries their outbound traffic, with the
#: groups it names), Lightsail instances and databases (in Lightsail's own network).
NEVER_IN_VPC_GROUP = frozenset({
    "aws_apprunner_service", "AWS::AppRunner::Service", "aws_lightsail_instance",
    "AWS::Lightsail::Instance", "aws_lightsail_database", "AWS::Lightsail::Database",
})
#: Arguments that place any AWS resource in a network (for resources whose groups are not
#: known: which VPC's default group they may be in).
_ANY_PLACEMENT = ("subnet_id", "subnet_ids", "subnets", "db_subnet_group_name",
                  "subnet_group_name", "vpc_config", "vpc_options", "network_configuration",
                  "vpc_zone_identifier", "SubnetId", "SubnetIds", "Subnets", "VpcConfig",
                  "VPCOptions", "NetworkConfiguration", "VPCZoneIdentifier")
#: Cluster members whose security groups are their cluster's (the attribute naming it). A
#: cache cluster with ``replication_group_id`` is a read replica in that group, whose
#: SecurityGroupIds are "the VPC Security Groups associated with the clusters in the
#: replication group" (ElastiCache API, ModifyReplicationGroup).
CLUSTER_MEMBERS: dict[str, str] = {
    "aws_elasticache_cluster": "replication_group_id",
    "aws_rds_cluster_instance": "cluster_identifier",
    "aws_neptune_cluster_instance": "cluster_identifier",
    "aws_docdb_cluster_instance": "cluster_identifier",
    "AWS::RDS::DBInstance": "DBClusterIdentifier",
    "AWS::Neptune::DBInstance": "DBClusterIdentifier",
    "AWS::DocDB::DBInstance": "DBClusterIdentifier",
}
#: Read replicas of a DB instance (the attribute naming the source): a replica that writes no
#: ``port`` listens on its source's ("Default: Inherits from the source DB instance", RDS API
#: CreateDBInstanceReadReplica, Port), with its source's engine.
REPLICA_SOURCES: dict[str, str] = {
    "aws_db_instance": "replicate_source_db",
    "AWS::RDS::DBInstance": "SourceDBInstanceIdentifier",
}
DEFAULT_GROUP_TYPES = ("aws_default_security_group",)
#: A project stands for the firewall rules of the default network it creates (mapped as a
#: security group, judged by GDCC-NET-001); every resource of the project names it
#: (``project = ...``), which attaches no rule to that resource.
PROJECT_TYPES = frozenset({"google_project"})
#: What Google pre-populates in a project's default network, as messages say it.
DEFAULT_NETWORK_TEXT = (
    "the default network is created with default-allow-ssh (0.0.0.0/0, port 22), "
    "default-allow-rdp (0.0.0.0/0, port 3389), default-allow-icmp (0.0.0.0/0) and "
    "default-allow-internal (10.128.0.0/9, every port)"
)


def _pre_populated() -> tuple[IngressRule, ...]:
    """The rules Google pre-populates in a default network (normalize/terraform/google.py)."""
    from gdcc_audit.normalize.terraform.google import DEFAULT_NETWORK_RULES

    return tuple(
        IngressRule(protocol=proto, from_port=first, to_port=last, sources=(source,),
                    declared_by=f"{name} of the default network")
        for name, proto, first, last, source in DEFAULT_NETWORK_RULES
    )


def is_uncertain(group: Resource) -> bool:
    """True for a holder of rules that may not exist (the default network's pre-populated
    rules when the scan does not create the project): what they admit is uncertain."""
    return group.attributes.get("uncertain_rules") is True


#: The documented inbound rule of a VPC's default security group.
SELF_ONLY = (IngressRule(protocol="all", sources=("self",)),)
DEFAULT_VPC = "the default VPC"


def _written(resource: Resource, names: tuple[str, ...], graph: ResourceGraph) -> bool:
    """Whether any of ``names`` is written on the resource (a value, a reference, an
    unresolved reference or a value not known)."""
    placed = resource.attributes.get("placement")
    listed = placed if isinstance(placed, list) else []
    for name in names:
        if name in listed or _nested(resource.attributes, name) not in (None, [], {}, ""):
            return True
    refs = [r.attribute.split(".")[0] for r in resource.references]
    # a nested argument (``network_configuration.security_groups``): a reference written in
    # it (``network_configuration.0.security_groups.0``), list indexes left out
    paths = [".".join(p for p in r.attribute.split(".") if not p.isdigit())
             for r in resource.references]
    return any(
        name in refs if "." not in name else any(p.startswith(name) for p in paths)
        for name in names
    )


def _nested(attributes: dict[str, Any], name: str) -> Any:
    """The value of a dotted attribute name (``NetworkConfiguration.AwsvpcConfiguration``)."""
    value: Any = attributes
    for part in name.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


@dataclass
class DefaultGroups:
    """The default security group each resource without groups falls into."""

    graph: ResourceGraph
    _made: dict[str, Resource] = field(default_factory=dict)
    _declared: dict[str, Resource] | None = None

    def made(self) -> dict[str, Resource]:
        """The default groups made from documented rules, by id."""
        return {group.id: group for group in self._made.values()}

    def group_of(self, resource: Resource, named: bool = True) -> Resource | None:
        """The default security group the resource is a member of, or None when it names
        groups (or is not a type that AWS places in one); ``named=False``: the one it would
        be in if the groups it names were none (a list a value not known may leave
        empty)."""
        if resource.provider_type in OPENSTACK_SERVERS:
            return self._openstack(resource)
        if resource.provider_type in HUAWEI_SERVERS:
            return self._huawei(resource)
        spec = AWS_DEFAULT_GROUP.get(resource.provider_type)
        if spec is None:
            return None
        groups, placement = spec
        if named and _written(resource, groups, self.graph):
            return None
        kind_attr = _BALANCER_TYPE.get(resource.provider_type)
        if kind_attr is not None:
            value = resource.attributes.get(kind_attr)
            if value not in (None, "application"):
                return None  # a Network or Gateway Load Balancer: no group unless named
            if value is None and _written(resource, (kind_attr,), self.graph):
                return None  # a type not known: it may be a Network Load Balancer
        key, label, sure = self._vpc(resource, placement)
        return self._group(resource, key, label, sure)

    def google_default_network(self, resource: Resource) -> Resource | None:
        """For a Compute Engine instance or template on its project's ``default`` network
        whose other firewall rules were all told apart: what holds the rules Google
        pre-populates there (default-allow-internal, -ssh, -rdp, -icmp: cloud.google.com/vpc/
        docs/firewalls, "Pre-populated rules in the default network"). The project of the
        scan that creates the network (``google_project`` without ``auto_create_network =
        false``) when the instance names it: the rules are the configuration's. Otherwise a
        node whose rules are uncertain (``uncertain_rules``): they exist unless someone
        removed them outside the scan, or the network was made without them. None for other
        resources."""
        if resource.attributes.get(GCE_DEFAULT_NETWORK) is not True or not (
            resource.attributes.get(VPC_FIREWALLS_KNOWN) is True
            # a GKE cluster's nodes (normalize/terraform/google_firewalls.py node_firewalls)
            or resource.attributes.get(NODE_FIREWALLS_KNOWN) is True
        ):
            return None
        project, why = self._project_of(resource)
        if project is not None and project.facets.ingress:
            return project  # it creates the default network with the documented rules
        if project is not None and project.facets.ingress is not None:
            why = (f"{project.address or project.name} is created without the default network "
                   "(auto_create_network = false), so its rules are those of a network "
                   "named default made outside the scan")
            rules: tuple[IngressRule, ...] = (IngressRule(protocol="all", sources=None),)
        else:
            rules = _pre_populated()
            why = f"{DEFAULT_NETWORK_TEXT} unless removed; {why}"
        node = f"gce-default-network:{resource.tenant or '-'}:{project.id if project else '-'}"
        found = self._made.get(node)
        if found is None:
            found = Resource(
                id=node,
                kind="network.security_group",
                name="the default network",
                provider="google",
                provider_type="google_compute_firewall",
                tenant=resource.tenant,
                facets=Facets(ingress=rules),
                attributes={"uncertain_rules": True, "why_not_known": why},
                location=SourceLocation(file=resource.location.file),
            )
            self._made[node] = found
        return found

    def _project_of(self, resource: Resource) -> tuple[Resource | None, str]:
        """The ``google_project`` of the scan the resource is in (by reference, or by a
        literal ``project`` equal to its ``project_id``), or why it is not known."""
        for target in self.graph.references(resource):
            if target.provider_type in PROJECT_TYPES:
                return target, ""
        literal = resource.attributes.get("project")
        if isinstance(literal, str) and literal:
            for group in self.graph.of_kind("network.security_group"):
                if (group.provider_type in PROJECT_TYPES
                        and group.attributes.get("project_id") == literal):
                    return group, ""
            return None, f"its project {literal} is not in the scan"
        if any(u.attribute.split(".")[0] == "project" for u in self.graph.unresolved(resource)):
            return None, "its project is not in the scan"
        return None, "it names no project (the provider's), which is not in the scan"

    def _openstack(self, resource: Resource) -> Resource | None:
        """The project's default group for a server that names none (or names ``default``)
        and whose ports, if any, are the template's and name none either."""
        paths = [ref.attribute.split(".") for ref in resource.references]
        if any(parts[0] == "security_groups" for parts in paths):
            return None  # groups of the scan
        named = resource.attributes.get("security_groups")
        if named not in (None, []) and (
            not isinstance(named, list) or any(n != "default" for n in named)
        ):
            return None  # a group named outside the scan, or a value not known
        networks = resource.attributes.get("networks") or resource.attributes.get("network")
        items = networks if isinstance(networks, list) else [networks] if networks else []
        ported = any("port" in parts for parts in paths) or any(
            isinstance(i, dict) and "port" in i for i in items
        )
        filtering = resource.attributes.get(PORT_GROUPS)
        if filtering == "other" or (ported and filtering != "default"):
            return None  # ports with other groups or none, or whose groups are not known
        for network in self.graph.references(resource, "network.vpc"):
            if network.attributes.get("port_security_enabled", True) is not True:
                return None  # ports on it get no security group ("port security" off)
        key = f"default-project:{resource.tenant or '-'}"
        added, why = self._added(resource)
        return self._group(resource, key, DEFAULT_PROJECT, why, added)

    def _huawei(self, resource: Resource) -> Resource | None:
        """The project's default group for an ECS that names none or only ``default``
        (``PORT_GROUPS``, from the mapper), with the rules the scan adds to it."""
        if resource.attributes.get(PORT_GROUPS) != "default":
            return None
        added, why = self._added(resource)
        key = f"default-project:{resource.tenant or '-'}:huaweicloud"
        return self._group(resource, key, DEFAULT_PROJECT, why, added)

    def _added(self, resource: Resource) -> tuple[tuple[IngressRule, ...], str]:
        """The rules the scan adds to the project's default group of ``resource``'s provider
        and tenant (rules on a data source finding ``default``: ``DEFAULT_GROUP_RULE``), and
        why they may not be all (rules on a group looked up by a name not known)."""
        added: list[IngressRule] = []
        maybe: list[str] = []
        for rule in self.graph.of_kind("network.security_group"):
            if rule.tenant != resource.tenant or rule.provider != resource.provider:
                continue
            adds = rule.attributes.get(DEFAULT_GROUP_RULE)
            if adds == "yes":
                added.extend(
                    i.model_copy(update={"declared_by": i.declared_by or rule.address})
                    for i in rule.facets.ingress or ()
                )
                if rule.facets.ingress is None:
                    maybe.append(rule.address or rule.name)
            elif adds == "maybe":
                maybe.append(rule.address or rule.name)
        why = ""
        if maybe:
            why = ("rules of the scan may add to it: " + ", ".join(sorted(set(maybe)))
                   + " (their group is looked up by a name not known)")
        return tuple(added), why

    def possible_groups(self, resource: Resource) -> list[Resource]:
        """Default groups of the scan that a resource whose security groups are not known
        may be a member of: that of its VPC when known, else every one of its tenant."""
        if resource.provider == "openstack" and self._made:
            key = f"default-project:{resource.tenant or '-'}"
            return [g for g in self._made.values() if g.attributes.get("vpc") == key]
        if resource.provider != "aws" or not self._made:
            return []
        if resource.provider_type in NEVER_IN_VPC_GROUP:
            return []
        inside = OUTSIDE_VPC_UNLESS.get(resource.provider_type)
        if inside is not None and not _written(resource, (inside,), self.graph):
            return []
        key, _label, why = self._vpc(resource, _ANY_PLACEMENT)
        found = []
        # by id: which groups were made first depends on who asked first (a rule or the
        # reachability graph), which must not change the edges' order
        for group in sorted(self._made.values(), key=lambda g: g.id):
            if group.tenant != resource.tenant or group.provider != "aws":
                continue  # another tenant's, or another provider's (a Google default network)
            if why or group.attributes.get("vpc") in (key, None):
                found.append(group)
        return found

    def _vpc(self, resource: Resource, placement: tuple[str, ...]) -> tuple[str, str, str]:
        """``(key, label, why not sure)`` of the VPC the resource is placed in."""
        vpcs: list[Resource] = []
        for target in self.graph.references(resource):
            if target.kind == "network.vpc":
                vpcs.append(target)
            elif target.kind == "network.subnet":
                vpcs.extend(self.graph.references(target, "network.vpc"))
        if vpcs:
            vpc = min(vpcs, key=lambda v: v.id)
            return vpc.id, vpc.name, ""
        if not _written(resource, placement, self.graph):
            tenant = resource.tenant or "-"
            return f"default-vpc:{tenant}", DEFAULT_VPC, ""
        return (
            f"unplaced:{resource.id}",
            "its VPC",
            "its subnet or subnet group is not in the scan, so the other members of its "
            "VPC's default security group are not known",
        )

    def _declared_groups(self) -> dict[str, Resource]:
        """``aws_default_security_group`` resources of the scan by VPC key."""
        if self._declared is None:
            self._declared = {}
            for group in self.graph.of_kind("network.security_group"):
                if group.provider_type not in DEFAULT_GROUP_TYPES:
                    continue
                vpcs = list(self.graph.references(group, "network.vpc"))
                if vpcs:
                    key = vpcs[0].id
                elif not _written(group, ("vpc_id",), self.graph):
                    key = f"default-vpc:{group.tenant or '-'}"
                else:
                    continue
                self._declared.setdefault(key, group)
        return self._declared

    def _group(
        self, resource: Resource, key: str, label: str, why: str,
        added: tuple[IngressRule, ...] = (),
    ) -> Resource:
        declared = self._declared_groups().get(key)
        if declared is not None:
            return declared
        gaps = self.graph.scope.gaps(resource.location.file, _root_of(resource))
        openstack = resource.provider in ("openstack", "huaweicloud")
        if gaps and not why:
            changed_by = ("rules of the default group" if openstack
                          else "an aws_default_security_group")
            why = f"{changed_by} may be declared in what was not scanned (" + "; ".join(gaps) + ")"
        node = f"default-sg:{key}" + (":partial" if why else "") + (":added" if added else "")
        found = self._made.get(node)
        if found is None:
            rules: tuple[IngressRule, ...] = SELF_ONLY + added
            if why:
                rules += (IngressRule(protocol="all", sources=None),)
            found = Resource(
                id=node,
                kind="network.security_group",
                name=f"the default security group of {label}",
                provider=resource.provider,
                provider_type=_DEFAULT_TYPES.get(resource.provider, "aws_default_security_group"),
                tenant=resource.tenant,
                facets=Facets(ingress=rules),
                attributes={
                    # rules the scan adds: judged on them (GDCC-NET-001 on each rule)
                    "documented_default": not added,
                    "added_rules": sorted({str(i.declared_by) for i in added}),
                    "why_not_known": why,
                    "vpc": None if key.startswith("unplaced:") else key,
                },
                location=SourceLocation(file=resource.location.file),
            )
            self._made[node] = found
        return found


#: Azure database servers whose IP firewall blocks every address no rule admits ("All
#: database access ... is blocked by the firewall by default": learn.microsoft.com/azure/
#: azure-sql/database/firewall-configure and the PostgreSQL / MySQL "Public access" pages);
#: the mapper reads the firewall rules of the scan into the server's ``ingress``. A Synapse
#: workspace's IP firewall works the same way (learn.microsoft.com/azure/synapse-analytics/
#: security/synapse-workspace-ip-firewall).
FIREWALL_SERVERS = frozenset(
    {"azurerm_mssql_server", "azurerm_sql_server", "azurerm_postgresql_server",
     "azurerm_postgresql_flexible_server", "azurerm_mysql_server",
     "azurerm_mysql_flexible_server", "azurerm_mariadb_server", "azurerm_synapse_workspace"}
)
#: Databases that take their network filtering from their server, by the server types: an
#: Azure SQL database is reached through its logical server's endpoints, under the server's
#: firewall and virtual network rules ("The firewall rules ... apply to all databases on
#: the server": learn.microsoft.com/azure/azure-sql/database/firewall-configure). A database
#: was UNKNOWN "filtering not known" in GDCC-GRAPH-004 even when its server's was read.
HOSTED_DATABASES: dict[str, tuple[str, ...]] = {
    "azurerm_mssql_database": ("azurerm_mssql_server", "azurerm_sql_server"),
}
NO_FIREWALL_RULE = (
    "no address: no firewall rule, virtual network rule or private endpoint in the scan names "
    "it, and an Azure database server's firewall blocks all access by default"
)
#: Stores whose admitted addresses resources outside the scan may widen, with why: an Azure
#: database server's firewall rules, the private endpoints of a Cosmos DB account, an AI
#: Search service or a Data Explorer cluster (their IP filters are their own attributes).
BEYOND_SCAN: dict[str, str] = {
    **dict.fromkeys(
        FIREWALL_SERVERS, "firewall rules of the server may be declared in what was not scanned"
    ),
    "azurerm_redis_cache": (
        "firewall rules and private endpoints of the cache may be declared in what was not "
        "scanned"
    ),
    **dict.fromkeys(
        ("azurerm_cosmosdb_account", "azurerm_search_service", "azurerm_kusto_cluster"),
        "private endpoints of the account may be declared in what was not scanned",
    ),
}
#: What a store that admits nothing on the network admits, per type: the documented default.
NO_RULE_ADMITS: dict[str, str] = {
    **dict.fromkeys(FIREWALL_SERVERS | HOSTED_DATABASES.keys(), NO_FIREWALL_RULE),
    **dict.fromkeys(
        # an AI Search service and a Data Explorer cluster admit what their own IP allow-list
        # lists (``normalize/terraform/azure_reach.py``), nothing with public access off
        ("azurerm_cosmosdb_account", "azurerm_search_service", "azurerm_kusto_cluster",
         "azurerm_redis_cache"),
        "no address: public network access is off and no private endpoint in the scan names it",
    ),
    "google_sql_database_instance": (
        "no address: no authorized network and no private network; its public IP admits only "
        "the Cloud SQL Auth Proxy and connectors, each connection authorised by IAM"
    ),
}
#: What a store of :data:`NO_RULE_ADMITS` admits when it has no public endpoint at all (a
#: Cloud SQL instance with ``ipv4_enabled = false``: no public IP for the proxy to reach).
NO_ENDPOINT_ADMITS: dict[str, str] = {
    "google_sql_database_instance": "no address: no public IP and no private network",
}


#: Stores that admit every address while no firewall rule of theirs exists: an Azure cache
#: with public network access on ("If no firewall rules are set and public access is not
#: disabled, then all IP addresses are allowed to access the cache"; the mapper's ``ingress``,
#: ``normalize/terraform/azurerm.redis_ingress``). Their rule "every address, for no firewall
#: rule is in the scan" is declared by the store itself.
OPEN_WITHOUT_RULE = frozenset({"azurerm_redis_cache"})


def open_until_ruled(resource: Resource, rule: IngressRule) -> IngressRule:
    """``rule``; but for a store of :data:`OPEN_WITHOUT_RULE` in a configuration not wholly
    scanned (called only then), its own "every address" rule has sources not known: one
    firewall rule declared in what was not scanned makes the store admit only what it lists
    (a certain "any address" was a wrong FAIL there)."""
    if resource.provider_type not in OPEN_WITHOUT_RULE or rule.declared_by != resource.address:
        return rule
    return rule.model_copy(update={"sources": None, "unknown_why": Text(
        en="no firewall rule of the cache is in the scan, so it admits every address unless "
        "rules declared in what was not scanned narrow it",
        th="ไม่มีกฎไฟร์วอลล์ของแคชในส่วนที่ตรวจ จึงอนุญาตทุกหมายเลขไอพี เว้นแต่กฎที่ประกาศในส่วนที่ไม่ได้ตรวจจะจำกัดไว้",
    )})


def unscanned_firewall(graph: ResourceGraph, resource: Resource) -> Resource | None:
    """For an Azure database server or Cosmos DB account of a configuration not wholly
    scanned: a holder of one rule whose sources are not known (``BEYOND_SCAN``: its firewall
    rules or private endpoints may be declared in what was not scanned); None when the whole
    configuration was scanned or the type is not such a store."""
    why = BEYOND_SCAN.get(resource.provider_type)
    if why is None:
        return None
    gaps = graph.scope.gaps(resource.location.file, _root_of(resource))
    if not gaps:
        return None
    # rules declared elsewhere open the ports the store's own rules open (a cache's 6379 only
    # with its non-TLS port, a Cosmos DB account's 443 and its API's port; "all" was named
    # in "admits any address on port(s) all"); none: its documented ports
    ports = tuple(sorted({
        rule.from_port for rule in resource.facets.ingress or ()
        if rule.from_port is not None and rule.from_port == rule.to_port
    })) or store_ports(resource).ports
    return Resource(
        id=f"firewall-beyond-scan:{resource.id}",
        kind="network.security_group",
        name=f"firewall of {resource.name}",
        provider=resource.provider,
        provider_type=resource.provider_type,
        tenant=resource.tenant,
        facets=Facets(ingress=tuple(
            IngressRule(protocol="tcp", from_port=port, to_port=port, sources=None)
            for port in ports
        ) or (IngressRule(protocol="all", sources=None),)),
        attributes={
            "why_not_known": f"{why} (" + "; ".join(gaps) + ")",
        },
        location=resource.location,
    )


SEARCH_DOMAINS = ("aws_elasticsearch_domain", "aws_opensearch_domain",
                  "AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain")
_EVERYONE = (IngressRule(protocol="tcp", from_port=443, to_port=443, sources=("0.0.0.0/0",)),)


def public_domain_rules(resource: Resource) -> tuple[IngressRule, ...] | None:
    """The rules of an OpenSearch / Elasticsearch domain outside any VPC (no
    ``vpc_options``): its endpoint is public ("If you don't enable VPC access, your domain has
    a public endpoint", OpenSearch Service developer guide, VPC support) and what it admits is
    its access policy's: one that allows everyone (``public_access``) admits any address on
    HTTPS; otherwise the policy's principals and conditions decide, which are not addresses
    (a rule whose sources are not known). None for other resources."""
    if resource.provider_type not in SEARCH_DOMAINS:
        return None
    inside = OUTSIDE_VPC_UNLESS[resource.provider_type]
    placed = resource.attributes.get("placement")
    if inside in (placed if isinstance(placed, list) else []) or resource.attributes.get(inside):
        return None
    if resource.facets.public_access is True:
        return _EVERYONE
    return (IngressRule(protocol="tcp", from_port=443, to_port=443, sources=None),)


def cluster_of(graph: ResourceGraph, resource: Resource) -> Resource | None:
    """The cluster whose security groups a cluster instance takes."""
    attribute = CLUSTER_MEMBERS.get(resource.provider_type)
    if attribute is None:
        return None
    # the resource's own references: the graph keeps one attribute per target, and a module
    # may read the cluster in other arguments first (``engine = local.in_group ? null : ...``)
    for ref in resource.references:
        if ref.attribute.split(".")[0] != attribute:
            continue
        for target_id in graph.targets(resource, ref.target):
            target = graph.get(target_id)
            if target is not None and target.kind == "database.instance":
                return target
    return None


def replica_source(graph: ResourceGraph, resource: Resource) -> tuple[bool, Resource | None]:
    """Whether ``resource`` is a read replica of a DB instance (it names a source), and that
    source when it is in the scan."""
    attribute = REPLICA_SOURCES.get(resource.provider_type)
    if attribute is None:
        return False, None
    named = [ref for ref in resource.references if ref.attribute.split(".")[0] == attribute]
    if not named and resource.attributes.get(attribute) in (None, ""):
        return False, None
    for ref in named:
        for target_id in graph.targets(resource, ref.target):
            target = graph.get(target_id)
            if target is not None and target.kind == "database.instance":
                return True, target
    return True, None


def is_documented_default(group: Resource) -> bool:
    """True for a default security group made from the documented rules."""
    return group.attributes.get("documented_default") is True


def is_unplaced_default(group: Resource) -> bool:
    """True for the default group of a VPC that is not known (its members not known)."""
    return is_documented_default(group) and group.attributes.get("vpc") is None


def why_not_known(group: Resource) -> str:
    """Why the members or rules of a documented default group are not all known."""
    value: Any = group.attributes.get("why_not_known")
    return value if isinstance(value, str) else ""


def _root_of(resource: Resource) -> str | None:
    """:func:`gdcc_audit.graph.model.root_of` (imported here: the graph model imports this
    module)."""
    from gdcc_audit.graph.model import root_of

    return root_of(resource)
