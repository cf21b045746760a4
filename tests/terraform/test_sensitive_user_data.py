"""Terraform user data that reads a value Terraform treats as secret — a variable declared
``sensitive`` or ``ephemeral``, a module output declared ``sensitive``, a sensitive provider
attribute (``random_password.x.result``, ``data.aws_ssm_parameter.x.value``...) — holds that
secret at run time, readable through the instance metadata service: GDCC-CMP-005 FAILs naming
the source and where it is declared (the Terraform counterpart of CloudFormation ``NoEcho``;
was UNKNOWN, or PASS when the sensitive value had a default)."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

VARIABLES = """\
variable "db_password" {
  type      = string
  sensitive = true
}

variable "api_token" {
  type      = string
  ephemeral = true
}

variable "seeded" {
  type      = string
  sensitive = true
  default   = "correct-horse"
}

variable "region" {
  type    = string
}

variable "admin_password" {
  type      = string
  sensitive = true
}

variable "use_password" {
  type    = bool
  default = false
}
"""

AWS = """\
resource "random_password" "db" {
  length = 24
}

resource "aws_instance" "direct" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "#!/bin/sh\\nmysqladmin password '${var.db_password}'\\n"
}

resource "aws_instance" "region_only" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "#!/bin/sh\\necho ${var.region}\\n"
}

resource "aws_instance" "seeded" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "#!/bin/sh\\necho ${var.seeded} > /etc/app\\n"
}

resource "aws_instance" "unmarked" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "echo ${nonsensitive(var.db_password)}"
}

resource "aws_instance" "branch_not_taken" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = var.use_password ? "echo ${var.db_password}" : "echo none"
}

locals {
  boot = templatefile("${path.module}/boot.sh.tpl", {
    pw    = random_password.db.result
    token = var.api_token
  })
}

resource "aws_launch_template" "templated" {
  name      = "lt"
  user_data = base64encode(local.boot)
}

resource "aws_ssm_parameter" "plain" {
  name  = "/app/name"
  type  = "String"
  value = "app"
}

resource "aws_ssm_parameter" "secure" {
  name  = "/app/db"
  type  = "SecureString"
  value = random_password.db.result
}

data "aws_ssm_parameter" "ami" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

data "aws_ssm_parameter" "db" {
  name = "/app/db"
}

data "aws_ssm_parameter" "cipher" {
  name            = "/app/db"
  with_decryption = false
}

resource "aws_launch_configuration" "ssm" {
  image_id      = "ami-1"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/sh
    echo ${aws_ssm_parameter.plain.value} ${data.aws_ssm_parameter.ami.value}
    echo ${data.aws_ssm_parameter.cipher.value} ${data.aws_ssm_parameter.db.value}
    echo ${aws_ssm_parameter.secure.value}
  EOT
}

resource "tls_private_key" "deploy" {
  algorithm = "ED25519"
}

resource "aws_instance" "public_key" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "echo '${tls_private_key.deploy.public_key_openssh}' >> authorized_keys"
}

resource "aws_instance" "private_key" {
  ami              = "ami-1"
  subnet_id        = "subnet-1"
  user_data_base64 = base64encode(tls_private_key.deploy.private_key_openssh)
}

data "aws_secretsmanager_secret_version" "app" {
  secret_id = "app"
}

module "app" {
  source   = "./modules/app"
  password = jsondecode(data.aws_secretsmanager_secret_version.app.secret_string)["pw"]
}

resource "aws_instance" "module_output" {
  ami       = "ami-1"
  subnet_id = "subnet-1"
  user_data = "echo ${module.app.token}"
}
"""

MODULE_VARIABLES = """\
variable "password" {
  type = string
}

variable "own" {
  type      = string
  sensitive = true
  default   = "x"
}
"""

MODULE_MAIN = """\
resource "aws_launch_template" "node" {
  name      = "node"
  user_data = base64encode("echo ${var.password} ${var.own}")
}

output "token" {
  value     = "t-${var.own}"
  sensitive = true
}
"""

GOOGLE_AZURE = """\
data "google_secret_manager_secret_version" "db" {
  secret = "db"
}

resource "google_compute_instance" "meta" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  metadata = {
    app-db-password = data.google_secret_manager_secret_version.db.secret_data
  }
}

resource "google_compute_instance" "script" {
  name         = "vm2"
  machine_type = "e2-small"
  zone         = "asia-southeast1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface { network = "default" }
  metadata_startup_script = "echo ${sensitive("hunter2-literal")} > /etc/x"
}

resource "azurerm_key_vault_secret" "sql" {
  name         = "sql"
  value        = "from-somewhere"
  key_vault_id = "kv-1"
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = "rg"
  location              = "eastasia"
  size                  = "Standard_B1s"
  admin_username        = "ops"
  network_interface_ids = ["nic-1"]
  custom_data           = base64encode("SQL=${azurerm_key_vault_secret.sql.value}")
  admin_ssh_key {
    username   = "ops"
    public_key = "ssh-ed25519 AAAA"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "ubuntu"
    sku       = "22_04-lts"
    version   = "latest"
  }
}

resource "azurerm_virtual_machine" "legacy" {
  name                  = "legacy"
  resource_group_name   = "rg"
  location              = "eastasia"
  vm_size               = "Standard_B1s"
  network_interface_ids = ["nic-1"]
  os_profile {
    computer_name  = "legacy"
    admin_username = "ops"
    admin_password = var.admin_password
    custom_data    = "echo ${var.admin_password}"
  }
  os_profile_linux_config {
    disable_password_authentication = false
  }
}
"""


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _findings(root: Path) -> dict[str, tuple[Status, list[str] | None]]:
    result = audit([root], Settings(rule_ids=("GDCC-CMP-005",)))
    return {
        f.address or "": (f.status, f.evidence.get("user_data_secrets"))
        for f in result.findings
    }


def test_sensitive_values_in_user_data_fail(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "variables.tf", VARIABLES)
    _write(root / "main.tf", AWS)
    _write(root / "boot.sh.tpl", "#!/bin/sh\necho ${pw} | chpasswd\ncurl -H 'X: ${token}'\n")
    _write(root / "modules" / "app" / "variables.tf", MODULE_VARIABLES)
    _write(root / "modules" / "app" / "main.tf", MODULE_MAIN)
    random = "sensitive attribute random_password.db.result, main.tf:1"
    secret = (
        "sensitive attribute data.aws_secretsmanager_secret_version.app.secret_string, "
        "main.tf:99"
    )
    own = "sensitive variable module.app.var.own, modules/app/variables.tf:5"
    assert _findings(root) == {
        "aws_instance.direct": (
            Status.FAIL, ["user_data (sensitive variable var.db_password, variables.tf:1)"]
        ),
        # not declared sensitive and not known: as before
        "aws_instance.region_only": (Status.UNKNOWN, None),
        # the value is known and shaped like no credential: was PASS
        "aws_instance.seeded": (
            Status.FAIL, ["user_data (sensitive variable var.seeded, variables.tf:11)"]
        ),
        # nonsensitive() removes Terraform's mark, not the secret
        "aws_instance.unmarked": (
            Status.FAIL, ["user_data (sensitive variable var.db_password, variables.tf:1)"]
        ),
        # the branch that reads the password is not the one taken
        "aws_instance.branch_not_taken": (Status.PASS, []),
        "aws_launch_template.templated": (
            Status.FAIL,
            [
                "user_data (ephemeral variable var.api_token, variables.tf:6)",
                f"user_data ({random})",
            ],
        ),
        # a String parameter, AWS's public parameters and a value read without decryption
        # are no secrets; a SecureString one (resource or data source) is
        "aws_launch_configuration.ssm": (
            Status.FAIL,
            [
                "user_data (sensitive attribute aws_ssm_parameter.secure.value, main.tf:53)",
                "user_data (sensitive attribute data.aws_ssm_parameter.db.value, main.tf:63)",
                f"user_data ({random})",
            ],
        ),
        # the public half of a key pair is no secret (its value is computed: unknown)
        "aws_instance.public_key": (Status.UNKNOWN, None),
        "aws_instance.private_key": (
            Status.FAIL,
            [
                "user_data_base64 (sensitive attribute "
                "tls_private_key.deploy.private_key_openssh, main.tf:83)"
            ],
        ),
        # a secret passed into a module, and the module's own sensitive variable
        "module.app.aws_launch_template.node": (
            Status.FAIL, [f"user_data ({secret})", f"user_data ({own})"]
        ),
        # a sensitive output of a module
        "aws_instance.module_output": (
            Status.FAIL,
            [
                "user_data (sensitive output module.app.token, modules/app/main.tf:6)",
                f"user_data ({own})",
            ],
        ),
    }


def test_google_metadata_and_azure_custom_data(tmp_path: Path) -> None:
    root = tmp_path / "root"
    _write(root / "variables.tf", VARIABLES)
    _write(root / "main.tf", GOOGLE_AZURE)
    assert _findings(root) == {
        # any metadata key is served by the metadata server
        "google_compute_instance.meta": (
            Status.FAIL,
            [
                "metadata (sensitive attribute "
                "data.google_secret_manager_secret_version.db.secret_data, main.tf:1)"
            ],
        ),
        "google_compute_instance.script": (
            Status.FAIL, ["metadata_startup_script (value marked by sensitive())"]
        ),
        "azurerm_linux_virtual_machine.vm": (
            Status.FAIL,
            ["custom_data (sensitive attribute azurerm_key_vault_secret.sql.value, main.tf:29)"],
        ),
        "azurerm_virtual_machine.legacy": (
            Status.FAIL,
            ["custom_data (sensitive variable var.admin_password, variables.tf:21)"],
        ),
    }


def _plan_resource(
    name: str, values: dict[str, object], marks: dict[str, object]
) -> dict[str, object]:
    return {
        "address": f"aws_instance.{name}",
        "mode": "managed",
        "type": "aws_instance",
        "name": name,
        "provider_name": "registry.terraform.io/hashicorp/aws",
        "values": values,
        "sensitive_values": marks,
    }


def test_plan_marks(tmp_path: Path) -> None:
    """In a plan, Terraform marks user data built from a sensitive value: the mark names it
    (the text itself, a plain word here, is shaped like no credential)."""
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.0",
        "planned_values": {
            "root_module": {
                "resources": [
                    _plan_resource(
                        "marked",
                        {"ami": "ami-1", "user_data": "echo swordfish"},
                        {"user_data": True},
                    ),
                    _plan_resource(
                        "unmarked",
                        {"ami": "ami-1", "user_data": "echo swordfish"},
                        {"tags": {}},
                    ),
                ]
            }
        },
    }
    (tmp_path / "tfplan.json").write_text(json.dumps(plan), encoding="utf-8")
    assert _findings(tmp_path) == {
        "aws_instance.marked": (
            Status.FAIL, ["user_data (marked sensitive in the plan)"]
        ),
        "aws_instance.unmarked": (Status.PASS, []),
    }


def test_unknown_google_metadata_is_not_a_pass(tmp_path: Path) -> None:
    """Metadata that cannot be known may hold a start-up script (was PASS: skipped)."""
    _write(
        tmp_path / "main.tf",
        """\
variable "metadata" {
  type = map(string)
}

resource "google_compute_instance" "unknown" {
  name     = "a"
  metadata = merge(var.metadata, { enable-oslogin = "TRUE" })
}

resource "google_compute_instance" "known" {
  name     = "b"
  metadata = { enable-oslogin = "TRUE", startup-script = "apt-get -y upgrade" }
}
""",
    )
    assert _findings(tmp_path) == {
        "google_compute_instance.unknown": (Status.UNKNOWN, None),
        "google_compute_instance.known": (Status.PASS, []),
    }
