"""Managed Kubernetes control planes (EKS, GKE, AKS) are reached on the Kubernetes API port
(TCP 443) from exactly the sources their endpoint settings admit, and are no hosts of their
network: no path goes on from them. Their worker nodes are separate: EKS node groups are
resources of their own; GKE and AKS nodes are a ``nodes:`` helper node, reached as their public
IPs and (GKE) the VPC firewall rules of the scan allow. Before, a cluster with a public API was
reached on every port with "filtering not known" and counted as a member of its network, so
GDCC-GRAPH-002 was UNKNOWN on every such cluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import API_MAYBE, API_PRIVATE, API_SOURCES
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "control_planes"
API = PortSet.of("tcp", 443)
CONTROL_PLANE_PASS = (
    "the managed control plane serves only the Kubernetes API (TCP 443), whose exposure "
    "GDCC-CLU-002 judges; "
)
NODES_PASS = (
    CONTROL_PLANE_PASS + "no management port (22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250) "
    "of its nodes is reachable from the internet"
)
EKS_PASS = CONTROL_PLANE_PASS + "its node groups are judged on their own"


def _graph(name: str) -> tuple[dict[str, str], ResourceGraph]:
    resources, errors, _ = run(FIXTURES / name)
    assert not errors
    return {a: r.id for a, r in resources.items()}, ResourceGraph(resources.values())


def _edges_into(graph: ResourceGraph, node: str) -> dict[str, tuple[str, bool, str]]:
    net = graph.reach
    if node not in net:
        return {}
    return {
        pred: (str(data["ports"]), bool(data["certain"]), str(data["via"]))
        for pred, data in net.pred[node].items()
    }


def _graph_002(name: str) -> dict[str, Finding]:
    result = audit([FIXTURES / name], Settings(rule_ids=("GDCC-GRAPH-002",)))
    return {f.address or "": f for f in result.findings}


def test_eks_public_endpoint_is_reached_from_the_sources_it_admits() -> None:
    ids, graph = _graph("eks")
    # public_access_cidrs ["10.0.0.0/8"]: no address of the internet; no private endpoint
    assert _edges_into(graph, ids["aws_eks_cluster.internal"]) == {}
    # no public_access_cidrs: EKS's documented default 0.0.0.0/0, on 443 only
    assert _edges_into(graph, ids["aws_eks_cluster.open"])["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 0.0.0.0/0"
    )
    # ranges reasoned as addresses: a /0 prefix is the whole internet; an office /24 is not
    assert _edges_into(graph, ids["aws_eks_cluster.slash_zero"])["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 192.168.1.0/0"
    )
    assert "internet" not in _edges_into(graph, ids["aws_eks_cluster.private"])
    assert _edges_into(graph, ids["aws_eks_cluster.from_input"])["internet"] == (
        "443", False, "Kubernetes API endpoint: the addresses it admits are not known"
    )
    # the private endpoint: the cluster's group admits the admin subnet on 443 (its rule on 22
    # is no way to the API), the cluster security group EKS creates its node groups; other
    # members of that group are not known
    private = _edges_into(graph, ids["aws_eks_cluster.private"])
    assert private == {
        "seg:" + ids["aws_subnet.admin"]: (
            "443", True, "private endpoint; api allows 10.0.9.0/24"
        ),
        ids["aws_eks_node_group.private_workers"]: (
            "443", True, "private endpoint; the cluster security group admits its node groups"
        ),
        "seg:" + ids["aws_subnet.public"]: (
            "443", False, "private endpoint; other members of the cluster security group EKS "
            "creates are not known"
        ),
    }
    # endpoint_private_access not written: "Default is false", no private endpoint
    assert "seg:" + ids["aws_subnet.public"] not in _edges_into(graph, ids["aws_eks_cluster.open"])
    # a control plane opens no connection: it is no member of its subnet, nor a way onwards
    for address in ("internal", "open", "slash_zero", "private", "from_input"):
        node = ids[f"aws_eks_cluster.{address}"]
        assert node not in graph.reach or not graph.reach.adj[node]


def test_eks_cluster_passes_graph_002_and_its_node_group_is_judged_apart() -> None:
    found = _graph_002("eks")
    for address in ("internal", "open", "slash_zero", "private", "from_input"):
        cluster = found[f"aws_eks_cluster.{address}"]
        assert (cluster.status, cluster.message.en) == (Status.PASS, EKS_PASS)
        assert cluster.message.th == (
            "control plane แบบจัดการให้เปิดเฉพาะ Kubernetes API (TCP 443) ซึ่งตรวจโดย "
            "GDCC-CLU-002 ส่วน node group ตรวจแยกต่างหาก"
        )
    workers = found["aws_eks_node_group.workers"]
    assert workers.status is Status.FAIL
    assert workers.evidence["path"] == "internet → workers:22"


def test_cloudformation_eks_endpoint_settings() -> None:
    resources, errors, _ = run(FIXTURES / "eks_cfn")
    assert not errors
    assert resources["Internal"].attributes[API_SOURCES] == ["10.0.0.0/8"]
    assert resources["Open"].attributes[API_SOURCES] == ["0.0.0.0/0"]
    assert resources["Private"].attributes[API_SOURCES] == []
    assert resources["Private"].attributes[API_PRIVATE] is True
    assert resources["Open"].attributes[API_PRIVATE] is False
    graph = ResourceGraph(resources.values())
    assert "internet" not in _edges_into(graph, resources["Internal"].id)
    assert "internet" not in _edges_into(graph, resources["Private"].id)
    assert _edges_into(graph, resources["Open"].id)["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 0.0.0.0/0"
    )
    found = _graph_002("eks_cfn")
    assert {a: (f.status, f.message.en) for a, f in found.items()} == {
        "Internal": (Status.PASS, EKS_PASS),
        "Open": (Status.PASS, EKS_PASS),
        "Private": (Status.PASS, EKS_PASS),
    }


def test_gke_api_and_nodes() -> None:
    ids, graph = _graph("gke")
    # no authorized networks: the API is open to all, on 443 only
    assert _edges_into(graph, ids["google_container_cluster.open"])["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 0.0.0.0/0"
    )
    # its public nodes are reached on what the VPC firewall rules that apply to them admit
    nodes = "nodes:" + ids["google_container_cluster.open"]
    assert _edges_into(graph, nodes)["internet"] == ("443", True, "nodes have public IP addresses")
    # an office range: Compute Engine public IPs of any customer may still be admitted
    office = _edges_into(graph, ids["google_container_cluster.office"])["internet"]
    assert office == (
        "443", False,
        "authorized networks also admit the public IP addresses of Compute Engine VMs of any "
        "Google Cloud customer unless gcp_public_cidrs_access_enabled = false",
    )
    # private nodes: no way in from the internet; GKE's own rule admits their subnet
    office_nodes = _edges_into(graph, "nodes:" + ids["google_container_cluster.office"])
    assert office_nodes == {
        "seg:" + ids["google_compute_subnetwork.private_nodes"]: (
            "all", True, "GKE firewall rule for the cluster's own nodes"
        )
    }
    # private endpoint: no public API; nodes on the `default` network of a project not in the
    # scan: its pre-populated rules, unless removed
    default = ids["google_container_cluster.default_network"]
    assert "internet" not in _edges_into(graph, default)
    assert _edges_into(graph, "nodes:" + default)["internet"] == (
        "icmp,22,3389", False,
        "nodes have public IP addresses; the default network is created with default-allow-ssh "
        "(0.0.0.0/0, port 22), default-allow-rdp (0.0.0.0/0, port 3389), default-allow-icmp "
        "(0.0.0.0/0) and default-allow-internal (10.128.0.0/9, every port) unless removed; it "
        "names no project (the provider's), which is not in the scan",
    )
    # the nodes are hosts of their network; the control plane is not
    assert "seg:" + ids["google_compute_subnetwork.nodes"] in graph.reach.adj[nodes]
    assert not graph.reach.adj[ids["google_container_cluster.open"]]


def test_gke_graph_002_judges_the_nodes_management_ports() -> None:
    found = _graph_002("gke")
    for address in ("open", "office"):
        cluster = found[f"google_container_cluster.{address}"]
        assert (cluster.status, cluster.message.en) == (Status.PASS, NODES_PASS)
    default = found["google_container_cluster.default_network"]
    assert default.status is Status.UNKNOWN
    assert default.evidence["path"] == "internet → default-network nodes:22"
    assert default.evidence["path_hops"][1]["kind"] == "container.nodes"


def test_aks_authorized_ranges_and_node_public_ips() -> None:
    ids, graph = _graph("aks")
    assert graph.get(ids["azurerm_kubernetes_cluster.ranges"]).attributes[API_SOURCES] == [
        "203.0.113.0/24"
    ]
    assert "internet" not in _edges_into(graph, ids["azurerm_kubernetes_cluster.ranges"])
    # nodes without public IPs (the default): not reached from the internet
    assert "internet" not in _edges_into(graph, "nodes:" + ids["azurerm_kubernetes_cluster.ranges"])
    found = _graph_002("aks")
    ranges = found["azurerm_kubernetes_cluster.ranges"]
    assert (ranges.status, ranges.message.en) == (Status.PASS, NODES_PASS)

    ids, graph = _graph("aks_public_nodes")
    cluster = ids["azurerm_kubernetes_cluster.open"]
    assert _edges_into(graph, cluster)["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 0.0.0.0/0"
    )
    # nodes with public IPs: the NSG AKS manages for them is not in the scan
    assert _edges_into(graph, "nodes:" + cluster)["internet"] == (
        "all", False,
        "nodes of default_node_pool have public IP addresses; filtering of the cluster's nodes "
        "not known: node pool default_node_pool is in a virtual network AKS creates (no "
        "vnet_subnet_id)",
    )
    found = _graph_002("aks_public_nodes")
    public = found["azurerm_kubernetes_cluster.open"]
    assert public.status is Status.UNKNOWN
    assert public.evidence["path"] == "internet → open nodes:22"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("", ["0.0.0.0/0"]),
        ("private_cluster_config {\n  enable_private_endpoint = true\n}\n", []),
        (
            "master_authorized_networks_config {\n  gcp_public_cidrs_access_enabled = false\n"
            "  cidr_blocks {\n    cidr_block = \"10.0.0.0/8\"\n  }\n}\n",
            ["10.0.0.0/8"],
        ),
        (
            "master_authorized_networks_config {\n  gcp_public_cidrs_access_enabled = true\n}\n",
            ["0.0.0.0/0"],
        ),
        ("control_plane_endpoints_config {\n  ip_endpoints_config {\n    enabled = false\n"
         "  }\n}\n", []),
        ("master_authorized_networks_config {\n  cidr_blocks {\n    cidr_block = var.x\n"
         "  }\n}\n", None),
    ],
)
def test_gke_endpoint_sources(tmp_path: Path, block: str, expected: list[str] | None) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "x" {\n  type = string\n}\n'
        f'resource "google_container_cluster" "c" {{\n  name = "c"\n{block}}}\n',
        encoding="utf-8",
    )
    resources, errors, _ = run(tmp_path)
    assert not errors
    attributes = resources["google_container_cluster.c"].attributes
    assert attributes.get(API_SOURCES) == expected
    assert API_MAYBE not in attributes


def test_the_nodes_helper_is_named_in_the_graph_export() -> None:
    from gdcc_audit.graph.export import to_data

    ids, graph = _graph("aks_public_nodes")
    nodes = {n["id"]: n for n in to_data(graph)["nodes"]}
    helper = nodes["nodes:" + ids["azurerm_kubernetes_cluster.open"]]
    assert (helper["kind"], helper["label"]) == ("nodes", "nodes open")


def test_gke_nodes_on_the_default_network_take_its_pre_populated_rules() -> None:
    ids, graph = _graph("gke_default")
    # the project of the scan creates the default network: default-allow-ssh, -rdp, -icmp
    assert _edges_into(graph, "nodes:" + ids["google_container_cluster.on_default"])[
        "internet"
    ] == ("icmp,22,3389", True, "nodes have public IP addresses")
    # a project not in the scan: those rules exist unless removed outside the scan
    other = _edges_into(graph, "nodes:" + ids["google_container_cluster.other_project"])
    assert other["internet"] == (
        "icmp,22,3389", False,
        "nodes have public IP addresses; the default network is created with default-allow-ssh "
        "(0.0.0.0/0, port 22), default-allow-rdp (0.0.0.0/0, port 3389), default-allow-icmp "
        "(0.0.0.0/0) and default-allow-internal (10.128.0.0/9, every port) unless removed; "
        "its project someone-elses is not in the scan",
    )
    found = _graph_002("gke_default")
    on_default = found["google_container_cluster.on_default"]
    assert (on_default.status, on_default.message.en) == (
        Status.FAIL,
        "management ports 22, 3389 reachable from the internet: internet → on-default nodes:22",
    )
    assert on_default.evidence["ports"] == {
        "22": "internet → on-default nodes:22", "3389": "internet → on-default nodes:3389"
    }
    other_project = found["google_container_cluster.other_project"]
    assert other_project.status is Status.UNKNOWN
    assert other_project.evidence["path"] == "internet → other-project nodes:22"


def test_aks_node_pools_are_bounded_by_their_subnets_nsg() -> None:
    """Each AKS node pool is reached on what its subnet's NSG lets in, at most (the NSG AKS
    manages on the nodes' interfaces is not read). Before, every AKS cluster's nodes were
    reached on every port ("filtering of the cluster's nodes not known") and a cluster with
    public node IPs was UNKNOWN on GDCC-GRAPH-002 whatever its subnets' NSGs said."""
    managed = ("AKS manages the network security group of the nodes' network interfaces "
               "(not in the configuration)")
    ids, graph = _graph("aks_pool_subnets")
    bounded = "nodes:" + ids["azurerm_kubernetes_cluster.bounded"]
    assert _edges_into(graph, bounded)["internet"] == (
        "443", False,
        f"nodes of default_node_pool have public IP addresses; allowed by web; {managed}",
    )
    found = _graph_002("aks_pool_subnets")
    assert (found["azurerm_kubernetes_cluster.bounded"].status,
            found["azurerm_kubernetes_cluster.bounded"].message.en) == (Status.PASS, NODES_PASS)

    ids, graph = _graph("aks_pool_public")
    second = "nodes:" + ids["azurerm_kubernetes_cluster.second_pool"]
    # only the second pool's nodes have public IPs, in the subnet whose NSG admits SSH
    assert _edges_into(graph, second)["internet"] == (
        "22", False,
        "nodes of azurerm_kubernetes_cluster_node_pool.public have public IP addresses; "
        f"allowed by ssh; {managed}",
    )
    pooled = _graph_002("aks_pool_public")["azurerm_kubernetes_cluster.second_pool"]
    assert pooled.status is Status.UNKNOWN
    assert pooled.evidence["path"] == "internet → second nodes:22"


AUTOMATIC_TF = """
resource "azurerm_kubernetes_automatic_cluster" "ranges" {
  name                = "ranges"
  location            = "southeastasia"
  resource_group_name = "rg"
  identity {
    type = "SystemAssigned"
  }
  api_server_access {
    authorized_ip_ranges = ["203.0.113.0/24"]
  }
}
resource "azurerm_kubernetes_automatic_cluster" "open" {
  name                = "open"
  location            = "southeastasia"
  resource_group_name = "rg"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_kubernetes_automatic_cluster" "private" {
  name                = "private"
  location            = "southeastasia"
  resource_group_name = "rg"
  identity {
    type = "SystemAssigned"
  }
  private_cluster {}
}
"""


def test_aks_automatic_api_server_admits_its_ranges(tmp_path: Path) -> None:
    # azurerm_kubernetes_automatic_cluster was no control plane: no API sources, no edge
    (tmp_path / "main.tf").write_text(AUTOMATIC_TF)
    resources, errors, _ = run(tmp_path)
    assert not errors
    ids = {a: r.id for a, r in resources.items()}
    graph = ResourceGraph(resources.values())
    ranges = ids["azurerm_kubernetes_automatic_cluster.ranges"]
    assert graph.get(ranges).attributes[API_SOURCES] == ["203.0.113.0/24"]
    assert "internet" not in _edges_into(graph, ranges)
    assert _edges_into(graph, ids["azurerm_kubernetes_automatic_cluster.open"])["internet"] == (
        "443", True, "public Kubernetes API endpoint admits 0.0.0.0/0"
    )
    private = ids["azurerm_kubernetes_automatic_cluster.private"]
    assert graph.get(private).attributes[API_SOURCES] == []
    assert "internet" not in _edges_into(graph, private)
    # its nodes (no public IP) are a helper node of the cluster, not reached from the internet
    assert "internet" not in _edges_into(graph, "nodes:" + ranges)
