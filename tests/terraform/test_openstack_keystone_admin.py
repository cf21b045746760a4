"""Keystone users' administrator role (GDCC-IAM-002, ``openstack._admin_privileges``): decided
by the rule floating IPs use for a wholly scanned Terraform root (``public_address``): the root
is the configuration, so a user that no role assignment of it gives an administrator role, to
it or to a group of the root it is a member of, has none. It was "not known" for every user
without an admin assignment (5 IAM-002 UNKNOWN on terraform-openstack-examples: users given
``member`` by a role data source, or no role at all). Still not known: a role that is not
known (an input, a ``for_each`` lookup), a membership of a group the root does not make (its
roles are given elsewhere), an assignment of another root of the scan naming a user it looks
up, a module of the root not read."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

#: terraform-openstack-examples' user-group-membership shape: a user in a group of the root,
#: the group given the role a data source looks up by the name an input defaults to.
MEMBER = """\
variable "role_name" {
  type    = string
  default = "member"
}

resource "openstack_identity_user_v3" "this" {
  name     = "app"
  password = var.user_password
}

variable "user_password" {
  type      = string
  sensitive = true
}

resource "openstack_identity_group_v3" "this" {
  name = "apps"
}

resource "openstack_identity_user_membership_v3" "this" {
  user_id  = openstack_identity_user_v3.this.id
  group_id = openstack_identity_group_v3.this.id
}

data "openstack_identity_role_v3" "role" {
  name = var.role_name
}

resource "openstack_identity_role_assignment_v3" "group" {
  group_id   = openstack_identity_group_v3.this.id
  project_id = "00000000000000000000000000000000"
  role_id    = data.openstack_identity_role_v3.role.id
}

resource "openstack_identity_user_v3" "lonely" {
  name = "lonely"
}
"""

#: A role given by an input without a default, and a membership of a group looked up.
NOT_KNOWN = """\
variable "role_id" {
  type = string
}

resource "openstack_identity_user_v3" "ops" {
  name = "ops"
}

resource "openstack_identity_role_assignment_v3" "ops" {
  user_id    = openstack_identity_user_v3.ops.id
  project_id = "00000000000000000000000000000000"
  role_id    = var.role_id
}

resource "openstack_identity_user_v3" "auditor" {
  name = "auditor"
}

data "openstack_identity_group_v3" "admins" {
  name = "admins"
}

resource "openstack_identity_user_membership_v3" "auditor" {
  user_id  = openstack_identity_user_v3.auditor.id
  group_id = data.openstack_identity_group_v3.admins.id
}
"""

DOC = "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html"
TAIL = (f" and the whole Terraform root was scanned ({DOC}); a role given in another root, by "
        "hand or through a custom policy is not in the input)")


def _findings(root: Path) -> dict[str, Finding]:
    result = audit([root], Settings(rule_ids=("GDCC-IAM-002",)))
    return {f.address or "": f for f in result.findings}


def test_users_no_admin_role_of_a_whole_root_names_are_no_administrators(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(MEMBER, encoding="utf-8")
    found = _findings(tmp_path)
    member = found["openstack_identity_user_v3.this"]
    assert member.status.value == "PASS"
    assert member.message.en == (
        "it has no administrator privileges (the roles the scanned configuration gives it "
        f"(member) are not administrator roles{TAIL}"
    )
    assert "ไม่ใช่บทบาทผู้ดูแลระบบ" in member.message.th
    lonely = found["openstack_identity_user_v3.lonely"]
    assert lonely.status.value == "PASS"
    assert lonely.message.en == (
        "it has no administrator privileges (no role assignment of the scanned configuration "
        f"gives it a role{TAIL}"
    )


def test_a_role_or_group_not_known_leaves_it_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NOT_KNOWN, encoding="utf-8")
    found = _findings(tmp_path)
    lead = ("whether it has administrator privileges is not known from the input: role "
            "assignments or group memberships of the scan may give it a role not known to be "
            "a non-administrator one: ")
    assert (found["openstack_identity_user_v3.ops"].status.value,
            found["openstack_identity_user_v3.ops"].message.en) == (
        "UNKNOWN", lead + "openstack_identity_role_assignment_v3.ops")
    assert found["openstack_identity_user_v3.auditor"].message.en == (
        lead + "openstack_identity_user_membership_v3.auditor"
    )


def test_another_root_giving_a_looked_up_user_a_role_leaves_it_unknown(
    tmp_path: Path,
) -> None:
    (tmp_path / "users").mkdir()
    (tmp_path / "users" / "main.tf").write_text(
        'resource "openstack_identity_user_v3" "svc" {\n  name = "svc"\n}\n'
        'resource "openstack_identity_user_v3" "other" {\n  name = "other"\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "grants").mkdir()
    (tmp_path / "grants" / "main.tf").write_text(
        'data "openstack_identity_user_v3" "svc" {\n  name = "svc"\n}\n'
        'data "openstack_identity_role_v3" "admin" {\n  name = "admin"\n}\n'
        'resource "openstack_identity_role_assignment_v3" "svc" {\n'
        '  user_id = data.openstack_identity_user_v3.svc.id\n'
        '  project_id = "00000000000000000000000000000000"\n'
        '  role_id = data.openstack_identity_role_v3.admin.id\n}\n',
        encoding="utf-8",
    )
    found = _findings(tmp_path)
    svc = found["openstack_identity_user_v3.svc"]
    assert svc.status.value == "UNKNOWN"
    assert svc.message.en.endswith("openstack_identity_role_assignment_v3.svc (grants)")
    # looked up by another name: not "other"
    assert found["openstack_identity_user_v3.other"].status.value == "PASS"
