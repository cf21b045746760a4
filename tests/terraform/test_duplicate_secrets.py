"""A resource (or data source) declared twice at one address: Terraform refuses the
configuration, the loader keeps the first block and reports the second as an error. The
second block's text is in the repository all the same: a secret written there FAILs
GDCC-SECRET-001 on the first block's resource, ``value set at`` the second block's line
(before, only the first block's secrets were read: a silent PASS). A second block in
another file, and one whose secret comes from a variable, point where the value is."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_db_instance" "db" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
  password       = var.pw
}

resource "aws_db_instance" "db" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
  password       = "SuperSecret123!"
}

variable "pw" {
  type      = string
  sensitive = true
}

data "http" "x" {
  url = "https://example.com"
}

data "http" "x" {
  url = "https://example.com"
  request_headers = {
    Authorization = "Bearer abcdefghijklmnopqrstuvwxyz012345"
  }
}

resource "null_resource" "n" {
}

resource "aws_instance" "same" {
  ami = "ami-123"
}

resource "aws_instance" "same" {
  ami       = "ami-456"
  user_data = "echo ${var.pw}"
}
"""

OTHER = """\
resource "null_resource" "n" {
  provisioner "remote-exec" {
    connection {
      type     = "ssh"
      host     = "10.0.0.1"
      password = var.ssh_password
    }
    inline = ["echo hi"]
  }
}

variable "ssh_password" {
  default = "Hunter2Hunter2!"
}
"""


def test_a_secret_in_a_second_declaration_fails(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "other.tf").write_text(OTHER, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    text = "a secret is written in plain text at"
    assert found == {
        "aws_db_instance.db": (
            Status.FAIL, f"{text} 'password' (value set at {tmp_path}/main.tf:12)"
        ),
        "data.http.x": (
            Status.FAIL,
            f"{text} 'request_headers.Authorization' (value set at {tmp_path}/main.tf:26)",
        ),
        # the first block (main.tf:31) writes nothing: the finding is on it, the value in
        # other.tf's variable
        "null_resource.n": (
            Status.FAIL,
            f"{text} 'provisioner.0.remote-exec.connection.0.password' (value set at "
            f"{tmp_path}/other.tf:13)",
        ),
        # nothing written in either
        "aws_instance.same": (Status.PASS, "No secrets are written in configuration"),
    }
    (db,) = (f for f in result.findings if f.address == "aws_db_instance.db")
    assert db.evidence["value_set_at"] == {"password": f"{tmp_path}/main.tf:12"}
    (main,) = (f for f in result.inputs if f.path.endswith("main.tf"))
    assert main.status == InputStatus.PARTIALLY_ASSESSED
    assert (main.line, main.error) == (
        8,
        "duplicate aws_db_instance.db: already declared at line 1 (Terraform refuses this "
        "configuration); this one is read only for the secrets written in it",
    )
    assert main.additional_errors[0] == (
        "line 24: duplicate data.http.x: already declared at line 20 (Terraform refuses this "
        "configuration); this one is read only for the secrets written in it"
    )
