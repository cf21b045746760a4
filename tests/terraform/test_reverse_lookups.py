"""A resource found from its companions (reverse lookups) with a companion whose target is
one of several (issue 12): ``cluster = var.on ? google_container_cluster.a.name :
google_container_cluster.b.name``. The lookups read such a companion as "not this one", so a
pool that lowers a node setting left both clusters PASS, and a protection that may be the
resource's (a log tank) gave a certain "missing" FAIL. Now what it would change is not known
on each candidate, naming it."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _found(tmp_path: Path, main: str, *rules: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(main, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}


def _cluster(name: str) -> str:
    return f"""
resource "google_container_cluster" "{name}" {{
  name                     = "{name}"
  location                 = "asia-southeast1"
  remove_default_node_pool = true
  initial_node_count       = 1
  workload_identity_config {{
    workload_pool = "p.svc.id.goog"
  }}
}}
"""


def _pool(name: str, cluster: str, secure: str, mode: str) -> str:
    return f"""
resource "google_container_node_pool" "{name}" {{
  name    = "{name}"
  cluster = {cluster}
  node_config {{
    shielded_instance_config {{
      enable_secure_boot = {secure}
    }}
    workload_metadata_config {{
      mode = "{mode}"
    }}
  }}
}}
"""


GKE = (
    'variable "on" {\n  type = bool\n}\n'
    + _cluster("a") + _cluster("b")
    + _pool("a", "google_container_cluster.a.name", "true", "GKE_METADATA")
    + _pool("b", "google_container_cluster.b.name", "true", "GKE_METADATA")
)
EITHER = "var.on ? google_container_cluster.a.name : google_container_cluster.b.name"


def test_a_node_pool_of_either_cluster_lowers_neither_for_certain(tmp_path: Path) -> None:
    main = GKE + _pool("either", EITHER, "false", "GCE_METADATA")
    found = _found(tmp_path, main, "GDCC-CLU-009", "GDCC-CMP-012")
    why = (
        "google_container_node_pool.either sets it on this resource or on another one, chosen "
        "by a value not known before apply"
    )
    # was PASS on both: the pool was read as neither cluster's
    for cluster in ("google_container_cluster.a", "google_container_cluster.b"):
        assert found[(cluster, "GDCC-CLU-009")] == (
            Status.UNKNOWN,
            "whether pods get cloud credentials through workload identity is not known from "
            f"the input: {why}",
        )
        assert found[(cluster, "GDCC-CMP-012")] == (
            Status.UNKNOWN,
            "whether secure boot, vTPM and integrity monitoring are on is not known from the "
            f"input: {why}",
        )


def test_a_node_pool_of_either_cluster_that_lowers_nothing_changes_nothing(
    tmp_path: Path,
) -> None:
    main = GKE + _pool("either", EITHER, "true", "GKE_METADATA")
    found = _found(tmp_path, main, "GDCC-CLU-009", "GDCC-CMP-012")
    assert {status for status, _ in found.values()} == {Status.PASS}
    certain = GKE + _pool("pinned", "google_container_cluster.a.name", "false", "GCE_METADATA")
    found = _found(tmp_path, certain, "GDCC-CLU-009", "GDCC-CMP-012")
    assert found[("google_container_cluster.a", "GDCC-CLU-009")][0] is Status.FAIL
    assert found[("google_container_cluster.b", "GDCC-CLU-009")][0] is Status.PASS


def _balancer(name: str) -> str:
    return f"""
resource "huaweicloud_elb_loadbalancer" "{name}" {{
  name              = "{name}"
  vpc_id            = "v"
  ipv4_subnet_id    = "s"
  availability_zone = ["ap-southeast-2a"]
}}
"""


def test_a_log_tank_of_either_balancer_is_no_missing_log_for_either(tmp_path: Path) -> None:
    main = 'variable "on" {\n  type = bool\n}\n' + _balancer("a") + _balancer("b") + """
resource "huaweicloud_elb_logtank" "either" {
  loadbalancer_id = var.on ? huaweicloud_elb_loadbalancer.a.id : huaweicloud_elb_loadbalancer.b.id
  log_group_id    = "g"
  log_topic_id    = "t"
}
"""
    found = _found(tmp_path, main, "GDCC-LOG-007")
    why = (
        "huaweicloud_elb_logtank.either sets it on this resource or on another one, chosen by "
        "a value not known before apply"
    )
    # was FAIL on both: "no huaweicloud_elb_logtank of the scanned configuration names it"
    for balancer in ("huaweicloud_elb_loadbalancer.a", "huaweicloud_elb_loadbalancer.b"):
        status, message = found[(balancer, "GDCC-LOG-007")]
        assert status is Status.UNKNOWN
        assert message.endswith(why), message


EITHER_PORT = (
    Path(__file__).resolve().parent.parent / "fixtures" / "terraform" / "openstack_either_port"
)


def test_groups_added_to_either_port_leave_neither_closed() -> None:
    # port_secgroup_associate "either" adds a group open on 22 to port a or port b
    result = audit([EITHER_PORT], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    for name in ("a", "b"):
        instance = f"openstack_compute_instance_v2.{name}"
        # was PASS / NOT_APPLICABLE "judged on its security groups: closed"
        assert found[(instance, "GDCC-GRAPH-002")][0] is Status.UNKNOWN
        assert found[(instance, "GDCC-NET-001")] == (
            Status.UNKNOWN, "inbound rules are not known"
        )


def _network(name: str, cidr: str, logged: bool, network: str) -> str:
    logs = '\n  log_config {\n    aggregation_interval = "INTERVAL_5_SEC"\n  }' if logged else ""
    return f"""
resource "google_compute_subnetwork" "{name}" {{
  name          = "{name}"
  ip_cidr_range = "{cidr}"
  network       = {network}{logs}
}}
"""


def test_a_subnet_of_either_network_without_flow_logs(tmp_path: Path) -> None:
    networks = "".join(
        f'resource "google_compute_network" "{n}" {{\n  name                    = "{n}"\n'
        "  auto_create_subnetworks = false\n}\n"
        for n in ("a", "b")
    )
    main = (
        'variable "on" {\n  type = bool\n}\n' + networks
        + _network("a", "10.0.0.0/24", True, "google_compute_network.a.id")
        + _network("b", "10.1.0.0/24", True, "google_compute_network.b.id")
        + _network(
            "either", "10.2.0.0/24", False,
            "var.on ? google_compute_network.a.id : google_compute_network.b.id",
        )
    )
    found = _found(tmp_path, main, "GDCC-LOG-005")
    # was PASS on both: the subnet without flow logs was read as neither network's
    for network in ("google_compute_network.a", "google_compute_network.b"):
        assert found[(network, "GDCC-LOG-005")] == (
            Status.UNKNOWN,
            "whether traffic flow logging is on is not known from the input: "
            "google_compute_subnetwork.either sets it on this resource or on another one, "
            "chosen by a value not known before apply",
        )
