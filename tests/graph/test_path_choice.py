"""Among the shortest paths to a target, the one shown keeps to the target's own file (its
stack), then its root or folder (its module); equally near ones as the search found them.
It was the first the breadth-first search found, whatever its file (graph9's sweep: a
database of one template shown reached through a function of another template of the same
tenant, though a host of its own template reached it as well)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

NETWORK = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "gw" {
  vpc_id = aws_vpc.main.id
}
resource "aws_subnet" "public" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.gw.id
  }
}
resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}
"""


def _host(name: str) -> str:
    return f"""
resource "aws_security_group" "{name}" {{
  name   = "{name}"
  vpc_id = aws_vpc.main.id
  ingress {{
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}
resource "aws_instance" "{name}" {{
  ami                         = "ami-12345678"
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.public.id
  associate_public_ip_address = true
  vpc_security_group_ids      = [aws_security_group.{name}.id]
}}
"""


STORE = """
resource "aws_security_group" "db" {
  name   = "db"
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_db_instance" "db" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
  storage_encrypted      = true
  publicly_accessible    = false
}
"""


def _path(folder: Path) -> tuple[Status, str]:
    result = audit([folder], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = next(f for f in result.findings if f.address == "aws_db_instance.db")
    return found.status, found.message.en


SHOP = (Status.FAIL, "a workload reachable from the internet can connect to port 5432: "
        "internet → shop:443 → db:5432")


def test_the_path_keeps_to_the_stores_file(tmp_path: Path) -> None:
    """``front`` (a.tf, read first) and ``shop`` (b.tf, beside the database) both reach the
    database through "any internal address" in as many steps: the path names ``shop``
    (it named ``front``, the first found), whichever file is read first."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "a.tf").write_text(NETWORK + _host("front"), "utf-8")
    (first / "b.tf").write_text(_host("shop") + STORE, "utf-8")
    (second / "a.tf").write_text(NETWORK + _host("shop") + STORE, "utf-8")
    (second / "b.tf").write_text(_host("front"), "utf-8")
    assert _path(first) == SHOP
    assert _path(second) == SHOP


def test_equally_near_paths_keep_the_searchs_order(tmp_path: Path) -> None:
    """Two hosts of another file than the database: the first the search found (declared
    first), as before; the same inputs give the same path."""
    (tmp_path / "a.tf").write_text(NETWORK + _host("zeta") + _host("alpha"), "utf-8")
    (tmp_path / "b.tf").write_text(STORE, "utf-8")
    zeta = (Status.FAIL, "a workload reachable from the internet can connect to port 5432: "
            "internet → zeta:443 → db:5432")
    assert _path(tmp_path) == zeta
    assert _path(tmp_path) == zeta
