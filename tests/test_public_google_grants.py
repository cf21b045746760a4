"""Google resources made public by an IAM grant on themselves (``*_iam_member``,
``*_iam_binding``, ``*_iam_policy`` naming ``allUsers`` / ``allAuthenticatedUsers``), each
judged by the rule of its kind with the deciding grant named in ``evidence.granted_by``:

- Pub/Sub subscriptions (``messaging.queue``): GDCC-MSG-002;
- Secret Manager secrets, global and regional (``crypto.secret``): GDCC-SECRET-003;
- Compute Engine images and machine images (``compute.image``), snapshots
  (``storage.snapshot``) and disks (``storage.volume``): GDCC-DATA-001;
- Dataproc clusters (``container.cluster``): GDCC-CLU-007.

A member from a variable is UNKNOWN; a grant whose target is not in the scan is judged on its
own, for who it lets in only."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "reader" {
  type = string
}

resource "google_pubsub_topic" "orders" {
  name         = "orders"
  kms_key_name = "projects/p/locations/asia-southeast1/keyRings/r/cryptoKeys/k"
}

resource "google_pubsub_subscription" "open" {
  name  = "open"
  topic = google_pubsub_topic.orders.id
}

resource "google_pubsub_subscription_iam_member" "open" {
  subscription = google_pubsub_subscription.open.name
  role         = "roles/pubsub.subscriber"
  member       = "allUsers"
}

resource "google_pubsub_subscription" "private" {
  name  = "private"
  topic = google_pubsub_topic.orders.id
}

resource "google_pubsub_subscription_iam_binding" "private" {
  subscription = "private"
  role         = "roles/pubsub.subscriber"
  members      = ["serviceAccount:worker@p.iam.gserviceaccount.com"]
}

resource "google_pubsub_subscription" "by_policy" {
  name  = "by_policy"
  topic = "projects/p/topics/elsewhere"
}

resource "google_pubsub_subscription_iam_policy" "by_policy" {
  subscription = google_pubsub_subscription.by_policy.id
  policy_data = jsonencode({
    bindings = [
      { role = "roles/pubsub.viewer", members = ["group:ops@agency.go.th"] },
      { role = "roles/pubsub.subscriber", members = ["allAuthenticatedUsers"] },
    ]
  })
}

resource "google_pubsub_subscription" "from_variable" {
  name  = "from_variable"
  topic = google_pubsub_topic.orders.id
}

resource "google_pubsub_subscription_iam_member" "from_variable" {
  subscription = google_pubsub_subscription.from_variable.name
  role         = "roles/pubsub.subscriber"
  member       = var.reader
}

resource "google_pubsub_subscription_iam_binding" "alone" {
  subscription = "projects/p/subscriptions/not-in-this-scan"
  role         = "roles/pubsub.subscriber"
  members      = ["allUsers"]
}

resource "google_secret_manager_secret" "open" {
  secret_id = "open"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "open" {
  secret_id = google_secret_manager_secret.open.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "allAuthenticatedUsers"
}

resource "google_secret_manager_secret" "by_path" {
  secret_id = "by_path"
  replication {
    auto {}
  }
}

data "google_iam_policy" "by_path" {
  binding {
    role    = "roles/secretmanager.secretAccessor"
    members = ["allUsers", "serviceAccount:app@p.iam.gserviceaccount.com"]
  }
}

resource "google_secret_manager_secret_iam_policy" "by_path" {
  secret_id   = "projects/p/secrets/by_path"
  policy_data = data.google_iam_policy.by_path.policy_data
}

resource "google_secret_manager_secret" "private" {
  secret_id = "private"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_binding" "private" {
  secret_id = google_secret_manager_secret.private.secret_id
  role      = "roles/secretmanager.secretAccessor"
  members   = ["serviceAccount:app@p.iam.gserviceaccount.com"]
}

resource "google_secret_manager_regional_secret" "from_variable" {
  secret_id = "from_variable"
  location  = "asia-southeast1"
}

resource "google_secret_manager_regional_secret_iam_member" "from_variable" {
  secret_id = google_secret_manager_regional_secret.from_variable.secret_id
  location  = "asia-southeast1"
  role      = "roles/secretmanager.secretAccessor"
  member    = var.reader
}

resource "google_secret_manager_secret_iam_member" "alone" {
  secret_id = "projects/p/secrets/not-in-this-scan"
  role      = "roles/secretmanager.secretAccessor"
  member    = "allAuthenticatedUsers"
}

resource "google_compute_disk" "shared" {
  name = "shared"
  zone = "asia-southeast1-a"
}

resource "google_compute_disk_iam_binding" "shared" {
  name    = google_compute_disk.shared.name
  zone    = "asia-southeast1-a"
  role    = "roles/compute.storageAdmin"
  members = ["allUsers"]
}

resource "google_compute_region_disk" "private" {
  name          = "private"
  region        = "asia-southeast1"
  replica_zones = ["asia-southeast1-a", "asia-southeast1-b"]
}

resource "google_compute_image" "golden" {
  name        = "golden"
  source_disk = google_compute_disk.shared.id
}

resource "google_compute_image_iam_member" "golden" {
  image  = google_compute_image.golden.name
  role   = "roles/compute.imageUser"
  member = "allAuthenticatedUsers"
}

resource "google_compute_image" "private" {
  name        = "private"
  source_disk = google_compute_disk.shared.id
}

resource "google_compute_image_iam_binding" "private" {
  image   = google_compute_image.private.name
  role    = "roles/compute.imageUser"
  members = ["group:builders@agency.go.th"]
}

resource "google_compute_machine_image" "backup" {
  name            = "backup"
  source_instance = "projects/p/zones/asia-southeast1-a/instances/app"
}

resource "google_compute_machine_image_iam_policy" "backup" {
  machine_image = google_compute_machine_image.backup.name
  policy_data = jsonencode({
    bindings = [{ role = "roles/compute.admin", members = ["allUsers"] }]
  })
}

resource "google_compute_snapshot" "nightly" {
  name        = "nightly"
  source_disk = google_compute_disk.shared.id
  zone        = "asia-southeast1-a"
}

resource "google_compute_snapshot_iam_member" "alone" {
  name   = "not-in-this-scan"
  role   = "roles/compute.storageAdmin"
  member = "allAuthenticatedUsers"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "ap-southeast-7a"
  size              = 10
}

resource "google_dataproc_cluster" "shared" {
  name   = "shared"
  region = "asia-southeast1"
  cluster_config {
    gce_cluster_config {
      internal_ip_only = true
    }
  }
}

resource "google_dataproc_cluster_iam_binding" "shared" {
  cluster = google_dataproc_cluster.shared.name
  region  = "asia-southeast1"
  role    = "roles/dataproc.editor"
  members = ["user:analyst@agency.go.th", "allUsers"]
}

resource "google_dataproc_cluster" "old_image" {
  name   = "old_image"
  region = "asia-southeast1"
  cluster_config {
    software_config {
      image_version = "2.1.80-debian11"
    }
  }
}

resource "google_dataproc_cluster_iam_policy" "old_image" {
  cluster     = "old_image"
  region      = "asia-southeast1"
  policy_data = jsonencode({
    bindings = [{ role = "roles/dataproc.viewer", members = [var.reader] }]
  })
}

resource "google_dataproc_cluster" "default_image" {
  name   = "default_image"
  region = "asia-southeast1"
}

resource "google_dataproc_cluster_iam_member" "alone" {
  cluster = "not-in-this-scan"
  region  = "asia-southeast1"
  role    = "roles/dataproc.viewer"
  member  = "allAuthenticatedUsers"
}
"""


def _line(address: str) -> int:
    kind, name = address.split(".")
    return MAIN.splitlines().index(f'resource "{kind}" "{name}" {{') + 1


def _by(grant: str, address: str, main: Path) -> str:
    """``GRANT by ADDRESS at FILE:LINE``, as the evidence names a grant."""
    return f"{grant} by {address} at {main}:{_line(address)}"


def _scan(tmp_path: Path, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=rules))
    found: dict[tuple[str, str], Finding] = {}
    for f in result.findings:
        key = (f.address or "", f.rule_id)
        assert key not in found, key
        found[key] = f
    return found


def _statuses(found: dict[tuple[str, str], Finding], rule: str) -> dict[str, Status]:
    return {address: f.status for (address, rule_id), f in found.items() if rule_id == rule}


def test_subscriptions_are_judged_by_the_queue_rule(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-MSG-002")
    main = tmp_path / "main.tf"
    assert _statuses(found, "GDCC-MSG-002") == {
        "google_pubsub_topic.orders": Status.PASS,
        "google_pubsub_subscription.open": Status.FAIL,
        "google_pubsub_subscription.private": Status.PASS,
        "google_pubsub_subscription.by_policy": Status.FAIL,
        "google_pubsub_subscription.from_variable": Status.UNKNOWN,
        # its subscription is not in the scan: the grant is judged for who it lets in
        "google_pubsub_subscription_iam_binding.alone": Status.FAIL,
    }
    opened = found[("google_pubsub_subscription.open", "GDCC-MSG-002")]
    granted = _by(
        "roles/pubsub.subscriber to allUsers", "google_pubsub_subscription_iam_member.open", main
    )
    assert opened.evidence == {"public_access": True, "granted_by": [granted]}
    assert opened.message is not None
    assert opened.message.en == f"anyone on the internet can access it (granted by {granted})"
    assert found[("google_pubsub_subscription.by_policy", "GDCC-MSG-002")].evidence == {
        "public_access": True,
        "granted_by": [
            _by(
                "roles/pubsub.subscriber to allAuthenticatedUsers",
                "google_pubsub_subscription_iam_policy.by_policy",
                main,
            )
        ],
    }
    assert found[("google_pubsub_subscription.from_variable", "GDCC-MSG-002")].evidence == {
        "public_access": None,
        "granted_by": [
            _by(
                "roles/pubsub.subscriber to members not known",
                "google_pubsub_subscription_iam_member.from_variable",
                main,
            )
        ],
    }
    assert found[("google_pubsub_subscription_iam_binding.alone", "GDCC-MSG-002")].evidence == {
        "public_access": True,
        "granted_by": [
            _by(
                "roles/pubsub.subscriber to allUsers",
                "google_pubsub_subscription_iam_binding.alone",
                main,
            )
        ],
    }


def test_a_subscription_is_a_queue_without_an_engine(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-DB-002", "GDCC-MSG-001", "GDCC-ENC-002", "GDCC-NET-002")
    # reached through the Pub/Sub API only: no network endpoint of its own
    endpoint = found[("google_pubsub_subscription.open", "GDCC-NET-002")]
    assert endpoint.status == Status.NOT_APPLICABLE
    assert endpoint.message is not None
    assert "reached only through the provider's API" in endpoint.message.en
    upgrades = found[("google_pubsub_subscription.open", "GDCC-DB-002")]
    assert upgrades.status == Status.NOT_APPLICABLE
    assert upgrades.message is not None
    assert upgrades.message.en.endswith(
        "a message queue without a database engine has no minor-version upgrades"
    )
    assert found[("google_pubsub_subscription.open", "GDCC-MSG-001")].status == Status.PASS
    # the grant standing alone is judged for who it lets in only
    alone = found[("google_pubsub_subscription_iam_binding.alone", "GDCC-MSG-001")]
    assert alone.status == Status.NOT_APPLICABLE


def test_secrets_readable_by_everyone_fail(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-SECRET-003")
    main = tmp_path / "main.tf"
    assert _statuses(found, "GDCC-SECRET-003") == {
        "google_secret_manager_secret.open": Status.FAIL,
        "google_secret_manager_secret.by_path": Status.FAIL,
        "google_secret_manager_secret.private": Status.PASS,
        "google_secret_manager_regional_secret.from_variable": Status.UNKNOWN,
        "google_secret_manager_secret_iam_member.alone": Status.FAIL,
    }
    assert found[("google_secret_manager_secret.open", "GDCC-SECRET-003")].evidence == {
        "public_access": True,
        "granted_by": [
            _by(
                "roles/secretmanager.secretAccessor to allAuthenticatedUsers",
                "google_secret_manager_secret_iam_member.open",
                main,
            )
        ],
    }
    # named by its path, granted through a data "google_iam_policy" document
    assert found[("google_secret_manager_secret.by_path", "GDCC-SECRET-003")].evidence == {
        "public_access": True,
        "granted_by": [
            _by(
                "roles/secretmanager.secretAccessor to allUsers",
                "google_secret_manager_secret_iam_policy.by_path",
                main,
            )
        ],
    }
    assert found[("google_secret_manager_secret.private", "GDCC-SECRET-003")].evidence == {
        "public_access": False
    }
    unknown = found[("google_secret_manager_regional_secret.from_variable", "GDCC-SECRET-003")]
    assert unknown.evidence == {
        "public_access": None,
        "granted_by": [
            _by(
                "roles/secretmanager.secretAccessor to members not known",
                "google_secret_manager_regional_secret_iam_member.from_variable",
                main,
            )
        ],
    }


def test_images_snapshots_and_disks_shared_with_everyone_fail(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-DATA-001")
    main = tmp_path / "main.tf"
    assert _statuses(found, "GDCC-DATA-001") == {
        "google_compute_disk.shared": Status.FAIL,
        "google_compute_region_disk.private": Status.PASS,
        "google_compute_image.golden": Status.FAIL,
        "google_compute_image.private": Status.PASS,
        "google_compute_machine_image.backup": Status.FAIL,
        "google_compute_snapshot.nightly": Status.PASS,
        "google_compute_snapshot_iam_member.alone": Status.FAIL,
        # an EBS volume is not shared by a grant (its snapshots are): not judged here
        "aws_ebs_volume.data": Status.NOT_APPLICABLE,
    }
    assert found[("google_compute_image.golden", "GDCC-DATA-001")].evidence == {
        "public_access": True,
        "data_classification": None,
        "granted_by": [
            _by(
                "roles/compute.imageUser to allAuthenticatedUsers",
                "google_compute_image_iam_member.golden",
                main,
            )
        ],
    }
    assert found[("google_compute_disk.shared", "GDCC-DATA-001")].evidence["granted_by"] == [
        _by(
            "roles/compute.storageAdmin to allUsers", "google_compute_disk_iam_binding.shared", main
        )
    ]
    assert found[("google_compute_machine_image.backup", "GDCC-DATA-001")].evidence[
        "granted_by"
    ] == [
        _by(
            "roles/compute.admin to allUsers",
            "google_compute_machine_image_iam_policy.backup",
            main,
        )
    ]
    assert found[("google_compute_snapshot_iam_member.alone", "GDCC-DATA-001")].evidence[
        "granted_by"
    ] == [
        _by(
            "roles/compute.storageAdmin to allAuthenticatedUsers",
            "google_compute_snapshot_iam_member.alone",
            main,
        )
    ]
    volume = found[("aws_ebs_volume.data", "GDCC-DATA-001")]
    assert volume.message is not None
    assert volume.message.en == (
        "no grant that could open this volume's data to everyone is read for its type (a "
        "volume's data is shared through its snapshots and images, judged on their own)"
    )


def test_images_are_not_judged_for_instance_settings(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-CMP-001", "GDCC-CMP-007", "GDCC-CMP-003", "GDCC-DATA-003")
    for address in ("google_compute_image.golden", "google_compute_machine_image.backup"):
        for rule in ("GDCC-CMP-001", "GDCC-CMP-007"):
            finding = found[(address, rule)]
            assert finding.status == Status.NOT_APPLICABLE, (address, rule)
            assert finding.message is not None
            assert "are those of the instance or template that boots it" in finding.message.en
        assert found[(address, "GDCC-CMP-003")].status == Status.PASS
    # where a snapshot is kept is its own; a grant standing alone has no location
    residency = found[("google_compute_snapshot_iam_member.alone", "GDCC-DATA-003")]
    assert residency.status == Status.NOT_APPLICABLE
    assert found[("google_compute_snapshot.nightly", "GDCC-DATA-003")].status == Status.UNKNOWN


def test_dataproc_clusters_usable_by_everyone_fail(tmp_path: Path) -> None:
    found = _scan(tmp_path, "GDCC-CLU-007")
    main = tmp_path / "main.tf"
    assert _statuses(found, "GDCC-CLU-007") == {
        "google_dataproc_cluster.shared": Status.FAIL,
        "google_dataproc_cluster.old_image": Status.UNKNOWN,
        "google_dataproc_cluster.default_image": Status.PASS,
        "google_dataproc_cluster_iam_member.alone": Status.FAIL,
    }
    shared = found[("google_dataproc_cluster.shared", "GDCC-CLU-007")]
    granted = _by(
        "roles/dataproc.editor to allUsers", "google_dataproc_cluster_iam_binding.shared", main
    )
    assert shared.evidence == {"public_access": True, "granted_by": [granted]}
    assert shared.message is not None
    assert shared.message.en == (
        f"anyone on the internet can use this cluster (granted by {granted})"
    )
    # the Thai message words the grant in Thai (reason_words.item_th)
    granted_th = (
        "roles/dataproc.editor ให้แก่ allUsers โดย google_dataproc_cluster_iam_binding.shared "
        f"ที่ {granted.rpartition(' at ')[2]}"
    )
    assert shared.message.th == (
        f"บุคคลใดบนอินเทอร์เน็ตก็ใช้งานคลัสเตอร์นี้ได้ (ให้สิทธิ์โดย {granted_th})"
    )
    # named by its literal name; the member is a variable
    assert found[("google_dataproc_cluster.old_image", "GDCC-CLU-007")].evidence == {
        "public_access": None,
        "granted_by": [
            _by(
                "roles/dataproc.viewer to members not known",
                "google_dataproc_cluster_iam_policy.old_image",
                main,
            )
        ],
    }
    assert found[("google_dataproc_cluster_iam_member.alone", "GDCC-CLU-007")].evidence == {
        "public_access": True,
        "granted_by": [
            _by(
                "roles/dataproc.viewer to allAuthenticatedUsers",
                "google_dataproc_cluster_iam_member.alone",
                main,
            )
        ],
    }


def test_dataproc_vms_external_addresses(tmp_path: Path) -> None:
    """``internal_ip_only`` is true by default from image 2.2; older images give each VM an
    external IP address (its SSH and YARN/HDFS interfaces are the cluster's endpoint)."""
    found = _scan(tmp_path, "GDCC-CLU-002", "GDCC-CLU-005", "GDCC-CLU-001", "GDCC-GRAPH-002")
    for rule in ("GDCC-CLU-002", "GDCC-CLU-005"):
        assert found[("google_dataproc_cluster.shared", rule)].status == Status.PASS
        assert found[("google_dataproc_cluster.old_image", rule)].status == Status.FAIL
        unwritten = found[("google_dataproc_cluster.default_image", rule)]
        assert unwritten.status == Status.UNKNOWN
        assert unwritten.message is not None
        assert unwritten.message.en.endswith(
            "internal_ip_only is not written and neither is the image version: it is true by "
            "default from image 2.2, and older images give every VM an external IP address"
        )
    # no Kubernetes API server: the FAIL says which endpoint is public
    old = found[("google_dataproc_cluster.old_image", "GDCC-CLU-002")]
    assert old.message is not None
    assert old.message.en == (
        "the API server endpoint is public (Dataproc has no Kubernetes API server: its master "
        "and worker VMs get external IP addresses, at which SSH and the cluster's web "
        "interfaces (YARN, HDFS, Spark) are reached)"
    )
    assert "Dataproc ไม่มี API server ของ Kubernetes" in old.message.th
    secrets = found[("google_dataproc_cluster.shared", "GDCC-CLU-001")]
    assert secrets.status == Status.NOT_APPLICABLE
    assert secrets.message is not None
    assert "not Kubernetes" in secrets.message.en
    # a grant standing alone has no network place: the path rules do not apply to it
    alone = found[("google_dataproc_cluster_iam_member.alone", "GDCC-GRAPH-002")]
    assert alone.status == Status.NOT_APPLICABLE
    assert alone.message is not None
    assert alone.message.en.startswith(
        "does not apply to google_dataproc_cluster_iam_member: this resource only grants access"
    )
