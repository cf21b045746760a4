"""A ``google_bigquery_dataset`` access entry naming a role and no grantee: in a plan or state
it may be allUsers (a google provider without the entry's member type stores it so; checkov
CKV_GCP_15, bridgecrewio/checkov#132), so GDCC-DATA-001 is UNKNOWN for the dataset and its
tables (it PASSed); in HCL the API refuses such an entry and it opens nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_EMPTY = {
    "user_by_email": "", "group_by_email": "", "domain": "", "special_group": "",
    "iam_member": "", "view": [], "routine": [], "dataset": [],
}


def _resource(rtype: str, name: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "address": f"{rtype}.{name}", "mode": "managed", "type": rtype, "name": name,
        "provider_name": "registry.terraform.io/hashicorp/google", "values": values,
    }


def _state(tmp_path: Path) -> Path:
    resources = [
        _resource("google_bigquery_dataset", "shared", {
            "dataset_id": "shared",
            "access": [
                {**_EMPTY, "role": "OWNER", "special_group": "projectOwners"},
                {"role": "READER"},  # an old provider's state: no other key at all
            ],
        }),
        _resource("google_bigquery_dataset", "shared_new", {
            "dataset_id": "shared_new",
            "access": [{**_EMPTY, "role": "READER"}],
        }),
        _resource("google_bigquery_dataset", "private", {
            "dataset_id": "private",
            "access": [
                {**_EMPTY, "role": "OWNER", "special_group": "projectOwners"},
                {**_EMPTY, "role": "READER", "group_by_email": "analysts@agency.go.th"},
            ],
        }),
        _resource("google_bigquery_table", "in_shared", {
            "dataset_id": "shared", "table_id": "in_shared",
        }),
    ]
    state = {
        "format_version": "1.0", "terraform_version": "1.9.0",
        "values": {"root_module": {"resources": resources}},
    }
    path = tmp_path / "state.json"
    path.write_text(json.dumps(state), encoding="utf-8")
    return path


def _found(target: Path) -> dict[str, Finding]:
    result = audit([target], Settings(rule_ids=("GDCC-DATA-001",), cache=False))
    return {f.address or "": f for f in result.findings}


def test_a_role_only_entry_of_a_state_may_be_all_users(tmp_path: Path) -> None:
    found = _found(_state(tmp_path))
    assert {address: f.status for address, f in found.items()} == {
        "google_bigquery_dataset.shared": Status.UNKNOWN,
        "google_bigquery_dataset.shared_new": Status.UNKNOWN,
        "google_bigquery_dataset.private": Status.PASS,
        "google_bigquery_table.in_shared": Status.UNKNOWN,
    }
    shared = found["google_bigquery_dataset.shared"]
    assert shared.message is not None
    assert "names a role but no grantee" in shared.message.en
    assert "allUsers" in shared.message.en
    assert "ไม่ระบุผู้ได้รับสิทธิ์" in shared.message.th
    assert shared.evidence is not None
    assert shared.evidence["public_access"] is None
    assert [g.split(" by ")[0] for g in shared.evidence["granted_by"]] == [
        "READER to members not known"
    ]
    table = found["google_bigquery_table.in_shared"]
    assert table.message is not None
    assert "names a role but no grantee" in table.message.en


def test_hcl_keeps_reading_a_role_only_entry_as_no_grant(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "google_bigquery_dataset" "d" {\n'
        '  dataset_id = "d"\n'
        "  access {\n"
        '    role = "READER"\n'
        "  }\n"
        "}\n",
        encoding="utf-8",
    )
    found = _found(tmp_path)
    assert {address: f.status for address, f in found.items()} == {
        "google_bigquery_dataset.d": Status.PASS
    }
