"""GDCC-CMP-007 on Alibaba Cloud ECS instances (``alicloud_instance``): every one was UNKNOWN
"whether password log-in is allowed is not known", though 13 of the provider's own examples
create Linux instances with a ``password`` and no key pair. Creating a Linux instance with a
custom password is "creating Linux instances with password logon" (Alibaba Cloud ECS, the
``ecs:PasswordCustomized`` condition), and "ECS instances do not have a default password":
such an instance FAILs. A key pair (``key_name``) disables password log-in when bound
(API AttachKeyPair), and an image not known to be Linux may be Windows (reached with a
password, the rule's N/A): both stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

INSTANCE = """
variable "password" {
  default   = "Example-only-1"
  sensitive = true
}

variable "image_id" {}

data "alicloud_images" "linux" {
  name_regex  = "^ubuntu_22"
  most_recent = true
  owners      = "system"
}

data "alicloud_images" "any" {
  most_recent = true
  os_type     = "%s"
}

resource "alicloud_instance" "web" {
  instance_type = "ecs.g7.large"
  image_id      = %s
%s}
"""


def _cmp_007(tmp_path: Path, image: str, extra: str, os_type: str = "linux") -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(INSTANCE % (os_type, image, extra), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-007",)))
    (found,) = result.findings
    return found.status.value, found.message.en


@pytest.mark.parametrize(
    ("image", "os_type"),
    [
        ('"ubuntu_22_04_x64_20G_alibase_20240130.vhd"', "linux"),
        ("data.alicloud_images.linux.images[0].id", "linux"),
        ("data.alicloud_images.any.images[0].id", "linux"),
    ],
    ids=["literal", "name_regex", "os_type"],
)
def test_a_linux_instance_with_a_password_allows_password_log_in(
    tmp_path: Path, image: str, os_type: str
) -> None:
    assert _cmp_007(tmp_path, image, '  password = var.password\n', os_type) == (
        "FAIL", "password log-in is allowed"
    )


@pytest.mark.parametrize(
    ("image", "extra", "os_type"),
    [
        # a key pair disables password log-in
        ('"ubuntu_22_04_x64_20G_alibase_20240130.vhd"',
         '  password = var.password\n  key_name = "deployer"\n', "linux"),
        # Windows, or an image not known
        ('"win2022_21H2_x64_dtc_en-us_40G_alibase_20240117.vhd"', '  password = var.password\n',
         "linux"),
        ("data.alicloud_images.any.images[0].id", '  password = var.password\n', "windows"),
        ("var.image_id", '  password = var.password\n', "linux"),
        # no password: how it is logged in to is not in the input
        ('"ubuntu_22_04_x64_20G_alibase_20240130.vhd"', "", "linux"),
    ],
    ids=["key pair", "windows image", "windows lookup", "image input", "no password"],
)
def test_otherwise_not_known(tmp_path: Path, image: str, extra: str, os_type: str) -> None:
    assert _cmp_007(tmp_path, image, extra, os_type) == (
        "UNKNOWN", "whether password log-in is allowed is not known from the input"
    )
