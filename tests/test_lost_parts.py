"""A part of the input that was not assessed keeps the resources it names from a PASS.

A block declared twice (Terraform refuses it), a block a syntax error took or a file cut
short, a CloudFormation resource skipped: the file is partially assessed, and every resource
the lost text names has its PASS verdicts, and a FAIL resting on a companion not found,
turned into UNKNOWN naming the lost line. A lost part whose target cannot be told (it reaches
resources through ``var.``) may configure any resource of its root.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.lost import (
    terraform_base,
    terraform_part,
    terraform_parts,
    uncovered_regions,
)
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.normalize.lost import is_blind
from gdcc_audit.settings import Settings

KEY = """resource "google_kms_crypto_key" "{name}" {{
  name            = "{name}"
  key_ring        = "projects/p/locations/global/keyRings/r"
  rotation_period = "100000s"
}}
"""

BINDING = """resource "google_kms_crypto_key_iam_binding" "crypto_key" {{
  crypto_key_id = google_kms_crypto_key.{key}.id
  role          = "roles/cloudkms.cryptoKeyEncrypter"
  members       = ["{member}"]
}}
"""

# The shape of checkov's CKV2_GCP_6 fixture: one binding address declared three times.
KMS = (
    KEY.format(name="good")
    + KEY.format(name="bad_3")
    + KEY.format(name="bad_4")
    + BINDING.format(key="good", member="user:jane@example.com")
    + BINDING.format(key="bad_3", member="allUsers")
    + BINDING.format(key="bad_4", member="allAuthenticatedUsers")
)


def _verdicts(result: AuditResult, rule: str) -> dict[str, Finding]:
    return {f.address or "": f for f in result.findings if f.rule_id == rule}


def test_repeated_grant_block_keeps_its_key_from_pass(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(KMS)
    result = audit([tmp_path], Settings())
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.line == 21
    main = tmp_path / "main.tf"
    public = _verdicts(result, "GDCC-ENC-006")
    assert public["google_kms_crypto_key.good"].status == Status.PASS
    for key, line in (("bad_3", 21), ("bad_4", 26)):
        found = public[f"google_kms_crypto_key.{key}"]
        assert found.status == Status.UNKNOWN
        assert found.message.en == (
            f"a block that names this resource was not assessed ({main}:{line}); what was "
            "assessed passes: Key policies do not let everyone use the key"
        )
        assert found.evidence == {"public_access": False, "not_assessed": [f"{main}:{line}"]}
    # A grant sets who may use the key, never its rotation: that verdict stands.
    rotation = _verdicts(result, "GDCC-ENC-003")
    assert {a: f.status for a, f in rotation.items()} == {
        "google_kms_crypto_key.good": Status.PASS,
        "google_kms_crypto_key.bad_3": Status.PASS,
        "google_kms_crypto_key.bad_4": Status.PASS,
    }


CUT = """resource "aws_s3_bucket" "data" {
  bucket = "data"
}

resource "aws_s3_bucket" "other" {
  bucket = "other"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
"""


def test_file_cut_short_keeps_the_bucket_it_names_from_pass(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CUT)
    result = audit([tmp_path], Settings())
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    public = _verdicts(result, "GDCC-DATA-001")
    found = public["aws_s3_bucket.data"]
    assert found.status == Status.UNKNOWN
    assert found.message.en == (
        f"a block that names this resource was not assessed ({tmp_path / 'main.tf'}:9); what "
        "was assessed passes: Storage is not publicly readable"
    )
    assert public["aws_s3_bucket.other"].status == Status.PASS
    # A FAIL on what was read stands.
    versioning = _verdicts(result, "GDCC-DATA-005")
    assert versioning["aws_s3_bucket.data"].status == Status.FAIL


VPC = """resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}
"""


def test_lost_flow_log_that_names_the_network_is_not_a_missing_one(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(VPC)
    (tmp_path / "logs.tf").write_text(
        'resource "aws_flow_log" "main" {\n'
        "  vpc_id          = aws_vpc.main.id\n"
        '  traffic_type    = "ALL"\n'
        "  log_destination = ((\n"
        "}\n"
    )
    result = audit([tmp_path], Settings())
    found = _verdicts(result, "GDCC-LOG-005")["aws_vpc.main"]
    assert found.status == Status.UNKNOWN
    assert found.message.en == (
        "no flow log records this network in what was assessed, but a block that names this "
        f"resource was not assessed ({tmp_path / 'logs.tf'}:1): it may be there"
    )
    assert found.evidence == {"scope": "partial", "not_assessed": [f"{tmp_path / 'logs.tf'}:1"]}
    # The lost block names only the network: the bucket's verdicts stand.
    assert _verdicts(result, "GDCC-DATA-001")["aws_s3_bucket.data"].status == Status.PASS


def test_flow_log_declared_twice_is_not_a_missing_one(tmp_path: Path) -> None:
    log = (
        'resource "aws_flow_log" "main" {{\n  {target} = aws_vpc.{vpc}.id\n'
        '  traffic_type = "ALL"\n  log_destination = "arn:aws:s3:::logs"\n}}\n'
    )
    (tmp_path / "main.tf").write_text(
        VPC.replace('"main"', '"a"')
        + 'resource "aws_vpc" "b" {\n  cidr_block = "10.1.0.0/16"\n}\n'
        + log.format(target="vpc_id", vpc="a")
        + log.format(target="vpc_id", vpc="b")
    )
    result = audit([tmp_path], Settings())
    flows = _verdicts(result, "GDCC-LOG-005")
    assert flows["aws_vpc.a"].status == Status.PASS
    found = flows["aws_vpc.b"]
    assert found.status == Status.UNKNOWN
    assert found.evidence == {"scope": "partial", "not_assessed": [f"{tmp_path / 'main.tf'}:16"]}


def test_without_the_lost_part_the_missing_flow_log_fails(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(VPC)
    result = audit([tmp_path], Settings())
    found = _verdicts(result, "GDCC-LOG-005")["aws_vpc.main"]
    assert found.status == Status.FAIL
    assert found.message.en == (
        "no flow log records this network; the whole configuration was scanned"
    )


def test_lost_part_of_unknown_target_makes_the_root_incomplete(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(VPC)
    (tmp_path / "policy.tf").write_text(
        'resource "aws_s3_bucket_policy" "main" {\n'
        "  bucket = var.bucket\n"
        "  policy = ((\n"
        "}\n"
    )
    result = audit([tmp_path], Settings())
    where = f"{tmp_path / 'policy.tf'}:1"
    flow = _verdicts(result, "GDCC-LOG-005")["aws_vpc.main"]
    assert flow.status == Status.UNKNOWN
    assert flow.message.en == (
        "no flow log records this network in the scanned input, but part of it was not "
        f"available: {where}: not assessed"
    )
    public = _verdicts(result, "GDCC-DATA-001")["aws_s3_bucket.data"]
    assert public.status == Status.UNKNOWN
    assert public.message.en == (
        f"part of this configuration was not assessed and may configure this resource "
        f"({where}); what was assessed passes: Storage is not publicly readable"
    )


TEMPLATE = """AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: logs
  Other:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: other
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      - Bucket: !Ref Logs
"""


def test_skipped_cloudformation_resource_keeps_what_it_names_from_pass(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE)
    result = audit([tmp_path], Settings())
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    public = _verdicts(result, "GDCC-DATA-001")
    assert public["Logs"].status == Status.UNKNOWN
    assert public["Logs"].message.en == (
        f"a block that names this resource was not assessed ({tmp_path / 't.yaml'}:11); what "
        "was assessed passes: Storage is not publicly readable"
    )
    assert public["Other"].status == Status.PASS


def test_rain_module_may_configure_any_resource_of_its_template(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(
        TEMPLATE.replace(
            "  LogsPolicy:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n"
            "      - Bucket: !Ref Logs\n",
            '  Site:\n    Type: !Rain::Module "./site.yaml"\n',
        )
    )
    result = audit([tmp_path], Settings())
    public = _verdicts(result, "GDCC-DATA-001")
    for name in ("Logs", "Other"):
        assert public[name].status == Status.UNKNOWN
        assert public[name].evidence["not_assessed"] == [f"{tmp_path / 't.yaml'}:11"]


def test_lost_resource_that_configures_only_itself_is_not_blind(tmp_path: Path) -> None:
    # A bucket declared twice, read from a variable, configures no other resource.
    (tmp_path / "main.tf").write_text(
        VPC + 'resource "aws_s3_bucket" "data" {\n  bucket = var.name\n}\n'
    )
    result = audit([tmp_path], Settings())
    assert result.inputs[0].status == InputStatus.PARTIALLY_ASSESSED
    assert _verdicts(result, "GDCC-DATA-001")["aws_s3_bucket.data"].status == Status.PASS
    assert _verdicts(result, "GDCC-LOG-005")["aws_vpc.main"].status == Status.FAIL


def test_lost_resource_of_another_kind_is_not_the_missing_flow_log(tmp_path: Path) -> None:
    acl = 'resource "aws_network_acl" "a" {\n  vpc_id = aws_vpc.main.id\n}\n'
    (tmp_path / "main.tf").write_text(VPC + acl + acl)
    result = audit([tmp_path], Settings())
    assert result.inputs[0].status == InputStatus.PARTIALLY_ASSESSED
    flow = _verdicts(result, "GDCC-LOG-005")["aws_vpc.main"]
    assert flow.status == Status.FAIL
    assert flow.message.en == (
        "no flow log records this network; the whole configuration was scanned"
    )


def test_terraform_text_analysis() -> None:
    part = terraform_part(
        "m.tf", 3, 'resource "aws_s3_bucket_policy" "p" {\n  bucket = aws_s3_bucket.b.id\n', "/d"
    )
    assert part is not None
    assert (part.names, part.blind, part.where) == (("aws_s3_bucket.b",), False, "m.tf:3")
    harmless = 'variable "x" {\n  default = aws_s3_bucket.b.id\n'
    assert terraform_part("m.tf", 1, harmless, "/d") is None
    blind = terraform_part("m.tf", 1, 'module "m" {\n  source = "./m"\n', "/d")
    assert blind is not None
    assert is_blind(blind)
    acl = 'resource "aws_s3_bucket_acl" "a" {\n  bucket = var.b\n'
    indirect = terraform_part("m.tf", 1, acl, "/d")
    assert indirect is not None
    assert (indirect.type, indirect.indirect) == ("aws_s3_bucket_acl", True)
    assert is_blind(indirect)
    own = terraform_part("m.tf", 1, 'resource "aws_s3_bucket" "a" {\n  bucket = var.b\n', "/d")
    assert own is not None
    assert is_blind(own) is False
    text = "a\n\n# c\nb\nc\n"
    assert uncovered_regions(text, [(1, 1), (5, 5)]) == [(2, "\n# c\nb")]
    assert uncovered_regions("a\n\n# c\nd\n", [(1, 1), (4, 4)]) == []
    region = 'variable "v" {\n}\n\n# lost\nresource "aws_s3_bucket_acl" "a" {\n  bucket = var.b\n'
    (only,) = terraform_parts("m.tf", 10, region, "/d")
    assert (only.where, only.type, is_blind(only)) == ("m.tf:14", "aws_s3_bucket_acl", True)
    cut = terraform_part("m.tf", 1, 'resource "aws_s3_bucket_policy" "p" {\n', "/d")
    assert cut is not None
    assert is_blind(cut)  # a companion cut before the line that names its target
    assert terraform_base('module.a["x.y"].module.b.aws_s3_bucket.b[0]') == "aws_s3_bucket.b"
    assert terraform_base("aws_s3_bucket.b") == "aws_s3_bucket.b"


MANIFEST = """apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: other
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: other
  namespace: shop
spec:
  containers: [7]
---
apiVersion: v1
kind: List
items:
  - apiVersion: rbac.authorization.k8s.io/v1
    kind: ClusterRoleBinding
    metadata:
      labels: {team: shop}
    roleRef:
      apiGroup: rbac.authorization.k8s.io
      kind: ClusterRole
      name: cluster-admin
    subjects:
      - kind: ServiceAccount
        name: app
        namespace: shop
  - name: no kind
"""


def test_kubernetes_object_not_assessed_keeps_what_it_names_from_pass(tmp_path: Path) -> None:
    (tmp_path / "k.yaml").write_text(MANIFEST)
    result = audit([tmp_path], Settings())
    assert result.inputs[0].status == InputStatus.PARTIALLY_ASSESSED
    found = _verdicts(result, "GDCC-GRAPH-006")
    # The lost binding (a List item without a name: the List's other items are judged)
    # names ServiceAccount app (it may make it cluster-admin).
    assert found["ServiceAccount/shop/app"].status == Status.UNKNOWN
    assert found["ServiceAccount/shop/app"].message.en == (
        f"a block that names this resource was not assessed ({tmp_path / 'k.yaml'}:28); what "
        "was assessed passes: A workload identity's permissions stay within its own system"
    )
    # A lost Pod named "other" configures no other object.
    assert found["ServiceAccount/shop/other"].status == Status.PASS


PUBLIC = """resource "aws_s3_bucket" "pub" {
  bucket = "pub"
}

resource "aws_s3_bucket" "other" {
  bucket = "other"
}

resource "aws_s3_bucket_policy" "pub" {
  bucket = aws_s3_bucket.pub.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::pub/*"
    }]
  })
}
"""


def test_public_policy_cut_at_every_line_never_passes_its_bucket(tmp_path: Path) -> None:
    lines = PUBLIC.splitlines(keepends=True)
    policy_at = next(i for i, t in enumerate(lines) if t.startswith('resource "aws_s3_bucket_p'))
    whole = _verdicts(_scan(tmp_path / "whole", PUBLIC), "GDCC-DATA-001")
    assert whole["aws_s3_bucket.pub"].status == Status.FAIL
    seen: dict[int, Status] = {}
    for cut in range(policy_at + 1, len(lines)):
        found = _verdicts(_scan(tmp_path / str(cut), "".join(lines[:cut])), "GDCC-DATA-001")
        seen[cut] = found["aws_s3_bucket.pub"].status
        # The other bucket: named by no lost text, except when the cut hides the target.
        assert found["aws_s3_bucket.other"].status in (Status.PASS, Status.UNKNOWN)
    assert Status.PASS not in seen.values(), seen
    # Cut before the line that names the bucket: the policy may be anyone's (blind).
    assert seen[policy_at + 1] == Status.UNKNOWN


def _scan(folder: Path, text: str) -> AuditResult:
    folder.mkdir()
    (folder / "main.tf").write_text(text)
    return audit([folder], Settings())
