"""A secret or an open CIDR written in a Terraform heredoc (user data, an ECS
``container_definitions`` or ``secret_string`` JSON document, ``cidr_blocks =
jsondecode(<<EOT ...)``) pointed only at its resource's first line, however long the
heredoc: the finding now says ``value set at`` the line inside the heredoc that holds the
value (as written, JSON-escaped, or as rendered when an interpolation gives it), else the
heredoc's first line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "domain_password" {
  type    = string
  default = "Hunter22pwX"
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOT
    #!/bin/bash
    yum install -y mysql
    mysql -u root --password=Sup3rS3cretPw -e 'select 1'
  EOT
}

resource "azurerm_virtual_machine_extension" "join" {
  name                 = "join"
  virtual_machine_id   = "/subscriptions/x/vm"
  publisher            = "Microsoft.Compute"
  type                 = "JsonADDomainExtension"
  type_handler_version = "1.3"
  protected_settings   = <<EOF
{
  "Password": "${var.domain_password}"
}
EOF
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<DEFINITION
[
  {
    "name": "app",
    "image": "nginx",
    "environment": [
      {"name": "REGION", "value": "us-east-1"},
      {"name": "DB_PASSWORD", "value": "Sup3rS3cretPw"}
    ]
  }
]
DEFINITION
}

resource "aws_secretsmanager_secret_version" "v" {
  secret_id     = "x"
  secret_string = <<EOF
{
  "username": "admin",
  "password": "An0therS3cret!"
}
EOF
}

resource "aws_db_instance" "db" {
  engine   = "mysql"
  username = "admin"
  password = "Sup3rS3cretPw"
}

resource "aws_security_group" "sg" {
  name = "sg"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = jsondecode(<<EOT
[
  "10.0.0.0/8",
  "0.0.0.0/0"
]
EOT
    )
  }
}
"""


def test_a_value_in_a_heredoc_is_set_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit(
        [tmp_path], Settings(rule_ids=("GDCC-SECRET-001", "GDCC-NET-001"))
    )
    main = str(tmp_path / "main.tf")
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        ("aws_instance.web", "GDCC-SECRET-001"): (Status.FAIL, {"user_data": f"{main}:12"}),
        # the rendered line (the variable's value is what the line holds), then the
        # variable's default: the value a user changes
        ("azurerm_virtual_machine_extension.join", "GDCC-SECRET-001"): (
            Status.FAIL, {"protected_settings": f"{main}:24, {main}:3"},
        ),
        ("aws_ecs_task_definition.app", "GDCC-SECRET-001"): (
            Status.FAIL, {"container_definitions.0.environment.1.value": f"{main}:38"},
        ),
        ("aws_secretsmanager_secret_version.v", "GDCC-SECRET-001"): (
            Status.FAIL, {"secret_string.password": f"{main}:50"},
        ),
        # written in the block, not in a heredoc: the resource's own line, as before
        ("aws_db_instance.db", "GDCC-SECRET-001"): (Status.FAIL, None),
        ("aws_security_group.sg", "GDCC-NET-001"): (Status.FAIL, {"ingress": f"{main}:70"}),
    }
    (web,) = (
        f for f in result.findings
        if f.address == "aws_instance.web" and f.rule_id == "GDCC-SECRET-001"
    )
    assert web.message is not None
    assert web.message.en == (
        f"a secret is written in plain text at 'user_data' (value set at {main}:12)"
    )
    (sg,) = (f for f in result.findings if f.address == "aws_security_group.sg")
    assert sg.evidence["opened_by"][0]["value_set_at"] == f"{main}:70"


def test_a_heredoc_without_the_value_on_a_line_points_at_its_first_line(
    tmp_path: Path,
) -> None:
    """A secret found in the heredoc as a whole (a sensitive argument, no line holding a
    secret by itself) is set at the heredoc's ``<<EOF`` line."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_secretsmanager_secret_version" "v" {\n'
        '  secret_id     = "x"\n'
        "  secret_string = <<EOF\n"
        "first-part-of-it\n"
        "second-part-of-it\n"
        "EOF\n"
        "}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    (finding,) = result.findings
    assert (finding.status, finding.evidence.get("value_set_at")) == (
        Status.FAIL, {"secret_string": f"{tmp_path / 'main.tf'}:3"},
    )


GIVEN = """\
locals {
  user_data = <<-EOT
    #!/bin/bash
    yum install -y mysql
    mysql -u root --password=Sup3rS3cretPw -e 'select 1'
  EOT
}

variable "script" {
  default = <<EOT
#!/bin/bash
export DB_PASSWORD=Sup3rS3cretPw
EOT
}

resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = local.user_data
}

resource "aws_instance" "web2" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = var.script
}
"""


def test_a_heredoc_given_by_a_local_or_a_variable_is_set_at_its_line(tmp_path: Path) -> None:
    """``user_data = local.user_data`` whose local is a heredoc said ``value set at`` the
    local's ``<<EOT`` line; now the line inside it that holds the password."""
    (tmp_path / "main.tf").write_text(GIVEN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    main = str(tmp_path / "main.tf")
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "aws_instance.web": (Status.FAIL, {"user_data": f"{main}:5"}),
        "aws_instance.web2": (Status.FAIL, {"user_data": f"{main}:12"}),
    }


READS = """\
resource "aws_instance" "web" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { region = "us-east-1" })
}

resource "aws_instance" "web2" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = file("${path.module}/init2.sh")
}
"""


def test_a_file_read_by_the_argument_is_set_at_its_line(tmp_path: Path) -> None:
    """``file("init2.sh")`` said ``value set at init2.sh`` (no line) and
    ``templatefile("init.sh", {...})`` nothing at all: both name the script's line that
    holds the password (a key file is still named alone: the whole file is the secret)."""
    (tmp_path / "main.tf").write_text(READS, encoding="utf-8")
    (tmp_path / "init.sh").write_text(
        '#!/bin/bash\necho ${region}\nmysql -u root --password=Sup3rS3cretPw -e "select 1"\n',
        encoding="utf-8",
    )
    (tmp_path / "init2.sh").write_text(
        "#!/bin/bash\necho hi\nexport DB_PASSWORD=Sup3rS3cretPw\n", encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "aws_instance.web": (Status.FAIL, {"user_data": f"{tmp_path / 'init.sh'}:3"}),
        "aws_instance.web2": (Status.FAIL, {"user_data": f"{tmp_path / 'init2.sh'}:3"}),
    }


INTERPOLATED = """\
variable "db_pw" {
  type = string
}

variable "api" {
  type    = object({ token = string })
  default = { token = "tok-Xk9mQ2vLp77aa" }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

locals {
  script = <<-EOT
    #!/bin/bash
    echo ${var.region}
    export DB_PASSWORD='${var.db_pw}'
  EOT
}

resource "aws_instance" "own" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    echo ${var.region}
    mysql -u root -p${var.db_pw} -e 'select 1'
  EOF
}

resource "aws_instance" "encoded" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = base64encode(<<-EOF
    #!/bin/bash
    export DB_PASSWORD=${var.db_pw}
  EOF
  )
}

resource "aws_instance" "local" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = local.script
}

resource "aws_instance" "written" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<-EOF
    #!/bin/bash
    echo ${var.region}
    export DB_PASSWORD=Sup3rS3cretPw
  EOF
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<EOF
[
  {
    "name": "app",
    "image": "nginx",
    "environment": [
      {"name": "API_TOKEN", "value": "${var.api["token"]}"}
    ]
  }
]
EOF
}

resource "aws_instance" "file" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { region = var.region, pw = var.db_pw })
}

module "app" {
  source = "./app"
  pw     = "M0dul3S3cretPw"
}
"""

MODULE = """\
variable "pw" {
  type = string
}

resource "aws_instance" "m" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = <<EOF
#!/bin/bash
export DB_PASSWORD=${var.pw}
EOF
}
"""


def test_a_secret_interpolated_in_a_heredoc_is_also_set_where_its_input_is(
    tmp_path: Path,
) -> None:
    """A secret a heredoc renders from an input (``export DB_PASSWORD=${var.db_pw}``) was
    set at the heredoc's line only; the value a user changes is the input's (its
    ``.tfvars`` line, its default, the module argument): both are named, the heredoc's line
    first. A line that writes the secret itself names no input (``echo ${var.region}`` on
    another line is not followed)."""
    (tmp_path / "main.tf").write_text(INTERPOLATED, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text('db_pw = "TfV4rsS3cretPw"\n', encoding="utf-8")
    (tmp_path / "init.sh").write_text(
        "#!/bin/bash\necho ${region}\nexport DB_PASSWORD=${pw}\necho $${HOME}\n",
        encoding="utf-8",
    )
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.tf").write_text(MODULE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    main, tfvars = tmp_path / "main.tf", tmp_path / "terraform.tfvars"
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "aws_instance.own": (Status.FAIL, {"user_data": f"{main}:29, {tfvars}:1"}),
        # inside base64encode(): the heredoc's line of the text it encodes
        "aws_instance.encoded": (Status.FAIL, {"user_data": f"{main}:38, {tfvars}:1"}),
        # the local's heredoc (a local with interpolations has no origin of its own)
        "aws_instance.local": (Status.FAIL, {"user_data": f"{main}:19, {tfvars}:1"}),
        "aws_instance.written": (Status.FAIL, {"user_data": f"{main}:55"}),
        "aws_ecs_task_definition.app": (
            Status.FAIL,
            {"container_definitions.0.environment.0.value": f"{main}:67, {main}:7"},
        ),
        "aws_instance.file": (
            Status.FAIL, {"user_data": f"{tmp_path / 'init.sh'}:3, {tfvars}:1"},
        ),
        "module.app.aws_instance.m": (
            Status.FAIL, {"user_data": f"{tmp_path / 'app' / 'main.tf'}:10, {main}:82"},
        ),
    }
    (own,) = (f for f in result.findings if f.address == "aws_instance.own")
    assert own.message is not None
    assert own.message.en == (
        "a secret is written in plain text at 'user_data' "
        f"(value set at {main}:29, {tfvars}:1)"
    )


def test_a_secret_in_base64_user_data_fails(tmp_path: Path) -> None:
    """``user_data = base64encode(<<EOF ... EOF)`` (and ``user_data_base64``, Azure
    ``custom_data``): GDCC-CMP-005 read the text the base64 holds, GDCC-SECRET-001 PASSed
    ("no secrets are written in configuration") with a password written in it."""
    (tmp_path / "main.tf").write_text(
        'resource "aws_instance" "web" {\n'
        '  ami           = "ami-12345678"\n'
        '  instance_type = "t3.micro"\n'
        "  user_data     = base64encode(<<-EOF\n"
        "    #!/bin/bash\n"
        "    mysql -u root --password=Sup3rS3cretPw -e 'select 1'\n"
        "  EOF\n"
        "  )\n"
        "}\n"
        'resource "aws_instance" "plain" {\n'
        '  ami           = "ami-12345678"\n'
        '  instance_type = "t3.micro"\n'
        '  user_data     = base64encode("#!/bin/bash\\necho hello")\n'
        "}\n"
        'resource "azurerm_linux_virtual_machine" "vm" {\n'
        '  name                = "vm"\n'
        '  resource_group_name = "rg"\n'
        '  location            = "westeurope"\n'
        '  size                = "Standard_B1s"\n'
        '  admin_username      = "azureuser"\n'
        '  network_interface_ids = ["/subscriptions/x/nic"]\n'
        '  custom_data = base64encode("#!/bin/bash\\nexport API_TOKEN=abcd1234efgh5678")\n'
        "}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    main = tmp_path / "main.tf"
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "aws_instance.web": (Status.FAIL, {"user_data": f"{main}:6"}),
        "aws_instance.plain": (Status.PASS, None),
        "azurerm_linux_virtual_machine.vm": (Status.FAIL, None),
    }
    (vm,) = (f for f in result.findings if f.address == "azurerm_linux_virtual_machine.vm")
    assert vm.evidence["paths"] == ["custom_data"]
