"""VPC Lattice: which VPCs' clients reach a target through a service network.

A security group rule admitting the AWS-managed prefix list ``com.amazonaws.<region>.vpc-lattice``
admits VPC Lattice's proxies, which carry the requests of clients in the VPCs associated with
a service network to the targets of its services ("A service network ... You associate
services and VPCs with a service network", "clients in a VPC associated with the service
network can access the services", Amazon VPC Lattice user guide, service-networks.html /
service-network-associations.html). It was read as "any internal address (not resolved)":
an uncertain edge from every workload of the tenant, whatever network.

The chain read here, from the loaded documents (the mappers keep no Lattice resource):
a target registered in a target group (``aws_vpclattice_target_group_attachment`` ``target``,
``AWS::VpcLattice::TargetGroup`` ``Targets``; an ECS service's ``vpc_lattice_configurations``;
an Auto Scaling group's ``aws_autoscaling_traffic_source_attachment`` of type ``vpc-lattice``),
the services whose listeners or listener rules forward to the group
(``aws_vpclattice_listener`` / ``_listener_rule``, ``AWS::VpcLattice::Listener`` / ``Rule``),
the service networks associating each service
(``aws_vpclattice_service_network_service_association``,
``AWS::VpcLattice::ServiceNetworkServiceAssociation``) and the VPCs associated with each
network (``aws_vpclattice_service_network_vpc_association``,
``AWS::VpcLattice::ServiceNetworkVpcAssociation``; a service network VPC endpoint,
``aws_vpc_endpoint`` of type ``ServiceNetwork``). A service network or service whose
``auth_type`` / ``AuthType`` is ``AWS_IAM`` lets an auth policy decide which identities may
call it (not read: perhaps); ``NONE`` is the default ("NONE: The resource does not use an IAM
policy. This is the default", CloudFormation AWS::VpcLattice::ServiceNetwork). A VPC
association with security groups lets them decide which clients of the VPC may (not read:
perhaps).

What the scan does not tell stays open (a target group no listener of the scan forwards to,
a service in no service network of the scan or shared through AWS RAM, a network associated
with a VPC not in the scan or shared): beside the VPCs found, "any internal address" perhaps.
A target in no Lattice target group of the scan is not known here (``None``: as before).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

#: The service of Lattice's AWS-managed prefix list (``graph/service_lists.py``).
LATTICE_SERVICE = "vpc-lattice"

#: Why a target's reach is open (Thai: models/reason_words.py).
GROUP_OPEN = "target group {} may be used by a VPC Lattice service not in the scan"
SERVICE_OPEN = "VPC Lattice service {} may be in a service network not in the scan"
NETWORK_OPEN = "VPC Lattice service network {} may be associated with VPCs not in the scan"
#: Why a VPC's clients reach it only perhaps.
IAM_AUTH = "the auth policy of {} decides who may call it (auth_type AWS_IAM)"
AUTH_NOT_KNOWN = "the auth type of {} is not known"
GROUPS_DECIDE = "the security groups of {} decide which of its clients may"
#: A VPC's clients reach it.
THROUGH = "clients in {} reach it through VPC Lattice service network {}"


@dataclass(frozen=True)
class Client:
    """A VPC associated with a service network that reaches a target, and why only perhaps
    (empty: surely)."""

    vpc: str
    network: str
    doubts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reach:
    """Who reaches one target through VPC Lattice: the associated VPCs (addresses of the
    unit) and why networks not in the scan may too (``open``, empty when none)."""

    clients: tuple[Client, ...] = ()
    open: tuple[str, ...] = ()


@dataclass
class _Chain:
    """The Lattice resources of one unit, by address (or logical id)."""

    #: target group -> its targets
    members: dict[str, set[str]] = field(default_factory=dict)
    #: target group -> the services forwarding to it (None: a service not known)
    services: dict[str, set[str | None]] = field(default_factory=dict)
    #: service -> its service networks (None: one not known)
    networks: dict[str, set[str | None]] = field(default_factory=dict)
    #: service network -> (VPC or None, the association's address, it has security groups)
    vpcs: dict[str, list[tuple[str | None, str, bool]]] = field(default_factory=dict)
    #: service or service network -> its auth type (None: not known)
    auth: dict[str, str | None] = field(default_factory=dict)
    #: services and service networks shared with other accounts (AWS RAM)
    shared: set[str] = field(default_factory=set)

    def solve(self) -> dict[str, Reach]:
        found: dict[str, Reach] = {}
        for group, targets in sorted(self.members.items()):
            reach = self._group(group)
            for target in targets:
                before = found.get(target)
                if before is not None:
                    reach = Reach(_unique(before.clients + reach.clients),
                                  _unique(before.open + reach.open))
                found[target] = reach
        return found

    def _group(self, group: str) -> Reach:
        clients: list[Client] = []
        opened: list[str] = []
        services = self.services.get(group)
        if not services or None in services:
            opened.append(GROUP_OPEN.format(group))
        for service in sorted(s for s in services or () if s is not None):
            networks = self.networks.get(service)
            if not networks or None in networks or service in self.shared:
                opened.append(SERVICE_OPEN.format(service))
            for network in sorted(n for n in networks or () if n is not None):
                associated = self.vpcs.get(network, [])
                if network in self.shared or any(v is None for v, _, _ in associated):
                    opened.append(NETWORK_OPEN.format(network))
                doubts = [_auth_doubt(name, self.auth.get(name, "NONE"))
                          for name in (network, service)]
                for vpc, association, groups in associated:
                    if vpc is None:
                        continue
                    said = [d for d in doubts if d]
                    if groups:
                        said.append(GROUPS_DECIDE.format(association))
                    clients.append(Client(vpc, network, tuple(said)))
        return Reach(_unique(clients), _unique(opened))


def _unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def _auth_doubt(name: str, auth: str | None) -> str:
    if auth is None:
        return AUTH_NOT_KNOWN.format(name)
    return IAM_AUTH.format(name) if auth.upper() != "NONE" else ""


def _auth(value: Any) -> str | None:
    """An auth type: its text, ``NONE`` when unset (the default), None when not known."""
    if value is None:
        return "NONE"
    return value if isinstance(value, str) else None


# -- Terraform -----------------------------------------------------------------------------

TF_TYPES = ("aws_vpclattice_",)


def from_terraform(managed: Mapping[str, Any], targets: Callable[[Any, str], list[str]]
                   ) -> dict[str, Reach]:
    """Target address -> its reach, for one Terraform unit (``managed``: its managed
    resources by address; ``targets(resource, argument)``: the managed addresses an argument
    references)."""
    if not any(r.type.startswith("aws_vpclattice_") for r in managed.values()):
        return {}
    chain = _Chain()
    for address, resource in managed.items():
        kind, values = resource.type, resource.values
        if kind == "aws_vpclattice_target_group_attachment":
            for group in targets(resource, "target_group_identifier"):
                chain.members.setdefault(group, set()).update(targets(resource, "target"))
        elif kind == "aws_ecs_service":
            for group in targets(resource, "vpc_lattice_configurations"):
                if getattr(managed.get(group), "type", "") == "aws_vpclattice_target_group":
                    chain.members.setdefault(group, set()).add(address)
        elif kind == "aws_autoscaling_traffic_source_attachment":
            source = values.get("traffic_source")
            source = source[0] if isinstance(source, list) and source else source
            if isinstance(source, Mapping) and source.get("type") == "vpc-lattice":
                for group in targets(resource, "traffic_source"):
                    if getattr(managed.get(group), "type", "") == "aws_vpclattice_target_group":
                        chain.members.setdefault(group, set()).update(
                            targets(resource, "autoscaling_group_name"))
        elif kind in ("aws_vpclattice_listener", "aws_vpclattice_listener_rule"):
            services: set[str | None] = set(
                targets(resource, "service_identifier") + targets(resource, "service_arn"))
            if not services and kind.endswith("_rule"):
                listener = [managed[t] for t in targets(resource, "listener_identifier")
                            if t in managed]
                services = {s for lst in listener for s in (
                    targets(lst, "service_identifier") + targets(lst, "service_arn"))}
            for group in targets(resource, "default_action") + targets(resource, "action"):
                chain.services.setdefault(group, set()).update(services or {None})
        elif kind == "aws_vpclattice_service_network_service_association":
            networks: list[str | None] = list(
                targets(resource, "service_network_identifier")) or [None]
            for service in targets(resource, "service_identifier"):
                chain.networks.setdefault(service, set()).update(networks)
        elif kind == "aws_vpclattice_service_network_vpc_association":
            vpcs: list[str | None] = list(targets(resource, "vpc_identifier")) or [None]
            groups = values.get("security_group_ids") not in (None, [])
            for network in targets(resource, "service_network_identifier"):
                chain.vpcs.setdefault(network, []).extend(
                    (v, address, groups) for v in vpcs)
        elif kind == "aws_vpc_endpoint" and values.get("vpc_endpoint_type") == "ServiceNetwork":
            vpcs = list(targets(resource, "vpc_id")) or [None]
            groups = values.get("security_group_ids") not in (None, [])
            for network in targets(resource, "service_network_arn"):
                chain.vpcs.setdefault(network, []).extend((v, address, groups) for v in vpcs)
        elif kind in ("aws_vpclattice_service", "aws_vpclattice_service_network"):
            chain.auth[address] = _auth(values.get("auth_type"))
        elif kind == "aws_ram_resource_association":
            chain.shared.update(targets(resource, "resource_arn"))
    return chain.solve()


# -- CloudFormation ------------------------------------------------------------------------

def from_template(resources: Mapping[str, Any], target: Callable[[Any], str | None]
                  ) -> dict[str, Reach]:
    """Target logical id -> its reach, for one CloudFormation template (``target(value)``:
    the logical id a property names, None for a parameter or an import)."""
    bodies = [
        (name, str(body.get("Type") or ""), props)
        for name, body in resources.items()
        if isinstance(body, Mapping)
        and isinstance(props := body.get("Properties") or {}, Mapping)
    ]
    if not any(kind.startswith("AWS::VpcLattice::") for _, kind, _ in bodies):
        return {}
    chain = _Chain()
    listeners: dict[str, str | None] = {}
    for name, kind, props in bodies:
        if kind == "AWS::VpcLattice::Listener":
            listeners[name] = target(props.get("ServiceIdentifier"))
    for name, kind, props in bodies:
        if kind == "AWS::VpcLattice::TargetGroup":
            for item in props.get("Targets") or ():
                if isinstance(item, Mapping) and (found := target(item.get("Id"))):
                    chain.members.setdefault(name, set()).add(found)
        elif kind in ("AWS::VpcLattice::Listener", "AWS::VpcLattice::Rule"):
            service = target(props.get("ServiceIdentifier"))
            if service is None and kind.endswith("Rule"):
                service = listeners.get(target(props.get("ListenerIdentifier")) or "")
            action = props.get("DefaultAction" if kind.endswith("Listener") else "Action")
            forward = action.get("Forward") if isinstance(action, Mapping) else None
            groups = forward.get("TargetGroups") if isinstance(forward, Mapping) else None
            for item in groups if isinstance(groups, list) else ():
                group = target(item.get("TargetGroupIdentifier")) if isinstance(
                    item, Mapping) else None
                if group is not None:
                    chain.services.setdefault(group, set()).add(service)
        elif kind == "AWS::VpcLattice::ServiceNetworkServiceAssociation":
            service = target(props.get("ServiceIdentifier"))
            if service is not None:
                chain.networks.setdefault(service, set()).add(
                    target(props.get("ServiceNetworkIdentifier")))
        elif kind == "AWS::VpcLattice::ServiceNetworkVpcAssociation":
            network = target(props.get("ServiceNetworkIdentifier"))
            if network is not None:
                chain.vpcs.setdefault(network, []).append(
                    (target(props.get("VpcIdentifier")), name,
                     props.get("SecurityGroupIds") not in (None, [])))
        elif kind == "AWS::EC2::VPCEndpoint" and props.get("VpcEndpointType") == "ServiceNetwork":
            network = target(props.get("ServiceNetworkArn"))
            if network is not None:
                chain.vpcs.setdefault(network, []).append(
                    (target(props.get("VpcId")), name,
                     props.get("SecurityGroupIds") not in (None, [])))
        elif kind in ("AWS::VpcLattice::Service", "AWS::VpcLattice::ServiceNetwork"):
            chain.auth[name] = _auth(props.get("AuthType"))
        elif kind == "AWS::RAM::ResourceShare":
            for arn in props.get("ResourceArns") or ():
                if (shared := target(arn)) is not None:
                    chain.shared.add(shared)
    return chain.solve()
