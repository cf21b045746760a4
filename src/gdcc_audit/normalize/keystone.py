"""Keystone (OpenStack identity) facts shared by the Heat and Terraform mappers."""

from __future__ import annotations

#: Keystone role names that grant administration (Keystone's default roles are admin,
#: member and reader; cloud_admin and domain_admin come with common policy overrides).
ADMIN_ROLES = frozenset({"admin", "cloud_admin", "domain_admin"})
