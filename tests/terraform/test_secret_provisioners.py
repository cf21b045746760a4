"""GDCC-SECRET-001 on a Terraform resource's ``connection`` and ``provisioner`` blocks: how
Terraform logs in to the machine it made (``connection { password, private_key }``) and what
it runs (``remote-exec`` ``inline``, ``local-exec`` ``command`` / ``environment``). The loader
dropped these meta blocks before evaluation: a literal password there PASSed (a resource of a
judged type) or had no finding at all (``null_resource``, ``terraform_data``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"
PEM = (
    "-----BEGIN OPENSSH PRIVATE KEY-----\n"
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
    "-----END OPENSSH PRIVATE KEY-----\n"
)

MAIN = """\
resource "aws_instance" "web" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  connection {
    type        = "ssh"
    user        = "ubuntu"
    host        = self.public_ip
    private_key = file("keys/id_rsa")
  }
  provisioner "remote-exec" {
    inline = [
      "sudo apt-get install -y nginx",
      "mysql -u root -p'S3cretPw!' -e 'select 1'",
    ]
  }
}
resource "null_resource" "win" {
  connection {
    type     = "winrm"
    host     = "10.0.0.4"
    user     = "admin"
    password = "M@sterY0d@123"
  }
  provisioner "remote-exec" {
    inline = ["echo hi"]
  }
}
resource "terraform_data" "deploy" {
  provisioner "local-exec" {
    command = "./deploy.sh --password hunter2hunter"
    environment = {
      DB_PASSWORD = "supersecret1"
      REGION      = "ap-southeast-1"
    }
  }
}
resource "null_resource" "inner" {
  provisioner "file" {
    source      = "app.conf"
    destination = "/etc/app.conf"
    connection {
      host     = "10.0.0.6"
      password = "inner-pass-1"
    }
  }
}
variable "pw" {
  type      = string
  sensitive = true
}
resource "aws_instance" "clean" {
  ami           = "ami-123"
  instance_type = "t3.micro"
  connection {
    host        = self.public_ip
    private_key = file("/nonexistent/outside/id_rsa")
    password    = var.pw
  }
  provisioner "local-exec" {
    command     = "echo $DB_PASSWORD; mkdir -p /tmp/x; docker login --password-stdin"
    environment = { DB_PASSWORD = var.pw }
  }
}
resource "null_resource" "clean" {
  provisioner "local-exec" {
    command = "mysql -u root -p -e 'select 1'"
  }
}
"""


def _findings(root: Path) -> dict[str, tuple[Status, list[str] | None, str]]:
    result = audit([root], Settings(rule_ids=(RULE,)))
    return {
        f.address or f.resource_name: (f.status, f.evidence.get("paths"), f.message.en)
        for f in result.findings
        if f.rule_id == RULE
    }


def test_connection_and_provisioner_secrets_fail(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "keys").mkdir()
    (tmp_path / "keys" / "id_rsa").write_text(PEM, encoding="utf-8")
    found = _findings(tmp_path)
    assert {k: v[:2] for k, v in found.items()} == {
        # was PASS: the connection and provisioner blocks were dropped
        "aws_instance.web": (
            Status.FAIL,
            ["connection.0.private_key", "provisioner.0.remote-exec.inline.1"],
        ),
        # no finding before: types with no rules, secrets only in meta blocks
        "null_resource.win": (Status.FAIL, ["connection.0.password"]),
        "terraform_data.deploy": (
            Status.FAIL,
            [
                "provisioner.0.local-exec.command",
                "provisioner.0.local-exec.environment.DB_PASSWORD",
            ],
        ),
        "null_resource.inner": (
            Status.FAIL, ["provisioner.0.file.connection.0.password"]
        ),
        # a key outside the configuration, a sensitive variable, a prompt: not literals
        "aws_instance.clean": (Status.PASS, None),
    }
    # the private key is a file committed beside the code: the message names it
    key_file = str(tmp_path / "keys" / "id_rsa")
    assert found["aws_instance.web"][2].endswith(f"(value set at {key_file})")


def test_private_key_read_through_path_module_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "null_resource" "k" {\n'
        "  connection {\n"
        '    host        = "10.0.0.7"\n'
        '    private_key = file("${path.module}/ssh/deploy.pem")\n'
        "  }\n"
        '  provisioner "remote-exec" { inline = ["true"] }\n'
        "}\n",
        encoding="utf-8",
    )
    (tmp_path / "ssh").mkdir()
    (tmp_path / "ssh" / "deploy.pem").write_text(PEM, encoding="utf-8")
    status, paths, message = _findings(tmp_path)["null_resource.k"]
    assert (status, paths) == (Status.FAIL, ["connection.0.private_key"])
    assert message.endswith(f"(value set at {tmp_path / 'ssh' / 'deploy.pem'})")


DATA_SOURCES = """\
data "http" "api" {
  url = "https://api.example.com/v1/ip"
  request_headers = {
    Authorization = "Bearer abcdefghijklmnopqrstuvwxyz123456"
    Accept        = "application/json"
  }
}
data "external" "seed" {
  program = ["python3", "seed.py", "--password", "hunter2hunter"]
}
data "template_file" "init" {
  template = "echo $${password}"
  vars = {
    password = "s3cr3tpassw0rd"
  }
}
data "aws_secretsmanager_secret_version" "db" {
  secret_id = "prod/db"
}
data "azurerm_key_vault_secret" "pw" {
  name         = "db-password"
  key_vault_id = "kv"
}
"""


def test_data_source_arguments(tmp_path: Path) -> None:
    """A data source's arguments are configuration: a literal bearer token in ``data
    "http"`` headers, a password in ``template_file`` ``vars`` or on ``data "external"``'s
    command line had no finding. Data sources that read a stored secret by its name are
    no secret holders."""
    (tmp_path / "main.tf").write_text(DATA_SOURCES, encoding="utf-8")
    assert {k: v[:2] for k, v in _findings(tmp_path).items()} == {
        "data.http.api": (Status.FAIL, ["request_headers.Authorization"]),
        "data.external.seed": (Status.FAIL, ["program.3"]),
        "data.template_file.init": (Status.FAIL, ["vars.password"]),
    }


PARTLY_WRITTEN = """\
resource "aws_db_instance" "db" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
  username       = "admin"
  password       = var.db_pw
}
variable "db_pw" {
  type      = string
  sensitive = true
}
resource "aws_instance" "app" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    mysql -h ${aws_db_instance.db.address} -u admin -pS3cretPw1 -e 'create database app'
  EOT
}
resource "aws_instance" "ref" {
  ami           = "ami-1"
  instance_type = "t3.micro"
  user_data     = "mysql -h ${aws_db_instance.db.address} -u admin -p${var.db_pw}"
}
resource "null_resource" "d" {
  triggers = { host = "10.0.0.9" }
  provisioner "remote-exec" {
    when   = destroy
    inline = ["sshpass -p 'Dr0pIt!' ssh root@${self.triggers.host} true"]
    connection {
      host = self.triggers.host
    }
  }
}
resource "null_resource" "url" {
  provisioner "local-exec" {
    command = "psql postgres://app:${var.db_pw}@${aws_db_instance.db.address}/app"
  }
}
"""


def test_strings_written_in_part(tmp_path: Path) -> None:
    """A string with a reference in it is not known, but what is written around the
    reference is: a literal password next to it (``mysql -pS3cret -h ${...address}``) PASSed
    (user data, a provisioner's command). The part not known is never taken for one."""
    (tmp_path / "main.tf").write_text(PARTLY_WRITTEN, encoding="utf-8")
    assert {k: v[:2] for k, v in _findings(tmp_path).items()} == {
        "aws_db_instance.db": (Status.PASS, None),
        "aws_instance.app": (Status.FAIL, ["user_data"]),
        "aws_instance.ref": (Status.PASS, None),
        "null_resource.d": (Status.FAIL, ["provisioner.0.remote-exec.inline.0"]),
    }
