"""Launch templates and launch configurations (and Google instance templates, Azure VM scale
sets) are mapped as images (kind ``compute.image``)
for the volumes they give every instance, but they cannot be shared or made public: GDCC-DATA-001
is NOT_APPLICABLE to them (was UNKNOWN, "public access is not known", on every one). An AMI
made public by a launch permission is still judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_launch_template" "web" {
  name          = "web"
  image_id      = "ami-0123"
  instance_type = "t3.micro"
}

resource "aws_launch_configuration" "old" {
  name          = "old"
  image_id      = "ami-0123"
  instance_type = "t3.micro"
}

resource "aws_ami_copy" "golden" {
  name              = "golden"
  source_ami_id     = "ami-0123"
  source_ami_region = "ap-southeast-7"
}

resource "aws_ami_launch_permission" "everyone" {
  image_id = aws_ami_copy.golden.id
  group    = "all"
}

resource "google_compute_instance_template" "web" {
  name         = "web"
  machine_type = "e2-small"
  disk {
    source_image = "debian-cloud/debian-12"
  }
  network_interface {
    network = "default"
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "web" {
  name                = "web"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "Standard_B1s"
  instances           = 2
  admin_username      = "azureuser"
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAA"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
  os_disk {
    storage_account_type = "Standard_LRS"
    caching              = "ReadWrite"
  }
  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "/subscriptions/0/resourceGroups/rg/subnets/s"
    }
  }
}
"""

CFN = """\
Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0123
        InstanceType: t3.micro
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0123
      InstanceType: t3.micro
"""

WHY = (
    "a launch template, launch configuration, instance template or scale set is no image: it "
    "cannot be shared or made public (the image it names is judged where it is declared)"
)


def test_launch_templates_cannot_be_public(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "asg.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}

    def absent(kind: str) -> tuple[Status, str]:
        return Status.NOT_APPLICABLE, f"does not apply to {kind}: {WHY}"

    assert found == {
        "aws_launch_template.web": absent("aws_launch_template"),
        "aws_launch_configuration.old": absent("aws_launch_configuration"),
        "Template": absent("AWS::EC2::LaunchTemplate"),
        "Config": absent("AWS::AutoScaling::LaunchConfiguration"),
        # were UNKNOWN "public access is not known"
        "google_compute_instance_template.web": absent("google_compute_instance_template"),
        "azurerm_linux_virtual_machine_scale_set.web": absent(
            "azurerm_linux_virtual_machine_scale_set"
        ),
        "aws_ami_copy.golden": (Status.FAIL, "anyone on the internet can read this store"),
    }
