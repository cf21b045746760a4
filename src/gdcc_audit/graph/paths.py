"""What graph queries return: paths with the ports each hop lets through, blast radii and
companion searches. Plain frozen data, so findings and reports can carry them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INTERNET = "internet"
#: Prefix of the helper node of a Google external passthrough forwarding rule: the internet's
#: clients as its backends see them (``graph/google_lb.py``; a path folds it into the next hop).
FORWARDING = "fwd:"
#: The node of any CloudFront distribution, of any AWS account: what the internet reaches a
#: public target admitting CloudFront's origin-facing prefix list through
#: (``graph/network.py`` ``_any_distribution``). A path shows it.
ANY_DISTRIBUTION = "cloudfront (any distribution)"
#: Prefix of the helper node of one port of a Kubernetes Service (``service-port:<id>:<port>``):
#: the Service as an Ingress reaches it, passing on only that port's target. A path shows it
#: as the Service.
SERVICE_PORT = "service-port:"

#: Prefix of the helper node of an ELBv2 listener's default action or of a listener rule
#: (``forwarded-by:<listener or rule id>``): the balancer as a request that listener (rule)
#: forwards reaches it, passing on only to its target groups' targets (``graph/network.py``
#: ``_gated``). A path shows it as the balancer.
FORWARDED_BY = "forwarded-by:"


def forwarded_by_node(holder: str) -> str:
    """The helper node of the listener or listener rule ``holder`` (an id)."""
    return f"{FORWARDED_BY}{holder}"


def service_port_node(service: str, port: int) -> str:
    """The helper node of ``port`` of the Service ``service`` (an id)."""
    return f"{SERVICE_PORT}{service}:{port}"


def service_of_port(node: str) -> str | None:
    """The Service id a :func:`service_port_node` stands for; None for any other node."""
    if not node.startswith(SERVICE_PORT):
        return None
    return node[len(SERVICE_PORT):].rpartition(":")[0]


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a path: a node, and the ports of the edge that reached it."""

    node: str
    label: str
    kind: str
    ports: str | None = None
    certain: bool = True
    #: What let the traffic through (a security group rule, a listener, a selector...).
    via: str | None = None
    #: The hop is an AWS Lambda function, reached by an invocation (an AWS API call through
    #: the Lambda service: the Invoke API, a function URL, an API Gateway integration, a load
    #: balancer's lambda target, an event source), not by a connection to a port of it.
    invoked: bool = False

    def show(self) -> str:
        """``name:ports`` (ports left out when every port passes or none are known);
        ``name (invoked)`` for a function reached by an invocation."""
        if self.invoked:
            return f"{self.label} (invoked)"
        if self.ports and self.ports != "all":
            return f"{self.label}:{self.ports}"
        return self.label

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (``edge: invocation`` on a hop reached by an invocation)."""
        found: dict[str, Any] = {
            "node": self.node,
            "label": self.label,
            "kind": self.kind,
            "ports": self.ports,
            "certain": self.certain,
            "via": self.via,
        }
        if self.invoked:
            found["edge"] = "invocation"
        return found


@dataclass(frozen=True, slots=True)
class GraphPath:
    """A path through the network graph; ``certain`` when every edge is known to pass."""

    hops: tuple[Hop, ...]

    @property
    def certain(self) -> bool:
        """True when no edge of the path rests on something not known."""
        return all(h.certain for h in self.hops)

    @property
    def target(self) -> Hop:
        """The last hop."""
        return self.hops[-1]

    def __str__(self) -> str:
        return " → ".join(h.show() for h in self.hops)

    def as_evidence(self) -> dict[str, Any]:
        """The path as finding evidence: the arrow text and every hop."""
        hops = [h.as_dict() for h in self.hops]
        return {"text": str(self), "certain": self.certain, "hops": hops}


@dataclass(frozen=True)
class BlastRadius:
    """What a node can act on or reach: resources, and the systems they belong to."""

    node: str
    resources: tuple[str, ...]
    systems: tuple[str, ...]
    #: True when a wildcard or administrator permission reaches every resource of its scope.
    unbounded: bool = False
    #: The Kubernetes namespaces that scope is limited to (a wildcard Role held through a
    #: RoleBinding); empty when it is every resource of the provider.
    namespaces: tuple[str, ...] = ()
    #: Roles and policies reached whose permissions are not known (a policy text or an
    #: attached policy ARN the input does not give): the radius may be wider.
    not_known: tuple[str, ...] = ()
    #: Identities of the provider the node may act as (pass, assume, or run code with).
    acts_as: tuple[str, ...] = ()
    #: Resources whose data the node may read or write (not their identities).
    data: tuple[str, ...] = ()
    #: Wildcard grants limited to named resources (``s3:Get* on arn:aws:s3:::logs/*``):
    #: followed to what they name, not to everything.
    wildcards: tuple[str, ...] = ()
    #: The Kubernetes grants that make the radius every resource of its scope other than a
    #: wildcard or administrator permission: escalate / bind / impersonate, or an escalation
    #: path (a mutating webhook written, a client certificate signer approved).
    escalations: tuple[str, ...] = ()
    #: Azure grants by resource reached (id -> ``azurerm_key_vault_access_policy.web at
    #: main.tf:37``, ``access_policy.0 of azurerm_key_vault.v at main.tf:9``,
    #: ``azurerm_role_assignment.a at main.tf:20``): the line that gives the access.
    granted: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: AWS wildcard grants of describe / list actions only on anything (``ec2:Describe*`` on
    #: ``*``): they show what exists and reach nothing (``grants.describes_only``).
    describes: tuple[str, ...] = ()
    #: When only these make it unbounded: AWS statements whose wildcards only describe and
    #: list, beside other actions, on resources not known (``grants.loose_describes``).
    loose_describes: tuple[str, ...] = ()
    #: Roles and policies reached that only another value of a template's parameters
    #: creates (``ONLY_WITH``): ``Admin (deployed only when condition IsProd holds, ...)``
    #: (``ResourceGraph.blast_radius(alone=True)`` does not follow them).
    elsewhere: tuple[str, ...] = ()
    #: AWS wildcard grants on every resource of a few IAM services (``"AWS managed
    #: AmazonS3ReadOnlyAccess": s3:Get*, s3:List*, s3:Describe* on *``,
    #: ``grants.service_wide``): they reach the resources of ``services`` only.
    service_wide: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    #: When each of those grants' wildcards only describe and list: other actions beside
    #: them, on resources not known, reach those services' resources.
    service_loose: bool = False
    #: Roles the node may pass to some services only (``iam:PassedToService``) whose trust
    #: policy is not known: whether one of those services may assume them is not known
    #: (``grants.TRUST_UNKNOWN``); the radius may be wider.
    trusts_not_known: tuple[str, ...] = ()
    #: Google service accounts the node may act as (or acts as through one it may act as)
    #: by a grant on them, each with the role and grant: ``google_service_account.admin
    #: (roles/iam.serviceAccountUser: iam.serviceAccounts.actAs, granted by ... at main.tf:20)``.
    impersonates: tuple[str, ...] = ()
    #: Of ``service_wide``, the grants held only through identities the node acts as (a role
    #: it may pass), each with those identities' ids: the message names them.
    service_through: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: When the wildcard or administrator grant that makes an AWS radius unbounded is held
    #: only through identities the node acts as (an administrator role it may pass), those
    #: identities' ids: the message names them (the grant is theirs, not the node's).
    unbounded_through: tuple[str, ...] = ()


@dataclass(frozen=True)
class Companions:
    """Resources of one kind found next to a node, and whether "none found" means "none".

    ``complete`` is True when the whole configuration the node came from was scanned (a
    Terraform root with all its modules, a whole template); otherwise ``missing`` says which
    part was not available.
    """

    found: tuple[str, ...]
    complete: bool
    missing: tuple[str, ...] = field(default=())
