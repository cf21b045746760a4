"""A bucket policy of one template on a bucket another template of the scan creates.

The policy's template does not create the bucket, so the policy was judged alone as the
bucket it opens, and the bucket itself PASSed GDCC-DATA-001 "Storage is not publicly
readable" beside the policy's FAIL (a wrong PASS), and FAILed GDCC-DATA-008 though the policy
denies HTTP. The policy is now folded into the bucket it names across the templates of the
scan (a parent's bucket passed to a nested stack, an ``Fn::ImportValue`` of its export, a
Systems Manager parameter, its literal ``BucketName``): ``normalize.foreign_bucket_policies``.
A bucket the scan does not create keeps the policy judged alone.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

PARENT = """\
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: shared-data
  Policies:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        BucketName: !Ref Data
"""
CHILD = """\
Parameters:
  BucketName:
    Type: String
Resources:
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: BUCKET
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: PRINCIPAL
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${BucketName}/*"
"""
EXPORTER = """\
Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        RestrictPublicBuckets: RESTRICT
Outputs:
  DataBucket:
    Value: !Ref Data
    Export:
      Name: data-bucket
"""
IMPORTER = """\
Resources:
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !ImportValue data-bucket
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: "s3:*"
            Resource:
              - !Sub ["arn:aws:s3:::${B}", {B: !ImportValue data-bucket}]
              - !Sub ["arn:aws:s3:::${B}/*", {B: !ImportValue data-bucket}]
            Condition:
              Bool:
                aws:SecureTransport: "false"
          - Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: !Sub ["arn:aws:s3:::${B}/*", {B: !ImportValue data-bucket}]
"""
PUBLIC = ("FAIL", "anyone on the internet can read this store")
PRIVATE = ("PASS", "Storage is not publicly readable")


def _verdicts(root: Path, files: dict[str, str]) -> dict[tuple[str, str, str], tuple[str, str]]:
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    result = audit(
        [root], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-008", "GDCC-IAM-005"))
    )
    return {
        (f.resource_id.rsplit(".", 1)[-1], str(f.address), f.rule_id): (
            f.status.value, f.message.en
        )
        for f in result.findings
    }


def _nested(tmp_path: Path, bucket: str, principal: str) -> dict:
    child = CHILD.replace("BUCKET", bucket).replace("PRINCIPAL", principal)
    return _verdicts(tmp_path, {"parent.yaml": PARENT, "child.yaml": child})


def test_a_nested_stack_policy_makes_the_parents_bucket_public(tmp_path: Path) -> None:
    # it was: the parent's bucket PASS "Storage is not publicly readable", the policy FAIL
    found = _nested(tmp_path, "!Ref BucketName", '"*"')
    at = f"(value set at {tmp_path / 'child.yaml'}:5)"
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (PUBLIC[0], f"{PUBLIC[1]} {at}")
    # the policy is judged as a policy, as within one template, not as a second bucket
    assert ("yaml:DataPolicy", "DataPolicy", "GDCC-DATA-001") not in found
    assert found[("yaml:DataPolicy", "DataPolicy", "GDCC-IAM-005")] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )


def test_a_literal_bucket_name_is_the_scans_bucket_of_that_name(tmp_path: Path) -> None:
    found = _nested(tmp_path, "shared-data", '"*"')
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")][0] == "FAIL"
    assert ("yaml:DataPolicy", "DataPolicy", "GDCC-DATA-001") not in found


def test_a_principal_not_known_leaves_the_parents_bucket_unknown(tmp_path: Path) -> None:
    # a principal from a parameter no one passes: the parent's bucket is not known either
    child = CHILD.replace("BUCKET", "!Ref BucketName").replace("PRINCIPAL", "")
    child = child.replace(
        "            Principal: \n", "            Principal:\n              AWS: !Ref Reader\n"
    ).replace("Parameters:\n", "Parameters:\n  Reader:\n    Type: String\n")
    found = _verdicts(tmp_path, {"parent.yaml": PARENT, "child.yaml": child})
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (
        "UNKNOWN",
        "public access is not known: statement 1 may allow everyone (principal or condition "
        "not known) in DataPolicy",
    )


def test_a_bucket_outside_the_scan_keeps_the_policy_judged_alone(tmp_path: Path) -> None:
    # (a guard: the same on main) no template of the scan creates 'other-bucket'
    found = _nested(tmp_path, "other-bucket", '"*"')
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == PRIVATE
    assert found[("yaml:DataPolicy", "DataPolicy", "GDCC-DATA-001")] == PUBLIC


def test_an_importer_policy_opens_and_secures_the_exporters_bucket(tmp_path: Path) -> None:
    # it was: DATA-001 PASS and DATA-008 FAIL "unencrypted connections are accepted" on the
    # exporter's bucket, DATA-001 FAIL on the policy
    found = _verdicts(
        tmp_path, {"network.yaml": EXPORTER.replace("RESTRICT", "false"), "app.yaml": IMPORTER}
    )
    at = f"(value set at {tmp_path / 'app.yaml'}:2)"
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (PUBLIC[0], f"{PUBLIC[1]} {at}")
    assert found[("yaml:Data", "Data", "GDCC-DATA-008")] == (
        "PASS", f"Storage accepts encrypted connections only {at}"
    )
    assert not {k for k in found if k[1] == "DataPolicy" and k[2] != "GDCC-IAM-005"}


def test_restrict_public_buckets_keeps_the_exporters_bucket_private(tmp_path: Path) -> None:
    found = _verdicts(
        tmp_path, {"network.yaml": EXPORTER.replace("RESTRICT", "true"), "app.yaml": IMPORTER}
    )
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == PRIVATE


WRITER = """\
Resources:
  Data:
    Type: AWS::S3::Bucket
  DataName:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /data/bucket
      Type: String
      Value: !Ref Data
"""


def test_a_reader_of_a_systems_manager_parameter_opens_the_writers_bucket(
    tmp_path: Path,
) -> None:
    reader = CHILD.replace("BUCKET", "'{{resolve:ssm:/data/bucket}}'").replace(
        "PRINCIPAL", '"*"'
    )
    found = _verdicts(tmp_path, {"writer.yaml": WRITER, "reader.yaml": reader})
    at = f"(value set at {tmp_path / 'reader.yaml'}:5)"
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (PUBLIC[0], f"{PUBLIC[1]} {at}")
    assert ("yaml:DataPolicy", "DataPolicy", "GDCC-DATA-001") not in found


CHOSEN = """\
Parameters:
  BucketName:
    Type: String
  Mode:
    Type: String
    AllowedValues: [open, closed]
Conditions:
  Open: !Equals [!Ref Mode, open]
Resources:
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref BucketName
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: !If [Open, "*", {AWS: arn:aws:iam::111122223333:root}]
            Action: s3:GetObject
            Resource: !Sub "arn:aws:s3:::${BucketName}/*"
"""


def test_a_policy_whose_template_has_choices_judges_the_bucket_with_each(
    tmp_path: Path,
) -> None:
    # as within one template: each allowed value named (it was FAIL after 2803b03b, the
    # policy IAM-005 UNKNOWN; PASS before it)
    found = _verdicts(tmp_path, {"parent.yaml": PARENT, "child.yaml": CHOSEN})
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (
        "UNKNOWN",
        "the verdict depends on how the template is deployed: FAIL with Mode = 'open'; "
        "PASS with Mode = 'closed'",
    )
    assert found[("yaml:DataPolicy", "DataPolicy", "GDCC-IAM-005")] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )


def test_choices_on_both_sides_leave_the_bucket_not_known(tmp_path: Path) -> None:
    # the bucket's template has choices of its own: which grant goes with which is not read
    parent = PARENT.replace(
        "Resources:\n",
        "Parameters:\n  Env:\n    Type: String\n    AllowedValues: [dev, prod]\n"
        "Conditions:\n  Prod: !Equals [!Ref Env, prod]\nResources:\n",
    ).replace(
        "      BucketName: shared-data\n",
        "      BucketName: shared-data\n"
        "      VersioningConfiguration: !If [Prod, {Status: Enabled}, !Ref AWS::NoValue]\n",
    )
    found = _verdicts(tmp_path, {"parent.yaml": parent, "child.yaml": CHOSEN})
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (
        "UNKNOWN",
        f"public access is not known: whether DataPolicy ({tmp_path / 'child.yaml'}) lets "
        "everyone in depends on how its template is deployed",
    )


def test_a_policy_only_another_parameter_value_creates_is_an_alternative(
    tmp_path: Path,
) -> None:
    # as within one template: the default (no policy) decides, the other value is named (it
    # was FAIL after 2803b03b, as if the policy were always created; PASS before it, silent)
    child = CHILD.replace("BUCKET", "!Ref BucketName").replace("PRINCIPAL", '"*"').replace(
        "Resources:\n",
        "  Share:\n    Type: String\n    Default: 'no'\n    AllowedValues: ['yes', 'no']\n"
        "Conditions:\n  Shared: !Equals [!Ref Share, 'yes']\nResources:\n",
    ).replace("    Type: AWS::S3::BucketPolicy\n", "    Type: AWS::S3::BucketPolicy\n"
              "    Condition: Shared\n")
    found = _verdicts(tmp_path, {"parent.yaml": PARENT, "child.yaml": child})
    assert found[("yaml:Data", "Data", "GDCC-DATA-001")] == (
        "PASS",
        "Storage is not publicly readable (decided by the default of the parameter Share "
        f"('no', value set at {tmp_path / 'child.yaml'}:6); a deployment with Share = 'yes': "
        "FAIL)",
    )
