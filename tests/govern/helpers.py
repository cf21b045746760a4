"""A small tenant (two security groups, one failing GDCC-NET-001) and waiver files for it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
SSH = "sgs/-/gdcc_network_security_group.sg-ssh"
WEB = "sgs/-/gdcc_network_security_group.sg-web"
RDP = "sgs/-/gdcc_compute_instance.vm-rdp"
SSH_FP = "108bc664b2ae34d85cfb"
RDP_FP = "a3d5afb15777bbbf77a2"

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: sgs
agency:
  name_th: หน่วยงานทดสอบ
  name_en: Test Agency
{waivers}resources:
  - id: sg-web
    kind: network.security_group
    facets:
      ingress:
        - {{protocol: tcp, from_port: 443, to_port: 443, sources: ["0.0.0.0/0"]}}
  - id: sg-ssh
    kind: network.security_group
    facets:
      ingress:
        - {{protocol: tcp, from_port: 22, to_port: 22, sources: ["0.0.0.0/0"]}}
{extra}"""

RDP_RESOURCE = """\
  - id: vm-rdp
    kind: compute.instance
    facets:
      ingress:
        - {protocol: tcp, from_port: 3389, to_port: 3389, sources: ["::/0"]}
"""


def waiver_text(*entries: str) -> str:
    return "apiVersion: gdcc-audit/v1\nkind: Waivers\nwaivers:\n" + "".join(entries)


def entry(
    resource: str = SSH,
    rule: str = "GDCC-NET-001",
    expires: str = "2027-03-31",
    extra: str = "",
    wid: str = "W1",
) -> str:
    return (
        f"  - id: {wid}\n    rule: {rule}\n    resource: {resource}\n"
        f"    reason: accepted for the migration\n    approver: CISO\n"
        f"    approved_on: 2026-06-01\n    expires: {expires}\n{extra}"
    )


def tenant(
    tmp: Path, *, waivers: list[str] | None = None, rdp: bool = False
) -> Path:
    named = f"waivers: [{', '.join(waivers)}]\n" if waivers else ""
    path = tmp / "tenant.yaml"
    path.write_text(
        MANIFEST.format(waivers=named, extra=RDP_RESOURCE if rdp else ""), encoding="utf-8"
    )
    return path


def scan(paths: list[Path], **settings: object) -> AuditResult:
    options: dict[str, object] = {"now": NOW, "rule_ids": ("GDCC-NET-001",), **settings}
    return audit(paths, Settings.model_validate(options))
