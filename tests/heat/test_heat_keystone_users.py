"""Heat Keystone users' administrator role (GDCC-IAM-002, ``heat.keystone_users``). A user's
own ``roles`` were read alone: one given ``admin`` by an ``OS::Keystone::UserRoleAssignment``
of the same template was "no administrator privileges" (a wrong PASS), and so was a member of
a group made elsewhere. Now the whole template decides: the user's roles, the assignments
naming it, the roles of the template's groups it is in; a nested template, a group made
elsewhere or an assignment naming someone by id or parameter leaves it not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

USERS = """\
heat_template_version: 2018-08-31
parameters:
  someone:
    type: string
resources:
  ops_group:
    type: OS::Keystone::Group
    properties:
      name: ops
      roles:
        - role: member
          project: gov
  app:
    type: OS::Keystone::User
    properties:
      name: app
      roles:
        - role: member
          project: gov
  operator:
    type: OS::Keystone::User
    properties:
      name: operator
      groups:
        - {get_resource: ops_group}
  root:
    type: OS::Keystone::User
    properties:
      name: root
  root_admin:
    type: OS::Keystone::UserRoleAssignment
    properties:
      user: {get_resource: root}
      roles:
        - role: admin
          project: gov
  readers:
    type: OS::Keystone::GroupRoleAssignment
    properties:
      group: {get_resource: ops_group}
      roles:
        - role: reader
          domain: default
"""

OUTSIDE = """\
heat_template_version: 2018-08-31
parameters:
  admins_group:
    type: string
    default: admins
resources:
  guest:
    type: OS::Keystone::User
    properties:
      name: guest
      groups:
        - {get_param: admins_group}
"""

DOC = "https://docs.openstack.org/keystone/latest/admin/service-api-protection.html"


def _found(root: Path, text: str) -> dict[str, tuple[str, str]]:
    (root / "users.yaml").write_text(text, encoding="utf-8")
    result = audit([root], Settings(rule_ids=("GDCC-IAM-002",)))
    return {f.address or "": (f.status.value, f.message.en) for f in result.findings}


def test_the_whole_template_decides_a_users_admin_role(tmp_path: Path) -> None:
    found = _found(tmp_path, USERS)
    # given admin by an assignment of the template: an administrator without MFA known
    assert found["root"] == ("UNKNOWN", "whether MFA is required is not known from the input")
    assert found["app"] == ("PASS", (
        "it has no administrator privileges (the roles the template gives it (member) are not "
        f"administrator roles and the template is a whole unit ({DOC}); a role given outside "
        "it is not in the input)"
    ))
    # its group's own roles and the group's assignment
    assert found["operator"][1].startswith(
        "it has no administrator privileges (the roles the template gives it (member, reader)"
    )


def test_a_group_made_elsewhere_leaves_it_unknown(tmp_path: Path) -> None:
    assert _found(tmp_path, OUTSIDE)["guest"] == ("UNKNOWN", (
        "whether it has administrator privileges is not known from the input: it is a member "
        "of a group the template does not make, whose roles are given elsewhere"
    ))
