"""Amazon EMR clusters (``aws_emr_cluster``, ``normalize/terraform/aws_emr.py``) are
``container.cluster`` resources in the resource graph: members of the security groups of
``ec2_attributes`` (not of the service access group, which filters EMR's own interface),
public in a subnet routed to an internet gateway ("Amazon EMR cannot communicate with
clusters in public subnets through a network address translation (NAT) device"), public in
a default subnet when no subnet is named. Encryption and Kerberos come from the security
configuration. Before, ``aws_emr_cluster`` was not mapped at all: a primary node with SSH
open to the internet in a public subnet had no finding (no graph node)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

NETWORK = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_nat_gateway" "nat" {
  subnet_id     = aws_subnet.public.id
  allocation_id = "eipalloc-1"
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.nat.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
resource "aws_route_table_association" "private" {
  subnet_id      = aws_subnet.private.id
  route_table_id = aws_route_table.private.id
}
resource "aws_security_group" "ssh" {
  name   = "emr-master"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_security_group" "closed" {
  name   = "emr-core"
  vpc_id = aws_vpc.main.id
}
"""


def _cluster(name: str, subnet: str, master: str, extra: str = "", attrs: str = "") -> str:
    return f"""
resource "aws_emr_cluster" "{name}" {{
  name          = "{name}"
  release_label = "emr-7.0.0"
  service_role  = "EMR_DefaultRole"
{extra}
  ec2_attributes {{
    subnet_id                         = aws_subnet.{subnet}.id
    emr_managed_master_security_group = aws_security_group.{master}.id
    emr_managed_slave_security_group  = aws_security_group.closed.id
    instance_profile                  = "EMR_EC2_DefaultRole"
{attrs}
  }}
  master_instance_group {{
    instance_type = "m5.xlarge"
  }}
}}
"""


CLUSTERS = (
    _cluster("public", "public", "ssh")
    + _cluster("private", "private", "ssh")
    # the service access group filters EMR's interface to the cluster, not the nodes
    + _cluster("service", "public", "closed",
               attrs="    service_access_security_group = aws_security_group.ssh.id")
)

SECURITY = """\
resource "aws_emr_security_configuration" "encrypted" {
  name = "encrypted"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
    }
    AuthenticationConfiguration = {
      KerberosConfiguration = {
        Provider = "ClusterDedicatedKdc"
        ClusterDedicatedKdcConfiguration = {
          TicketLifetimeInHours = 24
          CrossRealmTrustConfiguration = {
            Realm  = "AD.EXAMPLE.COM"
            Domain = "ad.example.com"
          }
        }
      }
    }
  })
}
resource "aws_kms_key" "disks" {}
resource "aws_emr_security_configuration" "heredoc" {
  name          = "heredoc"
  configuration = <<EOF
{
  "EncryptionConfiguration": {
    "AtRestEncryptionConfiguration": {
      "LocalDiskEncryptionConfiguration": {
        "EncryptionKeyProviderType": "AwsKms",
        "AwsKmsKey": "${aws_kms_key.disks.arn}"
      }
    },
    "EnableInTransitEncryption": true,
    "EnableAtRestEncryption": true
  }
}
EOF
}
resource "aws_emr_security_configuration" "kdc" {
  name = "kdc"
  configuration = jsonencode({
    AuthenticationConfiguration = {
      KerberosConfiguration = {
        Provider                         = "ClusterDedicatedKdc"
        ClusterDedicatedKdcConfiguration = { TicketLifetimeInHours = 24 }
      }
    }
  })
}
resource "aws_emr_cluster" "bare" {
  name          = "bare"
  release_label = "emr-7.0.0"
  service_role  = "EMR_DefaultRole"
  ec2_attributes {
    instance_profile = "EMR_EC2_DefaultRole"
  }
  master_instance_group {
    instance_type = "m5.xlarge"
  }
}
""" + _cluster(
    "heredoc", "private", "closed",
    extra="  security_configuration = aws_emr_security_configuration.heredoc.name",
) + _cluster(
    "trusted", "private", "closed",
    extra="  security_configuration = aws_emr_security_configuration.encrypted.name",
) + _cluster(
    "dedicated", "private", "closed",
    extra="  security_configuration = aws_emr_security_configuration.kdc.name",
) + _cluster(
    "elsewhere", "private", "closed", extra='  security_configuration = "made-by-hand"'
)


def _found(tmp_path: Path, text: str, rules: tuple[str, ...]) -> dict[tuple[str, str], object]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address, f.rule_id): f for f in result.findings}


def test_primary_node_reached_through_its_groups_and_routes(tmp_path: Path) -> None:
    found = _found(tmp_path, NETWORK + CLUSTERS, ("GDCC-GRAPH-002",))
    public = found[("aws_emr_cluster.public", "GDCC-GRAPH-002")]
    assert (public.status, public.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → public:22"
    )
    # routed to a NAT only: no public address, reached only from the public cluster's nodes
    private = found[("aws_emr_cluster.private", "GDCC-GRAPH-002")]
    assert private.message.en.endswith("internet → public:22 → private:22")
    assert found[("aws_emr_cluster.service", "GDCC-GRAPH-002")].status is Status.PASS


def test_private_subnet_is_not_reached(tmp_path: Path) -> None:
    text = NETWORK + _cluster("private", "private", "ssh")
    found = _found(tmp_path, text, ("GDCC-GRAPH-002",))
    assert found[("aws_emr_cluster.private", "GDCC-GRAPH-002")].status is Status.PASS


def test_subnet_not_in_the_scan_is_not_known(tmp_path: Path) -> None:
    """A subnet from an input may be private (NAT only): the nodes' public addresses are not
    known, nor the paths through them (was a certain FAIL, "internet → c:22", and a certain
    lateral path to every instance its group admits)."""
    text = NETWORK.replace("aws_vpc.main.id", "var.vpc_id") + """
variable "vpc_id" {
  type = string
}
variable "subnet_id" {
  type = string
}
resource "aws_emr_cluster" "c" {
  name          = "c"
  release_label = "emr-7.0.0"
  service_role  = "EMR_DefaultRole"
  ec2_attributes {
    subnet_id                         = var.subnet_id
    emr_managed_master_security_group = aws_security_group.ssh.id
    emr_managed_slave_security_group  = aws_security_group.closed.id
    instance_profile                  = "EMR_EC2_DefaultRole"
  }
  master_instance_group {
    instance_type = "m5.xlarge"
  }
}
"""
    found = _found(tmp_path, text, ("GDCC-GRAPH-002",))
    cluster = found[("aws_emr_cluster.c", "GDCC-GRAPH-002")]
    assert (cluster.status, cluster.message.en) == (
        Status.UNKNOWN,
        "management port 22 reachable from the internet if what is not known allows it: "
        "internet → c:22",
    )


def test_security_configuration_and_defaults(tmp_path: Path) -> None:
    found = _found(tmp_path, NETWORK + SECURITY, ("GDCC-CLU-002", "GDCC-CLU-006"))
    bare = found[("aws_emr_cluster.bare", "GDCC-CLU-006")]
    assert (bare.status, bare.message.en) == (
        Status.FAIL,
        "IAM / directory authentication is off (provider default: 'security_configuration' "
        "not set)",
    )
    endpoint = found[("aws_emr_cluster.bare", "GDCC-CLU-002")]
    assert (endpoint.status, endpoint.message.en) == (
        Status.FAIL,
        "the API server endpoint is public (provider default: 'ec2_attributes.subnet_id' not "
        "set)",
    )
    assert found[("aws_emr_cluster.trusted", "GDCC-CLU-006")].status is Status.PASS
    dedicated = found[("aws_emr_cluster.dedicated", "GDCC-CLU-006")]
    assert (dedicated.status, dedicated.message.en) == (
        Status.FAIL, "IAM / directory authentication is off"
    )
    elsewhere = found[("aws_emr_cluster.elsewhere", "GDCC-CLU-006")]
    assert elsewhere.status is Status.UNKNOWN
    assert "its security configuration made-by-hand is not in the scan" in elsewhere.message.en


def test_encryption_facets(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NETWORK + SECURITY, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    trusted = resources["aws_emr_cluster.trusted"]
    assert trusted.kind == "container.cluster"
    assert (trusted.facets.encrypted_at_rest, trusted.facets.encrypted_in_transit) == (True, False)
    bare = resources["aws_emr_cluster.bare"].facets
    assert (bare.encrypted_at_rest, bare.encrypted_in_transit, bare.deletion_protection) == (
        False, False, False
    )
    # a key ARN interpolated in the JSON text: the rest is still read
    heredoc = resources["aws_emr_cluster.heredoc"].facets
    assert (heredoc.encrypted_at_rest, heredoc.encrypted_in_transit) == (True, True)
    assert heredoc.directory_auth is False
    unknown = resources["aws_emr_cluster.elsewhere"].facets
    assert unknown.encrypted_at_rest is None
    assert unknown.encrypted_in_transit is None


# -- CloudFormation: the same clusters, the same verdicts (AWS::EMR::Cluster was not mapped:
# no node, no finding; ``normalize/cloudformation/aws_emr.py``)
CFN_CLUSTERS = Path(__file__).parent / "fixtures" / "cloudformation" / "emr_clusters.yaml"
#: CloudFormation logical id -> the Terraform cluster configured the same way.
PAIRS = {
    "PublicCluster": "public", "PrivateCluster": "private", "ServiceCluster": "service",
    "BareCluster": "bare", "TrustedCluster": "trusted", "DedicatedCluster": "dedicated",
    "ElsewhereCluster": "elsewhere",
}  # fmt: skip
_CLUSTER_RULES = ("GDCC-GRAPH-002", "GDCC-CLU-002", "GDCC-CLU-006", "GDCC-CLU-001")


def test_cloudformation_clusters_judged_as_terraform(tmp_path: Path) -> None:
    terraform = _found(tmp_path, NETWORK + CLUSTERS + SECURITY, _CLUSTER_RULES)
    result = audit([CFN_CLUSTERS], Settings(rule_ids=_CLUSTER_RULES))
    cloudformation = {(f.address, f.rule_id): f for f in result.findings}
    for logical_id, name in PAIRS.items():
        for rule in _CLUSTER_RULES:
            cfn = cloudformation[(logical_id, rule)]
            tf = terraform[(f"aws_emr_cluster.{name}", rule)]
            assert cfn.status is tf.status, (logical_id, rule, cfn.message.en, tf.message.en)
    public = cloudformation[("PublicCluster", "GDCC-GRAPH-002")]
    assert (public.status, public.message.en) == (
        Status.FAIL, "management port 22 reachable from the internet: internet → PublicCluster:22"
    )
    bare = cloudformation[("BareCluster", "GDCC-CLU-006")]
    assert bare.message.en == (
        "IAM / directory authentication is off (provider default: 'SecurityConfiguration' not "
        "set)"
    )
    assert cloudformation[("BareCluster", "GDCC-CLU-002")].message.en == (
        "the API server endpoint is public (provider default: 'Instances.Ec2SubnetId' not set)"
    )
    elsewhere = cloudformation[("ElsewhereCluster", "GDCC-CLU-006")]
    assert "its security configuration made-by-hand is not in the scan" in elsewhere.message.en
    assert cloudformation[("PublicCluster", "GDCC-CLU-001")].status is Status.NOT_APPLICABLE


def test_cloudformation_cluster_facets() -> None:
    resources, errors, _ = run(CFN_CLUSTERS)
    assert not errors
    trusted = resources["TrustedCluster"]
    assert trusted.kind == "container.cluster"
    assert (trusted.facets.encrypted_at_rest, trusted.facets.encrypted_in_transit) == (True, False)
    bare = resources["BareCluster"].facets
    assert (bare.encrypted_at_rest, bare.encrypted_in_transit, bare.deletion_protection) == (
        False, False, False
    )
    # named by its Name; the configuration written as JSON text
    dedicated = resources["DedicatedCluster"].facets
    assert (dedicated.directory_auth, dedicated.deletion_protection) == (False, True)
    assert resources["ElsewhereCluster"].facets.encrypted_at_rest is None
    # JSON text in Fn::Sub around an imported key: the rest is read as written
    sub = resources["SubCluster"].facets
    assert (sub.encrypted_at_rest, sub.encrypted_in_transit, sub.directory_auth) == (
        True, False, False
    )
    # the service access group filters EMR's interface, not the nodes
    service = [r.target for r in resources["ServiceCluster"].references]
    assert "Closed" in service
    assert "Ssh" not in service
