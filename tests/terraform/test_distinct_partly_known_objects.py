"""``distinct`` / ``setunion`` of objects some of whose values are not known keep the items
element-wise. terraform-google-modules/iam's helper builds its bindings as
``distinct(flatten([for name in var.entities : [for role, members in var.bindings :
{name = name, role = role, members = members}]]))`` with the project an input: the whole
list was not known, so every ``google_project_iam_member`` it makes had a role not known
(GDCC-IAM-005 / GDCC-IAM-007 UNKNOWN on an owner grant). An item equal to an earlier one is
dropped; one that may or may not be equal (they differ only where values are not known) is
kept: de-duplication never drops a member on a guess."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.functions import call_function
from gdcc_audit.load.terraform.values import Computed, SetValue
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "project_id" {
  type = string
}
module "project_iam" {
  source   = "./helper"
  entities = [var.project_id]
  bindings = {
    "roles/owner"  = ["group:admins@example.com"]
    "roles/viewer" = ["group:readers@example.com", "group:admins@example.com"]
  }
}
"""

HELPER = """\
variable "entities" {
  type = list(string)
}
variable "bindings" {
  type = map(list(string))
}
locals {
  aliased_entities = length(var.entities) == 1 ? ["default"] : var.entities
  bindings_by_role = distinct(flatten([
    for name in var.entities : [
      for role, members in var.bindings : { name = name, role = role, members = members }
    ]
  ]))
  bindings_by_member = distinct(flatten([
    for binding in local.bindings_by_role : [
      for member in binding["members"] : {
        name = binding["name"], role = binding["role"], member = member
      }
    ]
  ]))
  keys_additive = distinct(flatten([
    for alias in local.aliased_entities : [
      for role, members in var.bindings : [for member in members : "${alias}--${role}--${member}"]
    ]
  ]))
  bindings_additive = zipmap(local.keys_additive, local.bindings_by_member)
}
resource "google_project_iam_member" "additive" {
  for_each = toset(local.keys_additive)
  project  = local.bindings_additive[each.key].name
  role     = local.bindings_additive[each.key].role
  member   = local.bindings_additive[each.key].member
}
"""


def test_the_iam_helper_shape_keeps_each_binding_role(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "helper").mkdir()
    (tmp_path / "helper" / "main.tf").write_text(HELPER, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-IAM-007")))
    found = {(f.address, f.rule_id): f.status for f in report.findings}
    at = "module.project_iam.google_project_iam_member.additive"
    owner = f'{at}["default--roles/owner--group:admins@example.com"]'
    viewer = f'{at}["default--roles/viewer--group:readers@example.com"]'
    assert found == {
        (owner, "GDCC-IAM-005"): Status.FAIL,
        (owner, "GDCC-IAM-007"): Status.FAIL,
        (viewer, "GDCC-IAM-005"): Status.PASS,
        (viewer, "GDCC-IAM-007"): Status.FAIL,
        (f'{at}["default--roles/viewer--group:admins@example.com"]', "GDCC-IAM-005"): Status.PASS,
        (f'{at}["default--roles/viewer--group:admins@example.com"]', "GDCC-IAM-007"): Status.FAIL,
    }


def test_equal_items_go_and_items_that_may_be_equal_stay() -> None:
    first = {"name": UNKNOWN, "role": "roles/owner"}
    items = [
        first,
        {"name": UNKNOWN, "role": "roles/viewer"},  # another role: kept
        {"name": "p", "role": "roles/owner"},  # may be the first: kept, never dropped
        {"name": "p", "role": "roles/owner"},  # the one before it: dropped
    ]
    assert call_function("distinct", [items]) == items[:3]


def test_ids_of_one_resource_are_equal() -> None:
    a = Computed("google_service_account.a.email", "google_service_account.email")
    b = Computed("google_service_account.b.email", "google_service_account.email")
    items = [{"member": a, "role": "r"}, {"member": b, "role": "r"}, {"member": a, "role": "r"}]
    assert call_function("distinct", [items]) == items[:2]


def test_setunion_of_partly_known_objects() -> None:
    one = {"name": UNKNOWN, "role": "roles/owner"}
    viewer = {"name": UNKNOWN, "role": "roles/viewer"}
    known = {"name": "p", "role": "roles/owner"}
    found = call_function("setunion", [[one], [viewer, known, dict(known)]])
    assert type(found) is SetValue
    assert found == [one, viewer, known]


def test_a_whole_item_not_known_is_still_not_known() -> None:
    assert call_function("distinct", [[{"role": "r"}, UNKNOWN]]) is UNKNOWN
    assert call_function("distinct", [["a", UNKNOWN]]) is UNKNOWN
