"""CloudFormation templates mapped to canonical kinds, facets, references and lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.models.common import Classification
from gdcc_audit.models.resource import IngressRule, Reference, Resource
from gdcc_audit.normalize.cloudformation.types import FOREVER_DAYS
from iac_helpers import FIXTURES, run

CFN = FIXTURES / "cloudformation"


@pytest.fixture(scope="module")
def storage() -> dict[str, Resource]:
    resources, errors, _ = run(CFN / "storage.yaml")
    assert errors == []
    return resources


@pytest.fixture(scope="module")
def network() -> dict[str, Resource]:
    resources, errors, _ = run(CFN / "network.json")
    assert errors == []
    return resources


@pytest.fixture(scope="module")
def identity() -> dict[str, Resource]:
    resources, errors, _ = run(CFN / "identity.yaml")
    assert errors == []
    return resources


def test_resources_conditions_and_unmapped_types(storage: dict[str, Resource]) -> None:
    # DevOnlyQueue's condition is false with Env's default (prod) but not with every Env: it
    # is kept (variants.FALSE_CONDITION); WaitConditionHandle has no kind.
    assert sorted(storage) == [
        "AppLogs", "AuditLogs", "DataBucket", "DataKey", "Database", "DevOnlyQueue",
        "LogBucket", "SiteBucket", "SitePolicy",
    ]
    assert storage["DevOnlyQueue"].attributes["false_condition"] == "IsDev"


def test_identity_and_lines(storage: dict[str, Resource]) -> None:
    bucket = storage["DataBucket"]
    assert bucket.id == "-/-/AWS::S3::Bucket.storage.yaml:DataBucket"
    assert (bucket.kind, bucket.provider, bucket.provider_type) == (
        "storage.bucket", "aws", "AWS::S3::Bucket"
    )
    assert (bucket.location.start_line, bucket.location.end_line) == (27, 44)  # the logical id line
    assert bucket.location.pointer == "/Resources/DataBucket"
    assert bucket.location.file.endswith("storage.yaml")


def test_bucket_facets_and_gdcc_tags(storage: dict[str, Resource]) -> None:
    facets = storage["DataBucket"].facets
    assert facets.encrypted_at_rest is True
    assert facets.customer_managed_key is True
    assert facets.versioning is True
    assert facets.access_logging is True
    assert facets.public_access is False
    assert facets.region == "ap-southeast-7"  # the template's Region parameter default
    assert facets.data_classification is Classification.CONFIDENTIAL
    assert facets.personal_data is True
    assert storage["DataBucket"].references == (
        Reference(
            target="DataKey",
            attribute="BucketEncryption.ServerSideEncryptionConfiguration.0."
            "ServerSideEncryptionByDefault.KMSMasterKeyID",
        ),
        Reference(target="LogBucket", attribute="LoggingConfiguration.DestinationBucketName"),
    )


def test_public_buckets(storage: dict[str, Resource]) -> None:
    log = storage["LogBucket"].facets
    assert (log.public_access, log.versioning, log.customer_managed_key) == (True, False, False)
    # SiteBucket blocks ACLs but not policies; its bucket policy grants s3:GetObject to "*".
    assert storage["SiteBucket"].facets.public_access is True
    policy = storage["SitePolicy"]
    assert policy.kind == "identity.policy"
    assert (policy.facets.public_access, policy.facets.wildcard_permissions) == (True, False)


def test_database_resolves_if_findinmap_and_unknown_condition(
    storage: dict[str, Resource],
) -> None:
    db = storage["Database"]
    assert db.kind == "database.instance"
    facets = db.facets
    assert facets.encrypted_at_rest is True  # Fn::If on IsProd
    assert facets.customer_managed_key is True  # KmsKeyId: !Ref DataKey
    assert facets.backup_retention_days == 35  # Fn::FindInMap [Backup, prod, Days]
    assert facets.backup_enabled is True
    assert facets.high_availability is None  # Fn::If on a condition over AWS::Region
    # a subnet group outside the template: public when its VPC has an internet gateway (API)
    assert facets.public_endpoint is None
    assert facets.hardcoded_secrets == ()  # the password is a NoEcho parameter without default
    assert Reference(target="DataBucket", attribute="DependsOn") in db.references


def test_key_rotation_and_log_retention(storage: dict[str, Resource]) -> None:
    assert storage["DataKey"].facets.key_rotation is True
    assert storage["AppLogs"].facets.log_retention_days == 14
    assert storage["AuditLogs"].facets.log_retention_days == FOREVER_DAYS


def test_security_group_absorbs_standalone_ingress(network: dict[str, Resource]) -> None:
    assert "RdpRule" not in network
    group = network["WebGroup"]
    assert group.facets.ingress == (
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
        IngressRule(protocol="tcp", from_port=443, to_port=443, sources=("10.0.0.0/8",)),
        # merged from AWS::EC2::SecurityGroupIngress RdpRule: it says who declares it, where
        IngressRule(
            protocol="all",
            from_port=0,
            to_port=65535,
            sources=("ref:WebGroup",),
            declared_by="RdpRule",
            declared_at=f"{group.location.file}:18",
        ),
    )
    assert group.references == (Reference(target="RdpRule", attribute="ingress"),)
    assert (group.location.start_line, group.location.end_line) == (8, 17)


def test_instance_public_by_eip_and_secret_in_user_data(network: dict[str, Resource]) -> None:
    web = network["Web"]
    assert web.kind == "compute.instance"
    assert web.facets.public_endpoint is True
    assert web.facets.encrypted_at_rest is True
    assert web.facets.hardcoded_secrets == ("UserData",)
    assert web.attributes["UserData"] == "<redacted>"
    assert web.references == (Reference(target="WebGroup", attribute="SecurityGroupIds.0"),)


@pytest.mark.parametrize(
    ("name", "encrypted", "tls"),
    [("HttpsListener", True, "1.2"), ("HttpListener", True, None), ("LegacyListener", True, "1.0")],
)
def test_listeners(network: dict[str, Resource], name: str, encrypted: bool, tls: str) -> None:
    facets = network[name].facets
    assert (facets.encrypted_in_transit, facets.tls_min_version) == (encrypted, tls)
    assert network["Balancer"].facets.public_endpoint is True


def test_identity_resources(identity: dict[str, Resource]) -> None:
    role, user = identity["AdminRole"], identity["Deployer"]
    assert (role.kind, role.facets.admin_privileges, role.facets.wildcard_permissions) == (
        "identity.role", True, True
    )
    assert (user.kind, user.facets.admin_privileges) == ("identity.user", True)
    writer = identity["S3Writer"].facets
    assert (writer.wildcard_permissions, writer.admin_privileges) == (True, False)
    read = identity["ReadOnly"].facets
    assert (read.wildcard_permissions, read.admin_privileges) == (False, False)
    key = identity["DeployerKey"]
    assert (key.kind, key.facets.enabled) == ("identity.access_key", False)
    assert key.references == (Reference(target="Deployer", attribute="UserName"),)


def test_logging_backup_cluster_function(identity: dict[str, Resource]) -> None:
    trail = identity["Trail"].facets
    assert (trail.enabled, trail.multi_region, trail.log_integrity) == (True, True, False)
    flow = identity["VpcFlowLog"]
    assert flow.kind == "logging.flow_log"
    assert flow.references == (Reference(target="Vpc", attribute="ResourceId"),)
    plan = identity["Plan"].facets
    assert (plan.backup_enabled, plan.backup_retention_days) == (True, 30)
    cluster = identity["Cluster"].facets
    assert (cluster.public_endpoint, cluster.access_logging) == (True, False)
    function = identity["Function"]
    assert function.facets.hardcoded_secrets == ("Environment.Variables.API_TOKEN",)
    assert function.attributes["Environment"]["Variables"] == {
        "API_TOKEN": "<redacted>", "STAGE": "prod"
    }


def test_data_services(identity: dict[str, Resource]) -> None:
    search = identity["Search"].facets
    assert (search.encrypted_at_rest, search.encrypted_in_transit, search.tls_min_version) == (
        True, True, "1.2"
    )
    assert search.public_endpoint is True  # no VPCOptions
    cache = identity["Cache"].facets
    assert (cache.encrypted_at_rest, cache.encrypted_in_transit) == (False, True)
    table = identity["Table"].facets
    assert (table.encrypted_at_rest, table.backup_enabled) == (True, True)


def test_region_is_unknown_without_parameter_or_tag(identity: dict[str, Resource]) -> None:
    assert {r.facets.region for r in identity.values()} == {None}


def test_resources_without_version_key_are_recognised() -> None:
    resources, errors, _ = run(CFN / "sam-without-version.json")
    assert errors == []
    assert resources["Queue"].facets.customer_managed_key is True


def test_rain_module_skips_that_resource_only_with_its_line() -> None:
    resources, errors, _ = run(CFN / "rain-module.yaml")
    assert list(resources) == ["Plain"]
    assert len(errors) == 1
    assert errors[0].line == 6
    assert errors[0].field == "Website.Type"
    assert "not a string" in errors[0].message
    assert "Rain" in errors[0].message


def test_data_files_are_not_claimed() -> None:
    resources, errors, found = run(CFN / "not-iac")
    assert (resources, errors, found.claims) == ({}, [], {})
    assert sorted(p.name for p, _ in found.unrecognised) == [
        "docker-compose.yml", "openapi.yaml", "resources-data.json"
    ]


GENERATED_SECRET = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: '{"username": "admin"}'
        GenerateStringKey: password
        PasswordLength: 32
        ExcludeCharacters: '"@/\\\\'
  LeakySecret:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString:
        SecretStringTemplate: '{"username": "admin", "password": "hunter2hunter2"}'
        GenerateStringKey: api_key
"""


def test_generated_secret_template_is_not_a_hardcoded_secret(tmp_path: Path) -> None:
    template = tmp_path / "secret.yaml"
    template.write_text(GENERATED_SECRET, encoding="utf-8")
    resources, errors, _ = run(template)
    assert errors == []
    # A template for the generated secret, not a secret: nothing hard-coded.
    assert resources["DbSecret"].facets.hardcoded_secrets == ()
    # A literal password written into the template is still found, by its field name.
    assert resources["LeakySecret"].facets.hardcoded_secrets == (
        "GenerateSecretString.SecretStringTemplate.password",
    )
