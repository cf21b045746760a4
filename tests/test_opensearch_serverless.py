"""OpenSearch Serverless collections are judged through the security and data access policies
that match their names (``normalize.aoss``): a network policy with ``AllowFromPublic: true``
on the collection or its Dashboards endpoint makes it a public endpoint (GDCC-NET-002 FAIL,
naming the policy); no matching network policy leaves it reachable from no network (PASS, said
so); the encryption policy decides the key. Collections were not read at all before."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize import aoss
from gdcc_audit.settings import Settings
from iac_helpers import run

TF = """\
resource "aws_opensearchserverless_security_policy" "enc" {
  name = "logs-enc"
  type = "encryption"
  policy = jsonencode({
    Rules       = [{ ResourceType = "collection", Resource = ["collection/logs*"] }]
    AWSOwnedKey = true
  })
}

resource "aws_opensearchserverless_security_policy" "net" {
  name = "logs-net"
  type = "network"
  policy = jsonencode([
    {
      Rules = [
        { ResourceType = "collection", Resource = ["collection/logs-public"] },
        { ResourceType = "dashboard", Resource = ["collection/logs-public"] },
      ]
      AllowFromPublic = true
    },
    {
      Rules           = [{ ResourceType = "collection", Resource = ["collection/logs-private"] }]
      AllowFromPublic = false
      SourceVPCEs     = ["vpce-0123456789abcdef0"]
    },
  ])
}

resource "aws_opensearchserverless_access_policy" "data" {
  name = "logs-data"
  type = "data"
  policy = jsonencode([{
    Rules = [{
      ResourceType = "index"
      Resource     = ["index/logs-public/*"]
      Permission   = ["aoss:ReadDocument"]
    }]
    Principal = ["*"]
  }])
}

resource "aws_opensearchserverless_collection" "public" {
  name = "logs-public"
}

resource "aws_opensearchserverless_collection" "private" {
  name             = "logs-private"
  standby_replicas = "DISABLED"
}

resource "aws_opensearchserverless_collection" "alone" {
  name = "metrics"
}
"""

CFN = """\
Parameters:
  CollectionName:
    Type: String
    Default: search-public
Resources:
  Encryption:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: search-enc
      Type: encryption
      Policy: |
        {"Rules": [{"ResourceType": "collection", "Resource": ["collection/search-*"]}],
         "KmsARN": "arn:aws:kms:ap-southeast-7:111122223333:key/1234abcd-12ab-34cd-56ef"}
  Network:
    Type: AWS::OpenSearchServerless::SecurityPolicy
    Properties:
      Name: search-net
      Type: network
      Policy: !Sub |
        [{"Rules": [{"ResourceType": "dashboard", "Resource": ["collection/${CollectionName}"]}],
          "AllowFromPublic": true}]
  Public:
    Type: AWS::OpenSearchServerless::Collection
    Properties:
      Name: !Ref CollectionName
  Private:
    Type: AWS::OpenSearchServerless::Collection
    Properties:
      Name: search-private
      StandbyReplicas: ENABLED
"""

NO_NETWORK = (
    "no network policy of the scan covers the collection: it is reachable from no network "
    "(a collection is not accessible without one)"
)


def _findings(tmp_path: Path, rules: tuple[str, ...]) -> dict[tuple[str, str], tuple[Status, dict]]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address or "", f.rule_id): (f.status, f.evidence) for f in result.findings}


def test_network_policies_decide_the_public_endpoint(tmp_path: Path) -> None:
    found = _findings(tmp_path, ("GDCC-NET-002",))
    assert found == {
        ("aws_opensearchserverless_collection.public", "GDCC-NET-002"): (
            Status.FAIL,
            {
                "public_endpoint": True,
                "decided_by": {
                    "public_endpoint": "network policy "
                    "aws_opensearchserverless_security_policy.net allows access from public "
                    "networks (AllowFromPublic: true)"
                },
            },
        ),
        ("aws_opensearchserverless_collection.private", "GDCC-NET-002"): (
            Status.PASS,
            {
                "public_endpoint": False,
                "decided_by": {
                    "public_endpoint": "network policy "
                    "aws_opensearchserverless_security_policy.net allows private access only "
                    "(VPC endpoints or services)"
                },
            },
        ),
        ("aws_opensearchserverless_collection.alone", "GDCC-NET-002"): (
            Status.PASS,
            {"public_endpoint": False, "decided_by": {"public_endpoint": NO_NETWORK}},
        ),
        # the Dashboards endpoint alone is public: the data is reachable through it
        ("Public", "GDCC-NET-002"): (
            Status.FAIL,
            {
                "public_endpoint": True,
                "decided_by": {
                    "public_endpoint": "network policy Network allows access from public "
                    "networks (AllowFromPublic: true)"
                },
            },
        ),
        ("Private", "GDCC-NET-002"): (
            Status.PASS,
            {"public_endpoint": False, "decided_by": {"public_endpoint": NO_NETWORK}},
        ),
    }


def test_public_data_access_policy_on_a_public_collection_fails(tmp_path: Path) -> None:
    found = _findings(tmp_path, ("GDCC-DATA-001",))
    public = found[("aws_opensearchserverless_collection.public", "GDCC-DATA-001")]
    assert public[0] is Status.FAIL
    assert public[1]["granted_by"] == [
        "data access policy aws_opensearchserverless_access_policy.data grants the "
        "collection to everyone"
    ]
    # the same grant does not reach a collection its rules do not name
    assert found[("aws_opensearchserverless_collection.private", "GDCC-DATA-001")][0] is (
        Status.PASS
    )
    assert found[("Public", "GDCC-DATA-001")][0] is Status.PASS  # no data access policy


def test_collection_facets_in_both_formats(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert errors == []
    facets = {
        address: (
            r.kind,
            r.facets.customer_managed_key,
            r.facets.high_availability,
            r.facets.encrypted_at_rest,
            r.facets.tls_min_version,
        )
        for address, r in resources.items()
    }
    # the policies are folded into the collections: no resource of their own
    assert facets == {
        "aws_opensearchserverless_collection.public": (
            "database.instance", False, True, True, "1.2",
        ),
        "aws_opensearchserverless_collection.private": (
            "database.instance", False, False, True, "1.2",
        ),
        # no encryption policy covers "metrics": it lives outside the scan
        "aws_opensearchserverless_collection.alone": ("database.instance", None, True, True, "1.2"),
        "Public": ("database.instance", True, None, True, "1.2"),
        "Private": ("database.instance", True, True, True, "1.2"),
    }
    alone = resources["aws_opensearchserverless_collection.alone"]
    assert alone.unknown["customer_managed_key"].en == (
        "no encryption policy of the scan covers the collection; a collection cannot be "
        "created without one, so it is defined outside the scan"
    )
    assert resources["aws_opensearchserverless_collection.public"].defaults[
        "high_availability"
    ].attribute == "standby_replicas"


def test_patterns_and_precedence() -> None:
    private = aoss.Policy(
        "p", "network",
        [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/*"]}],
          "AllowFromPublic": False}],
    )
    public = aoss.Policy(
        "q", "network",
        [{"Rules": [{"ResourceType": "collection", "Resource": ["collection/app-*"]}],
          "AllowFromPublic": True}],
    )
    # public access overrides private access where rules overlap
    assert aoss.judge("app-1", [private, public]).public_endpoint is True
    assert aoss.judge("web", [private, public]).public_endpoint is False
    # a name not known: a public rule with a prefix may or may not match it
    assert aoss.judge(None, [private, public]).public_endpoint is None
    # ... but with no public rule at all, no network opens it
    assert aoss.judge(None, [private]).public_endpoint is False
    unreadable = aoss.Policy("u", "network", None)
    assert aoss.judge("app-1", [unreadable]).public_endpoint is None
    assert aoss.decode("not json") is None
