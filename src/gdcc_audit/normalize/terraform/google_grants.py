"""Google resources made public by an IAM grant on the resource itself: Pub/Sub
subscriptions, Secret Manager secrets (global and regional), Compute Engine images, machine
images, snapshots and disks, Bigtable instances and tables, Spanner instances and databases,
Dataproc clusters.

Each is private until a ``google_*_iam_member`` / ``_binding`` / ``_policy`` on it names
``allUsers`` or ``allAuthenticatedUsers`` (a project-level policy cannot name them: "You can't
grant roles to allUsers or allAuthenticatedUsers at the project level",
cloud.google.com/iam/docs/principals-overview#all-users); the grants are read with the Google
IAM reader shared with buckets, topics, keys, BigQuery and functions
(:mod:`google_iam_policy`), and named in the finding's evidence (``granted_by``). Any role
given to everyone counts: the reader does not guess which roles carry a data permission.

A grant whose target is in the scan (by reference, or by its literal name in the same
module) is merged into the target. A grant whose target is not in the scan is judged on its
own as that target's kind (as for topics, keys and functions), except for the databases
(Bigtable, Spanner): judged alone as a database it would draw the database rules that belong
to its target, so it is listed among the companions whose target was not found (as BigQuery
grants are). A member from a variable is UNKNOWN (``members not known``).

Inheritance: a Spanner instance's grants reach each of its databases; a Bigtable table is
part of its instance (not a resource of its own here), so a grant on a table opens the
instance's data (cloud.google.com/spanner/docs/iam, cloud.google.com/bigtable/docs/access-control).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.extras import ExtraFn, secret_manager_secret
from gdcc_audit.normalize.terraform.google_iam_policy import (
    grant_merge,
    iam_grants,
    iam_standalone,
)
from gdcc_audit.normalize.terraform.values import block, is_set

_FORMS = ("member", "binding", "policy")

SUBSCRIPTION = "google_pubsub_subscription"
TOPIC = "google_pubsub_topic"
SECRET = "google_secret_manager_secret"
REGIONAL_SECRET = "google_secret_manager_regional_secret"


def forms(prefix: str) -> tuple[str, ...]:
    """The three IAM resource types of ``prefix`` (``PREFIX_member``, ``_binding``,
    ``_policy``)."""
    return tuple(f"{prefix}_{form}" for form in _FORMS)


def _literal_target(
    r: TfResource, ctx: TfContext, attribute: str, types: Iterable[str], keys: tuple[str, ...]
) -> TfResource | None:
    """The one resource of ``types`` in ``r``'s module whose ``keys`` value is the literal
    ``attribute`` of ``r`` (or its last path segment: ``projects/p/secrets/NAME``)."""
    literal = r.values.get(attribute)
    if not isinstance(literal, str) or not literal:
        return None
    short = literal.rsplit("/", 1)[-1]
    named = [
        candidate
        for kind in types
        for candidate in ctx.by_type.get(kind, ())
        if candidate.module == r.module
        and any(candidate.values.get(key) in (literal, short) for key in keys)
    ]
    return named[0] if len(named) == 1 else None


def target(
    r: TfResource, ctx: TfContext, attribute: str, types: list[str], keys: tuple[str, ...]
) -> TfResource | None:
    """The resource a grant's ``attribute`` names: by reference (or the provider's own
    literal name matching), else by its literal ``keys`` value in the same module."""
    return ctx.target_of(r, attribute, types) or _literal_target(r, ctx, attribute, types, keys)


def companion(
    attributes: tuple[str, ...], types: list[str], keys: tuple[str, ...] = ("name",)
) -> CompanionFn:
    """The companion of a grant on the resource the first of ``attributes`` it writes names."""

    def contribute(r: TfResource, ctx: TfContext) -> list[Contribution]:
        for attribute in attributes:
            if r.values.get(attribute) is None:
                continue
            found = target(r, ctx, attribute, types, keys)
            if found is None:
                return []
            merge = grant_merge(iam_grants(r, ctx), r)
            return [Contribution(found.address, r.address, merge=merge)]
        return []

    return contribute


def _private(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """A resource private until an IAM grant on it names everyone (merged afterwards)."""
    return {"public_access": False, "public_grants": ()}


def _key(values: dict[str, Any] | None, *names: str) -> bool | None:
    """Whether an encryption block names a customer key (Cloud KMS or one supplied)."""
    if values is None:
        return None
    if not values:
        return False
    found = [is_set(values, name) for name in names]
    if any(found):
        return True
    return None if None in found else False


def subscription(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_pubsub_subscription``: its messages are kept encrypted with the topic's key
    ("Pub/Sub uses the CMEK configured on the topic", cloud.google.com/pubsub/docs/cmek), so
    the key is customer-managed when the topic in the scan names one."""
    topic = ctx.target_of(r, "topic", [TOPIC])
    return "messaging.queue", Facets(
        encrypted_at_rest=True,
        customer_managed_key=None if topic is None else is_set(topic.values, "kms_key_name"),
        public_access=False,
        public_grants=(),
    )


def image(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_image``: a disk image, private to its project until shared by IAM
    (cloud.google.com/compute/docs/images/managing-access-custom-images)."""
    key = block(r.values, "image_encryption_key")
    return "compute.image", Facets(
        encrypted_at_rest=True,
        customer_managed_key=_key(key, "kms_key_self_link", "raw_key"),
        public_access=False,
        public_grants=(),
    )


def machine_image(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_machine_image``: an instance's disks and properties, private to its
    project until shared by IAM."""
    key = block(r.values, "machine_image_encryption_key")
    return "compute.image", Facets(
        encrypted_at_rest=True,
        customer_managed_key=_key(key, "kms_key_name", "raw_key"),
        public_access=False,
        public_grants=(),
    )


def snapshot(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_compute_snapshot``: a disk's data, private to its project until shared by
    IAM."""
    key = block(r.values, "snapshot_encryption_key")
    return "storage.snapshot", Facets(
        encrypted_at_rest=True,
        customer_managed_key=_key(key, "kms_key_self_link", "raw_key", "rsa_encrypted_key"),
        public_access=False,
        public_grants=(),
    )


_SUBSCRIPTION_GRANTS = forms("google_pubsub_subscription_iam")
_SECRET_GRANTS = forms("google_secret_manager_secret_iam")
_REGIONAL_SECRET_GRANTS = forms("google_secret_manager_regional_secret_iam")
_IMAGE_GRANTS = forms("google_compute_image_iam")
_MACHINE_IMAGE_GRANTS = forms("google_compute_machine_image_iam")
_SNAPSHOT_GRANTS = forms("google_compute_snapshot_iam")
_DISK_GRANTS = forms("google_compute_disk_iam")
_REGION_DISK_GRANTS = forms("google_compute_region_disk_iam")
DATAPROC = "google_dataproc_cluster"
_DATAPROC_GRANTS = forms("google_dataproc_cluster_iam")

#: Grants judged on their own (as their target's kind) when the target is not in the scan.
STANDALONE_KINDS: dict[tuple[str, ...], str] = {
    _SUBSCRIPTION_GRANTS: "messaging.queue",
    _SECRET_GRANTS: "crypto.secret",
    _REGIONAL_SECRET_GRANTS: "crypto.secret",
    _IMAGE_GRANTS: "compute.image",
    _MACHINE_IMAGE_GRANTS: "compute.image",
    _SNAPSHOT_GRANTS: "storage.snapshot",
    _DISK_GRANTS: "storage.volume",
    _REGION_DISK_GRANTS: "storage.volume",
    _DATAPROC_GRANTS: "container.cluster",
}
#: Every grant type judged alone when its target is not in the scan.
GRANT_TYPES: tuple[str, ...] = tuple(t for types in STANDALONE_KINDS for t in types)


# -- Bigtable and Spanner ------------------------------------------------------------------

BIGTABLE_INSTANCE = "google_bigtable_instance"
SPANNER_INSTANCE = "google_spanner_instance"
SPANNER_DATABASE = "google_spanner_database"


def _instance_keys(
    r: TfResource, ctx: TfContext, attributes: tuple[str, ...], instance_type: str
) -> set[tuple[str, str]]:
    """What names the instance ``r``'s first written ``attributes`` refers to: the instance
    resource of the scan (by reference or literal name) and its literal name."""
    for attribute in attributes:
        value = r.values.get(attribute)
        if value is None:
            continue
        keys: set[tuple[str, str]] = set()
        found = ctx.target_of(r, attribute, [instance_type])
        if found is not None:
            keys.add(("resource", found.address))
            name = found.values.get("name")
            if isinstance(name, str) and name:
                keys.add(("name", name))
        elif isinstance(value, str) and value:
            keys.add(("name", value.rsplit("/", 1)[-1]))
        return keys
    return set()


def _spanner_databases(r: TfResource, ctx: TfContext) -> list[TfResource]:
    """The Spanner databases of the scan in the instance a grant's ``instance`` names."""
    wanted = _instance_keys(r, ctx, ("instance",), SPANNER_INSTANCE)
    if not wanted:
        return []
    return [
        d
        for d in ctx.by_type.get(SPANNER_DATABASE, ())
        if d.module == r.module
        and wanted & _instance_keys(d, ctx, ("instance",), SPANNER_INSTANCE)
    ]


def _spanner_instance_grant(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_spanner_instance_iam_*``: the instance's grants reach each of its databases
    ("roles granted at the instance level apply to all databases in it",
    cloud.google.com/spanner/docs/iam)."""
    merge = grant_merge(iam_grants(r, ctx), r)
    return [Contribution(d.address, r.address, merge=merge) for d in _spanner_databases(r, ctx)]


def _spanner_database_grant(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_spanner_database_iam_*``: the database ``database`` names (by reference, or
    by its literal name in the instance ``instance`` names)."""
    found = ctx.target_of(r, "database", [SPANNER_DATABASE])
    if found is None:
        literal = r.values.get("database")
        if isinstance(literal, str) and literal:
            short = literal.rsplit("/", 1)[-1]
            named = [d for d in _spanner_databases(r, ctx) if d.values.get("name") == short]
            found = named[0] if len(named) == 1 else None
    if found is None:
        return []
    return [Contribution(found.address, r.address, merge=grant_merge(iam_grants(r, ctx), r))]


def _bigtable_grant(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``google_bigtable_instance_iam_*`` and ``google_bigtable_table_iam_*``: a table is
    part of its instance, so a grant on a table opens data of the instance (``instance_name``
    in provider 6, ``instance`` before)."""
    wanted = _instance_keys(r, ctx, ("instance_name", "instance"), BIGTABLE_INSTANCE)
    if not wanted:
        return []
    instances = [
        i
        for i in ctx.by_type.get(BIGTABLE_INSTANCE, ())
        if i.module == r.module
        and (("resource", i.address) in wanted or ("name", i.values.get("name")) in wanted)
    ]
    if len(instances) != 1:
        return []
    merge = grant_merge(iam_grants(r, ctx), r)
    return [Contribution(instances[0].address, r.address, merge=merge)]


# -- Dataproc --------------------------------------------------------------------------------


_INTERNAL_IP_DEFAULT = Text(
    en="internal_ip_only is not written and neither is the image version: it is true by "
    "default from image 2.2, and older images give every VM an external IP address",
    th="ไม่ได้กำหนด internal_ip_only และไม่ได้กำหนดเวอร์ชันของ image ค่าเริ่มต้นเป็น true ตั้งแต่ image 2.2 "
    "ส่วน image รุ่นก่อนหน้าให้ IP ภายนอกแก่ VM ทุกเครื่อง",
)


def _image_at_least_2_2(version: str) -> bool | None:
    """Whether a Dataproc image version (``2.2``, ``2.2-debian12``, ``2.1.75-ubuntu20``) is
    2.2 or later; None when it cannot be read."""
    head = version.split("-", 1)[0].split(".")
    if len(head) < 2 or not (head[0].isdigit() and head[1].isdigit()):
        return None
    return (int(head[0]), int(head[1])) >= (2, 2)


def _node_public_ip(r: TfResource, ctx: TfContext, config: dict[str, Any] | None) -> bool | None:
    """Whether the cluster's VMs get external IP addresses: ``internal_ip_only`` "is set to
    true by default in clusters created with image versions 2.2.x"; before, "clusters are not
    restricted to internal IP addresses, and will have ephemeral external IP addresses
    assigned to each instance" (cloud.google.com/dataproc/docs/reference/rest/v1/
    ClusterConfig#GceClusterConfig)."""
    if config is None:
        return None
    gce = block(config, "gce_cluster_config")
    software = block(config, "software_config")
    if gce is None or software is None:
        return None
    written = gce.get("internal_ip_only")
    if isinstance(written, bool):
        return not written
    if written is not None:
        return None
    version = software.get("image_version")
    if isinstance(version, str) and UNKNOWN_TEXT not in version:
        recent = _image_at_least_2_2(version)
        return None if recent is None else not recent
    if version is None:
        ctx.note(r, "node_public_ip", None, unknown=_INTERNAL_IP_DEFAULT)
        ctx.note(r, "public_endpoint", None, unknown=_INTERNAL_IP_DEFAULT)
    return None


_DATAPROC_ENDPOINT = Text(
    en="Dataproc has no Kubernetes API server: its master and worker VMs get external IP "
    "addresses, at which SSH and the cluster's web interfaces (YARN, HDFS, Spark) are "
    "reached",
    th="Dataproc ไม่มี API server ของ Kubernetes: VM ของ master และ worker ได้รับ IP ภายนอก "
    "ซึ่งเข้าถึง SSH และส่วนต่อประสานเว็บของคลัสเตอร์ (YARN, HDFS, Spark) ได้",
)


def dataproc_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_dataproc_cluster``: Hadoop and Spark on Compute Engine VMs, used through the
    Dataproc API under IAM; private until a grant on it names everyone."""
    config = block(r.values, "cluster_config")
    encryption = None if config is None else block(config, "encryption_config")
    public_ip = _node_public_ip(r, ctx, config)
    if public_ip:  # GDCC-CLU-002's "API server endpoint" is its VMs' addresses here
        ctx.note(r, "public_endpoint", True, because=_DATAPROC_ENDPOINT)
    return "container.cluster", Facets(
        public_access=False,
        public_grants=(),
        # its master and workers are reached at their VMs' addresses (SSH, the YARN and HDFS
        # interfaces): the cluster has a public endpoint when its VMs have external IPs
        public_endpoint=public_ip,
        node_public_ip=public_ip,
        customer_managed_key=None if encryption is None else is_set(encryption, "kms_key_name"),
    )


def _each(types: tuple[str, ...], fn: CompanionFn) -> dict[str, CompanionFn]:
    return dict.fromkeys(types, fn)


MAPPINGS: dict[str, MapFn] = {
    SUBSCRIPTION: subscription,
    REGIONAL_SECRET: secret_manager_secret,
    "google_compute_image": image,
    "google_compute_machine_image": machine_image,
    "google_compute_snapshot": snapshot,
    DATAPROC: dataproc_cluster,
    **{
        grant: iam_standalone(kind)
        for types, kind in STANDALONE_KINDS.items()
        for grant in types
    },
}

COMPANIONS: dict[str, CompanionFn] = {
    **_each(_SUBSCRIPTION_GRANTS, companion(("subscription",), [SUBSCRIPTION])),
    **_each(_SECRET_GRANTS, companion(("secret_id",), [SECRET], ("secret_id",))),
    **_each(
        _REGIONAL_SECRET_GRANTS, companion(("secret_id",), [REGIONAL_SECRET], ("secret_id",))
    ),
    **_each(_IMAGE_GRANTS, companion(("image",), ["google_compute_image"])),
    **_each(
        _MACHINE_IMAGE_GRANTS, companion(("machine_image",), ["google_compute_machine_image"])
    ),
    **_each(_SNAPSHOT_GRANTS, companion(("name",), ["google_compute_snapshot"])),
    **_each(_DISK_GRANTS, companion(("name",), ["google_compute_disk"])),
    **_each(_REGION_DISK_GRANTS, companion(("name",), ["google_compute_region_disk"])),
    **_each(forms("google_spanner_instance_iam"), _spanner_instance_grant),
    **_each(forms("google_spanner_database_iam"), _spanner_database_grant),
    **_each(forms("google_bigtable_instance_iam"), _bigtable_grant),
    **_each(forms("google_bigtable_table_iam"), _bigtable_grant),
    **_each(_DATAPROC_GRANTS, companion(("cluster",), [DATAPROC])),
}

EXTRAS: dict[str, ExtraFn] = {
    SECRET: _private,
    REGIONAL_SECRET: _private,
    "google_compute_disk": _private,
    "google_compute_region_disk": _private,
    SPANNER_DATABASE: _private,
    BIGTABLE_INSTANCE: _private,
}

