"""Compute checks that decide applicability from the machine itself (its operating system)."""

from __future__ import annotations

from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    not_applicable,
    passed,
    reads,
    unknown,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource

#: Provider types of Windows machines (RDP with a password is how they are reached).
WINDOWS_TYPES = frozenset(
    {"azurerm_windows_virtual_machine", "azurerm_windows_virtual_machine_scale_set"}
)


@reads("password_auth")
def linux_key_only_login(resource: Resource, context: RuleContext) -> Outcome:
    """A Linux machine accepts SSH keys only (``password_auth`` is False).

    Windows machines are NOT_APPLICABLE (they are reached with a password over RDP); a machine
    whose operating system or log-in setting is not known is UNKNOWN.
    """
    if resource.provider_type in WINDOWS_TYPES:
        return not_applicable(
            Text(
                en="a Windows machine is reached with a password",
                th="เครื่อง Windows เข้าสู่ระบบด้วยรหัสผ่าน",
            )
        )
    value = resource.facets.password_auth
    if value is None:
        return unknown(
            Text(
                en="password_auth is not known from the input",
                th="ไม่ทราบค่า password_auth จากข้อมูลนำเข้า",
            ),
            password_auth=None,
        )
    if value:
        return failed(
            Text(en="password log-in is allowed", th="อนุญาตให้เข้าสู่ระบบด้วยรหัสผ่าน"),
            password_auth=True,
        )
    return passed(password_auth=False)
