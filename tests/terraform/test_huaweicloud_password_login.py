"""GDCC-CMP-007 on Huawei Cloud ECS (``huaweicloud_compute_instance``): a Linux server given an
``admin_pass`` and no ``key_pair`` was "whether password log-in is allowed is not known":
"adminPass: Specifies the initial login password of the administrator account for logging in
to an ECS using password authentication" (Huawei Cloud ECS API, Creating an ECS). Now FAIL;
a key pair, no password, or an image not known to be Linux (Windows is reached with a
password, the rule's N/A) stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

SERVER = """
variable "admin_password" {
  default   = "Example-only-1"
  sensitive = true
}

variable "image_id" {}

data "huaweicloud_images_image" "ubuntu" {
  name        = "Ubuntu 22.04 server 64bit"
  visibility  = "public"
  most_recent = true
}

data "huaweicloud_images_image" "by_os" {
  os          = "%s"
  visibility  = "public"
  most_recent = true
}

resource "huaweicloud_compute_instance" "web" {
  name              = "web"
  flavor_id         = "s6.small.1"
  security_group_ids = ["sg-1"]
  network {
    uuid = "net-1"
  }
%s}
"""


def _cmp_007(tmp_path: Path, os_type: str, body: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(SERVER % (os_type, body), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-007",)))
    (found,) = result.findings
    return found.status.value, found.message.en


@pytest.mark.parametrize(
    ("os_type", "image"),
    [("Ubuntu", 'image_name = "Ubuntu 22.04 server 64bit"'),
     ("Ubuntu", "image_id = data.huaweicloud_images_image.ubuntu.id"),
     ("CentOS", "image_id = data.huaweicloud_images_image.by_os.id")],
    ids=["image name", "lookup by name", "lookup by os"],
)
def test_a_linux_server_with_an_admin_password_allows_password_log_in(
    tmp_path: Path, os_type: str, image: str
) -> None:
    body = f"  {image}\n  admin_pass = var.admin_password\n"
    assert _cmp_007(tmp_path, os_type, body) == ("FAIL", "password log-in is allowed")


@pytest.mark.parametrize(
    ("os_type", "body"),
    [("Ubuntu", '  image_name = "Ubuntu 22.04 server 64bit"\n  admin_pass = var.admin_password\n'
                '  key_pair = "deployer"\n'),
     ("Windows", "  image_id = data.huaweicloud_images_image.by_os.id\n"
                 "  admin_pass = var.admin_password\n"),
     ("Ubuntu", "  image_id = var.image_id\n  admin_pass = var.admin_password\n"),
     ("Ubuntu", '  image_name = "Ubuntu 22.04 server 64bit"\n')],
    ids=["key pair", "windows", "image input", "no password"],
)
def test_otherwise_not_known(tmp_path: Path, os_type: str, body: str) -> None:
    assert _cmp_007(tmp_path, os_type, body) == (
        "UNKNOWN", "whether password log-in is allowed is not known from the input"
    )
