"""Judgements of one container shared by every format that runs containers (Kubernetes pods,
Amazon ECS task definitions): capabilities beyond the Pod Security Standards' Baseline, images
by mutable tag, and which containers are at fault. A leaf module: the ECS readers of a
Terraform-only scan use it without importing the Kubernetes workload mapper."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The capabilities the Pod Security Standards' Baseline profile lets a container add
#: (kubernetes.io "Pod Security Standards", Baseline, "Capabilities": "Adding additional
#: capabilities beyond those listed below must be disallowed"; the PodSecurity admission
#: check ``capabilities_baseline``; Kyverno's ``disallow-capabilities``): Docker's default set
#: without NET_RAW. Any other is dangerous: SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE are
#: close to root on the node, SYS_TIME sets the node's clock, MAC_ADMIN / MAC_OVERRIDE change
#: or bypass its AppArmor / SELinux policy, AUDIT_CONTROL / AUDIT_READ / SYSLOG / SYS_PACCT
#: reach its kernel audit, kernel log and process accounting (none namespaced:
#: capabilities(7)), IPC_LOCK / SYS_NICE / SYS_RESOURCE / BLOCK_SUSPEND let one pod take the
#: node's memory, CPU or power state from the others, and a name Linux does not know is none
#: the profile allows either. Before, a curated list of 17 left IPC_LOCK, SYS_NICE,
#: SYS_RESOURCE, AUDIT_READ, LINUX_IMMUTABLE... passing.
BASELINE_CAPABILITIES = frozenset(
    {"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
     "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT"}
)


def dangerous_capability(name: str) -> bool:
    """Whether adding capability ``name`` (upper case, without ``CAP_``) goes beyond the Pod
    Security Standards' Baseline profile (``ALL`` does)."""
    return name not in BASELINE_CAPABILITIES


def mutable_image(image: Any) -> bool:
    """An image reference without a digest whose tag is absent, ``latest``, or names no
    version: a tag without a digit (``master``, ``main``, ``stable``, ``edge``, ``alpine``,
    ``lts``) names a branch or a release channel, moved to each new build or release
    (metrics-server's base manifest pulls ``metrics-server:master``; it passed). A version
    tag (``1.25``, ``v0.9.0``, ``2024-01-15``, ``windowsservercore-ltsc2022``) holds a digit."""
    if not isinstance(image, str) or not image:
        return True
    if "@sha256:" in image or "@sha512:" in image:
        return False
    name = image.rsplit("/", 1)[-1]
    if ":" not in name:
        return True
    tag = name.rsplit(":", 1)[1]
    return tag == "latest" or not any(c.isdigit() for c in tag)


def at_fault(
    names: list[str], flags: Mapping[str, list[bool]]
) -> dict[str, tuple[str, ...]]:
    """Facet -> the containers (``names``, in order) whose flag says they make it
    non-compliant; facets no container fails are left out."""
    return {
        facet: tuple(name for name, bad in zip(names, per_container, strict=True) if bad)
        for facet, per_container in flags.items()
        if any(per_container)
    }
