"""The launch template an Alibaba Cloud ECS instance (``alicloud_instance``) is created from.

``launch_template_id`` / ``launch_template_name`` (resources/instance) create the instance
from a launch template, which gives it every setting it does not write itself: "If you set a
specific parameter in a launch template, you cannot filter out this parameter when you use the
launch template to create instances (RunInstances) ... If you want to overwrite the ... value
provided by the launch template, you can set [it] when you call the RunInstances operation"
(:data:`LAUNCH_TEMPLATE_DOC`). So its public bandwidth, security groups, vSwitch, disks,
password, key pair and user data are the template's where the instance leaves them out: read
from the template when it is in the scan, not known when it is not (a value the instance
leaves out was a PASS before: ``internet_max_bandwidth_out`` 0, no user data).

A small module of its own: ``alicloud`` (the mapper) and ``extras`` both read it."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.launch_templates import template_not_read
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import is_set

#: ECS CreateLaunchTemplate (the template's settings and their defaults, and how RunInstances
#: takes them: the note quoted above).
LAUNCH_TEMPLATE_DOC = (
    "https://www.alibabacloud.com/help/en/ecs/developer-reference/"
    "api-ecs-2014-05-26-createlaunchtemplate"
)
#: The launch template types (``alicloud_launch_template`` is the former name).
LAUNCH_TEMPLATE_TYPES = ("alicloud_ecs_launch_template", "alicloud_launch_template")
#: The arguments of an ``alicloud_instance`` naming its launch template.
NAMING = ("launch_template_id", "launch_template_name")
#: A setting the instance leaves to a launch template the input does not hold.
TEMPLATE_NOT_READ: Text = template_not_read("the input")


def instance_template(r: TfResource, ctx: TfContext) -> tuple[bool, TfResource | None]:
    """Whether an ``alicloud_instance`` is created from a launch template (``launch_template_id``
    or ``launch_template_name`` written, or not known), and that template when it is in the scan
    (a reference, a literal id, or a literal name equal to one template's
    ``launch_template_name``)."""
    named = [key for key in NAMING if is_set(r.values, key) is not False]
    if not named:
        return False, None
    for key in named:
        found = ctx.referenced(r, key, LAUNCH_TEMPLATE_TYPES)
        if found is not None:
            return True, found
    name = r.values.get("launch_template_name")
    if isinstance(name, str) and name:
        same = [t for t in ctx.related(LAUNCH_TEMPLATE_TYPES)
                if name in (t.values.get("launch_template_name"), t.values.get("name"))]
        if len(same) == 1:
            return True, same[0]
    return True, None
