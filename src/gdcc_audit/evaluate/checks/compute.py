"""Compute checks that decide applicability from the machine itself (its operating system),
and who may use a cluster whose grants are read."""

from __future__ import annotations

from gdcc_audit.evaluate.checks.grants import grants_verdict
from gdcc_audit.evaluate.conditions import not_known_reason
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
            not_known_reason("password_auth"),
            password_auth=None,
        )
    if value:
        return failed(
            Text(en="password log-in is allowed", th="อนุญาตให้เข้าสู่ระบบด้วยรหัสผ่าน"),
            password_auth=True,
        )
    return passed(password_auth=False)


_NOT_A_NOTEBOOK = Text(
    en="not a managed notebook instance: who may become root on it is decided by its "
    "operating system's accounts, not by a setting of the provider",
    th="ไม่ใช่ notebook instance แบบ managed ผู้ที่ใช้สิทธิ์ root ได้กำหนดโดยบัญชีผู้ใช้ของระบบปฏิบัติการ "
    "ไม่ใช่การตั้งค่าของผู้ให้บริการ",
)


@reads("notebook_root_access")
def notebook_users_not_root(resource: Resource, context: RuleContext) -> Outcome:
    """Users of a managed notebook instance (SageMaker, Vertex AI Workbench) cannot become
    root (``notebook_root_access`` is False).

    Only notebook mappers read the facet: a machine whose facet is unset with no reason
    recorded is not a notebook (NOT_APPLICABLE); a notebook whose setting is not known is
    UNKNOWN.
    """
    value = resource.facets.notebook_root_access
    if value is None:
        if "notebook_root_access" not in resource.unknown:
            return not_applicable(_NOT_A_NOTEBOOK)
        return unknown(not_known_reason("notebook_root_access"), notebook_root_access=None)
    if value:
        return failed(
            Text(en="notebook users may become root", th="ผู้ใช้ notebook ใช้สิทธิ์ root ได้"),
            notebook_root_access=True,
        )
    return passed(notebook_root_access=False)


_NO_CLUSTER_GRANTS = Text(
    en="no grant that could open this cluster to everyone is read for its type (a Kubernetes "
    "cluster's endpoint is judged by GDCC-CLU-002, its RBAC bindings by GDCC-K8S-018)",
    th="ไม่มีการอ่านสิทธิ์ที่อาจเปิดคลัสเตอร์ประเภทนี้ให้ทุกคนใช้งานได้ (endpoint ของคลัสเตอร์ Kubernetes "
    "ตรวจโดย GDCC-CLU-002 และ binding ของ RBAC ตรวจโดย GDCC-K8S-018)",
)


def cluster_not_public(resource: Resource, context: RuleContext) -> Outcome:
    """No IAM grant lets everyone use the cluster (``public_access`` False).

    Judged only where the type's grants are read (``public_grants`` is not None: Dataproc);
    the engine names the deciding grants in a FAIL or UNKNOWN (``granted_by``).
    """
    return grants_verdict(
        resource,
        _NO_CLUSTER_GRANTS,
        Text(en="who may use the cluster is not known", th="ไม่ทราบว่าผู้ใดใช้งานคลัสเตอร์ได้บ้าง"),
        Text(
            en="anyone on the internet can use this cluster",
            th="บุคคลใดบนอินเทอร์เน็ตก็ใช้งานคลัสเตอร์นี้ได้",
        ),
    )
