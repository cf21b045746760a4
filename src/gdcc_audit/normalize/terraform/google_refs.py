"""Google references read outside the Google provider modules: the instance template a
``google_compute_instance_from_template`` takes its unwritten arguments from, and the custom
role a grant's ``role`` names by reference.

A leaf: the shared mappers (``extras``, ``boot_integrity``) import these for every Terraform
scan, and this module keeps them from importing :mod:`~gdcc_audit.normalize.terraform.google`
(and its load-balancer, proxy and IAM helpers) when no Google resource is scanned.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.normalize.terraform.context import ReadAtPlan, TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.values import text

FROM_TEMPLATE = "google_compute_instance_from_template"
_TEMPLATES = ("google_compute_instance_template", "google_compute_region_instance_template")


def from_template_view(r: TfResource, ctx: TfContext) -> TfResource:
    """``google_compute_instance_from_template`` as the instance it creates: "any arguments
    set on this resource will override the values in the template" (registry.terraform.io/
    providers/hashicorp/google/latest/docs/resources/compute_instance_from_template), so an
    argument it does not write is its source template's. With the template in the scan, its
    arguments fill the gaps (its ``disk`` blocks are not a ``boot_disk``: the boot disk is
    not known unless written); without it, every unwritten argument is not known (it was read
    with the instance defaults: no ``service_account`` block passed GDCC-CMP-006, no
    ``metadata`` passed GDCC-CMP-004, whatever the template said). An empty list (a dynamic
    block that makes no block, ``resource_policies = []``) writes nothing either: the
    provider overrides only what the configuration sets (a ``network_interface`` dynamic block
    with no element hid the template's external IP, a wrong PASS of GDCC-CMP-001). Other
    types: ``r``."""
    if r.type != FROM_TEMPLATE:
        return r
    template = ctx.referenced(r, "source_instance_template", _TEMPLATES)
    written = {k: v for k, v in r.values.items() if v is not None and v != []}
    if template is None:
        return dataclasses.replace(r, values=ReadAtPlan(written))
    values: dict[str, Any] = {**template.values, "boot_disk": UNKNOWN, **written}
    return dataclasses.replace(r, values=values)


#: Custom role resources a grant's ``role`` may name by reference (``role =
#: google_project_iam_custom_role.r.id``, ``projects/<project>/roles/<role_id>``).
CUSTOM_ROLES = ("google_project_iam_custom_role", "google_organization_iam_custom_role")


def custom_role(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The custom role of the scan that the ``role`` of a grant ``r`` names by a Terraform
    reference, when its value is not written (its id is known after apply) and may be no
    other value; None otherwise."""
    if text(r.values, "role") is not None or may_be_beyond(r, "role"):
        return None
    found = ctx.referenced_all(r, "role", CUSTOM_ROLES)
    return found[0] if len(found) == 1 else None
