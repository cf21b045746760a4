"""AWS Terraform resources to canonical kinds and facets (exact facets, pass and fail)."""

from __future__ import annotations

import json

import pytest
from tfhelpers import expect, facets_of, map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.aws_managed_policies import MANAGED
from gdcc_audit.models.resource import IngressRule, PolicyStatement
from gdcc_audit.normalize.terraform.values import NEVER_EXPIRES_DAYS

ADMIN = json.dumps({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
READ = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})


def test_s3_bucket_defaults_are_private_and_sse_s3() -> None:
    assert facets_of(res("aws_s3_bucket.b", {"bucket": "x"})) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        encrypted_in_transit=False,
        public_access=False,
        versioning=False,
        access_logging=False,
        object_lock=False,
        holds_logs=False,
        public_access_block=True,  # S3 default for new buckets since April 2023
    )


def test_s3_bucket_inline_blocks_public_acl() -> None:
    values = {
        "acl": "public-read",
        "versioning": [{"enabled": True}],
        "logging": [{"target_bucket": "logs"}],
        "server_side_encryption_configuration": [
            {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}]}]}
        ],
    }
    assert facets_of(res("aws_s3_bucket.b", values)) == expect(
        encrypted_at_rest=True,
        # aws:kms with no kms_master_key_id: the AWS managed key aws/s3 (3ea65a19)
        customer_managed_key=False,
        encrypted_in_transit=False,
        public_access=True,
        versioning=True,
        access_logging=True,
        object_lock=False,
        holds_logs=False,
        public_access_block=True,
    )


def test_s3_split_resources_contribute_to_their_bucket() -> None:
    bucket = res("aws_s3_bucket.b", {"bucket": "data", "acl": "public-read"})
    ref = {"bucket": "aws_s3_bucket.b.id"}
    policy = json.dumps(
        {
            "Statement": [
                {
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ]
        }
    )
    found = map_all(
        bucket,
        res(
            "aws_s3_bucket_public_access_block.b",
            {
                "bucket": UNKNOWN,
                "block_public_acls": True,
                "block_public_policy": True,
                "ignore_public_acls": True,
                "restrict_public_buckets": True,
            },
            ref,
        ),
        res(
            "aws_s3_bucket_versioning.b", {"versioning_configuration": [{"status": "Enabled"}]}, ref
        ),
        res("aws_s3_bucket_logging.b", {"target_bucket": "logs"}, ref),
        res("aws_s3_bucket_policy.b", {"policy": policy}, ref),
        res(
            "aws_s3_bucket_server_side_encryption_configuration.b",
            {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]},
            ref,
        ),
    )
    assert set(found) == {"aws_s3_bucket.b"}
    assert found["aws_s3_bucket.b"].facets == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        encrypted_in_transit=True,
        public_access=False,
        versioning=True,
        access_logging=True,
        object_lock=False,
        holds_logs=False,
        public_access_block=True,
    )
    assert sorted(found["aws_s3_bucket.b"].attributes["merged_from"]) == [
        "aws_s3_bucket_logging.b",
        "aws_s3_bucket_policy.b",
        "aws_s3_bucket_public_access_block.b",
        "aws_s3_bucket_server_side_encryption_configuration.b",
        "aws_s3_bucket_versioning.b",
    ]


def test_s3_companion_found_by_literal_bucket_name() -> None:
    bucket = res("aws_s3_bucket.b", {"bucket": "data"})
    acl = res("aws_s3_bucket_acl.b", {"bucket": "data", "acl": "public-read-write"})
    assert facets_of(bucket, acl).public_access is True


def test_s3_unknown_acl_and_versioning_give_none() -> None:
    bucket = res("aws_s3_bucket.b", {"acl": UNKNOWN, "versioning": UNKNOWN})
    found = facets_of(bucket)
    assert (found.public_access, found.versioning) == (None, None)


def test_security_group_inline_and_rule_resources() -> None:
    group = res(
        "aws_security_group.sg",
        {
            "ingress": [
                {"from_port": 22, "to_port": 22, "protocol": "tcp", "cidr_blocks": ["0.0.0.0/0"]},
                {"from_port": 0, "to_port": 0, "protocol": "-1", "cidr_blocks": UNKNOWN},
            ]
        },
    )
    ref = {"security_group_id": "aws_security_group.sg.id"}
    found = map_all(
        group,
        res(
            "aws_security_group_rule.rdp",
            {
                "type": "ingress",
                "from_port": 3389,
                "to_port": 3389,
                "protocol": "tcp",
                "cidr_blocks": ["10.0.0.0/8"],
            },
            ref,
        ),
        res(
            "aws_security_group_rule.out",
            {
                "type": "egress",
                "from_port": 0,
                "to_port": 0,
                "protocol": "-1",
                "cidr_blocks": ["0.0.0.0/0"],
            },
            ref,
        ),
        res(
            "aws_vpc_security_group_ingress_rule.pg",
            {"from_port": 5432, "to_port": 5432, "ip_protocol": "tcp", "cidr_ipv6": "::/0"},
            ref,
        ),
    )
    assert set(found) == {"aws_security_group.sg"}
    assert found["aws_security_group.sg"].facets == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
            IngressRule(protocol="all", from_port=0, to_port=65535, sources=None),
            # a rule of a separate resource says which one declares it, and where
            IngressRule(protocol="tcp", from_port=3389, to_port=3389, sources=("10.0.0.0/8",),
                        declared_by="aws_security_group_rule.rdp", declared_at="main.tf:1"),
            IngressRule(protocol="tcp", from_port=5432, to_port=5432, sources=("::/0",),
                        declared_by="aws_vpc_security_group_ingress_rule.pg",
                        declared_at="main.tf:1"),
        ),
        # the egress rule resource is the group's only outbound rule (no inline egress block)
        egress=(
            IngressRule(protocol="all", from_port=0, to_port=65535, sources=("0.0.0.0/0",),
                        declared_by="aws_security_group_rule.out", declared_at="main.tf:1"),
        ),
    )


def test_dynamic_ingress_is_unknown_and_orphan_rule_is_its_own_group() -> None:
    found = map_all(
        res("aws_security_group.sg", {"ingress": UNKNOWN}),
        res(
            "aws_security_group_rule.r",
            {
                "type": "ingress",
                "from_port": 22,
                "to_port": 22,
                "protocol": "tcp",
                "cidr_blocks": ["0.0.0.0/0"],
                "security_group_id": UNKNOWN,
            },
        ),
    )
    assert found["aws_security_group.sg"].facets == expect(egress=())  # no egress block
    assert found["aws_security_group_rule.r"].facets == expect(
        ingress=(IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),)
    )


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {
                "password": "hunter2",
                "storage_encrypted": True,
                "publicly_accessible": True,
                "backup_retention_period": 14,
                "deletion_protection": True,
                "multi_az": True,
                "enabled_cloudwatch_logs_exports": ["audit"],
                "kms_key_id": "arn:k",
                "iam_database_authentication_enabled": True,
            },
            expect(
                encrypted_at_rest=True,
                customer_managed_key=True,
                public_access=True,
                public_endpoint=True,
                backup_retention_days=14,
                backup_enabled=True,
                deletion_protection=True,
                high_availability=True,
                auto_patching=True,
                access_logging=True,
                directory_auth=True,
                hardcoded_secrets=("password",),
            ),
        ),
        (
            {
                "password": UNKNOWN,
                "backup_retention_period": 0,
                "auto_minor_version_upgrade": False,
            },
            expect(
                encrypted_at_rest=False,
                customer_managed_key=False,
                public_access=False,
                public_endpoint=False,
                backup_retention_days=0,
                backup_enabled=False,
                deletion_protection=False,
                high_availability=False,
                auto_patching=False,
                access_logging=False,
                directory_auth=False,
            ),
        ),
        (
            {"storage_encrypted": UNKNOWN, "publicly_accessible": UNKNOWN},
            expect(
                encrypted_at_rest=None,
                customer_managed_key=False,
                backup_retention_days=1,
                backup_enabled=True,
                public_access=None,
                public_endpoint=None,
                deletion_protection=False,
                high_availability=False,
                auto_patching=True,
                access_logging=False,
                directory_auth=False,
            ),
        ),
    ],
    ids=["pass", "fail", "unknown"],
)
def test_db_instance(values: dict[str, object], expected: object) -> None:
    assert facets_of(res("aws_db_instance.db", values)) == expected


def test_instance_volumes_restored_from_snapshots() -> None:
    """An ``ebs_block_device`` restored from a snapshot without ``encrypted`` takes the
    snapshot's encryption (not known); a ``root_block_device`` has no ``snapshot_id``
    argument, so one written there does not make the root volume unknown: it reads as any
    root device without ``encrypted`` (documented default false; was UNKNOWN)."""
    found = map_all(
        res("aws_instance.data_from_snapshot", {
            "root_block_device": [{"encrypted": True}],
            "ebs_block_device": [{"device_name": "/dev/xvdb", "snapshot_id": "snap-1"}],
        }),
        res("aws_instance.root_snapshot_written", {
            "root_block_device": [{"volume_type": "gp2", "snapshot_id": "snap-1"}],
        }),
        res("aws_instance.root_plain", {"root_block_device": [{"volume_type": "gp2"}]}),
        res("aws_launch_configuration.root_snapshot_written", {
            "root_block_device": [{"snapshot_id": "snap-1", "encrypted": True}],
        }),
    )
    assert {a: r.facets.encrypted_at_rest for a, r in found.items()} == {
        "aws_instance.data_from_snapshot": None,
        "aws_instance.root_snapshot_written": False,
        "aws_instance.root_plain": False,
        "aws_launch_configuration.root_snapshot_written": True,
    }


def test_instance_public_ip_from_subnet_and_user_data_secret() -> None:
    subnet = res("aws_subnet.pub", {"map_public_ip_on_launch": True})
    vm = res(
        "aws_instance.vm",
        {
            "user_data": "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
            "root_block_device": [{"encrypted": True}],
        },
        {"subnet_id": "aws_subnet.pub.id"},
    )
    assert facets_of(vm, subnet) == expect(
        public_endpoint=True,
        encrypted_at_rest=True,
        hardcoded_secrets=("user_data",),
        metadata_tokens_required=False,
        serial_console=False,
        user_data_secrets=("user_data",),
    )
    bare = res("aws_instance.bare", {"associate_public_ip_address": False})
    assert facets_of(bare) == expect(
        public_endpoint=False,
        encrypted_at_rest=False,
        metadata_tokens_required=False,
        serial_console=False,
        user_data_secrets=(),
    )


def test_ebs_default_encryption_counts() -> None:
    volume = res("aws_ebs_volume.v", {})
    assert facets_of(volume) == expect(encrypted_at_rest=False, customer_managed_key=False)
    default = res("aws_ebs_encryption_by_default.on", {"enabled": True})
    assert facets_of(volume, default) == expect(encrypted_at_rest=True, customer_managed_key=False)


def test_iam_policy_wildcards_and_attachments() -> None:
    found = map_all(
        res("aws_iam_policy.admin", {"policy": ADMIN}),
        res("aws_iam_policy.read", {"policy": READ}),
        res(
            "aws_iam_policy.dyn",
            {"policy": UNKNOWN},
            {"policy": "data.aws_iam_policy_document.star.json"},
        ),
        res("aws_iam_user.alice", {"name": "alice"}),
        res("aws_iam_role.r", {"assume_role_policy": "{}"}),
        res(
            "aws_iam_user_policy_attachment.a",
            {"policy_arn": UNKNOWN},
            {"user": "aws_iam_user.alice.name", "policy_arn": "aws_iam_policy.admin.arn"},
        ),
        res(
            "aws_iam_role_policy_attachment.b",
            {"policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"},
            {"role": "aws_iam_role.r.name"},
        ),
    )
    assert found["aws_iam_policy.admin"].facets == expect(
        admin_privileges=True,
        wildcard_permissions=True,
        permissions=(PolicyStatement(actions=("*",), resources=("*",)),),
    )
    assert found["aws_iam_policy.read"].facets == expect(
        admin_privileges=False,
        wildcard_permissions=False,
        permissions=(PolicyStatement(actions=("s3:GetObject",), resources=("*",)),),
    )
    assert found["aws_iam_policy.dyn"].facets == expect()
    assert found["aws_iam_user.alice"].facets == expect(
        admin_privileges=True, wildcard_permissions=True
    )
    # the role's own statements: those of the AWS managed policy its attachment names, read
    # for its grant too (ReadOnlyAccess allows "*:Get*"... on "*": wildcard actions, no admin;
    # it counted as granting nothing). A trust policy without a Statement list is not a policy
    # AWS takes: who may assume the role is not known (GDCC-IAM-008).
    assert found["aws_iam_role.r"].facets == expect(
        admin_privileges=False,
        wildcard_permissions=True,
        permissions=MANAGED["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        public_access=None,
        public_grants=("policy not readable in assume_role_policy",),
    )


def test_policy_document_data_source_is_read() -> None:
    document = res(
        "data.aws_iam_policy_document.star",
        {"statement": [{"actions": ["s3:*"], "resources": ["*"]}]},
    )
    document.mode = "data"
    policy = res(
        "aws_iam_policy.p",
        {"policy": UNKNOWN},
        {"policy": "data.aws_iam_policy_document.star.json"},
    )
    assert facets_of(policy, document) == expect(admin_privileges=False, wildcard_permissions=True)


def test_logging_and_keys() -> None:
    found = map_all(
        res(
            "aws_cloudtrail.t", {"is_multi_region_trail": True, "enable_log_file_validation": True}
        ),
        res("aws_cloudwatch_log_group.forever", {}),
        res("aws_cloudwatch_log_group.week", {"retention_in_days": 7}),
        res("aws_cloudwatch_log_group.var", {"retention_in_days": UNKNOWN}),
        res("aws_kms_key.k", {"enable_key_rotation": True}),
        res("aws_kms_key.asym", {"customer_master_key_spec": "RSA_2048"}),
        res(
            "aws_backup_plan.p",
            {"rule": [{"lifecycle": [{"delete_after": 35}]}, {"rule_name": "keep"}]},
        ),
        res("aws_iam_account_password_policy.p", {}),
    )
    assert found["aws_cloudtrail.t"].facets == expect(
        enabled=True,
        multi_region=True,
        log_integrity=True,
        customer_managed_key=False,
        encrypted_at_rest=True,
    )
    assert found["aws_cloudwatch_log_group.forever"].facets == expect(
        log_retention_days=NEVER_EXPIRES_DAYS, customer_managed_key=False, encrypted_at_rest=True,
        log_integrity=False,  # deletion protection off by default
    )
    assert found["aws_cloudwatch_log_group.week"].facets.log_retention_days == 7
    assert found["aws_cloudwatch_log_group.var"].facets.log_retention_days is None
    assert found["aws_kms_key.k"].facets == expect(
        key_rotation=True, enabled=True, public_access=False
    )
    assert found["aws_kms_key.asym"].facets == expect(
        key_rotation=None, enabled=True, public_access=False
    )
    assert found["aws_backup_plan.p"].facets == expect(
        backup_enabled=True, backup_retention_days=35
    )
    assert found["aws_iam_account_password_policy.p"].facets == expect(password_min_length=6)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (
            {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06"},
            expect(encrypted_in_transit=True, tls_min_version="1.2"),
        ),
        (
            {"protocol": "HTTPS", "ssl_policy": "ELBSecurityPolicy-2016-08"},
            expect(encrypted_in_transit=True, tls_min_version="1.0"),
        ),
        (
            {
                "protocol": "HTTP",
                "default_action": [{"type": "redirect", "redirect": [{"protocol": "HTTPS"}]}],
            },
            expect(encrypted_in_transit=True),
        ),
        (
            {"protocol": "HTTP", "default_action": [{"type": "forward"}]},
            expect(encrypted_in_transit=False),
        ),
        ({"protocol": UNKNOWN}, expect()),
    ],
    ids=["tls12", "tls10", "redirect", "http", "unknown"],
)
def test_lb_listener(values: dict[str, object], expected: object) -> None:
    assert facets_of(res("aws_lb_listener.l", values)) == expected


def test_eks_public_endpoint_and_logs() -> None:
    assert facets_of(res("aws_eks_cluster.c", {"vpc_config": [{}]})) == expect(
        public_endpoint=True,
        public_access=True,
        access_logging=False,
        encrypted_at_rest=False,
        customer_managed_key=False,
        secrets_encryption=False,
        control_plane_logging=False,
        directory_auth=True,
        rbac_authorization=True,
    )
    private = res(
        "aws_eks_cluster.p",
        {
            "vpc_config": [{"endpoint_public_access": False}],
            "enabled_cluster_log_types": ["api", "audit"],
            "encryption_config": [{"resources": ["secrets"]}],
        },
    )
    assert facets_of(private) == expect(
        public_endpoint=False,
        public_access=False,
        access_logging=True,
        encrypted_at_rest=True,
        customer_managed_key=True,
        secrets_encryption=True,
        control_plane_logging=False,  # authenticator logs missing
        directory_auth=True,
        rbac_authorization=True,
    )


def test_tags_give_system_and_classification_and_unmapped_are_counted() -> None:
    from gdcc_audit.load.interface import Document
    from gdcc_audit.load.terraform_model import TfDocument

    bucket = res(
        "module.m.aws_s3_bucket.b[0]",
        {
            "tags": {
                "gdcc:system": "hr",
                "gdcc:classification": "ลับ",
                "gdcc:personal-data": "true",
            },
            "region": "ap-southeast-7",
        },
    )
    bucket.module = "module.m"
    doc = Document(
        "main.tf",
        "terraform",
        TfDocument(".", [bucket, res("aws_foo.x", {}), res("aws_foo.y", {})]),
    )
    found = map_all(document=doc)["module.m.aws_s3_bucket.b[0]"]
    assert found.id == "-/hr/aws_s3_bucket.module.m.b[0]"
    assert found.system == "hr"
    assert found.facets.data_classification == "confidential"
    assert found.facets.personal_data is True
    assert found.facets.region == "ap-southeast-7"
    assert doc.meta["unmapped_types"] == {"aws_foo": 2}


def test_group_references_are_not_the_internet() -> None:
    group = res(
        "aws_security_group.sg",
        {
            "ingress": [
                {"from_port": 22, "to_port": 22, "protocol": "tcp", "security_groups": [UNKNOWN]}
            ]
        },
    )
    assert facets_of(group) == expect(
        ingress=(IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("sg:unknown",)),),
        egress=(),
    )


def test_legacy_website_acl_is_public_and_cloudfront_default_tls() -> None:
    assert facets_of(res("aws_s3_bucket.w", {"acl": "website"})).public_access is True
    found = facets_of(
        res(
            "aws_cloudfront_distribution.d",
            {"default_cache_behavior": [{"viewer_protocol_policy": "redirect-to-https"}]},
        )
    )
    assert (found.encrypted_in_transit, found.tls_min_version) == (True, "1.0")


def test_opensearch_tls_policy_unknown_in_a_plan_is_not_the_default() -> None:
    """A plan marks a computed ``tls_security_policy`` UNKNOWN: the TLS facet is not known
    (earlier this crashed the mapper and the plan file was only partially assessed)."""
    from gdcc_audit.load.terraform_model import UNKNOWN

    domain = res(
        "aws_elasticsearch_domain.es",
        {
            "domain_endpoint_options": [{"enforce_https": True, "tls_security_policy": UNKNOWN}],
            "encrypt_at_rest": [{"enabled": True, "kms_key_id": UNKNOWN}],
            "node_to_node_encryption": UNKNOWN,
        },
    )
    facets = facets_of(domain)
    assert (facets.tls_min_version, facets.encrypted_at_rest) == (None, True)
    assert facets.encrypted_in_transit is None


@pytest.mark.parametrize("kind", ["aws_opensearch_domain", "aws_elasticsearch_domain"])
def test_search_domain_without_endpoint_options_does_not_enforce_https(kind: str) -> None:
    """``enforce_https`` defaults to true only inside a written ``domain_endpoint_options``
    block: without the block the provider sends no endpoint options and the domain accepts
    plain HTTP (node-to-node encryption on does not make it encrypted in transit; was True,
    a wrong PASS of GDCC-ENC-004)."""
    node = {"node_to_node_encryption": [{"enabled": True}]}
    found = map_all(
        res(f"{kind}.no_block", dict(node)),
        res(f"{kind}.empty_block", {**node, "domain_endpoint_options": [{}]}),
        res(f"{kind}.off", {**node, "domain_endpoint_options": [{"enforce_https": False}]}),
    )
    assert {a: r.facets.encrypted_in_transit for a, r in found.items()} == {
        f"{kind}.no_block": False,
        f"{kind}.empty_block": True,
        f"{kind}.off": False,
    }
    defaulted = found[f"{kind}.no_block"].defaults["encrypted_in_transit"]
    assert defaulted.attribute == "domain_endpoint_options"
    assert "encrypted_in_transit" not in found[f"{kind}.off"].defaults


def test_eks_node_group_ssh_access() -> None:
    found = map_all(
        res(
            "aws_eks_node_group.open",
            {"remote_access": [{"ec2_ssh_key": "ops"}]},
        ),
        res(
            "aws_eks_node_group.fenced",
            {"remote_access": [{"ec2_ssh_key": "ops", "source_security_group_ids": ["sg-1"]}]},
        ),
        res("aws_eks_node_group.none", {"node_group_name": "n"}),
        res("aws_eks_node_group.template", {"launch_template": [{"id": "lt-1"}]}),
    )
    # remote_access without source groups: EKS opens port 22 to 0.0.0.0/0 (documented).
    assert found["aws_eks_node_group.open"].kind == "compute.instance"
    assert found["aws_eks_node_group.open"].facets.ingress == (
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
    )
    assert found["aws_eks_node_group.fenced"].facets.ingress == (
        IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("sg-1",)),
    )
    assert found["aws_eks_node_group.none"].facets.ingress == ()
    assert found["aws_eks_node_group.template"].facets.ingress is None


def test_eks_node_group_user_data_and_serial_console() -> None:
    found = map_all(
        res("aws_eks_node_group.managed", {"node_group_name": "n"}),
        res("aws_eks_node_group.custom", {"launch_template": [{"id": "lt-1"}]}),
    )
    managed, custom = found["aws_eks_node_group.managed"], found["aws_eks_node_group.custom"]
    # EKS writes the bootstrap user data itself: none of the tenant's is there.
    assert (managed.facets.user_data_secrets, managed.facets.serial_console) == ((), False)
    # A launch template carries the user data: judged on the template, not known here.
    assert custom.facets.user_data_secrets is None


def test_eks_node_group_takes_its_launch_template_settings() -> None:
    template = res(
        "aws_launch_template.nodes",
        {
            "metadata_options": [{"http_tokens": "required"}],
            "block_device_mappings": [{"ebs": [{"encrypted": True}]}],
            "user_data": "#!/bin/bash\nexport DB_PASSWORD=hunter2hunter2\n",
        },
    )
    group = res(
        "aws_eks_node_group.nodes",
        {"launch_template": [{"id": UNKNOWN}]},
        refs={"launch_template.0.id": "aws_launch_template.nodes"},
    )
    facets = map_all(template, group)["aws_eks_node_group.nodes"].facets
    assert facets.metadata_tokens_required is True
    assert facets.encrypted_at_rest is True
    assert facets.user_data_secrets == ("user_data",)
