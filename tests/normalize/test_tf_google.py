"""google Terraform resources to canonical kinds and facets."""

from __future__ import annotations

from tfhelpers import expect, facets_of, map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.resource import IngressRule


def test_bucket_and_public_iam_member() -> None:
    bucket = res(
        "google_storage_bucket.b", {"location": "ASIA-SOUTHEAST1", "labels": {"gdcc_system": "web"}}
    )
    member = res(
        "google_storage_bucket_iam_member.m",
        {"role": "roles/storage.objectViewer", "member": "allUsers"},
        {"bucket": "google_storage_bucket.b.name"},
    )
    found = map_all(bucket, member)
    assert set(found) == {"google_storage_bucket.b"}
    assert found["google_storage_bucket.b"].system == "web"
    assert found["google_storage_bucket.b"].facets == expect(
        encrypted_at_rest=True,
        encrypted_in_transit=True,
        customer_managed_key=False,
        versioning=False,
        access_logging=False,
        public_access=True,
        public_grants=(
            "roles/storage.objectViewer to allUsers by google_storage_bucket_iam_member.m "
            "at main.tf:1",
        ),
        region="ASIA-SOUTHEAST1",
        public_access_block=False,  # "inherited": the bucket itself does not enforce it
    )
    enforced = res("google_storage_bucket.e", {"public_access_prevention": "enforced"})
    member2 = res(
        "google_storage_bucket_iam_member.m2",
        {"member": "allUsers"},
        {"bucket": "google_storage_bucket.e.name"},
    )
    assert facets_of(enforced, member2).public_access is False


def test_sql_instance_public_and_private() -> None:
    public = res(
        "google_sql_database_instance.p",
        {
            "root_password": "x",
            "settings": [
                {
                    "ip_configuration": [{"authorized_networks": [{"value": "0.0.0.0/0"}]}],
                    "backup_configuration": [{"enabled": True}],
                }
            ],
        },
    )
    assert facets_of(public) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        public_endpoint=True,
        public_access=True,
        encrypted_in_transit=False,
        backup_enabled=True,
        backup_retention_days=7,
        deletion_protection=True,
        high_availability=False,
        hardcoded_secrets=("root_password",),
        directory_auth=False,  # no IAM flag is on, whatever the engine
        # the authorized network, on every port (no database_version: the engine not known)
        ingress=(
            IngressRule(
                protocol="all", sources=("0.0.0.0/0",),
                declared_by="google_sql_database_instance.p authorized_networks",
            ),
        ),
    )
    private = res(
        "google_sql_database_instance.q",
        {
            "settings": [
                {
                    "availability_type": "REGIONAL",
                    "ip_configuration": [{"ipv4_enabled": False, "ssl_mode": "ENCRYPTED_ONLY"}],
                }
            ]
        },
    )
    assert facets_of(private) == expect(
        encrypted_at_rest=True,
        customer_managed_key=False,
        public_endpoint=False,
        public_access=False,
        encrypted_in_transit=True,
        backup_enabled=False,
        backup_retention_days=0,
        deletion_protection=True,
        high_availability=True,
        directory_auth=False,
        ingress=(),  # no public IP, no private network
    )


def test_firewall() -> None:
    assert facets_of(
        res(
            "google_compute_firewall.f",
            {
                "allow": [{"protocol": "tcp", "ports": ["22", "8000-8080"]}, {"protocol": "icmp"}],
                "source_ranges": ["0.0.0.0/0"],
            },
        )
    ) == expect(
        ingress=(
            IngressRule(protocol="tcp", from_port=22, to_port=22, sources=("0.0.0.0/0",)),
            IngressRule(protocol="tcp", from_port=8000, to_port=8080, sources=("0.0.0.0/0",)),
            IngressRule(protocol="icmp", from_port=0, to_port=65535, sources=("0.0.0.0/0",)),
        )
    )
    assert facets_of(res("google_compute_firewall.e", {"direction": "EGRESS"})) == expect(
        ingress=()
    )
    assert facets_of(res("google_compute_firewall.u", {"allow": UNKNOWN})) == expect()


def test_gke_kms_iam() -> None:
    found = map_all(
        res("google_container_cluster.c", {}),
        res("google_kms_crypto_key.k", {"rotation_period": "7776000s"}),
        res("google_kms_crypto_key.n", {}),
        res("google_project_iam_member.o", {"role": "roles/owner", "member": "user:a@x"}),
    )
    assert found["google_container_cluster.c"].facets == expect(
        public_endpoint=True,
        public_access=True,
        access_logging=True,
        customer_managed_key=False,
        encrypted_at_rest=True,
        secrets_encryption=False,
        control_plane_logging=True,
        network_policy_enforced=False,
        node_public_ip=True,
        directory_auth=True,
        rbac_authorization=True,
        workload_identity=False,
        boot_protection_off=("secure boot on default node pool",),
        # node_config.service_account not written: the Compute Engine default account
        default_service_account=True,
    )
    assert found["google_kms_crypto_key.k"].facets == expect(key_rotation=True, public_access=False)
    assert found["google_kms_crypto_key.n"].facets == expect(
        key_rotation=False, public_access=False
    )
    assert found["google_project_iam_member.o"].facets == expect(
        admin_privileges=True, wildcard_permissions=True, public_access=False, basic_role=True
    )


def test_bigquery_key_required_in_its_block_is_a_customer_key() -> None:
    """kms_key_name is required in encryption_configuration and Google has no
    provider-managed key names: a key from a variable without a value is still the
    customer's; no block is Google-managed; a dynamic block not known stays unknown."""
    table = "google_bigquery_table"
    dataset = "google_bigquery_dataset"
    var_key = res(f"{table}.v", {"encryption_configuration": [{"kms_key_name": UNKNOWN}]})
    written = res(f"{table}.w", {"encryption_configuration": [{"kms_key_name": "projects/p/k"}]})
    none = res(f"{table}.n", {"table_id": "t"})
    dynamic = res(f"{table}.d", {"encryption_configuration": UNKNOWN})
    ds_var = res(f"{dataset}.v", {"default_encryption_configuration": [{"kms_key_name": UNKNOWN}]})
    ds_none = res(f"{dataset}.n", {"dataset_id": "d"})
    assert facets_of(var_key).customer_managed_key is True
    assert facets_of(written).customer_managed_key is True
    assert facets_of(none).customer_managed_key is False
    assert facets_of(dynamic).customer_managed_key is None
    assert facets_of(ds_var).customer_managed_key is True
    assert facets_of(ds_none).customer_managed_key is False


def test_cloud_sql_connection_flags_off_are_named() -> None:
    """GDCC-DB-004 judges log_connections and log_disconnections together; the evidence
    names the flags that are not on, so a check about one flag (CKV_GCP_52 / 53, mapped
    with ``listed:flags_off:<flag>``) reads its own flag (before, a pass on
    log_disconnections alone was a FAIL of the pair)."""
    from gdcc_audit.bridges.checkov.convert import native_verdict
    from gdcc_audit.evaluate.checks.database import postgres_connections_logged
    from gdcc_audit.models.finding import Finding, Status

    def flags(*on: str) -> dict[str, object]:
        listed = [{"name": name, "value": "on"} for name in on]
        return {
            "database_version": "POSTGRES_15",
            "settings": [{"tier": "db-f1-micro", "database_flags": listed}],
        }

    found = map_all(
        res("google_sql_database_instance.both", flags("log_connections", "log_disconnections")),
        res("google_sql_database_instance.disconnections", flags("log_disconnections")),
        res("google_sql_database_instance.none", flags()),
    )
    assert {a: r.facets.connection_logging_off for a, r in found.items()} == {
        "google_sql_database_instance.both": (),
        "google_sql_database_instance.disconnections": ("log_connections",),
        "google_sql_database_instance.none": ("log_connections", "log_disconnections"),
    }
    outcome = postgres_connections_logged(found["google_sql_database_instance.disconnections"],
                                          None)  # type: ignore[arg-type]
    assert (outcome.status, outcome.evidence) == (
        Status.FAIL, {"connection_logging": False, "flags_off": ["log_connections"]}
    )
    finding = Finding.model_construct(status=outcome.status, evidence=outcome.evidence,
                                      evidence_key="")
    assert native_verdict(finding, "listed:flags_off:log_connections") == Status.FAIL
    assert native_verdict(finding, "listed:flags_off:log_disconnections") == Status.PASS
