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

A template has versions: the resource's arguments are its latest version (each change of
them creates a new one: CreateLaunchTemplateVersion; the provider reads back
``LatestVersionNumber``), and an instance takes the version it names in
``launch_template_version``, else the template's default version (:data:`VERSION_DOC`),
which is version 1 ("Default to 1", resources/ecs_launch_template ``default_version_number``)
unless ``update_default_version_number`` makes it the latest. The arguments are read as the
version the instance takes when that is the latest, or version 1 of a template whose later
versions the scan does not show (the version the resource creates). An instance pinned to
another version (``launch_template_version = "2"``, or a default set to one), or to a version
not known, takes settings the scan does not hold: UNKNOWN, saying why (was read as the
latest version's: a PASS of settings an older version may not have).

A small module of its own: ``alicloud`` (the mapper) and ``extras`` both read it."""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.launch_templates import template_not_read
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import flag, is_set, number

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
#: What launches ECS instances from a launch template it names (:data:`NAMING`), taking from
#: it what it does not write: an ECS instance, an instance set (``alicloud_ecs_instance_set``:
#: RunInstances for ``amount`` instances), an auto provisioning group
#: (``alicloud_auto_provisioning_group``: every setting but the vSwitches and instance types of
#: its ``launch_template_config`` blocks is the template's).
LAUNCHED_TYPES = ("alicloud_instance", "alicloud_ecs_instance_set",
                  "alicloud_auto_provisioning_group")
#: A setting the instance leaves to a launch template the input does not hold.
TEMPLATE_NOT_READ: Text = template_not_read("the input")
#: ECS, Create a launch template version: "When you create ... instances by using a launch
#: template, you can use any version of the launch template. If you do not specify a version,
#: the default version is used"; "The default version number of a new launch template is 1";
#: "You cannot modify launch template versions after you create them".
VERSION_DOC = (
    "https://www.alibabacloud.com/help/en/ecs/user-guide/create-a-launch-template-version"
)


def instance_template(r: TfResource, ctx: TfContext) -> tuple[bool, TfResource | None]:
    """Whether an ``alicloud_instance`` is created from a launch template (``launch_template_id``
    or ``launch_template_name`` written, or not known), and that template when it is in the scan
    (a reference, a literal id, or a literal name equal to one template's
    ``launch_template_name``) and its arguments are the version the instance takes
    (:func:`version_unread`; else None, as a template not in the input)."""
    named, template = _named_template(r, ctx)
    if template is not None and version_unread(r, template) is not None:
        return named, None
    return named, template


def template_unknown(r: TfResource, ctx: TfContext) -> Text:
    """Why the settings ``r`` leaves to its launch template are not known: the version it
    takes is not the one the template's arguments describe (:func:`version_unread`), or the
    template is not in the input."""
    template = _named_template(r, ctx)[1]
    why = None if template is None else version_unread(r, template)
    return TEMPLATE_NOT_READ if why is None else why


def _version(value: Any) -> int | str | None:
    """A launch template version as written: a number, ``"latest"``, ``"default"`` (left out);
    None when not known."""
    if value is None:
        return "default"
    if value is UNKNOWN or isinstance(value, bool):
        return None
    written = str(value).strip().lower()
    if written in ("default", "latest"):
        return written
    return int(written) if written.isdigit() else None


def group_version_unread(template: TfResource, ctx: TfContext) -> Text | None:
    """Why the instances a launch template stands for (those of the ESS scaling groups naming
    it in ``launch_template_id``) are not its arguments: a group launches another version
    (``launch_template_version``: a number, ``Latest`` or ``Default``, "Default value:
    Default", resources/ess_scaling_group) than the one they describe (:func:`version_unread`).
    None when every group of the scan naming it takes that version, or none names it."""
    for group in ctx.related(["alicloud_ess_scaling_group"]):
        if template not in ctx.candidates(group, "launch_template_id", [template.type]):
            continue
        why = version_unread(group, template, launcher=group.address)
        if why is not None:
            return why
    return None


def version_unread(
    r: TfResource, template: TfResource, launcher: str | None = None
) -> Text | None:
    """None when the template's arguments are the version ``r`` (an instance, a scaling group,
    an instance set, an auto provisioning group) takes (``launch_template_version``; left out,
    the template's default version: :data:`VERSION_DOC`): the latest (``Latest``, or the
    default with ``update_default_version_number = true``), or version 1 of a template the scan
    shows no later version of (``latest_version_number`` not read, or 1; not known in a plan
    creating the template: it is created with that one version). Else why not, in English and
    Thai: another version, or one not known; ``launcher``: the scaling group that takes it,
    said of the template's instances."""
    shown = version_taken(r, template)
    if shown is None:
        return None
    shown_th = ("เวอร์ชันที่ไม่ทราบ" if shown == "a version not known"
                else shown.replace("version", "เวอร์ชัน"))
    if launcher is not None:
        return Text(
            en=f"{launcher} launches its instances from {shown} of it, whose settings the scan "
            "does not show (the template's arguments are its latest version)",
            th=f"{launcher} สร้าง instance จาก{shown_th}ของ template นี้ ซึ่งไม่มีค่าการตั้งค่า"
            "ในข้อมูลที่ตรวจ (ค่าที่เขียนใน template เป็นของเวอร์ชันล่าสุด)",
        )
    return Text(
        en=f"it is launched from {shown} of launch template {template.address}, whose settings "
        "the scan does not show (the template's arguments are its latest version)",
        th=f"สร้างจาก{shown_th}ของ launch template {template.address} ซึ่งไม่มีค่าการตั้งค่า"
        "ในข้อมูลที่ตรวจ (ค่าที่เขียนใน template เป็นของเวอร์ชันล่าสุด)",
    )


def version_taken(r: TfResource, template: TfResource) -> str | None:
    """The version of ``template`` that ``r`` takes when it is not the one the template's
    arguments describe (:func:`version_unread`): ``"version 2"``, ``"a version not known"``;
    None when it is that one."""
    wanted = _version(r.values.get("launch_template_version"))
    tv = template.values
    latest_written = tv.get("latest_version_number")
    latest = None if latest_written is UNKNOWN else number(tv, "latest_version_number")
    if wanted == "default":
        update = flag(tv, "update_default_version_number", False)
        default = tv.get("default_version_number")
        if update is True:
            wanted = "latest"
        elif default is UNKNOWN and latest_written is UNKNOWN:
            wanted = 1  # a plan creating the template: one version, the default
        elif update is None:
            wanted = None
        else:
            wanted = 1 if default is None else number(tv, "default_version_number")
    if wanted == "latest" or (
        isinstance(wanted, int) and wanted == (1 if latest is None else latest)
    ):
        return None
    return "a version not known" if wanted is None else f"version {wanted}"


def _named_template(r: TfResource, ctx: TfContext) -> tuple[bool, TfResource | None]:
    """:func:`instance_template` whatever the version."""
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
