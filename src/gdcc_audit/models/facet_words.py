"""How findings name facets: one English and one Thai phrase per facet, in one table.

A rule condition ``{facet: encrypted_at_rest, equals: true}`` that fails says what was found,
as a finding an auditor can act on ("encryption at rest is off"), not the facet's field name
("encrypted_at_rest is false; it must be true"). The evaluator (``evaluate/conditions.py``)
asks this table; a facet without an entry (a plugin's facet) keeps the generic wording
``<facet> is <value>; it must be <expected>``. Style: docs/reports.md, "Finding messages".

Three kinds of entry:

- :class:`Flag` for a yes/no facet: what ``True`` says and what ``False`` says. A FAIL says
  the phrase of the value found; an UNKNOWN says "whether <true phrase> is not known".
- :class:`Measure` for a number or version compared with a bound: "backup retention is 0
  days; at least 7 days required".
- :class:`Listing` for a list that must be empty: "images by mutable tag: nginx:latest".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gdcc_audit.models.reason_words import item_th

#: An English and a Thai phrase.
Phrase = tuple[str, str]


@dataclass(frozen=True)
class Flag:
    """A yes/no facet: what a true value says, what a false value says (English, Thai)."""

    true: Phrase
    false: Phrase


@dataclass(frozen=True)
class Measure:
    """A number or version: its noun, and its unit (English singular and plural, Thai)."""

    noun: Phrase
    unit: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True)
class Listing:
    """A list that must be empty: the noun its items are listed after, and the question an
    UNKNOWN asks ("whether images are pulled by a mutable tag")."""

    noun: Phrase
    question: Phrase


Words = Flag | Measure | Listing

# The Thai phrases keep technical terms in Latin script (TLS, IAM, MFA, endpoint, Secret).
FACET_WORDS: dict[str, Words] = {
    # -- state and encryption ---------------------------------------------------------------
    "enabled": Flag(
        ("it is switched on", "เปิดใช้งานอยู่"),
        ("it is switched off", "ถูกปิดใช้งาน"),
    ),
    "encrypted_at_rest": Flag(
        ("encryption at rest is on", "ข้อมูลที่จัดเก็บถูกเข้ารหัส"),
        ("encryption at rest is off", "ข้อมูลที่จัดเก็บไม่ได้เข้ารหัส"),
    ),
    "customer_managed_key": Flag(
        ("a customer-managed key encrypts the data", "เข้ารหัสด้วยกุญแจที่หน่วยงานบริหารจัดการเอง"),
        ("no customer-managed key encrypts the data", "ไม่ได้เข้ารหัสด้วยกุญแจที่หน่วยงานบริหารจัดการเอง"),
    ),
    "encrypted_in_transit": Flag(
        ("only encrypted connections (TLS) are accepted", "รับเฉพาะการเชื่อมต่อที่เข้ารหัส (TLS)"),
        ("unencrypted connections are accepted", "ยอมรับการเชื่อมต่อที่ไม่เข้ารหัส"),
    ),
    "tls_min_version": Measure(("the minimum TLS version", "เวอร์ชัน TLS ขั้นต่ำ")),
    "secrets_encryption": Flag(
        (
            "Kubernetes Secrets are encrypted with a managed key",
            "Secret ของ Kubernetes ถูกเข้ารหัสด้วยกุญแจจากบริการจัดการกุญแจ",
        ),
        (
            "Kubernetes Secrets are not encrypted with a managed key",
            "Secret ของ Kubernetes ไม่ได้เข้ารหัสด้วยกุญแจจากบริการจัดการกุญแจ",
        ),
    ),
    "key_rotation": Flag(
        ("automatic rotation is on", "เปิดการหมุนเวียน (rotation) อัตโนมัติ"),
        ("automatic rotation is off", "ไม่ได้เปิดการหมุนเวียน (rotation) อัตโนมัติ"),
    ),
    # -- exposure ---------------------------------------------------------------------------
    "public_access": Flag(
        ("anyone on the internet can access it", "ทุกคนบนอินเทอร์เน็ตเข้าถึงได้"),
        ("it is not open to everyone", "ไม่ได้เปิดให้ทุกคนเข้าถึง"),
    ),
    "public_endpoint": Flag(
        ("the endpoint is public", "endpoint เปิดสู่สาธารณะ"),
        ("the endpoint is private", "endpoint เป็นแบบส่วนตัว (private)"),
    ),
    "public_access_block": Flag(
        ("public-access prevention is on", "เปิดการป้องกันการเข้าถึงแบบสาธารณะ (public access block)"),
        (
            "public-access prevention is off",
            "ไม่ได้เปิดการป้องกันการเข้าถึงแบบสาธารณะ (public access block)",
        ),
    ),
    "node_public_ip": Flag(
        ("nodes get public IP addresses", "โหนดได้รับ public IP"),
        ("nodes get no public IP address", "โหนดไม่ได้รับ public IP"),
    ),
    "waf_enabled": Flag(
        ("a web application firewall (WAF) protects it", "มี WAF ป้องกัน"),
        ("no web application firewall (WAF) protects it", "ไม่มี WAF ป้องกัน"),
    ),
    # -- logging and monitoring ---------------------------------------------------------------
    "access_logging": Flag(
        ("access logging is on", "เปิดการบันทึก log การเข้าถึง"),
        ("access logging is off", "ไม่ได้เปิดการบันทึก log การเข้าถึง"),
    ),
    "flow_logging": Flag(
        ("traffic flow logging is on", "เปิดการบันทึก flow log ของเครือข่าย"),
        ("traffic flow logging is off", "ไม่ได้เปิดการบันทึก flow log ของเครือข่าย"),
    ),
    "log_retention_days": Measure(
        ("log retention", "ระยะเวลาเก็บรักษา log"), ("day", "days", "วัน")
    ),
    "multi_region": Flag(
        ("it covers every region", "ครอบคลุมทุกภูมิภาค (region)"),
        ("it does not cover every region", "ไม่ครอบคลุมทุกภูมิภาค (region)"),
    ),
    "log_integrity": Flag(
        ("logs are protected against tampering", "log ได้รับการป้องกันการแก้ไข"),
        ("logs are not protected against tampering", "log ไม่ได้รับการป้องกันการแก้ไข"),
    ),
    "connection_logging": Flag(
        ("connection logging is on", "เปิดการบันทึก log การเชื่อมต่อ"),
        ("connection logging is off", "ไม่ได้เปิดการบันทึก log การเชื่อมต่อ"),
    ),
    "control_plane_logging": Flag(
        (
            "control-plane logs are sent to the log service",
            "ส่ง log ของ control plane ไปยังบริการจัดเก็บ log",
        ),
        (
            "control-plane logs are not sent to the log service",
            "ไม่ได้ส่ง log ของ control plane ไปยังบริการจัดเก็บ log",
        ),
    ),
    "threat_detection": Flag(
        ("threat detection is on", "เปิดการตรวจจับภัยคุกคาม"),
        ("threat detection is off", "ไม่ได้เปิดการตรวจจับภัยคุกคาม"),
    ),
    "intrusion_prevention": Flag(
        (
            "its intrusion detection and prevention system (IDPS) drops what it detects",
            "ระบบตรวจจับและป้องกันการบุกรุก (IDPS) ปฏิเสธทราฟฟิกที่ตรวจพบ",
        ),
        (
            "its intrusion detection and prevention system (IDPS) does not drop what it "
            "detects (it only alerts, is off or is not there)",
            "ระบบตรวจจับและป้องกันการบุกรุก (IDPS) ไม่ได้ปฏิเสธทราฟฟิกที่ตรวจพบ "
            "(เพียงแจ้งเตือน ปิดอยู่ หรือไม่มี)",
        ),
    ),
    "threat_intel_blocks": Flag(
        (
            "it drops traffic to and from known-malicious addresses (threat intelligence)",
            "ปฏิเสธทราฟฟิกจากและไปยังปลายทางที่รู้ว่าเป็นอันตราย (threat intelligence)",
        ),
        (
            "it does not drop traffic to and from known-malicious addresses (threat "
            "intelligence only alerts or is off)",
            "ไม่ได้ปฏิเสธทราฟฟิกจากและไปยังปลายทางที่รู้ว่าเป็นอันตราย (threat intelligence "
            "เพียงแจ้งเตือนหรือปิดอยู่)",
        ),
    ),
    "time_sync_enabled": Flag(
        ("NTP time sync is on", "เปิดการซิงโครไนซ์เวลา (NTP)"),
        ("NTP time sync is off", "ไม่ได้เปิดการซิงโครไนซ์เวลา (NTP)"),
    ),
    "time_sync_max_offset_ms": Measure(
        ("the maximum clock offset", "ค่าคลาดเคลื่อนสูงสุดของนาฬิกา"), ("ms", "ms", "มิลลิวินาที")
    ),
    "holds_logs": Flag(
        ("it holds logs", "ใช้จัดเก็บ log"),
        ("it holds no logs", "ไม่ได้ใช้จัดเก็บ log"),
    ),
    # -- storage, backup, resilience -----------------------------------------------------------
    "versioning": Flag(
        ("object versioning is on", "เปิดการเก็บเวอร์ชันของ object (versioning)"),
        ("object versioning is off", "ไม่ได้เปิดการเก็บเวอร์ชันของ object (versioning)"),
    ),
    "object_lock": Flag(
        ("object lock (write-once retention) is on", "เปิด object lock (เก็บแบบเขียนครั้งเดียว)"),
        ("object lock (write-once retention) is off", "ไม่ได้เปิด object lock (เก็บแบบเขียนครั้งเดียว)"),
    ),
    "backup_enabled": Flag(
        ("backups are on", "เปิดการสำรองข้อมูล"),
        ("backups are off", "ไม่ได้เปิดการสำรองข้อมูล"),
    ),
    "backup_retention_days": Measure(
        ("backup retention", "ระยะเวลาเก็บรักษาข้อมูลสำรอง"), ("day", "days", "วัน")
    ),
    "deletion_protection": Flag(
        ("deletion protection is on", "เปิดการป้องกันการลบ"),
        ("deletion protection is off", "ไม่ได้เปิดการป้องกันการลบ"),
    ),
    "high_availability": Flag(
        ("it runs in more than one zone", "ทำงานในมากกว่าหนึ่งโซน"),
        ("it runs in a single zone", "ทำงานในโซนเดียว"),
    ),
    "auto_patching": Flag(
        ("automatic minor version upgrades are on", "เปิดการอัปเกรดเวอร์ชันย่อยอัตโนมัติ"),
        ("automatic minor version upgrades are off", "ไม่ได้เปิดการอัปเกรดเวอร์ชันย่อยอัตโนมัติ"),
    ),
    # -- identity ------------------------------------------------------------------------------
    "mfa_required": Flag(
        ("MFA is required", "บังคับใช้ MFA"),
        ("MFA is not required", "ไม่ได้บังคับใช้ MFA"),
    ),
    "admin_privileges": Flag(
        ("it has administrator privileges", "มีสิทธิ์ผู้ดูแลระบบ"),
        ("it has no administrator privileges", "ไม่มีสิทธิ์ผู้ดูแลระบบ"),
    ),
    "wildcard_permissions": Flag(
        ("it grants permissions by wildcard", "มีการให้สิทธิ์แบบ wildcard"),
        ("it grants no permission by wildcard", "ไม่มีการให้สิทธิ์แบบ wildcard"),
    ),
    "basic_role": Flag(
        (
            "a basic role (owner / editor / viewer) is granted",
            "มีการมอบ basic role (owner / editor / viewer)",
        ),
        ("no basic role is granted", "ไม่มีการมอบ basic role"),
    ),
    "password_min_length": Measure(
        ("the minimum password length", "ความยาวขั้นต่ำของรหัสผ่าน"),
        ("character", "characters", "ตัวอักษร"),
    ),
    "rbac_authorization": Flag(
        (
            "Kubernetes RBAC authorizes API requests",
            "ใช้ Kubernetes RBAC อนุญาตคำขอ API",
        ),
        (
            "legacy ABAC authorizes API requests or RBAC is off",
            "ใช้ ABAC แบบเดิมอนุญาตคำขอ API หรือปิด RBAC",
        ),
    ),
    "workload_identity": Flag(
        (
            "pods get cloud credentials through workload identity",
            "pod ได้รับ credential ของคลาวด์ผ่าน workload identity",
        ),
        (
            "pods can use the nodes' cloud credentials (no workload identity)",
            "pod ใช้ credential ของคลาวด์ของโหนดได้ (ไม่มี workload identity)",
        ),
    ),
    "boot_protection_off": Listing(
        ("boot protections off", "การป้องกันการบูตที่ปิดอยู่"),
        (
            "whether secure boot, vTPM and integrity monitoring are on",
            "เปิด secure boot, vTPM และ integrity monitoring หรือไม่",
        ),
    ),
    "directory_auth": Flag(
        ("IAM / directory authentication is on", "เปิดการยืนยันตัวตนผ่าน IAM / directory"),
        ("IAM / directory authentication is off", "ไม่ได้เปิดการยืนยันตัวตนผ่าน IAM / directory"),
    ),
    "auth_required": Flag(
        ("clients must authenticate", "ไคลเอนต์ต้องยืนยันตัวตน"),
        ("clients may connect without authenticating", "ไคลเอนต์เชื่อมต่อได้โดยไม่ต้องยืนยันตัวตน"),
    ),
    # -- compute -------------------------------------------------------------------------------
    "metadata_tokens_required": Flag(
        (
            "the metadata service requires session tokens (IMDSv2)",
            "บริการ metadata บังคับใช้ session token (IMDSv2)",
        ),
        (
            "the metadata service accepts requests without a session token (IMDSv1)",
            "บริการ metadata ยอมรับคำขอที่ไม่มี session token (IMDSv1)",
        ),
    ),
    "serial_console": Flag(
        ("serial console access is on", "เปิดการเข้าถึงผ่าน serial console"),
        ("serial console access is off", "ปิดการเข้าถึงผ่าน serial console"),
    ),
    "user_data_secrets": Listing(
        ("secrets in user data", "ข้อมูลลับที่เขียนไว้ใน user data"),
        ("whether user data holds secrets", "user data มีข้อมูลลับหรือไม่"),
    ),
    "default_service_account": Flag(
        ("it runs as the default service account", "ทำงานด้วย service account เริ่มต้นของแพลตฟอร์ม"),
        (
            "it does not run as the default service account",
            "ไม่ได้ทำงานด้วย service account เริ่มต้นของแพลตฟอร์ม",
        ),
    ),
    "password_auth": Flag(
        ("password log-in is allowed", "อนุญาตให้เข้าสู่ระบบด้วยรหัสผ่าน"),
        ("only key log-in is allowed", "อนุญาตให้เข้าสู่ระบบด้วยกุญแจเท่านั้น"),
    ),
    "notebook_root_access": Flag(
        ("notebook users may become root", "ผู้ใช้ notebook ใช้สิทธิ์ root ได้"),
        ("notebook users cannot become root", "ผู้ใช้ notebook ใช้สิทธิ์ root ไม่ได้"),
    ),
    "remote_debugging": Flag(
        ("remote debugging is on", "เปิดการดีบักระยะไกล (remote debugging)"),
        ("remote debugging is off", "ปิดการดีบักระยะไกล (remote debugging)"),
    ),
    "hardcoded_secrets": Listing(
        ("secrets written in plain text", "ข้อมูลลับที่เขียนไว้เป็นข้อความธรรมดา"),
        ("whether secrets are written in plain text", "มีข้อมูลลับเขียนไว้เป็นข้อความธรรมดาหรือไม่"),
    ),
    # -- databases -----------------------------------------------------------------------------
    "insecure_db_flags": Listing(
        ("engine flags set to an insecure value", "แฟล็กของ engine ที่ตั้งค่าไม่ปลอดภัย"),
        ("whether engine flags are set insecurely", "มีแฟล็กของ engine ที่ตั้งค่าไม่ปลอดภัยหรือไม่"),
    ),
    "connection_logging_off": Listing(
        ("connection logging flags not on", "แฟล็กการบันทึก log การเชื่อมต่อที่ไม่ได้เปิด"),
        ("whether connection logging flags are on", "เปิดแฟล็กการบันทึก log การเชื่อมต่อครบหรือไม่"),
    ),
    # -- managed Kubernetes ----------------------------------------------------------------------
    "network_policy_enforced": Flag(
        ("NetworkPolicy is enforced", "มีการบังคับใช้ NetworkPolicy"),
        ("NetworkPolicy is not enforced", "ไม่มีการบังคับใช้ NetworkPolicy"),
    ),
    # -- DNS and certificates ----------------------------------------------------------------------
    "dnssec": Flag(
        ("DNSSEC signing is on", "เปิดการลงนาม DNSSEC"),
        ("DNSSEC signing is off", "ไม่ได้เปิดการลงนาม DNSSEC"),
    ),
    "transfer_lock": Flag(
        ("the domain transfer lock is on", "เปิดการล็อกการโอนโดเมน"),
        ("the domain transfer lock is off", "ไม่ได้เปิดการล็อกการโอนโดเมน"),
    ),
    "ct_logging": Flag(
        ("Certificate Transparency logging is on", "เปิดการบันทึก Certificate Transparency"),
        ("Certificate Transparency logging is off", "ปิดการบันทึก Certificate Transparency"),
    ),
    "managed_renewal": Flag(
        ("the platform renews the certificate", "แพลตฟอร์มต่ออายุใบรับรองให้อัตโนมัติ"),
        (
            "the platform does not renew the certificate (imported)",
            "แพลตฟอร์มไม่ได้ต่ออายุใบรับรองให้ (ใบรับรองนำเข้าจากภายนอก)",
        ),
    ),
    # -- Kubernetes workloads and RBAC ---------------------------------------------------------
    "privileged_container": Flag(
        ("a container runs privileged", "มีคอนเทนเนอร์ที่ทำงานแบบ privileged"),
        ("no container runs privileged", "ไม่มีคอนเทนเนอร์ที่ทำงานแบบ privileged"),
    ),
    "run_as_root": Flag(
        ("a container runs as root", "มีคอนเทนเนอร์ที่ทำงานด้วยสิทธิ์ root"),
        ("no container runs as root", "ไม่มีคอนเทนเนอร์ที่ทำงานด้วยสิทธิ์ root"),
    ),
    "privilege_escalation": Flag(
        ("a container may escalate its privileges", "มีคอนเทนเนอร์ที่ยกระดับสิทธิ์ของตนเองได้"),
        ("no container may escalate its privileges", "ไม่มีคอนเทนเนอร์ที่ยกระดับสิทธิ์ของตนเองได้"),
    ),
    "host_namespace": Flag(
        ("the pod shares the host's namespaces", "พ็อดใช้ namespace ร่วมกับโฮสต์"),
        ("the pod shares no host namespace", "พ็อดไม่ได้ใช้ namespace ร่วมกับโฮสต์"),
    ),
    "host_namespaces": Listing(
        ("host namespaces shared", "namespace ของโฮสต์ที่ใช้ร่วม"),
        ("whether the pod shares host namespaces", "พ็อดใช้ namespace ร่วมกับโฮสต์หรือไม่"),
    ),
    "read_only_root_fs": Flag(
        (
            "every container's root file system is read-only",
            "ระบบไฟล์ root ของทุกคอนเทนเนอร์เป็นแบบอ่านอย่างเดียว",
        ),
        ("a container's root file system is writable", "มีคอนเทนเนอร์ที่ระบบไฟล์ root เขียนได้"),
    ),
    "resource_limits": Flag(
        (
            "every container sets CPU and memory limits",
            "ทุกคอนเทนเนอร์กำหนดขีดจำกัด CPU และหน่วยความจำ",
        ),
        (
            "a container sets no CPU or memory limit",
            "มีคอนเทนเนอร์ที่ไม่ได้กำหนดขีดจำกัด CPU หรือหน่วยความจำ",
        ),
    ),
    "missing_limits": Listing(
        ("limits not set", "ขีดจำกัดที่ไม่ได้กำหนด"),
        ("whether every container sets its limits", "ทุกคอนเทนเนอร์กำหนดขีดจำกัดครบหรือไม่"),
    ),
    "default_deny": Flag(
        ("a default-deny NetworkPolicy applies", "มี NetworkPolicy แบบปฏิเสธโดยปริยาย (default-deny)"),
        (
            "no default-deny NetworkPolicy applies",
            "ไม่มี NetworkPolicy แบบปฏิเสธโดยปริยาย (default-deny)",
        ),
    ),
    "drops_all_capabilities": Flag(
        (
            "every container drops all Linux capabilities",
            "ทุกคอนเทนเนอร์ตัด capability ของ Linux ทั้งหมด (drop ALL)",
        ),
        (
            "a container does not drop all Linux capabilities",
            "มีคอนเทนเนอร์ที่ไม่ได้ตัด capability ของ Linux ทั้งหมด (drop ALL)",
        ),
    ),
    "dangerous_capabilities": Listing(
        ("dangerous capabilities added", "capability อันตรายที่เพิ่มให้คอนเทนเนอร์"),
        ("whether dangerous capabilities are added", "มีการเพิ่ม capability อันตรายหรือไม่"),
    ),
    "host_path_mounts": Listing(
        ("host paths mounted", "host path ที่เมานต์เข้าพ็อด"),
        ("whether host paths are mounted", "มีการเมานต์ host path หรือไม่"),
    ),
    "mutable_images": Listing(
        ("images by mutable tag", "อิมเมจที่อ้างด้วย tag ที่เปลี่ยนได้"),
        (
            "whether images are pulled by a mutable tag",
            "มีอิมเมจที่อ้างด้วย tag ที่เปลี่ยนได้หรือไม่",
        ),
    ),
    "automount_token": Flag(
        (
            "the service-account token is mounted automatically",
            "token ของ service account ถูกเมานต์เข้าพ็อดโดยอัตโนมัติ",
        ),
        (
            "the service-account token is not mounted",
            "token ของ service account ไม่ได้ถูกเมานต์เข้าพ็อด",
        ),
    ),
    "uses_default_service_account": Flag(
        (
            "the pod runs as the default service account",
            "พ็อดทำงานด้วย service account ชื่อ default",
        ),
        ("the pod runs as its own service account", "พ็อดทำงานด้วย service account ของตนเอง"),
    ),
    "host_ports": Listing(
        ("ports bound to the node (hostPort)", "พอร์ตที่ผูกกับโหนด (hostPort)"),
        ("whether ports are bound to the node", "มีพอร์ตที่ผูกกับโหนด (hostPort) หรือไม่"),
    ),
    "reads_secrets": Flag(
        ("the role can read Secrets", "role นี้อ่าน Secret ได้"),
        ("the role cannot read Secrets", "role นี้อ่าน Secret ไม่ได้"),
    ),
    "runs_workloads": Flag(
        ("the role can run pods", "role นี้สร้างหรือเข้าไปในพ็อดได้"),
        ("the role cannot run pods", "role นี้สร้างหรือเข้าไปในพ็อดไม่ได้"),
    ),
    "rbac_escalation": Listing(
        ("grants that let the holder raise its privileges", "สิทธิ์ที่ให้ผู้ถือยกระดับสิทธิ์ของตนเองได้"),
        (
            "whether the role lets its holder raise its privileges",
            "role นี้ให้ผู้ถือยกระดับสิทธิ์ของตนเองได้หรือไม่",
        ),
    ),
    "escalation_paths": Listing(
        (
            "grants that open a privilege escalation path",
            "สิทธิ์ที่เปิดช่องทางยกระดับสิทธิ์",
        ),
        (
            "whether the role opens a privilege escalation path",
            "role นี้เปิดช่องทางยกระดับสิทธิ์หรือไม่",
        ),
    ),
    "seccomp_unconfined": Listing(
        ("containers without a seccomp profile", "คอนเทนเนอร์ที่ไม่มีโปรไฟล์ seccomp"),
        (
            "whether every container runs under a seccomp profile",
            "ทุกคอนเทนเนอร์ทำงานภายใต้โปรไฟล์ seccomp หรือไม่",
        ),
    ),
    "confinement_disabled": Listing(
        ("confinement turned off", "การจำกัดสิทธิ์ที่ถูกปิด"),
        (
            "whether AppArmor, SELinux or /proc masking is turned off",
            "มีการปิด AppArmor, SELinux หรือการซ่อน /proc หรือไม่",
        ),
    ),
    "probe_hosts": Listing(
        ("probes and lifecycle hooks that name a host", "probe และ lifecycle hook ที่ระบุ host"),
        (
            "whether a probe or lifecycle hook names a host",
            "มี probe หรือ lifecycle hook ที่ระบุ host หรือไม่",
        ),
    ),
    "unsafe_sysctls": Listing(
        ("sysctls outside the safe set", "sysctl ที่อยู่นอกชุดที่ปลอดภัย"),
        (
            "whether the pod sets a sysctl outside the safe set",
            "pod กำหนด sysctl ที่อยู่นอกชุดที่ปลอดภัยหรือไม่",
        ),
    ),
    "binds_default_service_account": Flag(
        (
            "the binding grants a role to a default service account",
            "binding นี้มอบ role ให้ service account ชื่อ default",
        ),
        (
            "the binding grants no role to a default service account",
            "binding นี้ไม่ได้มอบ role ให้ service account ชื่อ default",
        ),
    ),
}

#: Where a facet means something more precise for one kind of resource, its words for that
#: kind (``public_endpoint`` of an instance is its public IP address).
KIND_WORDS: dict[tuple[str, str], Words] = {
    ("public_endpoint", "compute.instance"): Flag(
        ("it has a public IP address", "มี public IP"),
        ("it has no public IP address", "ไม่มี public IP"),
    ),
    ("public_endpoint", "compute.image"): Flag(
        (
            "instances launched from it get a public IP address",
            "instance ที่สร้างจากแม่แบบนี้ได้รับ public IP",
        ),
        (
            "instances launched from it get no public IP address",
            "instance ที่สร้างจากแม่แบบนี้ไม่ได้รับ public IP",
        ),
    ),
    ("public_endpoint", "container.cluster"): Flag(
        ("the API server endpoint is public", "endpoint ของ API server เปิดสู่สาธารณะ"),
        ("the API server endpoint is private", "endpoint ของ API server เป็นแบบส่วนตัว (private)"),
    ),
    ("public_endpoint", "network.dns_zone"): Flag(
        ("the zone is public", "โซนเป็นแบบสาธารณะ (public)"),
        ("the zone is private", "โซนเป็นแบบส่วนตัว (private)"),
    ),
    ("public_access", "crypto.key"): Flag(
        ("anyone may use the key", "ทุกคนใช้กุญแจนี้ได้"),
        ("not everyone may use the key", "ไม่ได้เปิดให้ทุกคนใช้กุญแจนี้"),
    ),
    ("public_access", "k8s.role_binding"): Flag(
        (
            "it grants rights to anonymous users, unauthenticated users or every"
            " authenticated identity",
            "มอบสิทธิ์ให้ผู้ใช้นิรนาม ผู้ที่ไม่ได้ยืนยันตัวตน หรือทุกตัวตนที่ยืนยันตัวตนแล้ว",
        ),
        (
            "it grants no right to anonymous users, unauthenticated users or every"
            " authenticated identity",
            "ไม่ได้มอบสิทธิ์ให้ผู้ใช้นิรนาม ผู้ที่ไม่ได้ยืนยันตัวตน หรือทุกตัวตนที่ยืนยันตัวตนแล้ว",
        ),
    ),
    ("enabled", "crypto.key"): Flag(
        ("the key is enabled", "กุญแจเปิดใช้งานอยู่"),
        ("the key is disabled", "กุญแจถูกปิดใช้งาน"),
    ),
    ("enabled", "logging.audit_trail"): Flag(
        ("the audit trail is on", "เปิด audit trail อยู่"),
        ("the audit trail is off", "audit trail ถูกปิด"),
    ),
}


def words_for(facet: str, kind: str | None = None) -> Words | None:
    """The words of ``facet`` (for a resource of ``kind`` when the table has some for it),
    or ``None`` when the table has none: then messages use the generic form."""
    if kind is not None and (facet, kind) in KIND_WORDS:
        return KIND_WORDS[(facet, kind)]
    return FACET_WORDS.get(facet)


#: What a rule's applicability reads (``applicability:`` of a rule): a NOT_APPLICABLE says
#: "does not apply: it holds no personal data".
APPLICABILITY_WORDS: dict[str, Words] = {
    "provider": Measure(("the provider", "ผู้ให้บริการ")),
    "cii": Flag(
        (
            "the agency is designated critical information infrastructure (CII)",
            "หน่วยงานได้รับการประกาศเป็นโครงสร้างพื้นฐานสำคัญทางสารสนเทศ (CII)",
        ),
        (
            "the agency is not designated critical information infrastructure (CII)",
            "หน่วยงานไม่ได้เป็นโครงสร้างพื้นฐานสำคัญทางสารสนเทศ (CII)",
        ),
    ),
    "personal_data": Flag(
        ("it holds personal data", "มีข้อมูลส่วนบุคคล"),
        ("it holds no personal data", "ไม่มีข้อมูลส่วนบุคคล"),
    ),
    "security_category": Measure(
        ("the security category", "ระดับผลกระทบ (security category)")
    ),
    "data_classification": Measure(("the data classification", "ชั้นความลับของข้อมูล")),
}

#: Graph questions of rule conditions (``{graph: internet_reachable, ...}``).
GRAPH_WORDS: dict[str, Words] = {
    "internet_reachable": Flag(
        ("it is reachable from the internet", "เข้าถึงได้จากอินเทอร์เน็ต"),
        ("it is not reachable from the internet", "เข้าถึงจากอินเทอร์เน็ตไม่ได้"),
    ),
}

#: What a Measure FAIL says is required, by operator (``{b}``: the bound with its unit).
_REQUIRED: dict[str, Phrase] = {
    "gte": ("at least {b} required", "ต้องไม่น้อยกว่า {b}"),
    "gt": ("more than {b} required", "ต้องมากกว่า {b}"),
    "lte": ("at most {b} allowed", "ต้องไม่เกิน {b}"),
    "lt": ("less than {b} required", "ต้องน้อยกว่า {b}"),
    "version_gte": ("{b} or later required", "ต้องเป็น {b} ขึ้นไป"),
    "equals": ("{b} required", "ต้องเป็น {b}"),
    "not_equals": ("{b} not allowed", "ต้องไม่เป็น {b}"),
}


def show(value: Any) -> str:
    """A facet value as findings print it (``true``, ``a, b``)."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | tuple):
        return ", ".join(show(v) for v in value)
    return str(value)


def thai(*parts: str) -> str:
    """Thai parts joined: no space between Thai words, a space where Latin text meets Thai."""
    joined = ""
    for part in parts:
        if not part:
            continue
        if joined and (_latin(joined[-1]) or _latin(part[0])) and not joined.endswith(" "):
            joined += " "
        joined += part
    return joined


def _latin(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "()/'\"")


def _with_unit(words: Measure, value: Any) -> tuple[str, str]:
    one, many, unit_th = words.unit
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 250 ms, not 250.0 ms
    shown = show(value)
    if not one:
        return shown, shown
    return f"{shown} {one if value == 1 else many}", f"{shown} {unit_th}"


def found(words: Words, value: Any) -> tuple[str, str] | None:
    """What the value found says (a PASS that a ``not`` turns to FAIL), or ``None`` when the
    entry does not word it."""
    if isinstance(words, Flag) and isinstance(value, bool):
        return words.true if value else words.false
    if isinstance(words, Measure) and not isinstance(value, bool | list | tuple):
        en, th = _with_unit(words, value)
        return f"{words.noun[0]} is {en}", thai(words.noun[1], "คือ", th)
    if isinstance(words, Listing) and isinstance(value, list | tuple) and value:
        listed_th = ", ".join(item_th(v) if isinstance(v, str) else show(v) for v in value)
        return f"{words.noun[0]}: {show(value)}", f"{words.noun[1]}: {listed_th}"
    return None


def failed(words: Words, value: Any, op: str, expected: Any) -> tuple[str, str] | None:
    """What a failing comparison says, or ``None`` when the entry does not word it (then the
    caller uses the generic form)."""
    if isinstance(words, Flag) and op in ("equals", "not_equals"):
        return found(words, value)
    if isinstance(words, Listing) and op == "empty" and expected is True:
        return found(words, value)
    if isinstance(words, Measure) and op in _REQUIRED:
        now = found(words, value)
        if now is None:
            return None
        b_en, b_th = _with_unit(words, expected)
        en, th = _REQUIRED[op]
        return f"{now[0]}; {en.format(b=b_en)}", f"{now[1]} {th.format(b=b_th)}"
    return None


#: Where a value is not known from, by default.
FROM_INPUT: Phrase = ("from the input", "จากข้อมูลนำเข้า")


def not_known(words: Words, source: Phrase = FROM_INPUT) -> tuple[str, str]:
    """What an UNKNOWN says: "whether encryption at rest is on is not known from the input",
    "backup retention is not known from the input" (``source``: where it was looked for;
    ``("", "")`` for none)."""
    if isinstance(words, Measure):
        en, th = words.noun[0], thai("ไม่ทราบ", words.noun[1], source[1])
    elif isinstance(words, Flag):
        en = f"whether {words.true[0]}"
        th = thai("ไม่ทราบ", source[1], "ว่า", words.true[1], "หรือไม่")
    else:
        en, th = words.question[0], thai("ไม่ทราบ", source[1], "ว่า", words.question[1])
    return f"{en} is not known {source[0]}".rstrip(), th
