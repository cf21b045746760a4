"""Provider defaults are facts: an attribute left out takes the provider's documented default.

The table below names, per provider resource type, the facet a missing attribute decides, the
value the documented default gives it and the documentation page saying so. Mappers call
:func:`apply_defaults` after mapping: a facet still unknown is filled with the default, and a
facet whose value *is* the default because the attribute is absent is recorded on the
resource (``Resource.defaults``), so a finding can say "default" and the user knows the line
to add. An attribute written with a value not known before apply (a variable without a
default, a computed reference) is not absent: it stays UNKNOWN. Defaults that changed
between major versions of a Terraform provider are in :mod:`normalize.versioned_defaults`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.models.unknown import UNKNOWN
from gdcc_audit.normalize.step_functions import ENCRYPTION_DOC as _SFN_KEY
from gdcc_audit.normalize.versioned_defaults import deciding as versioned_deciding

_TF = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/"
_CFN = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
_DYNAMODB_CFN = _CFN + "aws-resource-dynamodb-table.html"
_PITR_DOC = (
    "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"
    "API_PointInTimeRecoverySpecification.html"
)
_AZ = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
#: "Instances that you launch into a default subnet receive both a public IPv4 address and a
#: private IPv4 address" (an instance given no subnet is launched into one).
_DEFAULT_VPC = "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"
_SWIFT_API = "https://docs.openstack.org/api-ref/object-store/"
_REDSHIFT_API = "https://docs.aws.amazon.com/redshift/latest/APIReference/"
#: Redshift ``require_ssl`` (cluster parameter group; ``normalize/db_tls.py`` applies it):
#: "By default, cluster databases accept a connection whether it uses SSL or not. To configure
#: your cluster to require an SSL connection, set the require_SSL parameter to true in the
#: parameter group that is associated with the cluster" (Management Guide, "Configuring
#: security options for connections"). AWS is reported to have given provisioned clusters
#: created from 10 January 2025 a default parameter group with require_ssl true ("Amazon
#: Redshift enhances security by changing default behavior"); no AWS documentation page found
#: says so (Redshift guides, CreateCluster API, parameter group pages searched), so the
#: documented default above holds: at worst a FAIL for a new cluster that would require SSL,
#: never a PASS for one that does not. The announcement is shown with the finding.
REDSHIFT_SSL_DOC = "https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html"
REDSHIFT_SSL_UNLESS = Text(
    en="AWS announced that provisioned clusters created from 10 January 2025 get a default "
    "parameter group with require_ssl true; the Redshift documentation does not say so, so "
    "it is not assumed",
    th="AWS ประกาศว่าคลัสเตอร์แบบ provisioned ที่สร้างตั้งแต่ 10 มกราคม 2568 จะได้ parameter group "
    "เริ่มต้นที่ require_ssl เป็น true แต่เอกสารของ Redshift ไม่ได้ระบุไว้ จึงไม่ถือตามนั้น",
)
_MQ_BROKERS = "https://docs.aws.amazon.com/amazon-mq/latest/api-reference/brokers.html"
_MSK_TLS = "https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html"
#: A default that the azurerm provider may have changed in 3.0 (no upgrade guide says so for
#: MariaDB; the changes it lists are in ``normalize.versioned_defaults``).
_AZURERM_2_TLS = Text(
    en="azurerm provider versions before 3.0 sent a lower minimum (TLS 1.0 or none) when the "
    "attribute was absent; a configuration pinned to such a version is not told apart",
    th="azurerm provider ก่อนเวอร์ชัน 3.0 ส่งค่าขั้นต่ำที่ต่ำกว่า (TLS 1.0 หรือไม่บังคับ) เมื่อไม่ได้กำหนดค่า "
    "การกำหนดเวอร์ชัน provider ดังกล่าวไม่ได้ถูกแยกแยะ",
)
_AKS_DIAGNOSTICS_ELSEWHERE = Text(
    en="a diagnostic setting made outside the scanned configuration (by hand or by Azure "
    "Policy) would send the cluster's audit log",
    th="การตั้งค่า diagnostic setting ที่สร้างนอกการตั้งค่าที่ตรวจ (สร้างเองหรือโดย Azure Policy) "
    "จะส่ง audit log ของคลัสเตอร์ได้",
)
#: ElastiCache authenticates with IAM only an ElastiCache user whose authentication mode is
#: IAM, in a user group assigned to the cache ("To use AWS IAM with ElastiCache, you first
#: need to create an ElastiCache user with authentication mode set to IAM", ElastiCache user
#: guide, "Authenticating with IAM"): a replication group without user groups, or a cache
#: cluster (it takes none), lets no IAM identity sign in.
ELASTICACHE_IAM_AUTH = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html"
_ELB_POLICY = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"
)


@dataclass(frozen=True)
class ProviderDefault:
    """``facet`` is ``value`` when ``attribute`` (a dotted path) is not written."""

    facet: str
    attribute: str
    value: Any
    doc: str
    #: False when the mapper decides whether the default applies at all (key rotation exists
    #: for symmetric keys only): then the default only labels a value the mapper gave.
    fill: bool = True
    #: What outside the input can still change the value (shown with the finding).
    unless: Text | None = None


_GOOGLE = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
_LOG_DELETION = (
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/"
    "protecting-log-groups-from-deletion.html"
)
_VALKEY_TLS = "https://cloud.google.com/memorystore/docs/valkey/about-in-transit-encryption"
_SQL_BACKUPS = (
    "https://learn.microsoft.com/azure/azure-sql/database/automated-backups-overview"
    "#backup-retention"
)


def _d(
    facet: str,
    attribute: str,
    value: Any,
    doc: str,
    fill: bool = True,
    unless: Text | None = None,
) -> ProviderDefault:
    return ProviderDefault(facet, attribute, value, doc, fill, unless)


_HW = "https://registry.terraform.io/providers/huaweicloud/huaweicloud/latest/docs/resources/"


def _hw_backups(page: str, days: int | None) -> tuple[ProviderDefault, ...]:
    """A Huawei Cloud database's automated backups when ``backup_strategy.keep_days`` is not
    written: on, kept ``days`` (None: the page gives no number)."""
    doc = _HW + page
    found = (_d("backup_enabled", "backup_strategy.0.keep_days", True, doc, fill=False),)
    if days is None:
        return found
    return (*found, _d("backup_retention_days", "backup_strategy.0.keep_days", days, doc,
                       fill=False))


#: A root volume without ``encrypted``: the provider asks for no encryption ("Defaults to
#: false"), so the volume takes its AMI snapshot's encryption ("you cannot create an
#: unencrypted volume from an encrypted snapshot") or the account's EBS encryption by default
#: ("the EBS volumes that you create are always encrypted"), an account and Region setting
#: that is off until turned on. Neither is in the input unless the scan holds the AMI or an
#: ``aws_ebs_encryption_by_default`` (the mapper reads both).
EBS_ENCRYPTION = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"
ROOT_UNLESS = Text(
    en="the root volume is still encrypted if the AMI's root snapshot is encrypted or EBS "
    "encryption by default is on for the account and Region; neither is in the input",
    th="ดิสก์ระบบยังคงเข้ารหัสหาก snapshot ของ AMI เข้ารหัสไว้ หรือเปิดการเข้ารหัส EBS "
    "โดยปริยายในบัญชีและ Region นั้น ซึ่งไม่ปรากฏในข้อมูลนำเข้า",
)
#: Nova: "[ephemeral_storage_encryption] enabled ... Default: False" (Nova configuration
#: reference); a server booted from an image keeps its root disk on the compute host's
#: ephemeral storage, unencrypted unless the cloud turned that on.
NOVA_EPHEMERAL = (
    "https://docs.openstack.org/nova/latest/configuration/config.html"
    "#ephemeral_storage_encryption.enabled"
)
NOVA_EPHEMERAL_UNLESS = Text(
    en="the root disk is still encrypted if the cloud encrypts ephemeral storage (Nova "
    "[ephemeral_storage_encryption], or a flavor with hw:ephemeral_encryption); neither is in "
    "the input",
    th="ดิสก์ระบบยังคงเข้ารหัสหากคลาวด์เปิดการเข้ารหัสพื้นที่จัดเก็บชั่วคราว (Nova "
    "[ephemeral_storage_encryption] หรือ flavor ที่มี hw:ephemeral_encryption) ซึ่งไม่ปรากฏใน"
    "ข้อมูลนำเข้า",
)


def nova_ephemeral_root() -> DefaultedFacet:
    """The documented default of a Nova server's root disk on ephemeral storage (booted from
    an image, not from a volume)."""
    return DefaultedFacet(
        attribute="ephemeral storage encryption", doc=NOVA_EPHEMERAL, unless=NOVA_EPHEMERAL_UNLESS
    )


#: A new (empty) volume in a block device mapping: "If you omit this parameter, it defaults to
#: false (unencrypted)" (EC2 API reference, EbsBlockDevice, Encrypted).
EBS_BLOCK_DEVICE = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html"
EBS_DEFAULT_UNLESS = Text(
    en="the volume is still encrypted if EBS encryption by default is on for the account and "
    "Region, which is not in the input",
    th="ดิสก์ยังคงเข้ารหัสหากเปิดการเข้ารหัส EBS โดยปริยายในบัญชีและ Region นั้น ซึ่งไม่ปรากฏในข้อมูลนำเข้า",
)
#: "By default, access to the EC2 serial console is disabled for your account" (EC2 API
#: reference, DisableSerialConsoleAccess). An account setting: Terraform turns it on with
#: ``aws_ec2_serial_console_access``; CloudFormation has no resource for it.
SERIAL_CONSOLE = (
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DisableSerialConsoleAccess.html"
)
SERIAL_CONSOLE_DEFAULT = DefaultedFacet(
    attribute="EC2 serial console access (account setting)",
    doc=SERIAL_CONSOLE,
    unless=Text(
        en="serial console access is on if the account and Region turned it on outside the "
        "scanned files",
        th="การเข้าถึง serial console จะเปิดอยู่หากบัญชีและ Region นั้นเปิดไว้นอกไฟล์ที่ตรวจ",
    ),
)
#: "Starting in April 2023, ... S3 Block Public Access [is] enabled by default for all new
#: buckets": a bucket whose input writes no block settings has all four on.
S3_PUBLIC_ACCESS = (
    "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
)
S3_PUBLIC_ACCESS_DEFAULT = DefaultedFacet(
    attribute="aws_s3_bucket_public_access_block",
    doc=S3_PUBLIC_ACCESS,
)
#: "All OpenSearch Service domains take automated snapshots": hourly, "retains up to 336 of
#: them for 14 days" (OpenSearch and Elasticsearch 5.3 and later), daily with at most 14 kept
#: (Elasticsearch 5.1 and earlier). No argument turns them off.
SEARCH_SNAPSHOTS = (
    "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/"
    "managedomains-snapshots.html"
)
SEARCH_SNAPSHOTS_DEFAULT = DefaultedFacet(
    attribute="automated snapshots (every domain)",
    doc=SEARCH_SNAPSHOTS,
)
#: Days the automated snapshots of a search domain cover.
SEARCH_SNAPSHOT_DAYS = 14
#: The device names EC2 reserves for the root volume ("Device names for volumes on Amazon EC2
#: instances", docs.aws.amazon.com/ebs/latest/userguide/device_naming.html: /dev/sda1 or
#: /dev/xvda; some AMIs name it /dev/sda).
ROOT_DEVICES = frozenset({"/dev/sda1", "/dev/xvda", "/dev/sda"})


def names_root_device(names: Collection[object]) -> bool | None:
    """Whether block device mappings with these device names write the root volume: True when
    one is a root name, False when every name is known and none is, else None (a name known
    only at deploy time may be the root one)."""
    if any(isinstance(n, str) and n in ROOT_DEVICES for n in names):
        return True
    return False if all(isinstance(n, str) for n in names) else None


def _document_cluster(page: str) -> tuple[ProviderDefault, ...]:
    """A DocumentDB or Neptune cluster (CloudFormation): storage unencrypted, one day of
    backups, no deletion protection, no log exports when the properties are absent. The
    mapper decides storage encryption and retention (a snapshot restore inherits them)."""
    doc = _CFN + page
    return (
        _d("encrypted_at_rest", "StorageEncrypted", False, doc, fill=False),
        _d("backup_retention_days", "BackupRetentionPeriod", 1, doc, fill=False),
        _d("deletion_protection", "DeletionProtection", False, doc),
        _d("access_logging", "EnableCloudwatchLogsExports", False, doc),
    )


#: Provider type -> the defaults that decide its facets. Only defaults that hold whatever the
#: other attributes say are listed; conditional ones (Aurora vs. RDS storage encryption, an
#: instance's public IP that depends on its subnet) stay in the mappers.
DEFAULTS: dict[str, tuple[ProviderDefault, ...]] = {
    # --- AWS, Terraform ----------------------------------------------------------------
    "aws_ebs_volume": (
        # Unencrypted unless the account turns on EBS encryption by default in the volume's
        # Region. The mapper decides (fill=False): an aws_ebs_encryption_by_default in the
        # scan that may or may not reach the volume leaves it unknown, not false.
        _d("encrypted_at_rest", "encrypted", False, _TF + "ebs_volume", fill=False),
    ),
    "aws_efs_file_system": (_d("encrypted_at_rest", "encrypted", False, _TF + "efs_file_system"),),
    "aws_db_instance": (
        _d("deletion_protection", "deletion_protection", False, _TF + "db_instance"),
        _d("high_availability", "multi_az", False, _TF + "db_instance"),
        _d("public_endpoint", "publicly_accessible", False, _TF + "db_instance"),
    ),
    "aws_rds_cluster": (
        _d("deletion_protection", "deletion_protection", False, _TF + "rds_cluster"),
    ),
    # point-in-time recovery off unless turned on; 35 days kept when it is on and no period
    # is written (the mapper decides: fill=False)
    "aws_dynamodb_table": (
        _d("backup_enabled", "point_in_time_recovery", False, _TF + "dynamodb_table", False),
        _d("backup_retention_days", "point_in_time_recovery", 0, _TF + "dynamodb_table", False),
        _d(
            "backup_retention_days",
            "point_in_time_recovery.0.recovery_period_in_days",
            35,
            _PITR_DOC,
            fill=False,
        ),
    ),
    "AWS::DynamoDB::Table": (
        _d("backup_enabled", "PointInTimeRecoverySpecification", False, _DYNAMODB_CFN, False),
        _d(
            "backup_retention_days",
            "PointInTimeRecoverySpecification",
            0,
            _DYNAMODB_CFN,
            fill=False,
        ),
        _d(
            "backup_retention_days",
            "PointInTimeRecoverySpecification.RecoveryPeriodInDays",
            35,
            _PITR_DOC,
            fill=False,
        ),
    ),
    "aws_kms_key": (_d("key_rotation", "enable_key_rotation", False, _TF + "kms_key", fill=False),),
    # Log events cannot be edited; deletion protection keeps the group and its streams from
    # being deleted ("By default, deletion protection is not enabled"; AWS provider 6.25+)
    "aws_cloudwatch_log_group": (
        _d("log_integrity", "deletion_protection_enabled", False, _LOG_DELETION),
    ),
    "AWS::Logs::LogGroup": (
        _d("log_integrity", "DeletionProtectionEnabled", False, _LOG_DELETION),
    ),
    "aws_cloudtrail": (
        _d("multi_region", "is_multi_region_trail", False, _TF + "cloudtrail"),
        _d("log_integrity", "enable_log_file_validation", False, _TF + "cloudtrail"),
    ),
    "aws_eks_cluster": (
        _d("public_endpoint", "vpc_config.0.endpoint_public_access", True, _TF + "eks_cluster"),
    ),
    # HTTPS / TLS listeners without a policy get ELBSecurityPolicy-2016-08 (TLS 1.0) from
    # the API, CloudFormation and Terraform; the mapper decides (HTTPS / TLS only)
    "aws_lb_listener": (_d("tls_min_version", "ssl_policy", "1.0", _ELB_POLICY, fill=False),),
    "aws_alb_listener": (_d("tls_min_version", "ssl_policy", "1.0", _ELB_POLICY, fill=False),),
    "AWS::ElasticLoadBalancingV2::Listener": (
        _d("tls_min_version", "SslPolicy", "1.0", _ELB_POLICY, fill=False),
    ),
    # "standby_replicas - (Optional) ... One of ENABLED or DISABLED. Defaults to ENABLED."
    "aws_opensearchserverless_collection": (
        _d(
            "high_availability",
            "standby_replicas",
            True,
            _TF + "opensearchserverless_collection#standby_replicas",
        ),
    ),
    "aws_opensearch_domain": (
        # No domain_endpoint_options block: no DomainEndpointOptions is sent and HTTPS is not
        # enforced (the mapper decides; this labels its value).
        _d(
            "encrypted_in_transit",
            "domain_endpoint_options",
            False,
            _TF + "opensearch_domain#enforce_https",
            fill=False,
        ),
        # "auto_software_update_enabled - (Optional) Whether automatic service software
        # updates are enabled for the domain. Defaults to false." (the mapper decides)
        _d(
            "auto_patching",
            "software_update_options.0.auto_software_update_enabled",
            False,
            _TF + "opensearch_domain#auto_software_update_enabled",
            fill=False,
        ),
    ),
    "aws_elasticsearch_domain": (
        _d(
            "encrypted_in_transit",
            "domain_endpoint_options",
            False,
            _TF + "elasticsearch_domain#enforce_https",
            fill=False,
        ),
    ),
    "aws_instance": (
        # No associate_public_ip_address: the subnet decides, and with no subnet at all the
        # instance is launched into a default subnet, which gives it a public IPv4 address.
        # The mapper decides (fill=False); this labels the value it gave.
        _d("public_endpoint", "associate_public_ip_address", True, _DEFAULT_VPC, fill=False),
        # No `encrypted` on the root device: no encryption is asked for (the mapper decides,
        # with the AMI and the account default when the scan holds them; this labels it).
        _d(
            "encrypted_at_rest",
            "root_block_device.0.encrypted",
            False,
            EBS_ENCRYPTION,
            fill=False,
            unless=ROOT_UNLESS,
        ),
    ),
    "aws_spot_instance_request": (
        # the same arguments and defaults as aws_instance
        # No associate_public_ip_address: the subnet decides, and with no subnet at all the
        # instance is launched into a default subnet, which gives it a public IPv4 address.
        # The mapper decides (fill=False); this labels the value it gave.
        _d("public_endpoint", "associate_public_ip_address", True, _DEFAULT_VPC, fill=False),
        # No `encrypted` on the root device: no encryption is asked for (the mapper decides,
        # with the AMI and the account default when the scan holds them; this labels it).
        _d(
            "encrypted_at_rest",
            "root_block_device.0.encrypted",
            False,
            EBS_ENCRYPTION,
            fill=False,
            unless=ROOT_UNLESS,
        ),
    ),
    "aws_launch_template": (
        # No block_device_mappings: instances get the AMI's volumes, no encryption asked for.
        _d(
            "encrypted_at_rest",
            "block_device_mappings",
            False,
            EBS_ENCRYPTION,
            fill=False,
            unless=ROOT_UNLESS,
        ),
    ),
    "aws_launch_configuration": (
        _d(
            "encrypted_at_rest",
            "root_block_device.0.encrypted",
            False,
            EBS_ENCRYPTION,
            fill=False,
            unless=ROOT_UNLESS,
        ),
    ),
    # --- AWS, CloudFormation -----------------------------------------------------------
    "AWS::EC2::Instance": (
        # No NetworkInterfaces and no SubnetId: launched into a default subnet (public IPv4).
        _d("public_endpoint", "NetworkInterfaces", True, _DEFAULT_VPC, fill=False),
        # No BlockDeviceMappings: every volume, the root one included, comes from the AMI and
        # no encryption is asked for (as aws_instance without root_block_device).
        _d(
            "encrypted_at_rest",
            "BlockDeviceMappings",
            False,
            EBS_ENCRYPTION,
            unless=ROOT_UNLESS,
        ),
    ),
    "AWS::AutoScaling::LaunchConfiguration": (
        # No BlockDeviceMappings: the instances get the AMI's volumes, no encryption asked for
        # (as aws_launch_configuration without root_block_device).
        _d(
            "encrypted_at_rest",
            "BlockDeviceMappings",
            False,
            EBS_ENCRYPTION,
            unless=ROOT_UNLESS,
        ),
    ),
    "AWS::EC2::LaunchTemplate": (
        # No BlockDeviceMappings in LaunchTemplateData: as aws_launch_template without
        # block_device_mappings.
        _d(
            "encrypted_at_rest",
            "LaunchTemplateData.BlockDeviceMappings",
            False,
            EBS_ENCRYPTION,
            unless=ROOT_UNLESS,
        ),
    ),
    "AWS::EC2::Volume": (
        # "If you omit this parameter, the volume is not encrypted" (unless the account
        # enables encryption by default, an account setting no template declares).
        _d("encrypted_at_rest", "Encrypted", False, _CFN + "aws-resource-ec2-volume.html"),
    ),
    "AWS::OpenSearchService::Domain": (
        _d(
            "auto_patching",
            "SoftwareUpdateOptions.AutoSoftwareUpdateEnabled",
            False,
            _CFN + "aws-properties-opensearchservice-domain-softwareupdateoptions.html",
            fill=False,
        ),
    ),
    "AWS::EFS::FileSystem": (
        _d("encrypted_at_rest", "Encrypted", False, _CFN + "aws-resource-efs-filesystem.html"),
    ),
    "AWS::RDS::DBInstance": (
        _d(
            "deletion_protection",
            "DeletionProtection",
            False,
            _CFN + "aws-resource-rds-dbinstance.html",
        ),
        _d("high_availability", "MultiAZ", False, _CFN + "aws-resource-rds-dbinstance.html"),
    ),
    "AWS::RDS::DBCluster": (
        _d(
            "deletion_protection",
            "DeletionProtection",
            False,
            _CFN + "aws-resource-rds-dbcluster.html",
        ),
    ),
    "AWS::Redshift::Cluster": (
        # "Encrypted: If true, the data in the cluster is encrypted at rest. If you set the
        # value on this parameter to false, the request will fail. Default: true" (the
        # template reference and CreateCluster, since Redshift's January 2025 secure
        # defaults; the reference said "Default: false" before)
        _d("encrypted_at_rest", "Encrypted", True, _CFN + "aws-resource-redshift-cluster.html"),
        # CloudFormation states no default; the CreateCluster API it calls does:
        # "PubliclyAccessible: If true, the cluster can be accessed from a public network.
        # Default: false".
        _d(
            "public_endpoint",
            "PubliclyAccessible",
            False,
            _REDSHIFT_API + "API_CreateCluster.html",
        ),
    ),
    "aws_elasticache_replication_group": (
        _d("directory_auth", "user_group_ids", False, ELASTICACHE_IAM_AUTH),
    ),
    "aws_elasticache_serverless_cache": (
        _d("directory_auth", "user_group_id", False, ELASTICACHE_IAM_AUTH),
    ),
    "AWS::ElastiCache::ServerlessCache": (
        _d("directory_auth", "UserGroupId", False, ELASTICACHE_IAM_AUTH),
    ),
    "AWS::ElastiCache::ReplicationGroup": (
        _d("directory_auth", "UserGroupIds", False, ELASTICACHE_IAM_AUTH),
    ),
    "AWS::ElastiCache::CacheCluster": (
        # "If the AZMode and PreferredAvailabilityZones are not specified, ElastiCache assumes
        # single-az mode" (the mapper leaves zones listed without a mode unknown)
        _d(
            "high_availability",
            "AZMode",
            False,
            "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/"
            "API_CreateCacheCluster.html",
            fill=False,
        ),
    ),
    "AWS::DMS::ReplicationInstance": (
        # CloudFormation states no default; the API it calls does (CreateReplicationInstance,
        # PubliclyAccessible): "A value of true represents an instance with a public IP
        # address ... The default value is true."
        _d(
            "public_endpoint",
            "PubliclyAccessible",
            True,
            "https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html",
        ),
    ),
    "AWS::KMS::Key": (
        _d(
            "key_rotation",
            "EnableKeyRotation",
            False,
            _CFN + "aws-resource-kms-key.html",
            fill=False,
        ),
    ),
    "AWS::CloudTrail::Trail": (
        _d(
            "multi_region",
            "IsMultiRegionTrail",
            False,
            _CFN + "aws-resource-cloudtrail-trail.html",
        ),
        _d(
            "log_integrity",
            "EnableLogFileValidation",
            False,
            _CFN + "aws-resource-cloudtrail-trail.html",
        ),
    ),
    "AWS::EKS::Cluster": (
        _d(
            "public_endpoint",
            "ResourcesVpcConfig.EndpointPublicAccess",
            True,
            _CFN + "aws-resource-eks-cluster.html",
        ),
    ),
    "AWS::S3::Bucket": (
        # No PublicAccessBlockConfiguration: the four settings of a new bucket are on
        # (as aws_s3_bucket without an aws_s3_bucket_public_access_block).
        _d("public_access_block", "PublicAccessBlockConfiguration", True, S3_PUBLIC_ACCESS),
        _d(
            "versioning",
            "VersioningConfiguration",
            False,
            _CFN + "aws-resource-s3-bucket.html",
        ),
    ),
    "AWS::DocDB::DBCluster": _document_cluster("aws-resource-docdb-dbcluster.html"),
    "AWS::Neptune::DBCluster": _document_cluster("aws-resource-neptune-dbcluster.html"),
    "AWS::Kinesis::Stream": (
        # No StreamEncryption: the stream's records are stored unencrypted.
        _d(
            "encrypted_at_rest",
            "StreamEncryption",
            False,
            _CFN + "aws-properties-kinesis-stream-streamencryption.html",
        ),
    ),
    "AWS::Timestream::Database": (
        # "If the KmsKeyId is not specified, the database will be encrypted with a Timestream
        # managed KMS key located in your account" (an AWS managed key).
        _d(
            "customer_managed_key",
            "KmsKeyId",
            False,
            _CFN + "aws-resource-timestream-database.html",
        ),
    ),
    "AWS::CloudFront::Distribution": (
        # No ViewerCertificate: the *.cloudfront.net certificate, security policy TLSv1.
        _d(
            "tls_min_version",
            "DistributionConfig.ViewerCertificate",
            "1.0",
            _CFN + "aws-properties-cloudfront-distribution-viewercertificate.html",
            fill=False,
        ),
    ),
    "AWS::AmazonMQ::Broker": (
        _d(
            "auto_patching",
            "AutoMinorVersionUpgrade",
            False,
            _CFN + "aws-resource-amazonmq-broker.html",
        ),
        _d("directory_auth", "AuthenticationStrategy", False, _MQ_BROKERS),
    ),
    # "Optional. The authentication strategy used to secure the broker. The default is SIMPLE."
    "aws_mq_broker": (_d("directory_auth", "authentication_strategy", False, _MQ_BROKERS),),
    # client_broker "TLS ... This is the default setting"; in_cluster true by default
    "aws_msk_cluster": (
        _d("encrypted_in_transit", "encryption_info.0.encryption_in_transit", True, _MSK_TLS),
    ),
    "AWS::MSK::Cluster": (
        _d("encrypted_in_transit", "EncryptionInfo.EncryptionInTransit", True, _MSK_TLS),
    ),
    "AWS::DAX::Cluster": (
        _d(
            "encrypted_at_rest",
            "SSESpecification.SSEEnabled",
            False,
            _CFN + "aws-resource-dax-cluster.html",
        ),
        _d(
            "encrypted_in_transit",
            "ClusterEndpointEncryptionType",
            False,
            _CFN + "aws-resource-dax-cluster.html",
        ),
    ),
    "AWS::AppSync::ApiCache": (
        _d(
            "encrypted_at_rest",
            "AtRestEncryptionEnabled",
            False,
            _CFN + "aws-resource-appsync-apicache.html",
        ),
        _d(
            "encrypted_in_transit",
            "TransitEncryptionEnabled",
            False,
            _CFN + "aws-resource-appsync-apicache.html",
        ),
    ),
    "AWS::MemoryDB::Cluster": (
        _d("encrypted_in_transit", "TLSEnabled", True, _CFN + "aws-resource-memorydb-cluster.html"),
        _d(
            "auto_patching",
            "AutoMinorVersionUpgrade",
            True,
            _CFN + "aws-resource-memorydb-cluster.html",
        ),
    ),
    # --- OpenStack, Heat ---------------------------------------------------------------
    "OS::Swift::Container": (
        # Heat creates the container with X-Container-Read/-Write and X-Container-Meta-*
        # headers only (no property sets X-Versions-Location or X-History-Location), and "if
        # neither this nor X-Versions-Location is set, versioning is disabled for this
        # container" (Object Storage API reference, X-History-Location).
        _d("versioning", "X-Versions-Location", False, _SWIFT_API),
    ),
    # --- Azure, Terraform ---------------------------------------------------
    "azurerm_key_vault": (
        _d("deletion_protection", "purge_protection_enabled", False, _AZ + "key_vault"),
    ),
    # Databricks: "public_network_access_enabled ... Defaults to `true`" (the mapper fills it:
    # terraform/azure_analytics.py; no_public_ip is in normalize.versioned_defaults)
    "azurerm_databricks_workspace": (
        _d(
            "public_endpoint",
            "public_network_access_enabled",
            True,
            _AZ + "databricks_workspace#public_network_access_enabled",
            fill=False,
        ),
    ),
    # Azure data and AI services reached from every network by default (the mappers fill
    # them: terraform/azure_exposure.py, which also labels public_network_access_enabled)
    "azurerm_data_factory": (
        _d("public_endpoint", "public_network_enabled", True,
           _AZ + "data_factory#public_network_enabled", fill=False),
    ),
    "azurerm_container_group": (
        _d("public_endpoint", "ip_address_type", True,
           _AZ + "container_group#ip_address_type", fill=False),
    ),
    "azurerm_ai_services": (
        _d("public_endpoint", "public_network_access", True,
           _AZ + "ai_services#public_network_access", fill=False),
    ),
    "azurerm_ai_foundry": (
        _d("public_endpoint", "public_network_access", True,
           _AZ + "ai_foundry#public_network_access", fill=False),
    ),
    "azurerm_purview_account": (
        _d("public_endpoint", "public_network_enabled", True,
           _AZ + "purview_account#public_network_enabled", fill=False),
    ),
    # IoT Hub: no provider default, not sent when not written; "By default, IoT Hub's
    # hostnames map to a public endpoint with a publicly routable IP address over the internet"
    "azurerm_iothub": (
        _d("public_endpoint", "public_network_access_enabled", True,
           "https://learn.microsoft.com/azure/iot-hub/virtual-network-support", fill=False),
    ),
    # SQL Managed Instance: public data endpoint off, TLS 1.2 ("Default value is `false`",
    # "Default value is `1.2`"; the mapper fills them: terraform/azurerm.py managed_instance)
    **{
        instance: (
            _d(
                "public_endpoint",
                "public_data_endpoint_enabled",
                False,
                _AZ + "mssql_managed_instance#public_data_endpoint_enabled",
                fill=False,
            ),
            _d(
                "tls_min_version",
                "minimum_tls_version",
                "1.2",
                _AZ + "mssql_managed_instance#minimum_tls_version",
                fill=False,
            ),
        )
        for instance in ("azurerm_mssql_managed_instance", "azurerm_sql_managed_instance")
    },
    # Entra authentication and persistence off unless redis_configuration turns them on
    # (the mapper reads the block: terraform/azurerm.py redis)
    "azurerm_redis_cache": (
        _d(
            "directory_auth",
            "redis_configuration.0.active_directory_authentication_enabled",
            False,
            _AZ + "redis_cache#active_directory_authentication_enabled",
            fill=False,
        ),
        _d(
            "backup_enabled",
            "redis_configuration.0.rdb_backup_enabled",
            False,
            _AZ + "redis_cache#rdb_backup_enabled",
            fill=False,
        ),
    ),
    # Point-in-time restore kept 7 days without a short_term_retention_policy block ("the
    # default PITR retention period of 7 days", learn.microsoft.com/azure/azure-sql/database/
    # automated-backups-overview#backup-retention; the mapper reads the block:
    # terraform/azurerm.py sql_database): a Hyperscale database with none PASSed without saying
    # the 7 days are Azure's default
    "azurerm_mssql_database": (
        _d(
            "backup_retention_days",
            "short_term_retention_policy.0.retention_days",
            7,
            _SQL_BACKUPS,
            fill=False,
        ),
    ),
    # Periodic backups kept 8 hours ("retention_in_hours ... Defaults to `8`"): 0 whole days
    # (the mapper reads the block: terraform/azurerm.py _cosmos_backup_days)
    "azurerm_cosmosdb_account": (
        _d(
            "backup_retention_days",
            "backup.0.retention_in_hours",
            0,
            _AZ + "cosmosdb_account#retention_in_hours",
            fill=False,
        ),
    ),
    # AKS keeps no control-plane log until a diagnostic setting sends it (the mapper reads
    # the settings of the scan: terraform/azurerm.py aks_diagnostics)
    "azurerm_kubernetes_cluster": (
        _d(
            "control_plane_logging",
            "azurerm_monitor_diagnostic_setting",
            False,
            "https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings",
            fill=False,
            unless=_AKS_DIAGNOSTICS_ELSEWHERE,
        ),
        # "role_based_access_control_enabled - (Optional) Whether Role Based Access Control
        # for the Kubernetes Cluster should be enabled. Defaults to true."; workload identity
        # "Defaults to false" (terraform/cluster_auth.py)
        _d(
            "rbac_authorization",
            "role_based_access_control_enabled",
            True,
            _AZ + "kubernetes_cluster#role_based_access_control_enabled",
            fill=False,
        ),
        _d(
            "workload_identity",
            "workload_identity_enabled",
            False,
            _AZ + "kubernetes_cluster#workload_identity_enabled",
            fill=False,
        ),
    ),
    # An AKS Automatic cluster keeps none either: it preconfigures no diagnostic setting
    # (learn.microsoft.com/azure/aks/intro-aks-automatic lists Container insights and
    # Managed Prometheus as defaults of the Azure CLI and portal only)
    "azurerm_kubernetes_automatic_cluster": (
        _d(
            "control_plane_logging",
            "azurerm_monitor_diagnostic_setting",
            False,
            "https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings",
            fill=False,
            unless=_AKS_DIAGNOSTICS_ELSEWHERE,
        ),
    ),
    "azurerm_storage_account": (
        # "Allow or disallow nested items within this Account to opt into being public.
        # Defaults to true."
        _d(
            "public_access_block",
            "allow_nested_items_to_be_public",
            False,
            _AZ + "storage_account#allow_nested_items_to_be_public",
            fill=False,
        ),
        # "versioning_enabled - (Optional) Is versioning enabled? Default to false." (the
        # blob_properties block); no block, no versioning: Azure keeps none until enabled
        # (learn.microsoft.com/azure/storage/blobs/versioning-overview)
        _d(
            "versioning",
            "blob_properties.0.versioning_enabled",
            False,
            _AZ + "storage_account#versioning_enabled",
        ),
    ),
    # Minimum TLS versions (GDCC-DATA-009); the mappers fill them, these label them. Those
    # whose default changed between azurerm versions (storage accounts, SQL servers, the
    # PostgreSQL / MySQL single servers, Cosmos DB, Redis) are in normalize.versioned_defaults.
    # MariaDB: "Defaults to TLS1_2" (the 3.0 upgrade guide does not list it among the changes).
    "azurerm_mariadb_server": (
        _d(
            "tls_min_version",
            "ssl_minimal_tls_version_enforced",
            "1.2",
            _AZ + "mariadb_server",
            unless=_AZURERM_2_TLS,
        ),
    ),
    # --- Huawei Cloud, Terraform (normalize/terraform/huaweicloud_data.py) ----------------
    # TaurusDB: "ssl_option ... Defaults to **true**"; backups: "If this parameter is not
    # transferred, the automated backup policy is enabled by default. Backup files are stored
    # for seven days by default" (the same words on every page below but GaussDB's, which
    # gives no number of days)
    **{
        name: (
            _d("encrypted_in_transit", "ssl_option", True, _HW + "taurusdb_instance",
               fill=False),
            *_hw_backups("taurusdb_instance", 7),
        )
        for name in ("huaweicloud_taurusdb_instance", "huaweicloud_gaussdb_mysql_instance")
    },
    # GaussDB: disks encrypted only with disk_encryption_id ("the key ID for disk
    # encryption") or transparent data encryption (kms_tde_switch)
    **{
        name: (
            _d("encrypted_at_rest", "disk_encryption_id", False, _HW + "gaussdb_instance",
               fill=False),
            *_hw_backups("gaussdb_instance", None),
        )
        for name in ("huaweicloud_gaussdb_instance", "huaweicloud_gaussdb_opengauss_instance")
    },
    # GeminiDB (GaussDB NoSQL): "ssl ... Defaults to **false**"
    **{
        f"huaweicloud_gaussdb_{engine}_instance": (
            _d("encrypted_in_transit", "ssl", False, _HW + f"gaussdb_{engine}_instance",
               fill=False),
            *_hw_backups(f"gaussdb_{engine}_instance", 7),
        )
        for engine in ("redis", "cassandra", "mongo", "influx")
    },
    "huaweicloud_geminidb_instance": _hw_backups("geminidb_instance", 7),
    # OBS: default server-side encryption and versioning only when turned on ("Specifies
    # whether to enable default server-side encryption", "Whether enable versioning")
    "huaweicloud_obs_bucket": (
        _d("encrypted_at_rest", "encryption", False, _HW + "obs_bucket", fill=False),
        _d("versioning", "versioning", False, _HW + "obs_bucket", fill=False),
    ),
    # KMS: "rotation_enabled ... The default value is **false**"
    "huaweicloud_kms_key": (
        _d("key_rotation", "rotation_enabled", False, _HW + "kms_key", fill=False),
    ),
    # CCE: Secrets under a KMS key only with encryption_config mode KMS ("The value can be:
    # **Default** and **KMS**"); a node's system disk only with root_volume kms_key_id
    "huaweicloud_cce_cluster": (
        _d("secrets_encryption", "encryption_config", False, _HW + "cce_cluster", fill=False),
        # "authentication_mode ... Defaults to rbac" (terraform/cluster_auth.py)
        _d("rbac_authorization", "authentication_mode", True, _HW + "cce_cluster", fill=False),
    ),
    "huaweicloud_cce_node": (
        _d("encrypted_at_rest", "root_volume.0.kms_key_id", False, _HW + "cce_node",
           fill=False),
    ),
    "huaweicloud_sfs_turbo": (
        _d("encrypted_at_rest", "crypt_key_id", False, _HW + "sfs_turbo", fill=False),
    ),
    # --- Google, Terraform ---------------------------------------------------------------
    # GKE: "enable_legacy_abac ... Defaults to false"; Workload Identity only with a
    # workload_identity_config (terraform/cluster_auth.py)
    "google_container_cluster": (
        _d(
            "rbac_authorization",
            "enable_legacy_abac",
            True,
            _GOOGLE + "container_cluster#enable_legacy_abac",
            fill=False,
        ),
        _d(
            "workload_identity",
            "workload_identity_config",
            False,
            _GOOGLE + "container_cluster#workload_identity_config",
            fill=False,
        ),
    ),
    # Memorystore for Redis: "transit_encryption_mode ... Default value is DISABLED",
    # "auth_enabled ... Defaults to false"
    # AlloyDB: no public IP ("enable_public_ip", an optional boolean: false when not sent) and
    # TLS only ("SSL mode not specified. Defaults to ENCRYPTED_ONLY", AlloyDB API SslConfig);
    # the mapper fills them (terraform/google_alloydb.py)
    "google_alloydb_instance": (
        _d("public_endpoint", "network_config.0.enable_public_ip", False,
           _GOOGLE + "alloydb_instance#enable_public_ip", fill=False),
        _d("encrypted_in_transit", "client_connection_config.0.ssl_config.0.ssl_mode", True,
           _GOOGLE + "alloydb_instance#ssl_mode", fill=False),
    ),
    # Cloud SQL: a public IPv4 address unless ip_configuration says otherwise ("ipv4_enabled
    # ... Whether this Cloud SQL instance should be assigned a public IPV4 address", default
    # true in the provider; the mapper fills it: terraform/google.py sql_instance)
    "google_sql_database_instance": (
        _d("public_endpoint", "settings.0.ip_configuration.0.ipv4_enabled", True,
           _GOOGLE + "sql_database_instance#ipv4_enabled", fill=False),
    ),
    "google_redis_instance": (
        _d("encrypted_in_transit", "transit_encryption_mode", False, _GOOGLE + "redis_instance"),
        _d("auth_required", "auth_enabled", False, _GOOGLE + "redis_instance"),
    ),
    # Memorystore for Redis Cluster: "Default value is TRANSIT_ENCRYPTION_MODE_DISABLED",
    # "Default value is AUTH_MODE_DISABLED"
    "google_redis_cluster": (
        _d("encrypted_in_transit", "transit_encryption_mode", False, _GOOGLE + "redis_cluster"),
        _d("auth_required", "authorization_mode", False, _GOOGLE + "redis_cluster"),
        _d("directory_auth", "authorization_mode", False, _GOOGLE + "redis_cluster"),
    ),
    # Memorystore for Valkey: in-transit encryption and authentication are opt-in
    # ("If you choose to enable in-transit encryption", about-in-transit-encryption)
    "google_memorystore_instance": (
        _d("encrypted_in_transit", "transit_encryption_mode", False, _VALKEY_TLS),
        _d("auth_required", "authorization_mode", False, _GOOGLE + "memorystore_instance"),
        _d("directory_auth", "authorization_mode", False, _GOOGLE + "memorystore_instance"),
    ),
}
#: The SAM transform passes a SimpleTable's PointInTimeRecoverySpecification "directly to the
#: PointInTimeRecoverySpecification property of an AWS::DynamoDB::Table resource"
#: (SAM developer guide, sam-resource-simpletable.html): the table's defaults are its.
DEFAULTS["AWS::Serverless::SimpleTable"] = DEFAULTS["AWS::DynamoDB::Table"]
#: A state machine without an encryption configuration: "Step Functions automatically enables
#: encryption at rest using AWS owned keys" (the mapper decides: fill=False).
DEFAULTS["aws_sfn_state_machine"] = (
    _d("customer_managed_key", "encryption_configuration", False, _SFN_KEY, fill=False),
)
#: App Runner: "A Public Endpoint is the default configuration. It opens your service to any
#: incoming traffic from the public internet" (App Runner developer guide, "Setting up
#: networking configurations for incoming traffic"; IsPubliclyAccessible "Required: No").
APP_RUNNER_DOC = "https://docs.aws.amazon.com/apprunner/latest/dg/network-incoming.html"
_APP_RUNNER_TF = "network_configuration.0.ingress_configuration.0.is_publicly_accessible"
_APP_RUNNER_CFN = "NetworkConfiguration.IngressConfiguration.IsPubliclyAccessible"
DEFAULTS["aws_apprunner_service"] = (
    _d("public_access", _APP_RUNNER_TF, True, APP_RUNNER_DOC),
    _d("public_endpoint", _APP_RUNNER_TF, True, APP_RUNNER_DOC),
)
DEFAULTS["AWS::AppRunner::Service"] = (
    _d("public_access", _APP_RUNNER_CFN, True, APP_RUNNER_DOC),
    _d("public_endpoint", _APP_RUNNER_CFN, True, APP_RUNNER_DOC),
)
#: A Lightsail database is private unless its public mode is turned on: the provider's
#: ``publicly_accessible`` "Default: false" (it sends the setting only when true, so the
#: Lightsail API's own default is the same, else every plan would show a change); automated
#: backups are on ("backup_retention_enabled ... Defaults to true").
_LIGHTSAIL_DB = _TF + "lightsail_database"
DEFAULTS["aws_lightsail_database"] = (
    _d("public_endpoint", "publicly_accessible", False, _LIGHTSAIL_DB),
    _d("public_access", "publicly_accessible", False, _LIGHTSAIL_DB),
    _d("backup_enabled", "backup_retention_enabled", True, _LIGHTSAIL_DB),
)
DEFAULTS["AWS::Lightsail::Database"] = (
    _d("public_endpoint", "PubliclyAccessible", False, _LIGHTSAIL_DB),
    _d("public_access", "PubliclyAccessible", False, _LIGHTSAIL_DB),
    _d("backup_enabled", "BackupRetention", True, _LIGHTSAIL_DB),
)
#: CodeBuild builds are private unless the project is made public: the provider's
#: ``project_visibility`` "Default value is PRIVATE"; CloudFormation ``Visibility`` takes
#: PUBLIC_READ or PRIVATE ("Public build projects in AWS CodeBuild": a project is made
#: public by changing its visibility).
_BUILDS = "https://docs.aws.amazon.com/codebuild/latest/userguide/public-builds.html"
DEFAULTS["aws_codebuild_project"] = (
    _d("public_access", "project_visibility", False, _TF + "codebuild_project"),
)
DEFAULTS["AWS::CodeBuild::Project"] = (_d("public_access", "Visibility", False, _BUILDS),)
#: A Transfer Family server's endpoint: "EndpointType ... Default: PUBLIC" (the mapper decides,
#: normalize/transfer_servers.py: fill=False).
_TRANSFER = "https://docs.aws.amazon.com/transfer/latest/APIReference/API_CreateServer.html"
DEFAULTS["aws_transfer_server"] = (
    _d("public_endpoint", "endpoint_type", True, _TF + "transfer_server", fill=False),
)
DEFAULTS["AWS::Transfer::Server"] = (
    _d("public_endpoint", "EndpointType", True, _TRANSFER, fill=False),
)
DEFAULTS["AWS::StepFunctions::StateMachine"] = (
    _d("customer_managed_key", "EncryptionConfiguration", False, _SFN_KEY, fill=False),
)
#: An EventBridge bus without a key of its own: "If you do not specify a customer managed key
#: identifier, EventBridge uses an Amazon Web Services owned key to encrypt events on the event
#: bus" (EventBridge API reference, CreateEventBus KmsKeyIdentifier; the user guide page below:
#: "The default is to use the AWS owned key provided by EventBridge").
EVENTBRIDGE_KEY_DOC = (
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/"
    "eb-encryption-event-bus-cmkey-configure.html"
)
DEFAULTS["aws_cloudwatch_event_bus"] = (
    _d("customer_managed_key", "kms_key_identifier", False, EVENTBRIDGE_KEY_DOC, fill=False),
)
DEFAULTS["AWS::Events::EventBus"] = (
    _d("customer_managed_key", "KmsKeyIdentifier", False, EVENTBRIDGE_KEY_DOC, fill=False),
)


_S3_SSE_ALGORITHM = "rule.0.apply_server_side_encryption_by_default.0.sse_algorithm"
#: Top-level attributes that alone decide a facet, besides those of :data:`DEFAULTS`: when
#: such an attribute is set from a variable, the finding points at where the value is written.
_DECIDING: dict[str, dict[str, str]] = {
    "aws_s3_bucket": {
        "public_access": "acl",
        "versioning": "versioning.0.enabled",
        "customer_managed_key": "server_side_encryption_configuration.0." + _S3_SSE_ALGORITHM,
    },
    # "versioning.enabled - (Required) While set to true, versioning is fully enabled for
    # this bucket" (registry.terraform.io/providers/hashicorp/google/latest/docs/resources/
    # storage_bucket#enabled): the one argument that decides the facet
    "google_storage_bucket": {"versioning": "versioning.0.enabled"},
    # companions: where their value decides the bucket's facet (normalize/terraform/mapper.py
    # ``_companion_origins`` moves the origin onto the bucket)
    "aws_s3_bucket_acl": {"public_access": "acl"},
    "aws_s3_bucket_policy": {"public_access": "policy", "encrypted_in_transit": "policy"},
    "aws_s3_bucket_versioning": {"versioning": "versioning_configuration.0.status"},
    "aws_s3_bucket_server_side_encryption_configuration": {
        "customer_managed_key": _S3_SSE_ALGORITHM,
    },
    # the storage account's firewall written apart (one per account: it replaces the
    # account's network_rules block). Not IAM members: several add up, one alone decides
    # nothing.
    "azurerm_storage_account_network_rules": {"public_endpoint": "default_action"},
    # TLS: the parameter group, or the engine's default group (normalize/db_tls.py labels
    # the default that decided)
    "aws_db_instance": {
        "encrypted_at_rest": "storage_encrypted",
        "encrypted_in_transit": "parameter_group_name",
        # retention (RDS API default 1 day; 0 turns backups off), minor version upgrades
        # (default true) and IAM authentication (default false): the mapper reads each alone
        "backup_retention_days": "backup_retention_period",
        "backup_enabled": "backup_retention_period",
        "auto_patching": "auto_minor_version_upgrade",
        "directory_auth": "iam_database_authentication_enabled",
    },
    # Azure databases' backup retention, read alone by normalize/terraform/azurerm.py
    # (sql_database, managed_database, single_server, flexible_server): a retention a module
    # argument or variable sets was FAILed without the line to change
    "azurerm_mssql_database": {
        "backup_retention_days": "short_term_retention_policy.0.retention_days",
    },
    "azurerm_mssql_managed_database": {"backup_retention_days": "short_term_retention_days"},
    "azurerm_postgresql_server": {"backup_retention_days": "backup_retention_days"},
    "azurerm_mysql_server": {"backup_retention_days": "backup_retention_days"},
    "azurerm_mariadb_server": {"backup_retention_days": "backup_retention_days"},
    "azurerm_postgresql_flexible_server": {"backup_retention_days": "backup_retention_days"},
    "azurerm_mysql_flexible_server": {"backup_retention_days": "backup_retention_days"},
    "aws_rds_cluster": {
        "encrypted_at_rest": "storage_encrypted",
        "backup_retention_days": "backup_retention_period",
        "directory_auth": "iam_database_authentication_enabled",
    },
    # IMDSv2: metadata_options' http_tokens ("required" requires session tokens)
    "aws_instance": {"metadata_tokens_required": "metadata_options.0.http_tokens"},
    "aws_launch_template": {"metadata_tokens_required": "metadata_options.0.http_tokens"},
    # log retention: the one argument (aws_logging.log_group_retention, azurerm.log_analytics)
    "aws_cloudwatch_log_group": {"log_retention_days": "retention_in_days"},
    "azurerm_log_analytics_workspace": {"log_retention_days": "retention_in_days"},
    "AWS::S3::Bucket": {"public_access": "AccessControl"},
    "AWS::RDS::DBInstance": {
        "encrypted_at_rest": "StorageEncrypted",
        "public_endpoint": "PubliclyAccessible",
        "encrypted_in_transit": "DBParameterGroupName",
        # as aws_db_instance (cloudformation.aws_data: retention default 1, upgrades true)
        "backup_retention_days": "BackupRetentionPeriod",
        "backup_enabled": "BackupRetentionPeriod",
        "auto_patching": "AutoMinorVersionUpgrade",
    },
    "AWS::Logs::LogGroup": {
        "log_retention_days": "RetentionInDays",
        "log_integrity": "DeletionProtectionEnabled",
    },
    "AWS::RDS::DBCluster": {"encrypted_at_rest": "StorageEncrypted"},
    # Heat (normalize/heat/types.py): the property each facet is read from
    "OS::Neutron::Net": {"public_endpoint": "router_external"},
    "OS::Neutron::ProviderNet": {"public_endpoint": "router_external"},
    "OS::Octavia::Listener": {"encrypted_in_transit": "protocol", "tls_min_version":
                              "tls_versions"},
    "OS::Neutron::LBaaS::Listener": {"encrypted_in_transit": "protocol"},
    "OS::Keystone::User": {"enabled": "enabled", "admin_privileges": "roles"},
    "OS::Keystone::UserRoleAssignment": {"admin_privileges": "roles"},
    "OS::Keystone::GroupRoleAssignment": {"admin_privileges": "roles"},
    "OS::Glance::WebImage": {"public_access": "visibility"},
    "OS::Swift::Container": {"public_access": "X-Container-Read"},
}


def deciding_attributes(provider_type: str) -> dict[str, str]:
    """Facet -> the attribute (a value path such as ``vpc_config.0.endpoint_public_access``
    for a nested one) that decides it, for one provider type."""
    found = {d.facet: d.attribute for d in DEFAULTS.get(provider_type, ())}
    found.update(versioned_deciding(provider_type))
    found.update(_DECIDING.get(provider_type, {}))
    return found


#: Facets a resource turns on only when each of several attributes is true (unset: false):
#: a FAIL points at where each attribute that is not true is written, a PASS at all of them.
#: "block_public_acls ... Defaults to false" (and the three others), aws_s3_bucket_public_
#: access_block in the AWS provider's documentation; the bucket's facet is on when all are.
_ALL_ON: dict[str, dict[str, tuple[str, ...]]] = {
    "aws_s3_bucket_public_access_block": {
        "public_access_block": (
            "block_public_acls",
            "block_public_policy",
            "ignore_public_acls",
            "restrict_public_buckets",
        ),
    },
}


#: Companions of which several add up to a facet (IAM members: one grant to allUsers makes a
#: Cloud Storage bucket public, cloud.google.com/storage/docs/access-control/making-data-
#: public): the one that turned the facet on points at where its attribute is written; one
#: that changed nothing decides nothing (a member from a variable naming a user).
_ADDING: dict[str, dict[str, str]] = {
    "google_storage_bucket_iam_member": {"public_access": "member"},
    "google_storage_bucket_iam_binding": {"public_access": "members"},
    "google_storage_managed_folder_iam_member": {"public_access": "member"},
    "google_storage_managed_folder_iam_binding": {"public_access": "members"},
}


def deciding_when_changed(provider_type: str) -> dict[str, str]:
    """Facet -> the attribute of a companion that decides it when it changed it
    (:data:`_ADDING`)."""
    return _ADDING.get(provider_type, {})


def deciding_together(provider_type: str) -> dict[str, tuple[str, ...]]:
    """Facet -> the attributes that must all be true for it to be on (:data:`_ALL_ON`)."""
    return _ALL_ON.get(provider_type, {})


#: Prefix of the ``value_origins`` keys of secrets: ``hardcoded_secrets.PATH`` -> where the
#: secret at ``PATH`` is written (a variable default, a ``.tfvars`` line, a module argument, a
#: CloudFormation parameter ``Default``).
SECRET_ORIGIN = "hardcoded_secrets."


def value_origins(
    provider_type: str,
    origins: Mapping[str, str],
    secrets: Sequence[str] | None = None,
    chosen: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Facet -> ``file:line`` where the value deciding it is written, for attributes set from
    a variable (``origins`` maps attribute -> ``file:line``) or chosen by a conditional on one
    (``chosen``, the same shape; facets only); for each of ``secrets`` (paths of
    ``hardcoded_secrets``) set from one, ``hardcoded_secrets.PATH`` -> its ``file:line``
    (the attribute's, or the nearest enclosing one's: ``environment.0.variables`` written
    ``var.env``)."""
    found: dict[str, str] = {}
    if origins or chosen:
        for facet, attribute in deciding_attributes(provider_type).items():
            origin = origins.get(attribute) or (chosen or {}).get(attribute)
            if origin is not None:
                found[facet] = origin
    for path in (secrets or ()) if origins else ():
        parts = path.split(".")
        for end in range(len(parts), 0, -1):
            origin = origins.get(".".join(parts[:end]))
            if origin is not None:
                found[SECRET_ORIGIN + path] = origin
                break
    return found


def _absent(values: Mapping[str, Any], path: str) -> bool:
    """True when ``path`` is not written at all (an empty block list counts as not written).
    A block written as an object (``ip_configuration = { ... }``) is its only element: index
    0 is the object itself, as :func:`normalize.terraform.values.blocks` reads it."""
    current: Any = values
    for part in path.split("."):
        if current is UNKNOWN:
            return False
        if isinstance(current, Mapping) and part.isdigit():
            if int(part) > 0:
                return True
            continue
        if isinstance(current, list):
            if not part.isdigit():
                return False
            index = int(part)
            if index >= len(current):
                return True
            current = current[index]
        elif isinstance(current, Mapping):
            if part not in current or current[part] is None:
                return True
            current = current[part]
        else:
            return False
    return isinstance(current, list | dict) and not current


#: Whether an attribute (a dotted value path) is not written at all.
attribute_absent = _absent


def apply_defaults(
    provider_type: str,
    values: Mapping[str, Any],
    facets: dict[str, Any],
    absent: Collection[str] = (),
) -> dict[str, DefaultedFacet]:
    """Fill unknown facets from the documented defaults of ``provider_type`` (in place) and
    return the facets whose value is a default because the attribute is absent. Facets in
    ``absent`` (properties this resource does not have, e.g. an Aurora instance's deletion
    protection, its cluster's) take no default."""
    found: dict[str, DefaultedFacet] = {}
    for item in DEFAULTS.get(provider_type, ()):
        if item.facet in absent or not _absent(values, item.attribute):
            continue
        current = facets.get(item.facet)
        if current is None and item.fill:
            facets[item.facet] = item.value
            current = item.value
        if current == item.value:
            found[item.facet] = DefaultedFacet(
                attribute=item.attribute, doc=item.doc, unless=item.unless
            )
    return found


#: Point-in-time recovery keeps 35 days when no recovery period is written ("If no value is
#: provided, the value will default to 35"): https://docs.aws.amazon.com/amazondynamodb/
#: latest/APIReference/API_PointInTimeRecoverySpecification.html
PITR_DEFAULT_DAYS = 35


def pitr_days(enabled: bool | None, days: int | None) -> int | None:
    """How many days a DynamoDB table's continuous backups are kept: its recovery period
    when point-in-time recovery is on, 0 when it is off."""
    if enabled is None:
        return None
    return days if enabled else 0
