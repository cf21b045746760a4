"""User data read from files and rendered by the functions and data sources that build it —
``filebase64``, ``base64encode(file(...))``, ``base64gzip``, ``templatestring``, ``fileset``,
``data "cloudinit_config"`` / ``data "template_cloudinit_config"`` — is evaluated as Terraform
would (files inside the configuration only, as ``file`` reads), and the secret scanner reads
the text base64 and gzip user data holds (was UNKNOWN, or PASS for base64 that hid a secret)."""

from __future__ import annotations

import base64
import gzip
from pathlib import Path

from tests.terraform.helpers import load, resources

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.cloudinit import render
from gdcc_audit.load.terraform.module import list_configuration_files
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BOOT = "#!/bin/sh\nexport DB_PASSWORD=Tr0ub4dor-and-3\nsystemctl start app\n"
CLEAN = "#!/bin/sh\nsystemctl start app\n"

MAIN = """\
variable "app_token" {
  type      = string
  sensitive = true
}

resource "aws_instance" "filebase64" {
  ami              = "ami-1"
  subnet_id        = "subnet-1"
  user_data_base64 = filebase64("${path.module}/scripts/boot.sh")
}

resource "aws_instance" "encoded_file" {
  ami              = "ami-1"
  subnet_id        = "subnet-1"
  user_data_base64 = base64encode(file("scripts/boot.sh"))
}

resource "aws_instance" "clean_encoded" {
  ami              = "ami-1"
  subnet_id        = "subnet-1"
  user_data_base64 = base64encode(file("scripts/clean.sh"))
}

resource "aws_launch_template" "gzipped" {
  name      = "gz"
  user_data = base64gzip(file("${path.module}/scripts/boot.sh"))
}

resource "aws_launch_template" "clean_gzipped" {
  name      = "clean-gz"
  user_data = base64gzip(file("${path.module}/scripts/clean.sh"))
}

locals {
  template = "#!/bin/sh\\necho 'password: $${pw}' > /etc/app.yaml\\n"
  scripts  = fileset(path.module, "scripts/**/*.sh")
}

resource "aws_instance" "templatestring" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = templatestring(local.template, { pw = "Kz8-literal-pass" })
}

resource "aws_instance" "fileset" {
  count     = length(local.scripts)
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = file("${path.module}/${local.scripts[count.index]}")
}

resource "aws_instance" "no_line_end" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = templatefile("scripts/echo.tpl", { x = "1" })
}

resource "aws_instance" "outside" {
  ami              = "ami-1"
  subnet_id        = "subnet-1"
  user_data_base64 = filebase64("${path.module}/../outside.sh")
}

data "cloudinit_config" "written" {
  part {
    content_type = "text/x-shellscript"
    content      = file("${path.module}/scripts/boot.sh")
  }
  part {
    filename = "hello.sh"
    content  = "echo hello"
  }
}

data "template_cloudinit_config" "clean" {
  gzip          = false
  base64_encode = true
  part {
    content = file("${path.module}/scripts/clean.sh")
  }
}

data "cloudinit_config" "token" {
  gzip          = false
  base64_encode = false
  part {
    content = "curl -H 'Authorization: ${var.app_token}' https://example.invalid"
  }
}

resource "aws_launch_template" "cloudinit" {
  name      = "ci"
  user_data = data.cloudinit_config.written.rendered
}

resource "aws_launch_template" "cloudinit_clean" {
  name      = "ci-clean"
  user_data = data.template_cloudinit_config.clean.rendered
}

resource "aws_instance" "cloudinit_token" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = data.cloudinit_config.token.rendered
}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    _write(root / "main.tf", MAIN)
    _write(root / "scripts" / "boot.sh", BOOT)
    _write(root / "scripts" / "clean.sh", CLEAN)
    _write(root / "scripts" / "nested" / "leaky.sh", "mysql -u root --password=Zq9-nested\n")
    _write(root / "scripts" / "notes.md", "not a script")
    _write(root / "scripts" / "echo.tpl", "echo ${x}")
    _write(tmp_path / "outside.sh", BOOT)
    return root


def test_user_data_from_files_is_scanned(tmp_path: Path) -> None:
    root = _root(tmp_path)
    result = audit([root], Settings(rule_ids=("GDCC-CMP-005",)))
    found = {
        f.address or "": (f.status, f.evidence.get("user_data_secrets"))
        for f in result.findings
    }
    assert found == {
        "aws_instance.filebase64": (Status.FAIL, ["user_data_base64"]),
        # base64 hid the secret from the scanner: was PASS
        "aws_instance.encoded_file": (Status.FAIL, ["user_data_base64"]),
        "aws_instance.clean_encoded": (Status.PASS, []),
        "aws_launch_template.gzipped": (Status.FAIL, ["user_data"]),
        "aws_launch_template.clean_gzipped": (Status.PASS, []),
        "aws_instance.templatestring": (Status.FAIL, ["user_data"]),
        # fileset lists scripts/boot.sh, scripts/clean.sh, scripts/nested/leaky.sh
        "aws_instance.fileset[0]": (Status.FAIL, ["user_data"]),
        "aws_instance.fileset[1]": (Status.PASS, []),
        "aws_instance.fileset[2]": (Status.FAIL, ["user_data"]),
        # a file outside the configuration is never read
        "aws_instance.outside": (Status.UNKNOWN, None),
        "aws_instance.no_line_end": (Status.PASS, []),
        "aws_launch_template.cloudinit": (Status.FAIL, ["user_data"]),
        "aws_launch_template.cloudinit_clean": (Status.PASS, []),
        "aws_instance.cloudinit_token": (
            Status.FAIL, ["user_data (sensitive variable var.app_token, main.tf:1)"]
        ),
    }


def test_values_are_terraforms(tmp_path: Path) -> None:
    root = _root(tmp_path)
    documents, errors = load(root)
    assert errors == []
    found = resources(documents)
    values = {address: r.values for address, r in found.items()}
    encoded = base64.b64encode(BOOT.encode()).decode()
    assert values["aws_instance.filebase64"]["user_data_base64"] == encoded
    assert values["aws_instance.encoded_file"]["user_data_base64"] == encoded
    gzipped = base64.b64decode(values["aws_launch_template.gzipped"]["user_data"])
    assert gzipped[:10] == bytes.fromhex("1f8b08000000000000ff")  # Go's gzip header
    assert gzip.decompress(gzipped).decode() == BOOT
    assert values["aws_instance.templatestring"]["user_data"] == (
        "#!/bin/sh\necho 'password: Kz8-literal-pass' > /etc/app.yaml\n"
    )
    assert values["aws_instance.outside"]["user_data_base64"] is UNKNOWN
    # a template without a final line end renders without one (was "echo 1\n")
    assert values["aws_instance.no_line_end"]["user_data"] == "echo 1"
    rendered = base64.b64decode(values["aws_launch_template.cloudinit_clean"]["user_data"])
    assert rendered.decode() == (
        'Content-Type: multipart/mixed; boundary="MIMEBOUNDARY"\nMIME-Version: 1.0\r\n\r\n'
        "--MIMEBOUNDARY\r\nContent-Transfer-Encoding: 7bit\r\nContent-Type: text/plain\r\n"
        "Mime-Version: 1.0\r\n\r\n" + CLEAN + "\r\n--MIMEBOUNDARY--\r\n"
    )
    # a part that cannot be known leaves the whole rendering unknown
    assert values["aws_instance.cloudinit_token"]["user_data"] is UNKNOWN


def test_cloudinit_rendering() -> None:
    """The provider's multipart layout: headers in key order, parts joined by CRLF, the
    settings' defaults, and unknown or refused settings."""
    parts = [
        {"content": "one", "content_type": "text/cloud-config", "filename": "a.cfg",
         "merge_type": "list(append)"},
        {"content": "two", "content_type": ""},
    ]  # fmt: skip
    text = render({"gzip": False, "base64_encode": False, "boundary": "XB", "part": parts})
    assert text == (
        'Content-Type: multipart/mixed; boundary="XB"\nMIME-Version: 1.0\r\n\r\n'
        '--XB\r\nContent-Disposition: attachment; filename="a.cfg"\r\n'
        "Content-Transfer-Encoding: 7bit\r\nContent-Type: text/cloud-config\r\n"
        "Mime-Version: 1.0\r\nX-Merge-Type: list(append)\r\n\r\none"
        "\r\n--XB\r\nContent-Transfer-Encoding: 7bit\r\nContent-Type: text/plain\r\n"
        "Mime-Version: 1.0\r\n\r\ntwo\r\n--XB--\r\n"
    )
    packed = render({"part": parts})  # gzip and base64 by default
    assert isinstance(packed, str)
    assert gzip.decompress(base64.b64decode(packed)).decode() == text.replace("XB", "MIMEBOUNDARY")
    assert render({"gzip": True, "base64_encode": False, "part": parts}) is UNKNOWN
    assert render({"gzip": UNKNOWN, "part": parts}) is UNKNOWN
    assert render({"part": [{"content": UNKNOWN}]}) is UNKNOWN


def test_fileset_stays_inside(tmp_path: Path) -> None:
    root = _root(tmp_path)
    (root / "scripts" / "linked.sh").symlink_to(tmp_path / "outside.sh")
    (root / "linked_dir").symlink_to(tmp_path, target_is_directory=True)
    folder = str(root)
    assert list_configuration_files(".", "scripts/*.sh", folder, folder) == (
        "ok", ["scripts/boot.sh", "scripts/clean.sh"]
    )
    assert list_configuration_files("scripts", "**", folder, folder) == (
        "ok", ["boot.sh", "clean.sh", "echo.tpl", "nested/leaky.sh", "notes.md"]
    )
    assert list_configuration_files("scripts", "{*.md,nested/?eaky.*}", folder, folder) == (
        "ok", ["nested/leaky.sh", "notes.md"]
    )
    assert list_configuration_files("absent", "*", folder, folder) == ("ok", [])
    assert list_configuration_files("..", "*.sh", folder, folder) == ("refused", None)
    assert list_configuration_files("linked_dir", "*", folder, folder) == ("refused", None)
    assert list_configuration_files(".", "[", folder, folder) == ("refused", None)
