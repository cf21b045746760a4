"""A ``for`` expression's references: what its collection and condition read (the keys it
picks with) is kept apart from what its values read (what the list holds).

``[for k in local.private_keys : aws_subnet.this[k].id]``, the keys chosen by reading every
subnet's tier, carried every subnet as a reference of ``subnet_ids``: the DB subnet group
held the public subnet too, its database was internet-facing and every subnet of the VPC
FAILed GDCC-GRAPH-008. An Azure VM taking only the ``app`` interface of a map of interfaces
(keys chosen by each interface's role tag) held the bastion's too: GDCC-CMP-001 FAIL 'it has
a public IP address' from the bastion's IP. When the values use the ``for`` names only to
pick (``x[k]``, ``lookup(m, k)``), the list holds what the values read; any other use keeps
the collection's references (``[for s in aws_subnet.x : s.id]`` holds the subnets)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .helpers import load, resources

AWS = """\
variable "subnets" {
  default = {
    web-a = { cidr = "10.0.1.0/24", tier = "public" }
    db-a  = { cidr = "10.0.11.0/24", tier = "private" }
    db-b  = { cidr = "10.0.12.0/24", tier = "private" }
  }
}
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "this" {
  for_each                = var.subnets
  vpc_id                  = aws_vpc.main.id
  cidr_block              = each.value.cidr
  map_public_ip_on_launch = each.value.tier == "public"
  tags                    = { Tier = each.value.tier }
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.this["web-a"].id
  route_table_id = aws_route_table.public.id
}
locals {
  private_keys = [for k, s in aws_subnet.this : k if s.tags.Tier == "private"]
}
resource "aws_db_subnet_group" "db" {
  name       = "db"
  subnet_ids = [for k in local.private_keys : aws_subnet.this[k].id]
}
resource "aws_security_group" "db" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_instance" "db" {
  identifier             = "db"
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  username               = "app"
  manage_master_user_password = true
  db_subnet_group_name   = aws_db_subnet_group.db.name
  vpc_security_group_ids = [aws_security_group.db.id]
  publicly_accessible    = true
  storage_encrypted      = true
}
"""

AZURE = """\
variable "nics" {
  default = {
    app     = { role = "app", public = false }
    bastion = { role = "bastion", public = true }
  }
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.1.0.0/16"]
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.1.1.0/24"]
}
resource "azurerm_public_ip" "bastion" {
  name                = "bastion"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
}
resource "azurerm_network_interface" "this" {
  for_each            = var.nics
  name                = each.key
  location            = "southeastasia"
  resource_group_name = "rg"
  tags                = { role = each.value.role }
  ip_configuration {
    name                          = "ip"
    subnet_id                     = azurerm_subnet.app.id
    private_ip_address_allocation = "Dynamic"
    public_ip_address_id          = each.value.public ? azurerm_public_ip.bastion.id : null
  }
}
locals {
  app_nics = [for k, n in azurerm_network_interface.this : k if n.tags.role == "app"]
}
resource "azurerm_linux_virtual_machine" "app" {
  name                  = "app"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "azureuser"
  network_interface_ids = [for k in local.app_nics : azurerm_network_interface.this[k].id]
  admin_ssh_key {
    username   = "azureuser"
    public_key = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 x"
  }
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts"
    version   = "latest"
  }
}
"""


def _refs(tmp_path: Path, text: str, address: str) -> list[tuple[str, str]]:
    (tmp_path / "main.tf").write_text(text)
    documents, errors = load(tmp_path)
    assert not errors
    found = resources(documents)[address]
    return sorted((ref.attribute, ref.target) for ref in found.references)


def _findings(tmp_path: Path, text: str, *rules: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / "main.tf").write_text(text)
    report = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in report.findings}


def test_keys_picked_from_every_subnet_hold_only_the_picked_subnets(tmp_path: Path) -> None:
    assert _refs(tmp_path, AWS, "aws_db_subnet_group.db") == [
        ("subnet_ids", 'aws_subnet.this["db-a"]'),
        ("subnet_ids", 'aws_subnet.this["db-b"]'),
    ]
    found = _findings(tmp_path, AWS, "GDCC-GRAPH-008")
    for address in ('aws_subnet.this["db-a"]', 'aws_subnet.this["web-a"]', "aws_vpc.main"):
        assert found["GDCC-GRAPH-008", address] == (
            Status.NOT_APPLICABLE, "holds no workload reachable from the internet"
        )


def test_a_vm_taking_one_interface_of_a_map_is_not_public_by_another(tmp_path: Path) -> None:
    assert _refs(tmp_path, AZURE, "azurerm_linux_virtual_machine.app") == [
        ("network_interface_ids", 'azurerm_network_interface.this["app"]'),
    ]
    found = _findings(tmp_path, AZURE, "GDCC-CMP-001", "GDCC-NET-001", "GDCC-GRAPH-002")
    vm = "azurerm_linux_virtual_machine.app"
    assert found["GDCC-CMP-001", vm] == (Status.PASS, "Instances have no public IP address")
    assert found["GDCC-NET-001", vm][0] is Status.PASS
    assert found["GDCC-GRAPH-002", vm][0] is Status.PASS


def test_values_made_of_the_items_keep_the_collection(tmp_path: Path) -> None:
    text = AWS.replace(
        "subnet_ids = [for k in local.private_keys : aws_subnet.this[k].id]",
        'subnet_ids = [for s in aws_subnet.this : s.id if s.tags.Tier == "private"]',
    )
    refs = _refs(tmp_path, text, "aws_db_subnet_group.db")
    assert ("subnet_ids", "aws_subnet.this") in refs
    text = AWS.replace(
        "subnet_ids = [for k in local.private_keys : aws_subnet.this[k].id]",
        'subnet_ids = [for k in local.private_keys : "${k}-${aws_subnet.this[k].id}"]',
    )
    refs = _refs(tmp_path, text, "aws_db_subnet_group.db")
    assert ("subnet_ids", 'aws_subnet.this["web-a"]') in refs


def test_picking_by_lookup_and_a_collection_not_known(tmp_path: Path) -> None:
    text = AWS.replace(
        "subnet_ids = [for k in local.private_keys : aws_subnet.this[k].id]",
        "subnet_ids = [for k in local.private_keys : lookup(aws_subnet.this, k).id]",
    )
    assert _refs(tmp_path, text, "aws_db_subnet_group.db") == [
        ("subnet_ids", "aws_subnet.this"),
        ("subnet_ids", 'aws_subnet.this["db-a"]'),
        ("subnet_ids", 'aws_subnet.this["db-b"]'),
    ]
    # a collection not known: what it reads is all there is to tell what the list holds
    text = AWS.replace(
        'private_keys = [for k, s in aws_subnet.this : k if s.tags.Tier == "private"]',
        "private_keys = aws_subnet.this[\"web-a\"].tags_all",
    )
    refs = _refs(tmp_path, text, "aws_db_subnet_group.db")
    assert ("subnet_ids", 'aws_subnet.this["web-a"]') in refs
