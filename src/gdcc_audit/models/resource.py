"""The canonical, provider-neutral resource that every rule is written against."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import Field, field_validator

from gdcc_audit.models.cidr import internet_sources, open_to_internet
from gdcc_audit.models.common import ClassificationField, FrozenModel, SecurityCategory, Text
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.value_origin import LaterOrigin

#: Canonical resource kinds. Rules name these, never provider types such as ``aws_s3_bucket``.
KINDS: dict[str, str] = {
    "tenant": "the GDCC tenant itself (identity, logging, time sync, backup settings, evidence)",
    "system": "an information system of the tenant (NCSC category, classification, DGA tier)",
    "compute.instance": "virtual machine or server",
    "compute.image": "machine image or template",
    "compute.function": "serverless function",
    "compute.scaling_group": "a group that launches instances from a template (an Auto Scaling "
    "group, a managed instance group): where its instances run and what reaches them",
    "container.cluster": "managed Kubernetes or container cluster",
    "analytics.workspace": "data science, machine learning, AI or data integration service "
    "(Azure Machine Learning, Azure AI services and AI Foundry, Data Factory, Batch, App "
    "Configuration, Purview): its endpoint",
    "container.registry": "container image registry",
    "container.task": "containers run without Kubernetes: an Amazon ECS task definition",
    "container.service": "the running tasks of a container service (an Amazon ECS service): "
    "where they run and what reaches them",
    "network.vpc": "virtual network",
    "network.subnet": "subnet",
    "network.security_group": "security group, network security group or firewall rule set",
    "network.load_balancer": "load balancer or listener",
    "network.public_ip": "public / floating IP address",
    "network.interface": "network interface of a VM: its subnet, public IP and network "
    "security group (Azure)",
    "network.router": "router, NAT or internet gateway",
    "network.route_table": "route table: where a subnet's traffic goes (gateways, NAT, peers)",
    "network.acl": "network ACL: stateless, numbered allow/deny rules at a subnet's edge",
    "network.target_group": "load balancer target group, one target's attachment to it, or a "
    "listener rule that forwards to groups",
    "network.api_gateway": "API gateway or CDN distribution",
    "network.vpn_endpoint": "remote-access (client) VPN endpoint: where users connect into a "
    "network from outside it",
    "network.firewall": "managed network firewall (Azure Firewall, its firewall policy): the "
    "filtering it applies to the traffic it inspects",
    "storage.bucket": "object storage bucket or container",
    "storage.volume": "block volume or disk",
    "storage.snapshot": "volume, disk or database snapshot",
    "storage.file_share": "network file share",
    "database.instance": "managed database, cache or search cluster",
    "database.parameter_group": (
        "database parameter group: engine settings (TLS, audit events) of the databases that "
        "name it, judged on its own too"
    ),
    "identity.user": "user account",
    "identity.role": "role or service account",
    "identity.policy": "permission policy or role assignment",
    "identity.access_key": "long-lived access key",
    "identity.account_settings": "account-wide identity settings (password policy)",
    "crypto.key": "encryption key",
    "crypto.secret": "stored secret",
    "crypto.certificate": "TLS certificate",
    "logging.audit_trail": "control-plane audit trail",
    "logging.flow_log": "network flow / traffic log",
    "logging.log_group": "log group, bucket or workspace with retention",
    "logging.resource_log": (
        "the logs one resource sends somewhere (an Azure diagnostic setting of a resource): "
        "judged through that resource"
    ),
    "logging.monitor": "threat detection, alerting or monitoring service",
    "backup.plan": "backup plan, policy or vault",
    "messaging.queue": "message queue or message broker",
    "messaging.topic": "publish/subscribe topic, event bus or notification topic",
    "messaging.stream": "data stream or delivery stream",
    "network.dns_zone": "DNS zone or registered domain",
    "k8s.workload": "Kubernetes Pod, Deployment, StatefulSet, DaemonSet, Job or CronJob",
    "k8s.service": "Kubernetes Service (or a GKE MultiClusterService's Service template)",
    "k8s.ingress": (
        "Kubernetes Ingress, Gateway API or Istio Gateway, OpenShift Route, Traefik "
        "IngressRoute, Contour HTTPProxy, Kong TCPIngress / UDPIngress, Emissary Mapping / "
        "TCPMapping, NGINX VirtualServer / TransportServer, APISIX ApisixRoute, Gloo "
        "VirtualService, AWS TargetGroupBinding, Skipper RouteGroup, GKE MultiClusterIngress, "
        "Knative DomainMapping"
    ),
    "k8s.route": (
        "Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute; v1 and "
        "v1alpha1), Istio VirtualService, an HTTPProxy a root includes, an NGINX "
        "VirtualServerRoute, a Gloo RouteTable or Upstream, a Traefik TraefikService"
    ),
    "k8s.network_policy": "Kubernetes NetworkPolicy",
    "k8s.role": "Kubernetes Role or ClusterRole",
    "k8s.role_binding": "Kubernetes RoleBinding or ClusterRoleBinding",
    "k8s.namespace": "Kubernetes Namespace",
    "k8s.secret": "Kubernetes Secret (values are never kept)",
    "k8s.config_map": "Kubernetes ConfigMap",
    "k8s.proxy_config": (
        "Emissary Host or Listener, GKE FrontendConfig, IngressClass, AWS IngressClassParams, "
        "Traefik Middleware: "
        "read for the TLS (and scheme) of the entry points it applies to (no rule judges it on "
        "its own)"
    ),
    "k8s.persistent_volume": "Kubernetes PersistentVolume: the pods whose claims bind it mount "
    "its storage (a hostPath volume: a path of their node)",
    "other.secret_holder": "a resource of a type no other rule judges (it is still listed as "
    "not judged), or a companion whose target is not in the scan, with a secret written in "
    "it: judged by GDCC-SECRET-001 only",
}

#: The kind of :data:`KINDS` given to a resource that is otherwise not judged and has a
#: secret written in it.
SECRET_HOLDER = "other.secret_holder"

#: Provider words that mean "anyone on the internet" (kept for plugins; rules use
#: :mod:`gdcc_audit.models.cidr`, which also reads every /0 prefix as the whole internet).
INTERNET_SOURCES = frozenset({"0.0.0.0/0", "::/0", "*", "internet", "any", "Internet"})


#: The source of an Azure database firewall rule from 0.0.0.0 to 0.0.0.0: "Allow Azure
#: services and resources to access this server", any client hosted in Azure, other
#: customers' included (learn.microsoft.com/azure/azure-sql/database/firewall-configure).
AZURE_SERVICES = "azure-services"


#: IP protocols that are not TCP (by name; any protocol number but 6 is not TCP either).
_NOT_TCP = frozenset({
    "icmp", "icmpv6", "ipv6-icmp", "icmp-v6", "udp", "udplite", "sctp", "dccp", "gre", "esp",
    "ah", "vrrp", "ospf", "igmp", "pgm", "rsvp", "ipip", "egp", "ipv6-encap", "ipv6-frag",
    "ipv6-nonxt", "ipv6-opts", "ipv6-route",
})


class IngressRule(FrozenModel):
    """One inbound permission. ``None`` ports or sources mean *not known*, not *any*."""

    protocol: str = "tcp"
    from_port: int | None = Field(default=None, ge=0, le=65535)
    to_port: int | None = Field(default=None, ge=0, le=65535)
    sources: tuple[str, ...] | None = None
    #: Native address of the resource that declares the rule when it is not the resource
    #: holding it (an ``aws_security_group_rule`` merged into its group); ``None``: declared
    #: by the holder itself (an inline block).
    declared_by: str | None = None
    #: ``file:line`` where that declaring resource (or the inline block) is written, when known.
    declared_at: str | None = None
    #: ``file:line`` where a value of the rule (its source, ports or protocol) is set when a
    #: parameter gives it (a Heat parameter default, an environment file, the parent's
    #: property): the line a user changes (a FAIL says ``value set at``).
    set_at: str | None = None
    #: Why ``sources`` is not known, when the input says it (a prefix list outside the scan
    #: that may hold any range); ``None``: not said.
    unknown_why: Text | None = None

    @property
    def all_ports(self) -> bool:
        """True when the rule covers every port (protocol 'all' or 0-65535)."""
        return self.protocol in {"all", "-1", "*"} or (
            self.from_port == 0 and self.to_port == 65535
        )

    def covers(self, port: int) -> bool | None:
        """Whether TCP ``port`` is inside the rule (the services judged, SSH, RDP, databases,
        listen on TCP; a rule of another IP protocol reaches none, as the graph's port sets
        read it: UDP, ICMP, and a VRRP ``112`` or ``gre`` rule, whose port range Neutron
        ignores); ``None`` when the ports are not known."""
        name = self.protocol.strip().lower()
        if name in _NOT_TCP or (name.isdigit() and name not in ("6", "0")):
            return False
        if self.all_ports:
            return True
        if self.from_port is None or self.to_port is None:
            return None
        return self.from_port <= port <= self.to_port

    @property
    def from_internet(self) -> bool | None:
        """Whether the sources (alone or together) cover the whole IPv4 or IPv6 internet, or
        one is a public range of /8 (IPv6 /16) or wider, judged on address ranges
        (``cidr.open_to_internet``); ``None`` when the sources are not known."""
        if self.sources is None:
            return None
        return open_to_internet(self.sources)

    @property
    def internet_sources(self) -> tuple[str, ...]:
        """The sources that make the rule open to the internet, as written."""
        if not self.from_internet or self.sources is None:
            return ()
        alone = internet_sources(self.sources)
        return tuple(alone) if alone else self.sources


class Route(FrozenModel):
    """One route of a route table. ``target`` is ``internet_gateway``, ``nat_gateway``,
    ``egress_only_gateway`` (IPv6 outbound only), ``local`` or ``other``; ``None`` fields mean
    *not known*."""

    destination: str | None = None
    target: str | None = None


class AclRule(FrozenModel):
    """One network ACL entry: evaluated by ``number``, lowest first; the first entry matching
    protocol, port and address decides (stateless: inbound and outbound are judged apart)."""

    number: int | None = None
    egress: bool = False
    allow: bool | None = None
    protocol: str = "all"
    from_port: int | None = Field(default=None, ge=0, le=65535)
    to_port: int | None = Field(default=None, ge=0, le=65535)
    cidr: str | None = None
    #: Native address of the resource that declares the entry when it is not the ACL
    #: holding it (``aws_network_acl_rule``, ``AWS::EC2::NetworkAclEntry``); ``None``: an
    #: inline entry of the ACL itself.
    declared_by: str | None = None
    #: ``file:line`` where that declaring resource (or the inline block) is written, when known.
    declared_at: str | None = None
    #: ``file:line`` where a value of the entry (its range, ports, protocol, number or action)
    #: is set when an input gives it (a module argument, a variable default, an element of a
    #: list of entries): the line a user changes (a FAIL says ``value set at``).
    set_at: str | None = None


#: The entries of a network ACL that the input does not show, standing for them beside an
#: entry whose ACL is outside the scan (``aws_network_acl_rule``, ``AWS::EC2::NetworkAclEntry``):
#: of unknown number, so they may come first, and taken to deny, so they may close a port but
#: open none. The entry is judged for what it lets in itself: a port it does not open stays
#: closed, a port it opens to the internet is not known (a lower entry may deny it first).
UNSEEN_ACL_ENTRIES = AclRule(
    number=None, egress=False, allow=False, protocol="all", from_port=0, to_port=65535
)


class PolicyStatement(FrozenModel):
    """One ``Allow`` statement of a permission policy. ``actions`` are IAM patterns
    (``s3:Put*``); with ``not_action`` the statement allows every action *except* them.
    ``resources`` are ARN patterns, an entry ``<unknown>`` for one computed at apply time
    and ``ref:<address>`` for one that names a resource of the scan; ``None``: not known.
    ``passed_to``: the services an ``iam:PassedToService`` condition lets a role be passed
    to (``ec2.amazonaws.com``; patterns under ``StringLike``), ``None`` without one: such a
    statement passes only roles those services may assume, and grants nothing else (the key
    is in no other request's context: IAM User Guide, "IAM and AWS STS condition context
    keys", iam:PassedToService)."""

    sid: str | None = None
    actions: tuple[str, ...] = ()
    not_action: bool = False
    resources: tuple[str, ...] | None = None
    passed_to: tuple[str, ...] | None = None

    def allows(self, action: str) -> bool:
        """Whether the statement allows ``action`` (``service:Name``): it matches one of the
        statement's patterns (``*`` and ``?`` wildcards, case-insensitive, as IAM compares
        actions), or, with ``not_action``, none of them."""
        wanted = action.lower()
        return any(
            fnmatch.fnmatchcase(wanted, pattern.lower()) for pattern in self.actions
        ) != self.not_action

    def wildcard_grant(self) -> str | None:
        """What the statement grants by wildcard, for a finding's evidence (``"ReadS3":
        s3:Get* on arn:aws:s3:::reports/*``; ``every action except iam:* on *``); ``None``
        when it names every action it allows."""
        if self.not_action:
            granted = "every action except " + ", ".join(self.actions)
        else:
            wild = [a for a in self.actions if wildcard_action(a)]
            if not wild:
                return None
            granted = ", ".join(wild)
        if self.resources is None:
            where = "resources not known"
        else:
            where = ", ".join(
                "a resource computed at apply time" if r == "<unknown>" else r.removeprefix("ref:")
                for r in self.resources
            ) or "*"
        named = f'"{self.sid}": ' if self.sid else ""
        return f"{named}{granted} on {where}"


#: The condition operators whose ``iam:PassedToService`` values bound the services a role
#: may be passed to (a ``...IfExists`` or negated operator bounds nothing).
_PASSED_TO_OPERATORS = frozenset({"stringequals", "stringequalsignorecase", "stringlike"})


def passed_to_services(condition: Any) -> tuple[str, ...] | None:
    """The services a statement's ``Condition`` lets ``iam:PassRole`` pass a role to
    (``{"StringEquals": {"iam:PassedToService": "ec2.amazonaws.com"}}``), lower-cased, for
    ``PolicyStatement.passed_to``; ``None`` when it names none, or a value is not a written
    text (a value not known may be any service). Condition keys and these operators'
    values compare case-insensitively for service names as AWS writes them."""
    if not isinstance(condition, Mapping):
        return None
    for operator, keys in condition.items():
        if str(operator).lower() not in _PASSED_TO_OPERATORS or not isinstance(keys, Mapping):
            continue
        for key, value in keys.items():
            if str(key).lower() != "iam:passedtoservice":
                continue
            values = value if isinstance(value, list | tuple) else [value]
            if not values or not all(
                isinstance(v, str) and v and "<<" not in v and "${" not in v for v in values
            ):
                return None
            return tuple(v.lower() for v in values)
    return None


def wildcard_action(action: str) -> bool:
    """Whether an IAM action pattern is a wildcard (``*``, ``s3:*``, ``s3:Get*``,
    ``s3:?etObject``): it grants every action that matches, including actions the provider
    adds later."""
    return "*" in action or "?" in action


class Facets(ClassificationField):
    """Typed, provider-neutral facts a mapper derives. ``None`` always means *not known*."""

    region: str | None = None
    enabled: bool | None = None
    encrypted_at_rest: bool | None = None
    customer_managed_key: bool | None = None
    encrypted_in_transit: bool | None = None
    tls_min_version: str | None = None
    public_access: bool | None = None
    #: The grants that make the data readable by anyone on the internet (an IAM binding, ACL
    #: entry or access entry for all users), each as ``ROLE to MEMBER by ADDRESS at
    #: FILE:LINE``, or a grant whose members are not known; ``()``: the grants of the type
    #: are read and none names everyone; ``None``: not read. A database type is judged by
    #: GDCC-DATA-001 only when its grants are read (BigQuery datasets and tables).
    public_grants: tuple[str, ...] | None = None
    public_endpoint: bool | None = None
    ingress: tuple[IngressRule, ...] | None = None
    #: Outbound permissions of a security group (``sources`` hold the *destinations*).
    egress: tuple[IngressRule, ...] | None = None
    #: Routes of a route table.
    routes: tuple[Route, ...] | None = None
    #: Entries of a network ACL, inbound and outbound.
    acl_rules: tuple[AclRule, ...] | None = None
    #: The VPC's main route table or default network ACL (it serves every subnet that is not
    #: associated with another one).
    vpc_default: bool | None = None
    access_logging: bool | None = None
    #: Traffic (flow) logging configured on the network itself (e.g. a subnet's log config);
    #: flow logs declared as separate ``logging.flow_log`` resources are found through the graph.
    flow_logging: bool | None = None
    log_retention_days: int | None = None
    multi_region: bool | None = None
    log_integrity: bool | None = None
    versioning: bool | None = None
    backup_enabled: bool | None = None
    backup_retention_days: int | None = None
    deletion_protection: bool | None = None
    high_availability: bool | None = None
    auto_patching: bool | None = None
    mfa_required: bool | None = None
    admin_privileges: bool | None = None
    wildcard_permissions: bool | None = None
    #: Allow statements of a policy or of a role's inline and well-known managed policies
    #: (Deny statements are not kept: a grant they narrow still counts, never a wrong PASS).
    permissions: tuple[PolicyStatement, ...] | None = None
    #: When ``permissions`` is None only because some managed policies a holder names are not
    #: known (an AWS managed policy not listed in ``aws_managed_policies``, a customer policy
    #: outside the scan, an ARN from a parameter or variable) and the rest is read: the
    #: statements of the rest (its inline policies, the listed managed ones), and the parts
    #: not known, named (``arn:aws:iam::aws:policy/AWSLambdaExecute``, or
    #: ``ManagedPolicyArns[0]`` for a value not known). None otherwise.
    permissions_read: tuple[PolicyStatement, ...] | None = None
    permissions_unread: tuple[str, ...] | None = None
    key_rotation: bool | None = None
    #: Day a long-lived credential (access key, password) was created or last rotated.
    last_rotated: dt.date | None = None
    password_min_length: int | None = None
    waf_enabled: bool | None = None
    #: API methods or routes an API stage serves that any caller may invoke without
    #: authentication (authorization ``NONE``; CORS ``OPTIONS`` preflights left out), each as
    #: ``GET /pets (ADDRESS)``; ``()``: every method is read and each asks for credentials;
    #: ``None``: the methods are not known (defined outside the scan or in an OpenAPI body).
    unauthenticated_methods: tuple[str, ...] | None = None
    threat_detection: bool | None = None
    #: Whether a network firewall drops traffic to and from addresses and domains its
    #: provider's threat intelligence knows to be malicious (Azure Firewall threat
    #: intelligence mode ``Deny``); False when it only alerts or is off.
    threat_intel_blocks: bool | None = None
    #: Whether a network firewall's intrusion detection and prevention system drops what its
    #: signatures match (Azure Firewall Premium policy IDPS mode ``Deny``); False when it
    #: only alerts, is off or is not there.
    intrusion_prevention: bool | None = None
    time_sync_enabled: bool | None = None
    time_sync_max_offset_ms: float | None = None
    privileged_container: bool | None = None
    run_as_root: bool | None = None
    privilege_escalation: bool | None = None
    host_namespace: bool | None = None
    #: The host namespaces the pod shares (``hostIPC``, ``hostNetwork``, ``hostPID``); empty:
    #: none. ``host_namespace`` says whether there is any.
    host_namespaces: tuple[str, ...] | None = None
    read_only_root_fs: bool | None = None
    resource_limits: bool | None = None
    #: The limits (``cpu``, ``memory``) that a container of the pod does not set; empty: every
    #: container sets both. ``resource_limits`` says whether none is missing.
    missing_limits: tuple[str, ...] | None = None
    #: Facet name -> the containers (by name) that make a workload's facet non-compliant:
    #: ``run_as_root``, ``privilege_escalation``, ``privileged_container``,
    #: ``read_only_root_fs``, ``drops_all_capabilities``, ``missing_limits``. A failing
    #: finding names them (evidence ``containers``), so a user knows which container to fix.
    containers_at_fault: dict[str, tuple[str, ...]] | None = None
    default_deny: bool | None = None
    hardcoded_secrets: tuple[str, ...] | None = None
    # -- compute --------------------------------------------------------------------------
    #: The instance metadata service requires session tokens (IMDSv2), or is switched off.
    metadata_tokens_required: bool | None = None
    #: Interactive serial-console access to the instance is enabled.
    serial_console: bool | None = None
    #: Paths of secrets written in instance user data / custom data (values never kept).
    user_data_secrets: tuple[str, ...] | None = None
    #: The instance runs as the platform's default service account with broad scopes.
    default_service_account: bool | None = None
    #: Password (not key-only) log-in to the operating system is allowed.
    password_auth: bool | None = None
    #: Users of a managed notebook instance (SageMaker, Vertex AI Workbench) may become root
    #: on it; ``None`` on every other machine (its users are its operating system's).
    notebook_root_access: bool | None = None
    #: Remote debugging of the application or function is switched on.
    remote_debugging: bool | None = None
    #: Verified-boot protections that are off (secure boot, vTPM, integrity monitoring,
    #: Shielded GKE Nodes), each with where it is set; empty when every one is on.
    boot_protection_off: tuple[str, ...] | None = None
    # -- databases, caches, messaging ------------------------------------------------------
    #: Clients authenticate with the directory / IAM (local accounts or keys alone not used).
    directory_auth: bool | None = None
    #: Connections and disconnections are logged by the database engine.
    connection_logging: bool | None = None
    #: The engine's connection-logging flags that are not on (``log_connections``,
    #: ``log_disconnections``); empty when every one is on.
    connection_logging_off: tuple[str, ...] | None = None
    #: Engine flags set to an insecure value (``name=value``).
    insecure_db_flags: tuple[str, ...] | None = None
    #: Clients must authenticate (password / token / IAM) to a cache or broker.
    auth_required: bool | None = None
    # -- managed Kubernetes -----------------------------------------------------------------
    #: Kubernetes Secrets are envelope-encrypted with a key of the key management service.
    secrets_encryption: bool | None = None
    #: Control-plane (API server, audit, authenticator) logs are sent to the log service.
    control_plane_logging: bool | None = None
    #: A network-policy engine enforces NetworkPolicy objects.
    network_policy_enforced: bool | None = None
    #: Worker nodes get public IP addresses.
    node_public_ip: bool | None = None
    #: Kubernetes RBAC authorizes API requests (no legacy ABAC, RBAC not switched off).
    rbac_authorization: bool | None = None
    #: Pods get cloud credentials of their own (workload identity), not the node's.
    workload_identity: bool | None = None
    # -- storage -------------------------------------------------------------------------
    #: Write-once (object lock / immutable) retention is on.
    object_lock: bool | None = None
    #: The store receives logs (audit trail, access logs, flow logs).
    holds_logs: bool | None = None
    #: The platform's public-access prevention is switched on for the store.
    public_access_block: bool | None = None
    # -- DNS and certificates --------------------------------------------------------------
    dnssec: bool | None = None
    transfer_lock: bool | None = None
    #: The certificate is logged to public Certificate Transparency logs.
    ct_logging: bool | None = None
    #: The platform renews the certificate itself (managed, not imported).
    managed_renewal: bool | None = None
    # -- Kubernetes workloads and RBAC -----------------------------------------------------
    #: Every container drops ALL Linux capabilities.
    drops_all_capabilities: bool | None = None
    #: Dangerous capabilities added to a container (``SYS_ADMIN``, ``NET_ADMIN``...).
    dangerous_capabilities: tuple[str, ...] | None = None
    #: Host paths mounted into the pod.
    host_path_mounts: tuple[str, ...] | None = None
    #: Images referenced by a mutable tag (no tag, ``latest``) and not by digest.
    mutable_images: tuple[str, ...] | None = None
    #: The service-account token is mounted into the pod automatically.
    automount_token: bool | None = None
    #: The pod runs as the namespace's ``default`` service account.
    uses_default_service_account: bool | None = None
    #: Container ports bound to the node (``hostPort``).
    host_ports: tuple[int, ...] | None = None
    #: A role lets its holder read Secrets (get/list/watch on secrets).
    reads_secrets: bool | None = None
    #: A role lets its holder run pods (create pods or the workloads that make them, change
    #: a workload's pod template, exec into or attach to pods): they may run as any service
    #: account of the namespace.
    runs_workloads: bool | None = None
    #: What a role grants that lets its holder gain more than the role itself:
    #: ``escalate`` / ``bind`` on roles, ``impersonate`` on users, groups or service
    #: accounts (``"bind on clusterroles"``); empty when it grants none.
    rbac_escalation: tuple[str, ...] | None = None
    #: What a role grants that opens another privilege escalation path of Kubernetes' RBAC
    #: good practices: control of admission webhooks, ``nodes/proxy`` (the kubelet API),
    #: ``serviceaccounts/token``, PersistentVolume creation (hostPath), approving certificate
    #: requests (``"patch on mutatingwebhookconfigurations"``); empty when it grants none.
    escalation_paths: tuple[str, ...] | None = None
    #: Containers that run without a seccomp profile (``Unconfined``, written or by default).
    seccomp_unconfined: tuple[str, ...] | None = None
    #: Containers whose AppArmor profile, SELinux confinement or /proc masking is turned off
    #: (``"AppArmor unconfined: web"``, ``"SELinux type spc_t: web"``,
    #: ``"procMount Unmasked: web"``).
    confinement_disabled: tuple[str, ...] | None = None
    #: Probes and lifecycle hooks that name a ``host`` for the kubelet to connect to
    #: (``"livenessProbe.httpGet.host 10.0.0.1: web"``); empty when none does.
    probe_hosts: tuple[str, ...] | None = None
    #: Sysctls the pod sets outside the Pod Security Standards' Baseline safe set
    #: (``"net.core.somaxconn"``); empty when it sets none or only safe ones.
    unsafe_sysctls: tuple[str, ...] | None = None
    #: A binding grants a role to a ``default`` service account (named, or through a group
    #: every service account belongs to).
    binds_default_service_account: bool | None = None
    #: The name of the role a Kubernetes binding grants (``roleRef.name``).
    bound_role: str | None = None
    #: A binding grants a basic (primitive) role: owner, editor, viewer, or the like.
    basic_role: bool | None = None
    personal_data: bool | None = None
    security_category: SecurityCategory | None = None


FACET_NAMES = frozenset(Facets.model_fields)


class DefaultedFacet(FrozenModel):
    """A facet decided by the provider's documented default: the attribute was not written."""

    attribute: str
    doc: str = Field(description="The provider documentation page stating the default")
    unless: Text | None = Field(
        default=None,
        description="What outside the input can still change the value (an EC2 root volume "
        "without `encrypted` is encrypted when its AMI's snapshot is, or when the account "
        "encrypts new volumes by default)",
    )
    version: str | None = Field(
        default=None,
        description="For a default that changed between provider versions, the provider "
        "version it comes from and why (`aws 5.31.0, .terraform.lock.hcl`)",
    )


class Reference(FrozenModel):
    """A reference from one resource to another, as written in the source."""

    target: str
    attribute: str


class LostMention(FrozenModel):
    """A part of the input that was not assessed and may change the resource's verdicts
    (see :mod:`gdcc_audit.normalize.lost`)."""

    where: str = Field(description="'file:line' where the part not assessed starts")
    named: bool = Field(
        default=True,
        description="True: the part names this resource; False: what it configures cannot be "
        "told (it may be this resource)",
    )
    facets: tuple[str, ...] | None = Field(
        default=None,
        description="The only facets the part can set on this resource (a Terraform "
        "companion declared twice: what it would contribute); None: any",
    )
    kind: str | None = Field(
        default=None,
        description="The canonical kind of the resource the part declares, when known (a "
        "Terraform resource declared twice): only a part that may be the companion a check "
        "found missing (a flow log, a backup plan, a log sink) can change that FAIL",
    )
    unexpanded: bool = Field(
        default=False,
        description="True: the part was read, but its count / for_each could not be "
        "evaluated (a Terraform block keyed by values not known): its instances are not known",
    )


#: ``Resource.attributes`` key of an ``alicloud_vpc`` whose IPv4 gateway may be active: the
#: gateway's address (and why it may be). "Instances in a VPC can access the Internet only
#: when an IPv4 gateway in the VPC is activated and routes that point to the IPv4 gateway are
#: added to a route table of the VPC"; "Traffic of instances in the VPC is not affected
#: before the IPv4 gateway is activated" (normalize/terraform/alicloud.py IPV4_GATEWAY_DOC).
#: The provider activates it only when ``enabled = true`` is written
#: (resource_alicloud_vpc_ipv4_gateway: ``enabled`` Optional + Computed, EnableVpcIpv4Gateway
#: called on a change of it): not written, the gateway is created inactive and changes nothing.
ALICLOUD_IPV4_GATEWAY = "alicloud_ipv4_gateway"
#: ``Resource.attributes`` key: True on an ``alicloud_vpc`` whose IPv4 gateway is active for
#: certain (``enabled = true``): its vSwitches reach the internet only by a route to the
#: gateway, so the graph reads its route tables (``normalize/terraform/alicloud_routing.py``,
#: ``graph/routing.py``); without it an Alibaba route table decides nothing.
ALICLOUD_IPV4_GATEWAY_ACTIVE = "alicloud_ipv4_gateway_active"
#: ``Resource.attributes`` key: on an ``alicloud_slb_server_group``, the ``port`` of each of its
#: ``servers`` blocks in order (None when not known): its servers are reached on their block's
#: port (graph/alicloud_lb.py; the graph's references name the block, ``servers.N.server_ids``).
ALICLOUD_SERVER_PORTS = "alicloud_server_ports"
#: The attribute of an ``alicloud_ess_scaling_configuration``'s reference to a Classic Load
#: Balancer its scaling group's ``loadbalancer_ids`` names (graph/alicloud_lb.py).
ALICLOUD_SCALING_BALANCERS = "loadbalancer_ids"
#: The attribute of a reference from an ECS instance or an ``alicloud_ess_scaling_configuration``
#: to an ALB / NLB server group or SLB vServer group its scaling group adds its instances to
#: (``alicloud_ess_server_group_attachment``, ``alb_server_group`` / ``vserver_groups`` blocks;
#: graph/alicloud_lb.py), and the ``Resource.attributes`` key of their ports (group address:
#: port, None when not known).
ALICLOUD_SCALING_GROUPS = "alicloud_scaling_server_groups"
ALICLOUD_GROUP_PORTS = "alicloud_group_ports"
#: ``Resource.attributes`` key of an Alibaba Cloud SLB / ALB listener whose whitelist ACL admits
#: only these addresses (all known; graph/alicloud_lb.py: no internet edge when none is a wide
#: public range).
ALICLOUD_LISTENER_ADMITS = "alicloud_listener_admits"
#: ``Resource.attributes`` key: True on an Alibaba Cloud SLB listener whose ``server_group_id`` /
#: ``master_slave_server_group_id`` is written with a value not known (graph/alicloud_lb.py: any
#: vServer group of its balancer, not for certain; was read as no group: its default group),
#: or an ALB / NLB listener whose forwarding server group is (any server group of the scan of
#: its balancer's kind and VPC, not for certain; was none).
ALICLOUD_LISTENER_GROUP_NOT_KNOWN = "alicloud_listener_group_not_known"
#: ``Resource.attributes`` key: True on a Compute Engine instance or template whose governing
#: VPC firewall rules were all told apart (normalize/terraform/google_firewalls.py); its
#: references to them are then all there are (none: Google Cloud's implied deny ingress).
VPC_FIREWALLS_KNOWN = "vpc_firewalls_known"
#: ``Resource.attributes`` key: True on a Compute Engine instance or template with an interface
#: on its project's ``default`` network, whose pre-populated firewall rules the graph adds
#: (``graph.defaults.DefaultGroups.google_default_network``).
GCE_DEFAULT_NETWORK = "gce_default_network"
#: ``Resource.attributes`` key on a Compute Engine instance or template: the IP versions
#: (``[4]``, ``[6]``, ``[4, 6]``; ``[]`` for none) of its interfaces' external addresses
#: (``access_config``: IPv4, ``ipv6_access_config``: IPv6); absent when not known. The
#: internet reaches it only from sources of those versions (``graph.cidr.admits_version``): a
#: rule admitting ``0.0.0.0/0`` lets in no client of an instance whose only external address
#: is IPv6.
EXTERNAL_VERSIONS = "external_ip_versions"
#: ``Resource.attributes`` key on a Compute Engine instance or template: the IP versions of
#: all its interfaces' addresses, internal ones included (an interface's ``stack_type``:
#: ``IPV4_ONLY`` unless written, ``IPV4_IPV6``, ``IPV6_ONLY``); absent when not known. A rule
#: source of another version reaches none of them.
IP_VERSIONS = "ip_versions"
#: ``Resource.attributes`` key on a Google forwarding rule: the IP version of its address
#: (``[4]`` or ``[6]``), that of the clients a passthrough rule brings to its backends;
#: absent when not known (normalize/terraform/google_lb.py).
CLIENT_VERSIONS = "client_ip_versions"
#: ``Resource.attributes`` key on an OpenStack server attached to ports: ``"default"`` when
#: its ports are the template's and leave it in the project's default security group,
#: ``"other"`` when a port names groups, turns port security off or is made elsewhere
#: (normalize/heat/mapper.py; read by graph/defaults.py).
PORT_GROUPS = "port_groups"
#: ``Resource.attributes`` key: True when a resource in its default security group names
#: that group (``security_groups = ["default"]``, a lookup of ``default``) rather than none.
NAMES_DEFAULT_GROUP = "names_default_group"

#: ``Resource.attributes`` key of a Terraform kubernetes-provider pod or workload whose
#: ``service_account_name`` a condition not known chooses: each account it may run as (a
#: name; None for one not known). GDCC-K8S-012 judges each.
ACCOUNT_CHOICES = "service_account_choices"
#: ``Resource.attributes`` key of a load balancer listener whose balancer a value not known
#: chooses: the balancers it may be a listener of (the ports it opens there are not certain).
LISTENER_MAYBE = "listener_of_maybe"
#: ``Resource.attributes`` key of a Terraform AWS security group: for each rule of its
#: inline ``ingress`` blocks (the first rules of ``facets.ingress``), the index of its block:
#: a rule's source group whose id is computed (``sg:unknown``) is the one its own block
#: names (``ingress.N.security_groups``), not any group another block names.
INGRESS_BLOCKS = "ingress_blocks"
#: ``Resource.attributes`` key of an Azure Key Vault: the line of each inline
#: ``access_policy`` block (``{"access_policy.0": 46}``: its ``access_policy {`` line,
#: ``TfResource.block_lines``), named as the grant in a blast radius (evidence ``granted_by``).
ACCESS_POLICY_LINES = "access_policy_lines"
#: ``Resource.attributes`` key: the resources (Terraform addresses) a resource names only
#: through arguments a value not known chooses among (``subnet_id = var.public ?
#: aws_subnet.pub.id : aws_subnet.priv.id``, ``coalesce(var.tg, aws_lb_target_group.a.arn)``:
#: ``TfResource.chosen``) and by no other argument: each is a candidate, not certain. The
#: graph takes a subnet, target group or target named so as a maybe (placement, public
#: address, forwarding).
REFERENCES_MAYBE = "references_maybe"
#: ``Resource.attributes`` key of a Google target pool, target instance or unmanaged instance
#: group: ``{instance address: why}`` for the VMs a literal link of it names perhaps (the same
#: name; zone or project not compared: ``normalize/terraform/google_members.py``). The graph
#: takes the edges to them as not certain.
MEMBERS_MAYBE = "members_maybe"
#: Reference attribute of a Google service account to another it may act as (a
#: ``google_service_account_iam_*`` grant on that one gives it ``roles/iam.serviceAccountUser``,
#: ``serviceAccountTokenCreator``...: ``normalize/terraform/google_identity.py``), and the
#: ``Resource.attributes`` key naming, by account address, the role and grant that do so.
IMPERSONATES = "impersonates"
#: ``Resource.attributes`` key of a Kubernetes ServiceAccount that an EKS Pod Identity
#: association of the scan names (``aws_eks_pod_identity_association``: its namespace and
#: account): the roles its pods assume, each worded ``the IAM role R it assumes (EKS Pod
#: Identity: ASSOCIATION, ...)`` (``normalize/terraform/kubernetes.py``,
#: ``graph/kube_cloud_identity.py``).
POD_IDENTITY = "pod_identity"
#: ``Resource.attributes`` key of a port-forwarding rule (``alicloud_forward_entry``): whether
#: its external IP is public, as the mapper read it (``normalize/terraform/alicloud_dnat.py``,
#: ``graph/port_forwards.py``).
PUBLIC_ADDRESS = "gdcc:public_address"
#: Reference attribute of a Google service account to another a grant whose role is not
#: known names it on: it may act as that one.
IMPERSONATES_MAYBE = "impersonates_maybe"
#: Reference attribute of a Google service account to a resource a grant on that resource
#: (``google_storage_bucket_iam_member``..., a BigQuery access entry) gives it a role on
#: (``normalize/terraform/google_held.py``): it holds some permission there; and the
#: ``Resource.attributes`` key naming, by resource address, the role and grant.
GRANTED_ON = "granted_on"
#: The same, where the role reads or writes the resource's data (``roles/storage.objectViewer``,
#: ``roles/secretmanager.secretAccessor``...).
GRANTED_DATA_ON = "granted_data_on"
#: The same, where a condition chooses the grant's resource among several: a step not known.
GRANTED_ON_MAYBE = "granted_on_maybe"
#: ``Resource.attributes`` key of a Google managed instance group: the per-instance configs
#: (``google_compute_per_instance_config`` / region variant, addresses) that preserve an
#: external IP for one of its instances (``preserved_state.external_ip``): that instance has
#: an external IPv4 address whatever the templates say
#: (``normalize/terraform/google_members.py``).
PRESERVED_EXTERNAL = "preserved_external_ips"
#: ``Resource.attributes`` key of a resource that may not be created: a Terraform resource
#: whose ``count`` / ``for_each`` is not known, a CloudFormation resource whose ``Condition``
#: is not decided. Its value says why (``count / for_each not known (reads var.create)``,
#: ``Condition UseHttps not known``): two resources with the same text exist together. The
#: graph takes what such a load balancer listener or listener rule forwards as not certain
#: (unless its balancer may not be created for the same reason).
EXISTS_MAYBE = "exists_maybe"
#: ``Resource.attributes`` key of a resource only another allowed value of a parameter
#: creates (its ``Condition`` is false with the defaults): how ("deployed only with MakeSg =
#: 'true'"). The graph does not count it as a companion of a resource the defaults create
#: (a flow log created only with ``CreateFlowLogs = 'true'`` does not log the VPC).
ONLY_WITH = "only_with"
#: ``Resource.attributes`` key of an OpenStack Terraform server's port networks (the networks
#: and subnets of its ports, when all are of the scan; ``normalize/terraform/openstack.py``):
#: the graph places the server in them.
PORT_NETWORKS = "port_networks"


def exists_with(one: Resource, other: Resource) -> bool:
    """Whether ``other`` is created wherever ``one`` is, as far as the template's values go:
    it is not created only with another value (:data:`ONLY_WITH`), or only with the same one.
    What another value alone creates (a network ACL, a public IP) is no fact of what the
    defaults create."""
    made = other.attributes.get(ONLY_WITH)
    return made is None or made == one.attributes.get(ONLY_WITH)


#: ``Reference.attribute`` of an API Gateway stage or API to a function its integrations
#: invoke (the graph's ``stage -> function`` edge), and to one they may invoke (one of several
#: candidates a value not known chooses: the edge is not certain).
INTEGRATION = "integration"
INTEGRATION_MAYBE = "integration_maybe"

#: ``Resource.attributes`` keys of a managed Kubernetes control plane (EKS, GKE, AKS;
#: normalize/api_endpoint.py): the sources its public API endpoint admits (``[]``: no public
#: endpoint; absent: not known), and why other public addresses may be admitted (absent: none).
API_SOURCES = "api_sources"
API_MAYBE = "api_sources_maybe"
#: ``Resource.attributes`` key of an EKS cluster: whether its private endpoint is on (absent:
#: not known).
API_PRIVATE = "api_private_endpoint"
#: ``Resource.attributes`` key: True on a GKE cluster whose nodes' governing VPC firewall rules
#: were all told apart; the cluster refers to each with the attribute ``NODE_FIREWALL``.
NODE_FIREWALLS_KNOWN = "node_firewalls_known"
#: ``Resource.attributes`` key on a resource placed in one of a list of subnets (a database's
#: subnet group) that names some not in the scan, or whose list or group is not in the scan:
#: what is not (``["subnet group x lists subnet-0abc"]``). One of those may be private or
#: public, so the graph takes its placement as not known unless a known subnet decides it.
PLACED_OUTSIDE_SCAN = "placed_outside_scan"
NODE_FIREWALL = "node_firewall"


class Resource(FrozenModel):
    """A canonical resource: kind + facets, with provenance kept for reports and graphs."""

    id: str = Field(min_length=1)
    kind: str
    name: str
    provider: str
    provider_type: str
    tenant: str | None = None
    system: str | None = None
    address: str | None = None
    origin: str | None = Field(
        default=None, description="Format of the document it came from, e.g. terraform"
    )
    facets: Facets = Field(default_factory=Facets)
    defaults: dict[str, DefaultedFacet] = Field(
        default_factory=dict,
        description="Facets whose value is the provider's documented default (attribute absent)",
    )
    absent: dict[str, Text] = Field(
        default_factory=dict,
        description="Facets this resource type does not have (an SQS queue has no engine to "
        "upgrade; an Aurora instance's encryption is its cluster's): facet -> why. A rule "
        "that judges only such facets, still unknown, is NOT_APPLICABLE with that reason",
    )
    unknown: dict[str, Text] = Field(
        default_factory=dict,
        description="Facets the input cannot decide, and why (a parameter group named but not "
        "in the scan): facet -> reason, given in an UNKNOWN finding that rests on the facet",
    )
    decided_by: dict[str, Text] = Field(
        default_factory=dict,
        description="Facets decided by something other than the resource's own attribute, "
        "and how (an account-wide S3 Block Public Access that neutralises a bucket's public "
        "ACL; a GKE control plane reached only through its DNS-based endpoint): facet -> why, "
        "given in the PASS or FAIL finding that rests on the facet (evidence ``decided_by``)",
    )
    undetermined: dict[str, tuple[str, ...]] = Field(
        default_factory=dict,
        description="Listing facets known only in part (a FAIL listing of the protections "
        "that are off, while some node pools are not known): facet -> the items whose state "
        "is not known, by name; an item ending in '*' stands for every item of that prefix "
        "('secure boot on *': any pool not known), '*' alone for any item. Given in the "
        "finding as evidence ``undetermined_<facet>``",
    )
    value_origins: dict[str, str] = Field(
        default_factory=dict,
        description="Facets whose deciding value is written elsewhere (a module argument, a "
        "variable default): facet -> 'file:line', the line a user changes",
    )
    later_origins: dict[str, LaterOrigin] = Field(
        default_factory=dict,
        exclude=True,
        description="Secrets (``hardcoded_secrets`` paths) whose 'value set at' is found only "
        "when a verdict names it, and not in ``value_origins`` (which comes first): path -> "
        "a call giving 'file:line' or None (a Heat str_replace param: reading the text "
        "again for each param is the cost, and most reads of a template are never named)",
    )
    tags: dict[str, str] = Field(default_factory=dict)
    attributes: dict[str, Any] = Field(default_factory=dict)
    references: tuple[Reference, ...] = ()
    location: SourceLocation
    lost: tuple[LostMention, ...] = Field(
        default=(),
        description="Parts of the input not assessed that name this resource (or may "
        "configure it): its PASS verdicts, and FAILs that rest on something not found, are "
        "UNKNOWN",
    )
    variants: tuple[Variant, ...] = Field(
        default=(),
        exclude=True,
        description="The resource as each way of deploying its template reads it (a Heat "
        "template with the environment files of the scan that set its parameters, and "
        "without them; a CloudFormation template with each allowed value of a parameter): "
        "each rule judges every variant and gives one verdict (the same for all: that one; "
        "a FAIL in one: FAIL; else UNKNOWN; choices: UNKNOWN unless all agree; "
        "alternatives: named in the verdict, which they do not decide; Terraform cases: "
        "read only when the resource's own verdict is not known, a verdict every case gives "
        "holds, else UNKNOWN naming each case's). This resource's own "
        "facets are those the deciding variants agree on (the graph reads them)",
    )

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown resource kind {value!r}; known kinds: {', '.join(KINDS)}")
        return value


class Variant(FrozenModel):
    """One way of deploying a resource's template (``Resource.variants``)."""

    label: Text = Field(description="How it is deployed: 'with the environment env.yaml'")
    resource: Resource
    role: Literal["deploy", "choice", "alternative", "only", "case"] = Field(
        default="deploy",
        description="'deploy': a way the template is deployed (a FAIL in one is a FAIL); "
        "'only': the one way of deploying it that creates the resource (its condition is "
        "false with the parameters' defaults; the verdict names it); "
        "'choice': one of the values a parameter without a default must be given (the "
        "verdict is UNKNOWN unless every choice agrees); 'alternative': another allowed "
        "value of a parameter whose default decides (named in the verdict, not deciding it); "
        "'case': a Terraform resource read with an input that is not known taken one way "
        "(``var.x`` true, then false), judged where the resource's own verdict is UNKNOWN",
    )
    #: For an alternative: the parameter default it replaces ('IsPublic' = 'false' at
    #: FILE:LINE), named in a verdict it would change.
    instead: Text | None = None
    #: For an alternative: parameter name -> ``file:line`` of the default it replaces.
    set_at: dict[str, str] = Field(default_factory=dict)
    #: For a Terraform case: what it takes, one ``(key, branch)`` per split
    #: (``TfResource.alternatives``' ``Case.axes``): an input tested as it is has the same key
    #: in every resource of its module instance (``"var.wide bool"``: cases of two resources
    #: with the same key and branch take the input the same way); a key starting with ``#``
    #: is the resource's own (a condition, a ``dynamic`` block). Graph rules read each
    #: combination (``evaluate.graph_cases``).
    axes: tuple[tuple[str, int], ...] = ()


Resource.model_rebuild()
