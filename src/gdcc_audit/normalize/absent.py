"""Properties a resource type does not have: a rule judging only such a property is
NOT_APPLICABLE for that type, with the reason given here, never PASS and never UNKNOWN.

An Amazon SQS queue has no database engine, so "minor engine upgrades are automatic" cannot be
asked of it; Azure SQL Database, Cloud SQL or BigQuery are patched by the provider and have no
setting to turn off; an Aurora cluster's automatic minor upgrades and public accessibility are
set on each of its instances (``aws_rds_cluster_instance``), and an Aurora instance's storage
encryption, backups and deletion protection on its cluster: each is judged where it is set.
A grant standing alone (``aws_lambda_permission`` whose function is not in the scan) is judged
only for who it lets in: every other property belongs to its target.

Mappers call :func:`absent_facets` and store the result on ``Resource.absent``. The engine
uses it only for a facet that is still unknown (``None``): a value the mapper did read is
always judged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import FACET_NAMES
from gdcc_audit.normalize import glue_endpoints, sagemaker
from gdcc_audit.normalize.arm_types import azurerm_equivalent
from gdcc_audit.normalize.composer import composer_major
from gdcc_audit.normalize.elb_tls import CLASSIC_TLS_PROTOCOLS

Values = Mapping[str, Any]


@dataclass(frozen=True)
class Absent:
    """``facets`` do not exist on the type (when ``when`` holds for its values), because
    ``reason``."""

    facets: frozenset[str]
    reason: Text
    when: Callable[[Values], bool] | None = None


# -- reasons (one shared Text each) ----------------------------------------------------------
PATCHED_BY_PROVIDER = Text(
    en=(
        "the provider patches this managed service itself: it has no minor-version upgrade "
        "setting to turn on or off"
    ),
    th=("ผู้ให้บริการอัปเดตแพตช์ของบริการ managed นี้เอง จึงไม่มีการตั้งค่าอัปเกรดเวอร์ชันย่อยให้เปิดหรือปิด"),
)
ES_UPDATES = Text(
    en=(
        "an Elasticsearch domain has no automatic software-update setting (an OpenSearch "
        "domain has software_update_options); AWS applies required service software updates "
        "itself after notice"
    ),
    th=(
        "โดเมน Elasticsearch ไม่มีการตั้งค่าอัปเดตซอฟต์แวร์อัตโนมัติ (โดเมน OpenSearch มี "
        "software_update_options) AWS ติดตั้งการอัปเดตซอฟต์แวร์ของบริการที่จำเป็นเองหลังแจ้งล่วงหน้า"
    ),
)
ON_MAPPED_STAGES = Text(
    en=(
        "a custom domain name has no web ACL or access logs of its own: the API stages mapped "
        "to it carry them and are judged there"
    ),
    th=(
        "custom domain name ไม่มี web ACL หรือ access log ของตนเอง "
        "stage ของ API ที่แมปมายังโดเมนนี้เป็นผู้กำหนดและประเมินที่ stage"
    ),
)
_ON_STAGES = frozenset({"waf_enabled", "access_logging"})
_METHODS = frozenset({"unauthenticated_methods"})
METHODS_ON_STAGES = Text(
    en=(
        "a custom domain name serves the methods of the API stages mapped to it: they are "
        "judged on those stages"
    ),
    th=(
        "custom domain name ให้บริการ method ของ stage ของ API ที่แมปมา "
        "จึงประเมินที่ stage เหล่านั้น"
    ),
)
NO_API_METHODS = Text(
    en=(
        "a CDN distribution or a GraphQL API has no API Gateway methods (its own access "
        "settings are other rules')"
    ),
    th=(
        "CDN distribution หรือ GraphQL API ไม่มี method ของ API Gateway "
        "(การควบคุมการเข้าถึงของตนเป็นของกฎอื่น)"
    ),
)
ARCHIVE_VAULT = Text(
    en=(
        "an S3 Glacier vault stores the archives written to it: it schedules no backups and "
        "keeps no retention of its own (a backup plan or a vault lock does)"
    ),
    th=(
        "S3 Glacier vault จัดเก็บ archive ที่เขียนเข้ามาเท่านั้น ไม่ได้กำหนดตารางสำรองข้อมูลหรือระยะเวลาเก็บเอง "
        "(แผนสำรองข้อมูลหรือ vault lock เป็นผู้กำหนด)"
    ),
)
NO_ENGINE = Text(
    en="a message queue without a database engine has no minor-version upgrades",
    th="คิวข้อความที่ไม่มี engine ฐานข้อมูล จึงไม่มีการอัปเกรดเวอร์ชันย่อย",
)
REDSHIFT_LOGGING = Text(
    en=(
        "a Redshift parameter group does not turn audit logging on: the cluster's logging "
        "(logging / LoggingProperties) does, and is judged on the cluster; the group's "
        "enable_user_activity_logging only adds the user activity log to it"
    ),
    th=(
        "parameter group ของ Redshift ไม่ได้เปิด audit log เอง การตั้งค่า logging ของคลัสเตอร์ "
        "(logging / LoggingProperties) เป็นตัวเปิดและตรวจที่คลัสเตอร์ ส่วน enable_user_activity_logging "
        "ของ group เพียงเพิ่ม user activity log เข้าไป"
    ),
)
NEPTUNE_HTTPS_ONLY = Text(
    en=(
        "Neptune accepts HTTPS only from engine 1.0.4.0 on, whatever its parameter group sets "
        "(neptune_enforce_ssl applies to older engines, no longer offered); TLS is judged on "
        "the cluster"
    ),
    th=(
        "Neptune ตั้งแต่ engine 1.0.4.0 รับเฉพาะ HTTPS ไม่ว่า parameter group จะกำหนดอย่างไร "
        "(neptune_enforce_ssl ใช้กับ engine รุ่นเก่าที่ไม่มีให้ใช้แล้ว) จึงตรวจ TLS ที่คลัสเตอร์"
    ),
)
ON_AURORA_INSTANCES = Text(
    en=(
        "an Aurora cluster sets this on each cluster instance (aws_rds_cluster_instance / "
        "AWS::RDS::DBInstance), where it is judged"
    ),
    th=(
        "คลัสเตอร์ Aurora กำหนดค่านี้ที่ instance แต่ละตัวของคลัสเตอร์ (aws_rds_cluster_instance / "
        "AWS::RDS::DBInstance) และตรวจที่นั่น"
    ),
)
ON_CLUSTER_INSTANCES = Text(
    en=(
        "a Neptune cluster sets automatic minor upgrades on each cluster instance "
        "(aws_neptune_cluster_instance / AWS::Neptune::DBInstance), where it is judged"
    ),
    th=(
        "คลัสเตอร์ Neptune กำหนดการอัปเกรดเวอร์ชันย่อยอัตโนมัติที่ instance แต่ละตัวของคลัสเตอร์ "
        "(aws_neptune_cluster_instance / AWS::Neptune::DBInstance) และตรวจที่นั่น"
    ),
)
DOCDB_NO_MINOR = Text(
    en=(
        "Amazon DocumentDB performs no minor version upgrades whatever the setting (\"This "
        "parameter does not apply to Amazon DocumentDB\"); AWS applies engine patches in the "
        "maintenance window"
    ),
    th=(
        "Amazon DocumentDB ไม่อัปเกรดเวอร์ชันย่อยไม่ว่าจะตั้งค่าอย่างไร (พารามิเตอร์นี้ไม่มีผลกับ "
        "Amazon DocumentDB) AWS ติดตั้งแพตช์ของ engine ในช่วงเวลาบำรุงรักษา"
    ),
)
#: "When Amazon Redshift releases a new version, it updates the version of your Amazon
#: Redshift data warehouse ... Amazon Redshift updates provisioned clusters during the
#: specified maintenance window"; the track only picks the newest certified release (current)
#: or the one before (trailing) (Management Guide, tracks.html); maintenance can be deferred,
#: not refused (rs-cluster-maintenance.html). ``AllowVersionUpgrade``: "If true, major version
#: upgrades can be applied during the maintenance window" (CreateCluster); the engine is
#: version 1.0 (working-with-clusters.html). So no setting stops the patch releases.
REDSHIFT_RELEASES = Text(
    en=(
        "Amazon Redshift applies each new cluster version (its patches and security updates) "
        "in the maintenance window itself, from the current or trailing track; "
        "allow_version_upgrade (AllowVersionUpgrade) only allows major version upgrades and "
        "turns no patch off"
    ),
    th=(
        "Amazon Redshift ติดตั้งเวอร์ชันใหม่ของคลัสเตอร์ (แพตช์และการอัปเดตความปลอดภัย) เองในช่วงเวลาบำรุงรักษา "
        "ตาม track current หรือ trailing ส่วน allow_version_upgrade (AllowVersionUpgrade) "
        "อนุญาตเพียงการอัปเกรดเวอร์ชันหลัก และไม่ได้ปิดแพตช์ใด"
    ),
)
ON_NEPTUNE_CLUSTER = Text(
    en=(
        "a Neptune instance takes this from its cluster (aws_neptune_cluster / "
        "AWS::Neptune::DBCluster), where it is judged"
    ),
    th=(
        "instance ของ Neptune ใช้ค่านี้จากคลัสเตอร์ของตน (aws_neptune_cluster / "
        "AWS::Neptune::DBCluster) และตรวจที่นั่น"
    ),
)
ON_DOCDB_CLUSTER = Text(
    en=(
        "a DocumentDB instance takes this from its cluster (aws_docdb_cluster / "
        "AWS::DocDB::DBCluster), where it is judged"
    ),
    th=(
        "instance ของ DocumentDB ใช้ค่านี้จากคลัสเตอร์ของตน (aws_docdb_cluster / "
        "AWS::DocDB::DBCluster) และตรวจที่นั่น"
    ),
)
ON_AURORA_CLUSTER = Text(
    en=(
        "an Aurora instance takes this from its DB cluster (aws_rds_cluster / "
        "AWS::RDS::DBCluster), where it is judged"
    ),
    th=(
        "instance ของ Aurora ใช้ค่านี้จาก DB cluster ของตน (aws_rds_cluster / "
        "AWS::RDS::DBCluster) และตรวจที่นั่น"
    ),
)
ON_MEMBER_CLUSTERS = Text(
    en="a global cluster's settings are those of its member clusters, where they are judged",
    th="ค่าของ global cluster คือค่าของคลัสเตอร์สมาชิก และตรวจที่คลัสเตอร์เหล่านั้น",
)
#: CreateCacheCluster ReplicationGroupId: "If this parameter is specified, the cluster is added
#: to the specified replication group as a read replica" (ElastiCache API reference,
#: docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html);
#: encryption, AUTH, snapshots and automatic failover are set on the replication group for
#: "the clusters in the replication group" (API_ModifyReplicationGroup.html).
IN_REPLICATION_GROUP = Text(
    en=(
        "a cache cluster with replication_group_id is a read replica in that replication "
        "group, which sets its encryption, AUTH and backups: judged on the "
        "aws_elasticache_replication_group"
    ),
    th=(
        "cache cluster ที่กำหนด replication_group_id เป็น read replica ใน replication group นั้น "
        "ซึ่งเป็นผู้กำหนดการเข้ารหัส AUTH และการสำรองข้อมูลของมัน จึงตรวจที่ "
        "aws_elasticache_replication_group"
    ),
)
#: CreateReplicationGroup GlobalReplicationGroupId makes the group a secondary of that Global
#: Datastore, whose AtRestEncryptionEnabled / TransitEncryptionEnabled are the primary's
#: (ElastiCache API reference, API_GlobalReplicationGroup.html).
IN_GLOBAL_DATASTORE = Text(
    en=(
        "a replication group with global_replication_group_id is a secondary of that Global "
        "Datastore, which sets its encryption at rest and in transit: judged on the "
        "datastore's primary replication group"
    ),
    th=(
        "replication group ที่กำหนด global_replication_group_id เป็น secondary ของ Global "
        "Datastore นั้น ซึ่งเป็นผู้กำหนดการเข้ารหัสขณะจัดเก็บและระหว่างส่งของมัน จึงตรวจที่ "
        "replication group หลัก (primary) ของ datastore"
    ),
)
API_ONLY = Text(
    en=(
        "the service is reached only through the provider's API and authorised by IAM: it has "
        "no network endpoint of its own to make private (VPC endpoints or VPC Service "
        "Controls restrict the API)"
    ),
    th=(
        "บริการนี้เข้าถึงได้ผ่าน API ของผู้ให้บริการเท่านั้นและอนุญาตด้วย IAM จึงไม่มี endpoint "
        "เครือข่ายของตนเองให้ทำเป็นส่วนตัว (ใช้ VPC endpoint หรือ VPC Service Controls จำกัดการเข้าถึง API)"
    ),
)
NO_MEMCACHE_BACKUP = Text(
    en=(
        "Memorystore for Memcached is a cache without persistence: it has no backup setting "
        "(cloud.google.com/memorystore/docs/memcached/reference/rest/v1/"
        "projects.locations.instances)"
    ),
    th=(
        "Memorystore for Memcached เป็นแคชที่ไม่เก็บข้อมูลถาวร จึงไม่มีการตั้งค่าสำรองข้อมูล "
        "(cloud.google.com/memorystore/docs/memcached/reference/rest/v1/"
        "projects.locations.instances)"
    ),
)
NO_SEARCH_BACKUP = Text(
    en=(
        "Azure AI Search is not a primary data store and has no backup setting: its indexes "
        "are rebuilt from their data sources, where backups are judged"
    ),
    th=(
        "Azure AI Search ไม่ใช่ที่เก็บข้อมูลหลักและไม่มีการตั้งค่าสำรองข้อมูล ดัชนีสร้างใหม่จากแหล่งข้อมูล "
        "ซึ่งเป็นที่ที่ตรวจการสำรองข้อมูล"
    ),
)
NO_KUSTO_BACKUP = Text(
    en=(
        "Azure Data Explorer has no backup setting (azurerm_kusto_cluster has none): its data "
        "is kept in Azure Storage, and recovery is planned with the databases' retention "
        "policies and follower or replica clusters "
        "(learn.microsoft.com/azure/data-explorer/business-continuity-overview)"
    ),
    th=(
        "Azure Data Explorer ไม่มีการตั้งค่าสำรองข้อมูล (azurerm_kusto_cluster ไม่มี) "
        "ข้อมูลเก็บใน Azure Storage และการกู้คืนวางแผนด้วยนโยบายการเก็บรักษาของฐานข้อมูล "
        "และคลัสเตอร์ follower หรือคลัสเตอร์สำรอง "
        "(learn.microsoft.com/azure/data-explorer/business-continuity-overview)"
    ),
)
ON_MANAGED_DATABASES = Text(
    en=(
        "an Azure SQL Managed Instance keeps no backups of its own: every database on it is "
        "backed up automatically, with its own retention (azurerm_mssql_managed_database "
        "short_term_retention_days)"
    ),
    th=(
        "Azure SQL Managed Instance ไม่มีการสำรองข้อมูลของตัวเอง ฐานข้อมูลแต่ละตัวบนอินสแตนซ์ถูกสำรองอัตโนมัติ "
        "และมีระยะเก็บของตัวเอง (azurerm_mssql_managed_database short_term_retention_days)"
    ),
)
ON_SQL_DATABASES = Text(
    en=(
        "an Azure SQL server keeps no backups of its own: every database on it is backed up "
        "automatically, with its own retention (azurerm_mssql_database "
        "short_term_retention_policy), where it is judged"
    ),
    th=(
        "เซิร์ฟเวอร์ Azure SQL ไม่มีการสำรองข้อมูลของตัวเอง ฐานข้อมูลแต่ละตัวบนเซิร์ฟเวอร์ถูกสำรองอัตโนมัติ "
        "และมีระยะเก็บของตัวเอง (azurerm_mssql_database short_term_retention_policy) และตรวจที่นั่น"
    ),
)
TLS_AND_AUTH_ON_SQL_SERVER = Text(
    en=(
        "an Azure SQL database takes its minimum TLS version and its Microsoft Entra "
        "administrator from its server (azurerm_mssql_server minimum_tls_version, "
        "azuread_administrator), where they are judged"
    ),
    th=(
        "ฐานข้อมูล Azure SQL ใช้เวอร์ชัน TLS ขั้นต่ำและผู้ดูแล Microsoft Entra ของเซิร์ฟเวอร์ "
        "(azurerm_mssql_server minimum_tls_version, azuread_administrator) และตรวจที่นั่น"
    ),
)
#: https://docs.aws.amazon.com/aws-backup/latest/devguide/vaults.html: a vault stores the
#: recovery points a backup plan's rules create, on the plan's schedule and lifecycle.
IN_ITS_PLAN = Text(
    en=(
        "a backup vault stores the recovery points of backup plans: when backups are taken "
        "and how long they are kept are the plan's rules (aws_backup_plan, "
        "AWS::Backup::BackupPlan), where they are judged"
    ),
    th=(
        "backup vault เก็บ recovery point ของแผนสำรองข้อมูล เวลาสำรองและระยะเก็บเป็นกฎของแผน "
        "(aws_backup_plan, AWS::Backup::BackupPlan) และตรวจที่นั่น"
    ),
)
ON_SQL_SERVER = Text(
    en=(
        "an Azure SQL database takes its network access from its server (azurerm_mssql_server "
        "public_network_access_enabled), where it is judged"
    ),
    th=(
        "ฐานข้อมูล Azure SQL ใช้การตั้งค่าการเข้าถึงเครือข่ายของเซิร์ฟเวอร์ (azurerm_mssql_server "
        "public_network_access_enabled) และตรวจที่นั่น"
    ),
)
ON_MANAGED_INSTANCE = Text(
    en=(
        "a database of an Azure SQL Managed Instance takes its network access, minimum TLS "
        "version and Microsoft Entra administrator from its instance "
        "(azurerm_mssql_managed_instance), where they are judged"
    ),
    th=(
        "ฐานข้อมูลของ Azure SQL Managed Instance ใช้การเข้าถึงเครือข่าย เวอร์ชัน TLS ขั้นต่ำ "
        "และผู้ดูแล Microsoft Entra ของอินสแตนซ์ (azurerm_mssql_managed_instance) และตรวจที่นั่น"
    ),
)
ON_ALLOYDB_CLUSTER = Text(
    en=(
        "an AlloyDB instance takes its backups, deletion protection and encryption key from "
        "its cluster (google_alloydb_cluster), where they are set"
    ),
    th=(
        "อินสแตนซ์ของ AlloyDB ใช้การสำรองข้อมูล การป้องกันการลบ และคีย์เข้ารหัสของคลัสเตอร์ "
        "(google_alloydb_cluster) ซึ่งเป็นที่ตั้งค่าเหล่านั้น"
    ),
)
ON_ALLOYDB_INSTANCES = Text(
    en=(
        "an AlloyDB cluster has no connection endpoint of its own: its instances "
        "(google_alloydb_instance) carry the network access, TLS, database flags and IAM "
        "authentication, and are judged there"
    ),
    th=(
        "คลัสเตอร์ของ AlloyDB ไม่มีปลายทางการเชื่อมต่อของตนเอง อินสแตนซ์ (google_alloydb_instance) "
        "เป็นผู้กำหนดการเข้าถึงเครือข่าย TLS แฟล็กของฐานข้อมูล และการยืนยันตัวตนด้วย IAM และตรวจที่นั่น"
    ),
)
IN_ITS_VAULT = Text(
    en=(
        "a Key Vault secret is reached through its key vault, whose network access "
        "(azurerm_key_vault public_network_access_enabled, network_acls) is judged there"
    ),
    th=(
        "secret ของ Key Vault เข้าถึงผ่านคีย์วอลต์ของตน ซึ่งตรวจการเข้าถึงเครือข่าย "
        "(azurerm_key_vault public_network_access_enabled, network_acls) ที่นั่น"
    ),
)
IN_ITS_ACCOUNT = Text(
    en=(
        "a blob container is reached through its storage account, whose network access "
        "(public_network_access_enabled, network_rules) is judged there"
    ),
    th=(
        "container ของ blob เข้าถึงผ่านบัญชี storage ของตน ซึ่งตรวจการเข้าถึงเครือข่าย "
        "(public_network_access_enabled, network_rules) ที่นั่น"
    ),
)
GRANT_ONLY = Text(
    en=(
        "this resource only grants access to a target outside the scan: it is judged for who "
        "it lets in; the target's other settings are judged on the target"
    ),
    th=(
        "ทรัพยากรนี้เพียงให้สิทธิ์เข้าถึงเป้าหมายที่อยู่นอกขอบเขตการตรวจ จึงตรวจเฉพาะว่าให้ผู้ใดเข้าถึง "
        "ค่าอื่นของเป้าหมายตรวจที่ตัวเป้าหมาย"
    ),
)

ACCOUNT_GUARD = Text(
    en=(
        "anonymous access is allowed or disallowed for a whole storage account "
        "(allow_nested_items_to_be_public), where it is judged"
    ),
    th=(
        "การอนุญาตให้เข้าถึงแบบไม่ระบุตัวตนกำหนดที่ระดับบัญชี storage ทั้งบัญชี "
        "(allow_nested_items_to_be_public) และตรวจที่นั่น"
    ),
)
#: "Blob versioning is enabled on the storage account" (learn.microsoft.com/azure/storage/
#: blobs/versioning-enable); "secure transfer required" is a storage account property
#: (learn.microsoft.com/azure/storage/common/storage-require-secure-transfer).
ACCOUNT_SETTINGS = Text(
    en=(
        "blob versioning (blob_properties.versioning_enabled) and HTTPS-only transfer "
        "(https_traffic_only_enabled) are settings of the whole storage account, where they "
        "are judged"
    ),
    th=(
        "การเก็บเวอร์ชันของ blob (blob_properties.versioning_enabled) และการรับเฉพาะ HTTPS "
        "(https_traffic_only_enabled) กำหนดที่ระดับบัญชี storage ทั้งบัญชี และตรวจที่นั่น"
    ),
)
GLANCE_IMAGE = Text(
    en=(
        "a Glance image is judged for who may use it: network, user data and log-in settings "
        "are those of the server that boots it, where they are judged"
    ),
    th=(
        "image ของ Glance ตรวจเฉพาะว่าผู้ใดใช้ได้ ส่วนการตั้งค่าเครือข่าย user data และการเข้าสู่ระบบ "
        "เป็นของเซิร์ฟเวอร์ที่บูตจาก image และตรวจที่นั่น"
    ),
)
IMAGE_NOT_INSTANCE = Text(
    en=(
        "a Compute Engine image is judged for who may use it and its encryption: network, "
        "metadata, serial-port, log-in and service-account settings are those of the instance "
        "or template that boots it (for a machine image, of its source instance), where they "
        "are judged"
    ),
    th=(
        "image ของ Compute Engine ตรวจเฉพาะว่าผู้ใดใช้ได้และการเข้ารหัส ส่วนการตั้งค่าเครือข่าย metadata "
        "serial port การเข้าสู่ระบบ และ service account เป็นของ instance หรือ template ที่บูตจาก image "
        "(สำหรับ machine image คือ instance ต้นทาง) และตรวจที่นั่น"
    ),
)
NOT_KUBERNETES = Text(
    en=(
        "a Dataproc cluster runs Hadoop and Spark on Compute Engine VMs, not Kubernetes: it "
        "has no Kubernetes API server, Secrets, NetworkPolicy or control-plane log, and is "
        "used through the Dataproc API under IAM"
    ),
    th=(
        "คลัสเตอร์ Dataproc รัน Hadoop และ Spark บน VM ของ Compute Engine ไม่ใช่ Kubernetes "
        "จึงไม่มี API server, Secret, NetworkPolicy หรือ log ของ control plane แบบ Kubernetes "
        "และใช้งานผ่าน API ของ Dataproc ภายใต้ IAM"
    ),
)
NOT_KUBERNETES_DATABRICKS = Text(
    en=(
        "an Azure Databricks workspace runs Spark clusters on VMs, not Kubernetes: it has no "
        "Kubernetes API server Secrets, NetworkPolicy, control-plane log or local accounts, "
        "and is used through the workspace with Microsoft Entra ID sign-in"
    ),
    th=(
        "workspace ของ Azure Databricks รันคลัสเตอร์ Spark บน VM ไม่ใช่ Kubernetes "
        "จึงไม่มี Secret, NetworkPolicy, log ของ control plane หรือบัญชีภายในแบบ Kubernetes "
        "และใช้งานผ่าน workspace ด้วยการลงชื่อเข้าใช้ Microsoft Entra ID"
    ),
)
NOT_KUBERNETES_ECS = Text(
    en=(
        "an ECS cluster groups tasks, services and container instances, not Kubernetes: it has "
        "no Kubernetes API server, Secrets, NetworkPolicy or control-plane log, and is managed "
        "through the ECS API under IAM; its tasks, services and instances are judged on their "
        "own resources"
    ),
    th=(
        "คลัสเตอร์ ECS รวม task, service และ container instance ไว้ด้วยกัน ไม่ใช่ Kubernetes จึงไม่มี "
        "API server, Secret, NetworkPolicy หรือ log ของ control plane แบบ Kubernetes และจัดการผ่าน "
        "API ของ ECS ภายใต้ IAM ส่วน task, service และ instance ตรวจที่ resource ของตนเอง"
    ),
)
NOT_KUBERNETES_EMR = Text(
    en=(
        "an EMR cluster runs Hadoop and Spark on EC2 instances, not Kubernetes: it has no "
        "Kubernetes Secrets, NetworkPolicy or control-plane log; its nodes are filtered by "
        "their security groups (judged in the resource graph)"
    ),
    th=(
        "คลัสเตอร์ EMR รัน Hadoop และ Spark บน instance ของ EC2 ไม่ใช่ Kubernetes จึงไม่มี Secret, "
        "NetworkPolicy หรือ log ของ control plane แบบ Kubernetes โหนดถูกกรองด้วย security group "
        "ของตน (ตรวจในกราฟทรัพยากร)"
    ),
)
NOT_KUBERNETES_COMPOSER = Text(
    en=(
        "Cloud Composer creates and runs the GKE cluster of an environment: its Secrets "
        "encryption, NetworkPolicy, control-plane logs, RBAC, Workload Identity and node boot "
        "settings are Cloud Composer's, not set in the environment's configuration"
    ),
    th=(
        "Cloud Composer สร้างและดูแลคลัสเตอร์ GKE ของ environment เอง การเข้ารหัส Secret, NetworkPolicy, "
        "log ของ control plane, RBAC, Workload Identity และการตั้งค่าการบูตของโหนด "
        "เป็นของ Cloud Composer ไม่ได้กำหนดในการตั้งค่าของ environment"
    ),
)
COMPOSER_3_CLUSTER = Text(
    en=(
        "Cloud Composer 3 runs the environment's cluster in a Google-managed tenant project: "
        "the tenant has no API server or node of it to expose (enable_private_environment "
        "decides only the Airflow workers' outbound internet access)"
    ),
    th=(
        "Cloud Composer 3 รันคลัสเตอร์ของ environment ในโปรเจกต์ของ Google ผู้เช่าไม่มี API server "
        "หรือโหนดของคลัสเตอร์ที่จะเปิดสู่ภายนอก (enable_private_environment กำหนดเพียงการออกอินเทอร์เน็ต"
        "ของ worker ของ Airflow)"
    ),
)
NOT_KUBERNETES_DATA_FUSION = Text(
    en=(
        "a Cloud Data Fusion instance runs its pipelines on VMs that Google manages, not on a "
        "Kubernetes cluster of the tenant's: it has no Kubernetes Secrets, NetworkPolicy, "
        "control-plane log, RBAC or node boot setting to configure"
    ),
    th=(
        "instance ของ Cloud Data Fusion รัน pipeline บน VM ที่ Google ดูแล ไม่ใช่คลัสเตอร์ Kubernetes "
        "ของผู้เช่า จึงไม่มี Secret, NetworkPolicy, log ของ control plane, RBAC หรือการตั้งค่าการบูตของโหนด"
        "ให้กำหนด"
    ),
)
_KUBERNETES_ONLY = frozenset(
    {
        "secrets_encryption",
        "control_plane_logging",
        "network_policy_enforced",
        "directory_auth",
        "rbac_authorization",
        "workload_identity",
    }
)
NODE_BOOT_NOT_SET = Text(
    en=(
        "the provider resource has no setting for its nodes' secure boot or vTPM (Trusted "
        "launch): the nodes' boot protection is not configured here"
    ),
    th=(
        "resource นี้ของ provider ไม่มีการตั้งค่า secure boot หรือ vTPM (Trusted launch) "
        "ของโหนด จึงไม่ได้กำหนดการป้องกันการบูตของโหนดไว้ที่นี่"
    ),
)
_INSTANCE_ONLY = frozenset(
    {
        "boot_protection_off",
        "public_endpoint",
        "metadata_tokens_required",
        "serial_console",
        "user_data_secrets",
        "default_service_account",
        "password_auth",
    }
)
_NOTEBOOK_HOST = Absent(sagemaker.NOT_ON_NOTEBOOKS, sagemaker.NOT_TENANT_HOST)
_GLUE_ENDPOINT_HOST = Absent(glue_endpoints.NOT_ON_ENDPOINTS, glue_endpoints.NOT_TENANT_HOST)
#: Google IAM grant types judged alone when their target is not in the scan
#: (terraform/google_grants.py GRANT_TYPES).
_GOOGLE_GRANT_PREFIXES = (
    "google_pubsub_subscription",
    "google_secret_manager_secret",
    "google_secret_manager_regional_secret",
    "google_compute_image",
    "google_compute_machine_image",
    "google_compute_snapshot",
    "google_compute_disk",
    "google_compute_region_disk",
    "google_dataproc_cluster",
    # Cloud Healthcare API datasets and stores (terraform/google_healthcare.py)
    "google_healthcare_dataset",
    "google_healthcare_fhir_store",
    "google_healthcare_dicom_store",
    "google_healthcare_hl7_v2_store",
    "google_healthcare_consent_store",
)
_GOOGLE_DATA_GRANT_PREFIXES = frozenset(
    {"google_compute_snapshot", "google_compute_disk", "google_compute_region_disk",
     "google_healthcare_dataset", "google_healthcare_fhir_store",
     "google_healthcare_dicom_store", "google_healthcare_hl7_v2_store",
     "google_healthcare_consent_store"}
)

_PATCHING = frozenset({"auto_patching"})
MIGRATION_SERVER = Text(
    en=(
        "a DMS replication instance is a migration server, not a database: it has no "
        "backups, users, engine flags or deletion protection of its own (TLS is set on its "
        "endpoints)"
    ),
    th=(
        "DMS replication instance เป็นเครื่องสำหรับย้ายข้อมูล ไม่ใช่ฐานข้อมูล จึงไม่มีการสำรองข้อมูล ผู้ใช้ "
        "ค่า flag ของ engine หรือการป้องกันการลบของตนเอง (TLS กำหนดที่ endpoint)"
    ),
)
PLAN_HOLDS_NO_DATA = Text(
    en="a backup plan or policy holds no data: the vault that stores the backups is judged",
    th="แผนหรือนโยบายสำรองข้อมูลไม่ได้จัดเก็บข้อมูล ให้ตรวจ vault ที่เก็บข้อมูลสำรองแทน",
)
_NOT_A_DATABASE = frozenset(
    {
        "backup_enabled",
        "backup_retention_days",
        "deletion_protection",
        "directory_auth",
        "access_logging",
        "encrypted_in_transit",
        "insecure_db_flags",
    }
)
#: Aurora storage, backups, deletion protection, IAM auth, log exports and the TLS parameter
#: group are cluster settings (the instance's own arguments do not include them).
_CLUSTER_LEVEL = frozenset(
    {
        "encrypted_at_rest",
        "customer_managed_key",
        "backup_enabled",
        "backup_retention_days",
        "deletion_protection",
        "directory_auth",
        "access_logging",
        "encrypted_in_transit",
    }
)
#: What a read replica in an ElastiCache replication group takes from the group.
_REPLICA_LEVEL = frozenset(
    {
        "encrypted_at_rest",
        "customer_managed_key",
        "encrypted_in_transit",
        "auth_required",
        "directory_auth",
        "backup_enabled",
        "backup_retention_days",
        "high_availability",
    }
)
#: What a secondary of a Global Datastore takes from the datastore.
_DATASTORE_LEVEL = frozenset({"encrypted_at_rest", "encrypted_in_transit"})


def _written(key: str) -> Callable[[Values], bool]:
    """Whether ``key`` is written with a value (one not known statically counts: it is an
    id the configuration gives, not the absence of one)."""
    return lambda values: values.get(key) not in (None, "")


#: Whether an ``aws_elasticache_cluster`` is a read replica of a replication group.
in_replication_group = _written("replication_group_id")
#: Whether a replication group is a secondary of a Global Datastore (Terraform, CloudFormation).
in_global_datastore = _written("global_replication_group_id")
_IN_GLOBAL_DATASTORE_CFN = _written("GlobalReplicationGroupId")
#: Facets a grant standing alone keeps: who it lets in, and what every resource has.
_GRANT_KEEPS = frozenset(
    {
        "public_access",
        "hardcoded_secrets",
        "region",
        "personal_data",
        "security_category",
        "data_classification",
    }
)
_GRANT = Absent(FACET_NAMES - _GRANT_KEEPS, GRANT_ONLY)
AZURE_SNAPSHOT = Text(
    en=(
        "an Azure snapshot has no grant to everyone: its data is read through Azure RBAC or a "
        "time-limited SAS export link, whose reach from the network GDCC-NET-004 judges"
    ),
    th=(
        "snapshot ของ Azure ไม่มีการให้สิทธิ์แก่ทุกคน ข้อมูลอ่านได้ผ่าน Azure RBAC หรือลิงก์ SAS "
        "สำหรับส่งออกที่มีอายุจำกัด ซึ่งการเข้าถึงจากเครือข่ายตรวจโดย GDCC-NET-004"
    ),
)
#: An ECR Public repository: its images are published to everyone by design, so how they are
#: stored protects nothing from readers; only that is judged.
_PUBLISHED = Absent(
    FACET_NAMES - _GRANT_KEEPS,
    Text(
        en=(
            "an ECR Public repository publishes its images to everyone by design: it is "
            "judged for who can read them (GDCC-DATA-001)"
        ),
        th=(
            "ที่เก็บ ECR Public เผยแพร่ image ให้ทุกคนโดยการออกแบบ จึงตรวจเฉพาะว่าผู้ใดอ่านได้ (GDCC-DATA-001)"
        ),
    ),
)
#: An EventBridge bus policy or permission says who may use the bus; nothing else.
_BUS_GRANT = Absent(
    FACET_NAMES - _GRANT_KEEPS,
    Text(
        en=(
            "an event bus policy only says who may use an EventBridge bus: it is judged for "
            "that (GDCC-MSG-002)"
        ),
        th="นโยบายของ event bus บอกเพียงว่าผู้ใดใช้ EventBridge bus ได้ จึงตรวจเฉพาะเรื่องนั้น (GDCC-MSG-002)",
    ),
)
#: A CodeBuild project is read for who may read its builds (``project_visibility`` /
#: ``Visibility``: normalize/terraform/aws_exposure.py) and for secrets written in it.
_BUILD_VISIBILITY = Absent(
    FACET_NAMES - _GRANT_KEEPS - {"public_grants"},
    Text(
        en=(
            "a build project is read for who may read its builds (their logs and artifacts) "
            "and for secrets written in it; it is no machine image"
        ),
        th=(
            "build project ตรวจเฉพาะว่าผู้ใดอ่านผลการ build (log และ artifact) ได้ "
            "และความลับที่เขียนไว้ในนั้น ไม่ใช่ machine image"
        ),
    ),
)
#: A Transfer Family server stores nothing itself (normalize/transfer_servers.py).
_TRANSFER_SERVER = Absent(
    frozenset({"encrypted_at_rest", "customer_managed_key", "backup_enabled",
               "backup_retention_days", "deletion_protection", "access_logging"}),
    Text(
        en=(
            "a Transfer Family server stores no files itself: they are kept, encrypted and "
            "backed up in the S3 buckets or EFS file systems it serves, judged there"
        ),
        th=(
            "เซิร์ฟเวอร์ Transfer Family ไม่ได้เก็บไฟล์เอง ไฟล์ถูกเก็บ เข้ารหัส และสำรองไว้ใน "
            "S3 bucket หรือ EFS file system ที่ให้บริการ ซึ่งตรวจที่ทรัพยากรนั้น"
        ),
    ),
)
#: A Lambda layer version permission says who may download the layer version; nothing else.
_LAYER_GRANT = Absent(
    FACET_NAMES - _GRANT_KEEPS,
    Text(
        en=(
            "a layer version permission only says who may download a Lambda layer version "
            "(its code and data): it is judged for that"
        ),
        th=(
            "สิทธิ์ของ layer version บอกเพียงว่าผู้ใดดาวน์โหลด Lambda layer (โค้ดและข้อมูล) ได้ "
            "จึงตรวจเฉพาะเรื่องนั้น"
        ),
    ),
)
#: A storage firewall written apart whose account is not in the scan: judged for whom it
#: lets in (no location of its own either).
_FIREWALL_ONLY = Absent(
    FACET_NAMES - ((_GRANT_KEEPS - {"public_access", "region"}) | {"public_endpoint"}),
    Text(
        en=(
            "this resource only sets the firewall of a storage account outside the scan: it is "
            "judged for whom it lets in; the account's other settings are judged on the account"
        ),
        th=(
            "ทรัพยากรนี้เพียงกำหนดไฟร์วอลล์ของบัญชี storage ที่อยู่นอกขอบเขตการตรวจ "
            "จึงตรวจเฉพาะว่าให้ผู้ใดเข้าถึง ค่าอื่นของบัญชีตรวจที่ตัวบัญชี"
        ),
    ),
)
#: A grant on a snapshot or disk outside the scan: where the data is stored is the target's
#: (a grant has no location of its own), judged on the target.
_DATA_GRANT = Absent(FACET_NAMES - (_GRANT_KEEPS - {"region"}), GRANT_ONLY)


def _aurora(engine_key: str, absent_means_aurora: bool) -> Callable[[Values], bool]:
    """True when the engine is Aurora (``aurora``, ``aurora-mysql``, ``aurora-postgresql``);
    an engine not known before apply (``UNKNOWN``) is not Aurora for certain."""

    def check(values: Values) -> bool:
        engine = values.get(engine_key)
        if engine is None:
            return absent_means_aurora
        return isinstance(engine, str) and engine.startswith("aurora")

    return check


NO_TLS_LISTENER = Text(
    en=(
        "a listener that is not HTTPS or TLS (HTTP, TCP, UDP, GENEVE) terminates no TLS: it "
        "has no minimum TLS version (GDCC-ENC-004 judges whether its traffic is encrypted)"
    ),
    th=(
        "listener ที่ไม่ใช่ HTTPS หรือ TLS (HTTP, TCP, UDP, GENEVE) ไม่ได้ทำ TLS จึงไม่มีเวอร์ชัน TLS "
        "ขั้นต่ำ (GDCC-ENC-004 ตัดสินว่าการรับส่งข้อมูลเข้ารหัสหรือไม่)"
    ),
)


#: A listener's traffic is logged by its load balancer (``access_logs`` /
#: ``LoadBalancerAttributes`` ``access_logs.s3.enabled``): GDCC-GRAPH-013 PASSed every listener
#: of an internet-facing load balancer without access logs (a listener is no graph entry point,
#: so "not reachable from the internet"), beside the load balancer's FAIL.
NO_TLS_PROXY = Text(
    en=(
        "a target HTTP or TCP proxy terminates no TLS: it has no minimum TLS version "
        "(GDCC-ENC-004 judges whether its traffic is encrypted)"
    ),
    th=(
        "target HTTP proxy หรือ TCP proxy ไม่ได้ทำ TLS จึงไม่มีเวอร์ชัน TLS ขั้นต่ำ "
        "(GDCC-ENC-004 ตัดสินว่าการรับส่งข้อมูลเข้ารหัสหรือไม่)"
    ),
)
LISTENER_LOGS = Text(
    en=(
        "a listener writes no access log of its own: its load balancer's access logs record "
        "its traffic and are judged on the load balancer"
    ),
    th=(
        "listener ไม่มี access log ของตนเอง access log ของ load balancer ที่สังกัดบันทึกการรับส่งของ "
        "listener และประเมินที่ load balancer"
    ),
)


def _plain_listener(protocol_key: str) -> Callable[[Values], bool]:
    """True when a load balancer listener's protocol is known and is not HTTPS or TLS; no
    protocol is HTTP on an application load balancer and GENEVE on a gateway one
    (registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#protocol);
    a protocol not known before apply is not plain for certain."""

    def check(values: Values) -> bool:
        protocol = values.get(protocol_key)
        if protocol is None:
            return True
        return isinstance(protocol, str) and protocol.upper() not in {"HTTPS", "TLS"}

    return check


def _classic_without(
    listeners_key: str, protocol_key: str, protocols: frozenset[str]
) -> Callable[[Values], bool]:
    """True when a classic load balancer's listeners are all known and none speaks one of
    ``protocols`` (``aws_elb`` ``listener.lb_protocol``,
    ``AWS::ElasticLoadBalancing::LoadBalancer`` ``Listeners[].Protocol``)."""

    def check(values: Values) -> bool:
        listeners = values.get(listeners_key)
        if not isinstance(listeners, list) or not listeners:
            return False
        found = [item.get(protocol_key) if isinstance(item, Mapping) else None
                 for item in listeners]
        return all(isinstance(p, str) and p.upper() not in protocols for p in found)

    return check


#: A classic load balancer without these carries no HTTP (without elb_tls.CLASSIC_TLS_PROTOCOLS
#: it terminates no TLS).
_HTTP_CLASSIC = frozenset({"HTTP", "HTTPS"})


def _plain_octavia(values: Values) -> bool:
    """True when an Octavia listener's protocol is known and terminates no TLS: only
    ``TERMINATED_HTTPS`` does (``HTTPS`` passes TLS through to the members, whose versions
    the input does not show)."""
    protocol = values.get("protocol")
    return isinstance(protocol, str) and protocol.upper() not in {"TERMINATED_HTTPS", "HTTPS"}


def _plain_huawei(values: Values) -> bool:
    """True when a Huawei Cloud listener's protocol is known and terminates no TLS."""
    protocol = values.get("protocol")
    return isinstance(protocol, str) and protocol.upper() not in {
        "HTTPS", "TLS", "QUIC", "TERMINATED_HTTPS"
    }


def _plain_alicloud(values: Values) -> bool:
    """True when an Alibaba Cloud Classic Load Balancer listener's protocol is known and
    terminates no TLS (only ``https`` does)."""
    protocol = values.get("protocol")
    return isinstance(protocol, str) and protocol.lower() != "https"


HUAWEI_ON_LISTENERS = Text(
    en=(
        "a Huawei Cloud load balancer has no protocol or TLS setting of its own: each "
        "listener's are judged on the listener"
    ),
    th="load balancer ของ Huawei Cloud ไม่มีการตั้งค่า protocol หรือ TLS ของตนเอง ตรวจที่ listener แต่ละตัว",
)


ALICLOUD_ON_LISTENERS = Text(
    en=(
        "an Alibaba Cloud Classic Load Balancer has no protocol or TLS setting of its own: "
        "each listener's are judged on the listener"
    ),
    th=(
        "Classic Load Balancer ของ Alibaba Cloud ไม่มีการตั้งค่า protocol หรือ TLS ของตนเอง "
        "ตรวจที่ listener แต่ละตัว"
    ),
)


ALICLOUD_ALB_NLB_ON_LISTENERS = Text(
    en=(
        "an Alibaba Cloud Application or Network Load Balancer has no protocol or TLS setting "
        "of its own: each listener's are judged on the listener"
    ),
    th=(
        "Application Load Balancer หรือ Network Load Balancer ของ Alibaba Cloud ไม่มีการตั้งค่า "
        "protocol หรือ TLS ของตนเอง ตรวจที่ listener แต่ละตัว"
    ),
)
ALICLOUD_NLB_NO_HTTP = Text(
    en=(
        "an Alibaba Cloud Network Load Balancer carries no HTTP (its listeners are TCP, UDP or "
        "TCPSSL): no web application firewall applies to it"
    ),
    th=(
        "Network Load Balancer ของ Alibaba Cloud ไม่ได้รับส่ง HTTP (listener เป็น TCP, UDP หรือ "
        "TCPSSL) จึงไม่มี web application firewall ใดใช้กับมันได้"
    ),
)


def _plain_alb_nlb(values: Values) -> bool:
    """True when an Alibaba Cloud ALB or NLB listener's protocol is known and terminates no
    TLS (ALB ``HTTP``; NLB ``TCP``, ``UDP``)."""
    protocol = values.get("listener_protocol")
    return isinstance(protocol, str) and protocol.lower() in ("http", "tcp", "udp")


NOT_HTTP_PROXY = Text(
    en=(
        "a target TCP or SSL proxy (proxy Network Load Balancer) carries no HTTP: no web "
        "application firewall rule applies to it (Cloud Armor's preconfigured WAF rules "
        "inspect the HTTP requests of Application Load Balancers)"
    ),
    th=(
        "target TCP proxy หรือ SSL proxy (proxy Network Load Balancer) ไม่ได้รับส่ง HTTP "
        "จึงไม่มีกฎ web application firewall ใดใช้กับมันได้ (กฎ WAF ของ Cloud Armor ตรวจ HTTP "
        "request ของ Application Load Balancer)"
    ),
)
NOT_HTTP_LB = Text(
    en=(
        "a network or gateway load balancer carries no HTTP: no web application firewall can "
        "be associated with it (AWS WAF protects application load balancers)"
    ),
    th=(
        "load balancer ชนิด network หรือ gateway ไม่ได้รับส่ง HTTP จึงผูก web application firewall "
        "ไม่ได้ (AWS WAF ป้องกันได้เฉพาะ application load balancer)"
    ),
)


def _windows_profile(values: Values) -> bool:
    """A legacy ``azurerm_virtual_machine`` with ``os_profile_windows_config``: Windows."""
    found = values.get("os_profile_windows_config")
    return isinstance(found, (list, dict)) and bool(found)


WINDOWS_PASSWORD = Text(
    en="a Windows machine is reached with a password (RDP); SSH key log-in is for Linux",
    th="เครื่อง Windows เข้าสู่ระบบด้วยรหัสผ่าน (RDP) การเข้าสู่ระบบด้วยกุญแจ SSH ใช้กับ Linux",
)


def _not_http_lb(type_key: str) -> Callable[[Values], bool]:
    """True when a load balancer's type (``aws_lb`` ``load_balancer_type``,
    ``AWS::ElasticLoadBalancingV2::LoadBalancer`` ``Type``, resolved) is ``network`` or
    ``gateway``; absent it is ``application``
    (docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
    aws-resource-elasticloadbalancingv2-loadbalancer.html#cfn-elasticloadbalancingv2-loadbalancer-type),
    and a type not known before apply is not for certain."""

    def check(values: Values) -> bool:
        kind = values.get(type_key)
        return isinstance(kind, str) and kind.lower() in {"network", "gateway"}

    return check


NOT_SHAREABLE = Text(
    en=(
        "a launch template, launch configuration, instance template or scale set is no "
        "image: it cannot be shared or made public (the image it names is judged where it is "
        "declared)"
    ),
    th=(
        "launch template, launch configuration, instance template หรือ scale set ไม่ใช่อิมเมจ "
        "จึงแชร์หรือเปิดให้สาธารณะไม่ได้ (อิมเมจที่อ้างถึงตรวจที่ที่ประกาศไว้)"
    ),
)


CLASSIC_NO_HTTP = Text(
    en=(
        "a classic load balancer whose listeners are all TCP or SSL carries no HTTP: a web "
        "application firewall has nothing to inspect"
    ),
    th=(
        "classic load balancer ที่ listener ทั้งหมดเป็น TCP หรือ SSL ไม่ได้รับส่ง HTTP "
        "web application firewall จึงไม่มีสิ่งใดให้ตรวจ"
    ),
)


def classic_waf(protocols: list[str | None]) -> bool | None:
    """Whether a classic load balancer with these listener protocols has a WAF: never, AWS
    WAF protects CloudFront distributions, API Gateway REST APIs, Application Load
    Balancers, AppSync, Cognito, App Runner, Amplify and Verified Access, not Classic Load
    Balancers (docs.aws.amazon.com/waf/latest/developerguide/how-aws-waf-works-resources.html).
    False when a listener carries HTTP(S); None otherwise (listeners not known, or only TCP /
    SSL ones, which ``_classic_without`` makes NOT_APPLICABLE)."""
    if any(p is not None and p.upper() in {"HTTP", "HTTPS"} for p in protocols):
        return False
    return None


#: "Use AWS WAF to protect your REST APIs in API Gateway"
#: (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html):
#: AWS WAF protects REST APIs, not HTTP APIs (the resources a web ACL protects,
#: how-aws-waf-works-resources.html). A public HTTP API stage has no WAF of its own; one in front
#: (CloudFront) is judged on that distribution. WebSocket APIs likewise: "Protected resource
#: types include Amazon CloudFront distribution, Amazon API Gateway REST API, Application Load
#: Balancer, AWS AppSync GraphQL API, ..." (AWS WAFV2 API Reference, Welcome), no WebSocket
#: API (their stages were UNKNOWN; since stop 45).
HTTP_API_WAF = False

ON_LISTENERS = Text(
    en=(
        "an application, network or gateway load balancer terminates no connection itself: "
        "each listener's protocol and TLS policy are judged on the listener"
    ),
    th=(
        "load balancer ชนิด application, network หรือ gateway ไม่ได้รับการเชื่อมต่อเอง "
        "protocol และนโยบาย TLS ตรวจที่ listener แต่ละตัว"
    ),
)


NOT_A_DETECTOR = Text(
    en=(
        "an alarm on a metric is not a threat-detection service: GDCC-LOG-006 is judged on the "
        "detector (GuardDuty, Defender, HSS) or the tenant"
    ),
    th=(
        "alarm ของ metric ไม่ใช่บริการตรวจจับภัยคุกคาม GDCC-LOG-006 ตัดสินที่ตัวตรวจจับ "
        "(GuardDuty, Defender, HSS) หรือที่ tenant"
    ),
)


#: "Automatic key rotation is supported only on symmetric encryption KMS keys. You cannot
#: enable automatic rotation of asymmetric KMS keys, HMAC KMS keys, KMS keys with imported key
#: material, or KMS keys in a custom key store. To enable or disable automatic rotation of a
#: set of related multi-Region keys, set the property on the primary key"
#: (docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html).
HUAWEI_KMS_IMPORTED = Text(
    en="Huawei Cloud KMS cannot rotate a key whose material was imported (origin external): "
    "rotate it by hand",
    th="Huawei Cloud KMS หมุนเวียนกุญแจที่นำเข้า key material (origin external) ไม่ได้ ต้องหมุนเวียนเอง",
)
KMS_NOT_ROTATABLE = Text(
    en=(
        "AWS KMS rotates only symmetric encryption keys whose key material it generates: an "
        "asymmetric or HMAC key, a key with imported key material or in a custom key store "
        "cannot be rotated automatically (rotate it by hand: a new key, the alias moved to it)"
    ),
    th=(
        "AWS KMS หมุนเวียนอัตโนมัติได้เฉพาะกุญแจเข้ารหัสแบบสมมาตรที่ KMS สร้าง key material เอง "
        "กุญแจอสมมาตรหรือ HMAC กุญแจที่นำเข้า key material หรืออยู่ใน custom key store "
        "หมุนเวียนอัตโนมัติไม่ได้ (หมุนเวียนเอง: สร้างกุญแจใหม่แล้วย้าย alias ไปยังกุญแจนั้น)"
    ),
)
KMS_REPLICA_ROTATION = Text(
    en=(
        "a replica of a multi-Region key is rotated with its primary key: rotation is set on "
        "the primary key, where it is judged"
    ),
    th="กุญแจ replica ของกุญแจแบบหลาย Region หมุนเวียนตามกุญแจหลัก การหมุนเวียนตั้งค่าและตรวจที่กุญแจหลัก",
)
_KMS_SYMMETRIC = "SYMMETRIC_DEFAULT"


def _kms_not_rotatable(
    spec_key: str, store_key: str | None = None, origin_key: str | None = None
) -> Callable[[Values], bool]:
    """True when a KMS key's spec is known and is not ``SYMMETRIC_DEFAULT`` (asymmetric,
    HMAC), it names a custom key store, or its key material is imported (``Origin``
    ``EXTERNAL``); a value not known before apply decides nothing."""

    def check(values: Values) -> bool:
        spec = values.get(spec_key)
        if isinstance(spec, str) and spec and spec.upper() != _KMS_SYMMETRIC:
            return True
        store = values.get(store_key) if store_key else None
        if isinstance(store, str) and store:
            return True
        origin = values.get(origin_key) if origin_key else None
        return isinstance(origin, str) and origin.upper() in {"EXTERNAL", "EXTERNAL_KEY_STORE"}

    return check


def kms_rotatable(spec: Any, store: Any = None, origin: Any = None) -> bool | None:
    """Whether automatic rotation exists for a KMS key of this spec, custom key store and
    origin (absent spec: ``SYMMETRIC_DEFAULT``; absent store and origin: material KMS
    generates); None when a value that decides it is not known."""
    values = {"spec": spec, "store": store, "origin": origin}
    if _kms_not_rotatable("spec", "store", "origin")(values):
        return False
    known = all(v is None or isinstance(v, str) for v in values.values())
    return True if known else None


OCTAVIA_ON_LISTENERS = Text(
    en=(
        "an Octavia load balancer has no protocol or TLS setting of its own: each listener's "
        "are judged on the listener"
    ),
    th="Octavia load balancer ไม่มีการตั้งค่า protocol หรือ TLS ของตนเอง ตรวจที่ listener แต่ละตัว",
)


AZURE_LAYER4 = Text(
    en=(
        "an Azure load balancer passes connections through (layer 4): it terminates no TLS and "
        "carries no HTTP, so no TLS policy or web application firewall applies to it, and it "
        "writes no access log (the NSG flow logs of its backends' networks record the "
        "connections, GDCC-GRAPH-008)"
    ),
    th=(
        "Azure load balancer ส่งต่อการเชื่อมต่อผ่านไปโดยตรง (layer 4) ไม่ได้ถอดรหัส TLS และไม่ได้รับส่ง "
        "HTTP จึงไม่มีนโยบาย TLS หรือ web application firewall ให้ใช้ และไม่เขียน access log "
        "(flow log ของ NSG ในเครือข่ายของเครื่องปลายทางบันทึกการเชื่อมต่อไว้ GDCC-GRAPH-008)"
    ),
)


def _provider_patched(*types: str) -> dict[str, tuple[Absent, ...]]:
    return {t: (Absent(_PATCHING, PATCHED_BY_PROVIDER),) for t in types}


_ENDPOINT = frozenset({"public_endpoint"})
_VAULT_BACKUPS = Absent(frozenset({"backup_enabled", "backup_retention_days"}), IN_ITS_PLAN)
#: Data services with no network placement: reached through the provider's API only.
API_ONLY_TYPES = frozenset(
    {
        "aws_dynamodb_table",
        "aws_dynamodb_table_replica",
        "aws_dynamodb_global_table",
        "AWS::DynamoDB::Table",
        "AWS::DynamoDB::GlobalTable",
        "AWS::Serverless::SimpleTable",  # the SAM transform makes an AWS::DynamoDB::Table
        "aws_keyspaces_table",
        "aws_timestreamwrite_database",
        "AWS::Timestream::Database",
        "AWS::Cassandra::Table",
        "google_bigquery_dataset",
        "google_bigquery_table",
        "google_bigtable_instance",
        "google_spanner_instance",
        "google_spanner_database",
        # Cloud Healthcare API datasets and stores (terraform/google_healthcare.py)
        "google_healthcare_dataset",
        "google_healthcare_fhir_store",
        "google_healthcare_dicom_store",
        "google_healthcare_hl7_v2_store",
        "google_healthcare_consent_store",
        "aws_qldb_ledger",
        "AWS::QLDB::Ledger",
        # an ECS cluster is used through the ECS API (its tasks and instances have their own
        # network placement, judged on them)
        "AWS::ECS::Cluster",
        # queues reached only through the service API (GDCC-NET-002 judges the network
        # endpoint of message brokers: Amazon MQ, Service Bus)
        "aws_sqs_queue",
        "AWS::SQS::Queue",
        "AWS::SQS::QueuePolicy",
        "OS::Zaqar::Queue",
        "google_pubsub_subscription",
    }
)


#: Provider type -> the properties it does not have.
#: A Kubernetes service account is an identity, not a grant: what it may do comes from the
#: RoleBindings and ClusterRoleBindings that name it ("Using RBAC Authorization"), which the
#: role and binding rules judge.
SERVICE_ACCOUNT_GRANTS = Text(
    en=(
        "a Kubernetes service account holds no permissions of its own: they come from the "
        "roles its RoleBindings and ClusterRoleBindings grant, judged on those roles and "
        "bindings (GDCC-IAM-005, GDCC-K8S-015, GDCC-K8S-016)"
    ),
    th=(
        "service account ของ Kubernetes ไม่มีสิทธิ์ในตัวเอง สิทธิ์มาจาก role ที่ RoleBinding และ "
        "ClusterRoleBinding มอบให้ ซึ่งตรวจที่ role และ binding เหล่านั้น (GDCC-IAM-005, GDCC-K8S-015, "
        "GDCC-K8S-016)"
    ),
)
_SERVICE_ACCOUNT = (
    Absent(
        frozenset({"wildcard_permissions", "admin_privileges", "reads_secrets"}),
        SERVICE_ACCOUNT_GRANTS,
    ),
)



def _manifest_service_account(values: Values) -> bool:
    """A ``kubernetes_manifest`` whose ``manifest`` is a ServiceAccount (``kind`` written)."""
    manifest = values.get("manifest")
    return isinstance(manifest, dict) and manifest.get("kind") == "ServiceAccount"


def _kubectl_service_account(values: Values) -> bool:
    """A ``kubectl_manifest`` whose ``yaml_body`` is one ServiceAccount (the object the
    mapper reads, ``normalize.terraform.kubernetes._kubectl_object``)."""
    from gdcc_audit.normalize.terraform.kubernetes import kubectl_kind  # lazy: a mapper

    return kubectl_kind(values) == "ServiceAccount"


ABSENT: dict[str, tuple[Absent, ...]] = {
    "ServiceAccount": _SERVICE_ACCOUNT,
    "kubernetes_service_account": _SERVICE_ACCOUNT,
    "kubernetes_service_account_v1": _SERVICE_ACCOUNT,
    # the ``default`` service account of a namespace (registry docs
    # "kubernetes_default_service_account_v1"), an account all the same
    "kubernetes_default_service_account": _SERVICE_ACCOUNT,
    "kubernetes_default_service_account_v1": _SERVICE_ACCOUNT,
    "kubernetes_manifest": (
        Absent(_SERVICE_ACCOUNT[0].facets, SERVICE_ACCOUNT_GRANTS, _manifest_service_account),
    ),
    "kubectl_manifest": (
        Absent(_SERVICE_ACCOUNT[0].facets, SERVICE_ACCOUNT_GRANTS, _kubectl_service_account),
    ),
    # Serverless and provider-patched data services: no engine version the customer manages.
    **_provider_patched(
        # AWS
        # Amazon MSK updates the brokers' software itself ("Periodically, Amazon MSK updates
        # software on the brokers",
        # docs.aws.amazon.com/msk/latest/developerguide/patching-impact.html)
        "aws_msk_cluster",
        "AWS::MSK::Cluster",
        "aws_msk_serverless_cluster",
        "AWS::MSK::ServerlessCluster",
        "aws_dynamodb_table",
        "aws_dynamodb_table_replica",
        "aws_dynamodb_global_table",
        "AWS::DynamoDB::Table",
        "AWS::DynamoDB::GlobalTable",
        "AWS::Serverless::SimpleTable",  # the SAM transform makes an AWS::DynamoDB::Table
        "aws_keyspaces_table",
        "aws_timestreamwrite_database",
        "AWS::Timestream::Database",
        "aws_redshiftserverless_namespace",
        "AWS::RedshiftServerless::Namespace",
        "aws_appsync_api_cache",
        "AWS::AppSync::ApiCache",
        "AWS::Cassandra::Table",
        "aws_dax_cluster",
        "AWS::DAX::Cluster",
        # Azure: SQL Database, the Database for MySQL/PostgreSQL/MariaDB services, Cosmos DB
        # and Cache for Redis are patched by Microsoft within the maintenance window
        "azurerm_cosmosdb_account",
        "azurerm_sql_database",
        "azurerm_mysql_server",
        "azurerm_mysql_flexible_server",
        "azurerm_mariadb_server",
        "azurerm_postgresql_server",
        "azurerm_postgresql_flexible_server",
        "azurerm_redis_cache",
        # Google: Cloud SQL maintenance, Memorystore, BigQuery, Bigtable and Spanner are
        # applied by Google (only the window can be chosen)
        "google_sql_database_instance",
        "google_redis_instance",
        "google_redis_cluster",
        "google_memorystore_instance",
        "google_bigquery_dataset",
        "google_bigquery_table",
        "google_bigtable_instance",
        "google_spanner_instance",
        "google_spanner_database",
        "google_healthcare_dataset",
        "google_healthcare_fhir_store",
        "google_healthcare_dicom_store",
        "google_healthcare_hl7_v2_store",
        "google_healthcare_consent_store",
    ),
    # AlloyDB: maintenance is applied by Google (only its window is chosen); backups,
    # deletion protection and the key are its cluster's
    "google_alloydb_instance": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(
            frozenset({"backup_enabled", "backup_retention_days", "deletion_protection",
                       "customer_managed_key"}),
            ON_ALLOYDB_CLUSTER,
        ),
    ),
    # AlloyDB clusters: storage, key and backups; the rest is each instance's
    "google_alloydb_cluster": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(
            frozenset({"public_endpoint", "public_access", "ingress", "encrypted_in_transit",
                       "directory_auth", "insecure_db_flags", "connection_logging",
                       "high_availability"}),
            ON_ALLOYDB_INSTANCES,
        ),
    ),
    # Elasticsearch domains have no automatic software-update setting (OpenSearch domains
    # do: software_update_options); AWS applies required service software updates itself
    "aws_elasticsearch_domain": (Absent(_PATCHING, ES_UPDATES),),
    "AWS::Elasticsearch::Domain": (Absent(_PATCHING, ES_UPDATES),),
    # Azure SQL servers: patched by Microsoft, and backups are each database's (one entry per
    # type: a second key would replace the _provider_patched one above)
    **{
        server: (
            Absent(_PATCHING, PATCHED_BY_PROVIDER),
            Absent(frozenset({"backup_enabled", "backup_retention_days"}), ON_SQL_DATABASES),
        )
        for server in ("azurerm_mssql_server", "azurerm_sql_server")
    },
    **{
        instance: (
            Absent(_PATCHING, PATCHED_BY_PROVIDER),
            Absent(frozenset({"backup_enabled", "backup_retention_days"}), ON_MANAGED_DATABASES),
        )
        for instance in ("azurerm_mssql_managed_instance", "azurerm_sql_managed_instance")
    },
    # Memorystore for Memcached: patched by Google, no persistence nor backups
    "google_memcache_instance": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(frozenset({"backup_enabled", "backup_retention_days"}), NO_MEMCACHE_BACKUP),
    ),
    # Azure AI Search: patched by Microsoft; "not designed to be a primary data store": its
    # indexes are filled from external data sources (learn.microsoft.com/azure/reliability/
    # reliability-ai-search), and azurerm_search_service has no backup setting
    "azurerm_search_service": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(frozenset({"backup_enabled", "backup_retention_days"}), NO_SEARCH_BACKUP),
    ),
    # Azure Data Explorer: patched by Microsoft; no backup setting
    "azurerm_kusto_cluster": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(frozenset({"backup_enabled", "backup_retention_days"}), NO_KUSTO_BACKUP),
    ),
    # Databases of a SQL Managed Instance: network, TLS and Entra are the instance's
    "azurerm_mssql_managed_database": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(
            _ENDPOINT | {"encrypted_in_transit", "tls_min_version", "directory_auth"},
            ON_MANAGED_INSTANCE,
        ),
    ),
    # Azure SQL databases: network access is the server's
    "azurerm_mssql_database": (
        Absent(_PATCHING, PATCHED_BY_PROVIDER),
        Absent(_ENDPOINT, ON_SQL_SERVER),
        Absent(
            frozenset({"encrypted_in_transit", "tls_min_version", "directory_auth"}),
            TLS_AND_AUTH_ON_SQL_SERVER,
        ),
    ),
    # Backup vaults: schedule and retention are their plans'
    "aws_backup_vault": (_VAULT_BACKUPS,),
    "AWS::Backup::BackupVault": (_VAULT_BACKUPS,),
    # Key Vault secrets: network access is the vault's; blob containers: their account's
    "azurerm_key_vault_secret": (Absent(_ENDPOINT, IN_ITS_VAULT),),
    "azurerm_virtual_machine": (
        Absent(frozenset({"password_auth"}), WINDOWS_PASSWORD, _windows_profile),
    ),
    "azurerm_storage_container": (
        Absent(_ENDPOINT, IN_ITS_ACCOUNT),
        Absent(frozenset({"public_access_block"}), ACCOUNT_GUARD),
        Absent(frozenset({"versioning", "encrypted_in_transit"}), ACCOUNT_SETTINGS),
    ),
    "azurerm_storage_account_network_rules": (_FIREWALL_ONLY,),
    # Queues and topics with no engine (Amazon MQ brokers do have minor upgrades)
    "aws_sqs_queue": (Absent(_PATCHING, NO_ENGINE),),
    "AWS::SQS::Queue": (Absent(_PATCHING, NO_ENGINE),),
    "azurerm_servicebus_namespace": (Absent(_PATCHING, NO_ENGINE),),
    # Aurora: upgrades and public access per instance; storage, backups... per cluster.
    # aws_rds_cluster's engine was "aurora" when absent (older providers); a Multi-AZ DB
    # cluster (engine mysql / postgres) has auto_minor_version_upgrade of its own.
    "aws_rds_cluster": (
        Absent(
            frozenset({"auto_patching", "public_endpoint"}),
            ON_AURORA_INSTANCES,
            _aurora("engine", absent_means_aurora=True),
        ),
    ),
    "AWS::RDS::DBCluster": (
        Absent(
            frozenset({"auto_patching", "public_endpoint"}),
            ON_AURORA_INSTANCES,
            _aurora("Engine", absent_means_aurora=False),
        ),
    ),
    "aws_rds_cluster_instance": (Absent(_CLUSTER_LEVEL, ON_AURORA_CLUSTER),),
    "AWS::RDS::DBInstance": (
        Absent(
            _CLUSTER_LEVEL,
            ON_AURORA_CLUSTER,
            # an instance of a DB cluster: an Aurora engine, or a DBClusterIdentifier
            lambda values: _aurora("Engine", absent_means_aurora=False)(values)
            or values.get("DBClusterIdentifier") is not None,
        ),
    ),
    "aws_elasticache_cluster": (
        Absent(_REPLICA_LEVEL, IN_REPLICATION_GROUP, in_replication_group),
    ),
    "aws_elasticache_replication_group": (
        Absent(_DATASTORE_LEVEL, IN_GLOBAL_DATASTORE, in_global_datastore),
    ),
    "AWS::ElastiCache::ReplicationGroup": (
        Absent(_DATASTORE_LEVEL, IN_GLOBAL_DATASTORE, _IN_GLOBAL_DATASTORE_CFN),
    ),
    "aws_docdb_cluster": (Absent(_PATCHING, DOCDB_NO_MINOR),),
    "aws_docdb_cluster_instance": (
        Absent(_PATCHING, DOCDB_NO_MINOR),
        Absent(_CLUSTER_LEVEL, ON_DOCDB_CLUSTER),
    ),
    "AWS::DocDB::DBCluster": (Absent(_PATCHING, DOCDB_NO_MINOR),),
    "AWS::DocDB::DBInstance": (
        Absent(_PATCHING, DOCDB_NO_MINOR),
        Absent(_CLUSTER_LEVEL, ON_DOCDB_CLUSTER),
    ),
    "aws_neptune_cluster_instance": (Absent(_CLUSTER_LEVEL, ON_NEPTUNE_CLUSTER),),
    "AWS::Neptune::DBInstance": (Absent(_CLUSTER_LEVEL, ON_NEPTUNE_CLUSTER),),
    "aws_neptune_cluster": (Absent(_PATCHING, ON_CLUSTER_INSTANCES),),
    "AWS::Neptune::DBCluster": (Absent(_PATCHING, ON_CLUSTER_INSTANCES),),
    # Redshift clusters receive every patch release; AllowVersionUpgrade is about major ones
    "aws_redshift_cluster": (Absent(_PATCHING, REDSHIFT_RELEASES),),
    "AWS::Redshift::Cluster": (Absent(_PATCHING, REDSHIFT_RELEASES),),
    # A Redshift parameter group does not turn audit logging on: the cluster's logging does
    "aws_redshift_parameter_group": (Absent(frozenset({"access_logging"}), REDSHIFT_LOGGING),),
    "AWS::Redshift::ClusterParameterGroup": (
        Absent(frozenset({"access_logging"}), REDSHIFT_LOGGING),
    ),
    # Neptune: HTTPS only from engine 1.0.4.0, whatever the group's neptune_enforce_ssl says
    "aws_neptune_cluster_parameter_group": (
        Absent(frozenset({"encrypted_in_transit"}), NEPTUNE_HTTPS_ONLY),
    ),
    "AWS::Neptune::DBClusterParameterGroup": (
        Absent(frozenset({"encrypted_in_transit"}), NEPTUNE_HTTPS_ONLY),
    ),
    "aws_docdb_global_cluster": (
        Absent(
            _PATCHING
            | {
                "backup_enabled",
                "backup_retention_days",
                "deletion_protection",
                "directory_auth",
                "access_logging",
                "encrypted_in_transit",
                "public_endpoint",
                "high_availability",
            },
            ON_MEMBER_CLUSTERS,
        ),
    ),
    # API Gateway custom domain names: WAF and access logs are the mapped stages'
    "aws_api_gateway_domain_name": (
        Absent(_ON_STAGES, ON_MAPPED_STAGES),
        Absent(_METHODS, METHODS_ON_STAGES),
    ),
    "aws_apigatewayv2_domain_name": (
        Absent(_ON_STAGES, ON_MAPPED_STAGES),
        Absent(_METHODS, METHODS_ON_STAGES),
    ),
    "AWS::ApiGateway::DomainName": (
        Absent(_ON_STAGES, ON_MAPPED_STAGES),
        Absent(_METHODS, METHODS_ON_STAGES),
    ),
    "AWS::ApiGatewayV2::DomainName": (
        Absent(_ON_STAGES, ON_MAPPED_STAGES),
        Absent(_METHODS, METHODS_ON_STAGES),
    ),
    "aws_cloudfront_distribution": (Absent(_METHODS, NO_API_METHODS),),
    "AWS::CloudFront::Distribution": (Absent(_METHODS, NO_API_METHODS),),
    "aws_appsync_graphql_api": (Absent(_METHODS, NO_API_METHODS),),
    "AWS::AppSync::GraphQLApi": (Absent(_METHODS, NO_API_METHODS),),
    "AWS::Serverless::GraphQLApi": (Absent(_METHODS, NO_API_METHODS),),
    # Google target proxies that terminate no TLS (was UNKNOWN)
    **dict.fromkeys(
        ("google_compute_target_http_proxy", "google_compute_region_target_http_proxy"),
        (Absent(frozenset({"tls_min_version"}), NO_TLS_PROXY),),
    ),
    # TCP and SSL proxies carry no HTTP: no WAF (was UNKNOWN)
    **dict.fromkeys(
        ("google_compute_target_tcp_proxy", "google_compute_region_target_tcp_proxy"),
        (
            Absent(frozenset({"tls_min_version"}), NO_TLS_PROXY),
            Absent(frozenset({"waf_enabled"}), NOT_HTTP_PROXY),
        ),
    ),
    "google_compute_target_ssl_proxy": (Absent(frozenset({"waf_enabled"}), NOT_HTTP_PROXY),),
    # Load balancer listeners without TLS have no TLS version
    "aws_lb_listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_listener("protocol")),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    "aws_alb_listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_listener("protocol")),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    "AWS::ElasticLoadBalancingV2::Listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_listener("Protocol")),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    # classic load balancers whose listeners are all HTTP or TCP (was UNKNOWN)
    "aws_elb": (
        Absent(
            frozenset({"tls_min_version"}),
            NO_TLS_LISTENER,
            _classic_without("listener", "lb_protocol", CLASSIC_TLS_PROTOCOLS),
        ),
        Absent(
            frozenset({"waf_enabled"}),
            CLASSIC_NO_HTTP,
            _classic_without("listener", "lb_protocol", _HTTP_CLASSIC),
        ),
    ),
    "AWS::ElasticLoadBalancing::LoadBalancer": (
        Absent(
            frozenset({"tls_min_version"}),
            NO_TLS_LISTENER,
            _classic_without("Listeners", "Protocol", CLASSIC_TLS_PROTOCOLS),
        ),
        Absent(
            frozenset({"waf_enabled"}),
            CLASSIC_NO_HTTP,
            _classic_without("Listeners", "Protocol", _HTTP_CLASSIC),
        ),
    ),
    "OS::Octavia::Listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_octavia),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    # an Octavia balancer has no protocol of its own: its listeners have (GDCC-ENC-004/005
    # are judged on each listener, as on aws_lb_listener); was UNKNOWN on the balancer
    **dict.fromkeys(
        ("OS::Octavia::LoadBalancer", "OS::Neutron::LBaaS::LoadBalancer",
         "openstack_lb_loadbalancer_v2"),
        (Absent(frozenset({"encrypted_in_transit", "tls_min_version"}), OCTAVIA_ON_LISTENERS),),
    ),
    "OS::Neutron::LBaaS::Listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_octavia),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    # Huawei Cloud ELB listeners (normalize/terraform/huaweicloud_elb.py): no TLS version
    # unless HTTPS / TLS / QUIC (dedicated) or TERMINATED_HTTPS (shared); access logs are the
    # balancer's (its log tank)
    **dict.fromkeys(
        ("huaweicloud_elb_listener", "huaweicloud_lb_listener"),
        (
            Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_huawei),
            Absent(frozenset({"access_logging"}), LISTENER_LOGS),
        ),
    ),
    **dict.fromkeys(
        ("huaweicloud_elb_loadbalancer", "huaweicloud_lb_loadbalancer"),
        (Absent(frozenset({"encrypted_in_transit", "tls_min_version"}), HUAWEI_ON_LISTENERS),),
    ),
    # Alibaba Cloud Classic Load Balancer listeners (normalize/terraform/alicloud.py): no TLS
    # version unless https; access logs are the balancer's
    "alicloud_slb_listener": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_alicloud),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    **dict.fromkeys(
        ("alicloud_slb_load_balancer", "alicloud_slb"),
        (Absent(frozenset({"encrypted_in_transit", "tls_min_version"}), ALICLOUD_ON_LISTENERS),),
    ),
    # Alibaba Cloud ALB / NLB (normalize/terraform/alicloud_balancers.py): protocol and TLS
    # are each listener's, access logs the balancer's; an NLB carries no HTTP
    **dict.fromkeys(
        ("alicloud_alb_listener", "alicloud_nlb_listener"),
        (
            Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_alb_nlb),
            Absent(frozenset({"access_logging"}), LISTENER_LOGS),
        ),
    ),
    "alicloud_alb_load_balancer": (
        Absent(frozenset({"encrypted_in_transit", "tls_min_version"}),
               ALICLOUD_ALB_NLB_ON_LISTENERS),
    ),
    "alicloud_nlb_load_balancer": (
        Absent(frozenset({"encrypted_in_transit", "tls_min_version"}),
               ALICLOUD_ALB_NLB_ON_LISTENERS),
        Absent(frozenset({"waf_enabled"}), ALICLOUD_NLB_NO_HTTP),
    ),
    "openstack_lb_listener_v2": (
        Absent(frozenset({"tls_min_version"}), NO_TLS_LISTENER, _plain_octavia),
        Absent(frozenset({"access_logging"}), LISTENER_LOGS),
    ),
    # network and gateway load balancers: no WAF (GDCC-NET-003 NOT_APPLICABLE); TLS and
    # protocol are each listener's (GDCC-ENC-004/005 are judged on aws_lb_listener)
    **{
        t: (
            Absent(frozenset({"waf_enabled"}), NOT_HTTP_LB, _not_http_lb(key)),
            Absent(frozenset({"encrypted_in_transit", "tls_min_version"}), ON_LISTENERS),
        )
        for t, key in (
            ("aws_lb", "load_balancer_type"),
            ("aws_alb", "load_balancer_type"),
            ("AWS::ElasticLoadBalancingV2::LoadBalancer", "Type"),
        )
    },
    # launch templates and configurations, instance templates and scale sets are mapped as
    # images for their volumes, but cannot be shared or made public (GDCC-DATA-001
    # NOT_APPLICABLE, was UNKNOWN)
    **{
        t: (Absent(frozenset({"public_access"}), NOT_SHAREABLE),)
        for t in (
            "aws_launch_template",
            "aws_launch_configuration",
            "AWS::EC2::LaunchTemplate",
            "AWS::AutoScaling::LaunchConfiguration",
            "google_compute_instance_template",
            "google_compute_region_instance_template",
            "azurerm_linux_virtual_machine_scale_set",
            "azurerm_windows_virtual_machine_scale_set",
        )
    },
    # learn.microsoft.com/azure/load-balancer/load-balancer-overview: "Load Balancer
    # operates at layer 4 of the Open Systems Interconnection (OSI) model"
    "azurerm_lb": (
        Absent(
            frozenset({"waf_enabled", "encrypted_in_transit", "tls_min_version",
                       "access_logging"}),
            AZURE_LAYER4,
        ),
    ),
    # metric alarms are no threat detector (were UNKNOWN: logging.monitor is that rule's kind)
    "AWS::CloudWatch::Alarm": (Absent(frozenset({"threat_detection"}), NOT_A_DETECTOR),),
    "OS::Aodh::Alarm": (Absent(frozenset({"threat_detection"}), NOT_A_DETECTOR),),
    # automatic rotation: symmetric keys with key material KMS generates, set on the
    # primary of a multi-Region key (KMS_NOT_ROTATABLE, KMS_REPLICA_ROTATION)
    "aws_kms_key": (
        Absent(
            frozenset({"key_rotation"}),
            KMS_NOT_ROTATABLE,
            _kms_not_rotatable("customer_master_key_spec", "custom_key_store_id"),
        ),
    ),
    "AWS::KMS::Key": (
        Absent(
            frozenset({"key_rotation"}),
            KMS_NOT_ROTATABLE,
            _kms_not_rotatable("KeySpec", origin_key="Origin"),
        ),
    ),
    # Huawei Cloud KMS: "The default master keys and externally imported keys can not be
    # rotated" (provider docs, kms_key: rotation_enabled)
    "huaweicloud_kms_key": (
        Absent(
            frozenset({"key_rotation"}),
            HUAWEI_KMS_IMPORTED,
            lambda values: str(values.get("origin", "kms")).lower() == "external",
        ),
    ),
    "aws_kms_external_key": (Absent(frozenset({"key_rotation"}), KMS_NOT_ROTATABLE),),
    "aws_kms_replica_key": (Absent(frozenset({"key_rotation"}), KMS_REPLICA_ROTATION),),
    "AWS::KMS::ReplicaKey": (Absent(frozenset({"key_rotation"}), KMS_REPLICA_ROTATION),),
    # a key policy whose key is not in the scan: judged only as a grant
    "aws_kms_key_policy": (_GRANT,),
    # Grants standing alone (their target is not in the scan)
    "aws_lambda_permission": (_GRANT,),
    # a bucket policy or ACL whose bucket is not in the scan (terraform/aws_storage.py)
    "aws_s3_bucket_policy": (_GRANT,),
    "aws_s3_bucket_acl": (_GRANT,),
    # an object whose ACL may open it, its bucket not in the scan (terraform/aws_storage.py)
    "aws_s3_object": (_GRANT,),
    "aws_s3_bucket_object": (_GRANT,),
    "aws_s3_object_copy": (_GRANT,),
    "aws_lambda_function_url": (_GRANT,),
    "AWS::Lambda::Permission": (_GRANT,),
    "AWS::Lambda::Url": (_GRANT,),
    "aws_sqs_queue_policy": (_GRANT,),
    "aws_sns_topic_policy": (_GRANT,),
    # listed only when a queue or topic they name is not in the template (mapper.link)
    "AWS::SQS::QueuePolicy": (_GRANT,),
    "AWS::SNS::TopicPolicy": (_GRANT,),
    # a Kinesis stream policy whose stream is not in the scan: judged only as a grant
    "aws_kinesis_resource_policy": (_GRANT,),
    "AWS::Kinesis::ResourcePolicy": (_GRANT,),
    # an MSK cluster policy whose cluster is not in the scan: judged only as a grant
    "aws_msk_cluster_policy": (_GRANT,),
    "AWS::MSK::ClusterPolicy": (_GRANT,),
    "aws_ecr_repository_policy": (_GRANT,),
    # an Azure snapshot is read through Azure RBAC or a SAS export link (GDCC-NET-004)
    "azurerm_snapshot": (Absent(frozenset({"public_access", "public_grants"}), AZURE_SNAPSHOT),),
    # published to everyone by design: only that is judged (aws_sharing.ECR_PUBLIC)
    "aws_ecrpublic_repository": (_PUBLISHED,),
    "AWS::ECR::PublicRepository": (_PUBLISHED,),
    # who may use an EventBridge bus (judged by GDCC-MSG-002; as the bus when it is in the
    # scan, terraform/aws_resource_policies.py _bus_companion)
    "aws_cloudwatch_event_bus_policy": (_BUS_GRANT,),
    "aws_cloudwatch_event_permission": (_BUS_GRANT,),
    "AWS::Events::EventBusPolicy": (_BUS_GRANT,),
    # an SFTP / FTPS / FTP endpoint in front of buckets or file systems (transfer_servers.py)
    "aws_transfer_server": (_TRANSFER_SERVER,),
    "AWS::Transfer::Server": (_TRANSFER_SERVER,),
    # who may read a CodeBuild project's builds (terraform/aws_exposure.py)
    "aws_codebuild_project": (_BUILD_VISIBILITY,),
    "AWS::CodeBuild::Project": (_BUILD_VISIBILITY,),
    # who may download a Lambda layer version (aws_sharing.layer_public)
    "aws_lambda_layer_version_permission": (_LAYER_GRANT,),
    "AWS::Lambda::LayerVersionPermission": (_LAYER_GRANT,),
    # resource policies of EFS, DynamoDB, Secrets Manager, AWS Backup and search domains
    # (terraform/aws_resource_policies.py MAPPINGS; CloudFormation AWS::SecretsManager::
    # ResourcePolicy)
    "aws_efs_file_system_policy": (_GRANT,),
    "aws_dynamodb_resource_policy": (_GRANT,),
    "aws_secretsmanager_secret_policy": (_GRANT,),
    "aws_backup_vault_policy": (_GRANT,),
    # an S3 Glacier vault stores the archives written to it: it schedules no backups
    "aws_glacier_vault": (
        Absent(frozenset({"backup_enabled", "backup_retention_days"}), ARCHIVE_VAULT),
    ),
    "aws_opensearch_domain_policy": (_GRANT,),
    "aws_elasticsearch_domain_policy": (_GRANT,),
    "AWS::SecretsManager::ResourcePolicy": (_GRANT,),
    "google_pubsub_topic_iam_member": (_GRANT,),
    "google_pubsub_topic_iam_binding": (_GRANT,),
    "google_pubsub_topic_iam_policy": (_GRANT,),
    "google_kms_crypto_key_iam_member": (_GRANT,),
    "google_kms_crypto_key_iam_binding": (_GRANT,),
    "google_kms_crypto_key_iam_policy": (_GRANT,),
    "google_artifact_registry_repository_iam_member": (_GRANT,),
    "google_artifact_registry_repository_iam_binding": (_GRANT,),
    "google_artifact_registry_repository_iam_policy": (_GRANT,),
    "google_kms_key_ring_iam_member": (_GRANT,),
    "google_kms_key_ring_iam_binding": (_GRANT,),
    "google_kms_key_ring_iam_policy": (_GRANT,),
    # a grant or ACL on a Cloud Storage bucket outside the scan (where the data is stored is
    # the bucket's)
    **dict.fromkeys(
        (
            "google_storage_bucket_iam_member",
            "google_storage_bucket_iam_binding",
            "google_storage_bucket_iam_policy",
            "google_storage_managed_folder_iam_member",
            "google_storage_managed_folder_iam_binding",
            "google_storage_managed_folder_iam_policy",
            "google_storage_bucket_acl",
            "google_storage_bucket_access_control",
            "google_storage_default_object_acl",
            "google_storage_default_object_access_control",
            "google_storage_object_acl",
            "google_storage_object_access_control",
        ),
        (_DATA_GRANT,),
    ),
    # Cloud Functions / Cloud Run IAM grants (terraform/google_functions.py GRANT_TYPES)
    **{
        f"{prefix}_iam_{form}": (_GRANT,)
        for prefix in (
            "google_cloudfunctions_function",
            "google_cloudfunctions2_function",
            "google_cloud_run_service",
            "google_cloud_run_v2_service",
            "google_cloud_run_v2_job",
            "google_vertex_ai_endpoint",
        )
        for form in ("member", "binding", "policy")
    },
    # Google IAM grants of subscriptions, secrets, images, snapshots and disks
    **{
        f"{prefix}_iam_{form}": (
            _DATA_GRANT if prefix in _GOOGLE_DATA_GRANT_PREFIXES else _GRANT,
        )
        for prefix in _GOOGLE_GRANT_PREFIXES
        for form in ("member", "binding", "policy")
    },
    # a Pub/Sub subscription has no engine; an image has no instance settings of its own
    "google_pubsub_subscription": (Absent(_PATCHING, NO_ENGINE),),
    "google_compute_image": (Absent(_INSTANCE_ONLY, IMAGE_NOT_INSTANCE),),
    "google_compute_machine_image": (Absent(_INSTANCE_ONLY, IMAGE_NOT_INSTANCE),),
    "openstack_images_image_v2": (Absent(_INSTANCE_ONLY, GLANCE_IMAGE),),
    "OS::Glance::WebImage": (Absent(_INSTANCE_ONLY, GLANCE_IMAGE),),
    "google_dataproc_cluster": (Absent(_KUBERNETES_ONLY, NOT_KUBERNETES),),
    # Cloud Composer / Data Fusion (terraform/google_composer.py)
    "google_composer_environment": (
        Absent(_KUBERNETES_ONLY | {"boot_protection_off"}, NOT_KUBERNETES_COMPOSER),
        Absent(frozenset({"public_endpoint", "node_public_ip"}), COMPOSER_3_CLUSTER,
               lambda values: composer_major(values) == 3),
    ),
    "google_data_fusion_instance": (
        Absent(_KUBERNETES_ONLY | {"boot_protection_off"}, NOT_KUBERNETES_DATA_FUSION),
    ),
    # Kerberos or IAM Identity Center decides directory sign-in (terraform/aws_emr.py)
    "aws_emr_cluster": (Absent(_KUBERNETES_ONLY - {"directory_auth"}, NOT_KUBERNETES_EMR),),
    "AWS::EMR::Cluster": (Absent(_KUBERNETES_ONLY - {"directory_auth"}, NOT_KUBERNETES_EMR),),
    # SageMaker notebook instances: no serial console or log-in of the tenant's
    "aws_sagemaker_notebook_instance": (_NOTEBOOK_HOST,),
    "AWS::SageMaker::NotebookInstance": (_NOTEBOOK_HOST,),
    # Glue development endpoints: no metadata service, serial console or user data of ours
    "aws_glue_dev_endpoint": (_GLUE_ENDPOINT_HOST,),
    "AWS::Glue::DevEndpoint": (_GLUE_ENDPOINT_HOST,),
    "azurerm_databricks_workspace": (
        Absent(_KUBERNETES_ONLY, NOT_KUBERNETES_DATABRICKS),
        Absent(frozenset({"boot_protection_off"}), NODE_BOOT_NOT_SET),
    ),
    "azurerm_kubernetes_cluster": (Absent(frozenset({"boot_protection_off"}), NODE_BOOT_NOT_SET),),
    "azurerm_kubernetes_automatic_cluster": (
        Absent(frozenset({"boot_protection_off"}), NODE_BOOT_NOT_SET),
    ),
    "AWS::ECS::Cluster": (Absent(_KUBERNETES_ONLY, NOT_KUBERNETES_ECS),),
    # -- kinds branch: QLDB ledgers are serverless; a DMS replication instance is a migration
    #    server (its endpoints hold the connection settings), not a database of its own
    "aws_qldb_ledger": (Absent(_PATCHING, PATCHED_BY_PROVIDER),),
    "AWS::QLDB::Ledger": (Absent(_PATCHING, PATCHED_BY_PROVIDER),),
    "aws_dms_replication_instance": (Absent(_NOT_A_DATABASE, MIGRATION_SERVER),),
    "AWS::DMS::ReplicationInstance": (Absent(_NOT_A_DATABASE, MIGRATION_SERVER),),
    "azurerm_synapse_workspace": (Absent(_PATCHING, PATCHED_BY_PROVIDER),),
    "azurerm_synapse_sql_pool": (Absent(_PATCHING, PATCHED_BY_PROVIDER),),
    # A backup plan or policy schedules backups; the vault it writes to stores (and encrypts)
    # them, and is judged for encryption and keys
    **{
        t: (Absent(frozenset({"encrypted_at_rest", "customer_managed_key"}), PLAN_HOLDS_NO_DATA),)
        for t in (
            "aws_backup_plan",
            "AWS::Backup::BackupPlan",
            "azurerm_backup_policy_vm",
            "azurerm_backup_policy_file_share",
            "huaweicloud_cbr_policy",
        )
    },
}

for _name in sorted(API_ONLY_TYPES):
    ABSENT[_name] = (*ABSENT.get(_name, ()), Absent(_ENDPOINT, API_ONLY))

#: AWS queues, topics and streams used through the service API, not message brokers with
#: listeners of their own (Amazon MQ, Amazon MSK): GDCC-MSG-004 / GDCC-MSG-005 judge brokers.
AWS_API_MESSAGING = (
    "aws_sqs_queue",
    "AWS::SQS::Queue",
    "aws_sns_topic",
    "AWS::SNS::Topic",
    "aws_kinesis_stream",
    "AWS::Kinesis::Stream",
    "aws_kinesis_firehose_delivery_stream",
    "AWS::KinesisFirehose::DeliveryStream",
    "aws_kinesis_video_stream",
    "AWS::KinesisVideo::Stream",
    "aws_cloudwatch_event_bus",
    "AWS::Events::EventBus",
)
#: "You must sign requests using an access key ID and a secret access key that is associated
#: with an IAM principal" (e.g. docs.aws.amazon.com/AWSSimpleQueueService/latest/
#: SQSDeveloperGuide/sqs-infrastructure-security.html); unsigned calls are only those a
#: resource policy grants to everyone, which GDCC-MSG-002 judges.
IAM_SIGNED = Text(
    en=(
        "not a message broker: clients call the AWS service API and sign every request with "
        "IAM credentials, so there is no shared-key or broker-user sign-in to turn off "
        "(access a resource policy grants to everyone is GDCC-MSG-002's)"
    ),
    th=(
        "ไม่ใช่ message broker ไคลเอนต์เรียก API ของบริการ AWS และลงนามทุกคำขอด้วย credential "
        "ของ IAM จึงไม่มีการยืนยันตัวตนด้วยกุญแจร่วมหรือผู้ใช้ของ broker ให้ปิด "
        "(การให้สิทธิ์แก่ทุกคนผ่าน resource policy ตรวจโดย GDCC-MSG-002)"
    ),
)
#: A Glue connection holds a data store's connection properties (its JDBC URL, user and
#: password): judged for credentials written in it (GDCC-SECRET-001); who may read it is the
#: Data Catalog's resource policy (``aws_glue_resource_policy``, account-wide), its password
#: is encrypted by the catalog's encryption settings, and a password that rotates is kept in
#: Secrets Manager and named by ``SECRET_ID`` (AWS Glue developer guide, "Connection
#: properties"; "Encrypting connection passwords").
GLUE_CONNECTION = Text(
    en=(
        "a Glue connection holds a data store's connection properties: who may read it is set "
        "by the Data Catalog's resource policy, its password is encrypted by the catalog's "
        "encryption settings and rotated where it is kept (a Secrets Manager secret named by "
        "SECRET_ID), not on the connection"
    ),
    th=(
        "Glue connection เก็บคุณสมบัติการเชื่อมต่อของแหล่งข้อมูล ผู้ที่อ่านได้กำหนดโดย resource policy ของ Data "
        "Catalog รหัสผ่านเข้ารหัสตามการตั้งค่าการเข้ารหัสของ catalog และหมุนเวียนในที่ที่จัดเก็บ (secret ของ "
        "Secrets Manager ที่ระบุด้วย SECRET_ID) ไม่ใช่ที่ connection"
    ),
)
for _name in ("aws_glue_connection", "AWS::Glue::Connection"):
    ABSENT[_name] = (
        Absent(
            frozenset({"key_rotation", "public_access", "customer_managed_key",
                       "encrypted_at_rest"}),
            GLUE_CONNECTION,
        ),
    )
API_TRANSPORT = Text(
    en=(
        "not a message broker: clients call the AWS service API, which has no listener or "
        "plaintext setting of its own; refusing plain HTTP requests through a resource "
        "policy condition (aws:SecureTransport) is not judged by this rule"
    ),
    th=(
        "ไม่ใช่ message broker ไคลเอนต์เรียก API ของบริการ AWS ซึ่งไม่มี listener "
        "หรือการตั้งค่าแบบไม่เข้ารหัสของตนเอง การปฏิเสธคำขอ HTTP แบบไม่เข้ารหัสด้วยเงื่อนไขของ "
        "resource policy (aws:SecureTransport) ไม่ได้ตรวจในกฎนี้"
    ),
)
for _name in AWS_API_MESSAGING:
    ABSENT[_name] = (
        *ABSENT.get(_name, ()),
        Absent(frozenset({"directory_auth"}), IAM_SIGNED),
        Absent(frozenset({"encrypted_in_transit"}), API_TRANSPORT),
    )

#: Azure Container Apps run containers with no App Service debugger to attach
#: (``normalize/terraform/azure_container_apps.py``).
NO_REMOTE_DEBUGGING = Text(
    en="a container app has no remote debugging setting (an App Service setting)",
    th="container app ไม่มีการตั้งค่า remote debugging (เป็นการตั้งค่าของ App Service)",
)
ABSENT["azurerm_container_app"] = (Absent(frozenset({"remote_debugging"}), NO_REMOTE_DEBUGGING),)
ABSENT["azurerm_container_app_job"] = ABSENT["azurerm_container_app"]
NO_ACI_ENDPOINT_SETTINGS = Text(
    en="a container group (Azure Container Instances) has no HTTPS, TLS or remote debugging "
    "setting: its containers serve their own ports, and any TLS is the application's",
    th="container group (Azure Container Instances) ไม่มีการตั้งค่า HTTPS, TLS หรือ remote debugging "
    "คอนเทนเนอร์ให้บริการพอร์ตของตนเองโดยตรง และ TLS (ถ้ามี) เป็นของแอปพลิเคชัน",
)
ABSENT["azurerm_container_group"] = (
    Absent(frozenset({"encrypted_in_transit", "tls_min_version", "remote_debugging"}),
           NO_ACI_ENDPOINT_SETTINGS),
)

#: BigQuery, Bigtable and Spanner have no engine flags to set (their resources have no
#: ``database_flags`` or like setting; Cloud SQL and AlloyDB do): GDCC-DB-005 does not apply.
NO_ENGINE_FLAGS = Text(
    en="BigQuery, Bigtable and Spanner have no database engine flags to set (Cloud SQL and "
    "AlloyDB do)",
    th="BigQuery, Bigtable และ Spanner ไม่มี flag ของ engine ฐานข้อมูลให้ตั้งค่า (Cloud SQL และ AlloyDB มี)",
)
#: The Cloud Healthcare API has no database engine to configure either.
NO_HEALTHCARE_FLAGS = Text(
    en="the Cloud Healthcare API has no database engine flags to set",
    th="Cloud Healthcare API ไม่มี flag ของ engine ฐานข้อมูลให้ตั้งค่า",
)
for _healthcare in (
    "google_healthcare_dataset",
    "google_healthcare_fhir_store",
    "google_healthcare_dicom_store",
    "google_healthcare_hl7_v2_store",
    "google_healthcare_consent_store",
):
    ABSENT[_healthcare] = (
        *ABSENT.get(_healthcare, ()),
        Absent(frozenset({"insecure_db_flags"}), NO_HEALTHCARE_FLAGS),
    )
for _flagless in (
    "google_bigquery_dataset",
    "google_bigquery_table",
    "google_bigtable_instance",
    "google_spanner_instance",
    "google_spanner_database",
):
    ABSENT[_flagless] = (
        *ABSENT.get(_flagless, ()),
        Absent(frozenset({"insecure_db_flags"}), NO_ENGINE_FLAGS),
    )


def data_grant_alone() -> dict[str, Text]:
    """The facets a grant on a data store outside the scan does not have (every one but who
    it lets in and the data's context), each with the reason: a CloudFormation
    ``AWS::S3::BucketPolicy`` whose bucket the template does not create."""
    return dict.fromkeys(_DATA_GRANT.facets, _DATA_GRANT.reason)


def _arm_entries(values: Values) -> tuple[Absent, ...]:
    """The entries of the azurerm type an ``azapi_resource`` of ``values`` is read as
    (``normalize.arm_types``): those that hold whatever the values, for an AzAPI body is not
    written as azurerm's."""
    equivalent = azurerm_equivalent("azapi_resource", values.get("type"))
    return tuple(e for e in ABSENT.get(equivalent or "", ()) if e.when is None)


def absent_facets(provider_type: str, values: Values) -> dict[str, Text]:
    """Facets ``provider_type`` does not have (given its ``values``), each with the reason."""
    entries = _arm_entries(values) if provider_type == "azapi_resource" else ABSENT.get(
        provider_type
    )
    if not entries:
        return {}
    out: dict[str, Text] = {}
    for entry in entries:
        if entry.when is None or entry.when(values):
            for facet in entry.facets:
                out.setdefault(facet, entry.reason)
    return out
