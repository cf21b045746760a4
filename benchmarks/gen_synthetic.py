#!/usr/bin/env python3
"""Write a synthetic AWS tenant in Terraform: N resources, for scale benchmarks.

    python benchmarks/gen_synthetic.py OUT_DIR --resources 100000 [--per-file 200]
        [--files-per-folder 10] [--single-file]

Every group of ten resources is one small "system": a VPC, two subnets, two security groups
(the second admits traffic from the first: a cross-reference), three instances in the subnets
behind the groups, a database in the VPC and a bucket, with GDCC tags on some of them. Values
vary (ports, CIDRs, encryption on or off) so that every rule sees both PASS and FAIL. Folders
of ``--files-per-folder`` files are separate Terraform roots, as a large tenant's
repository has. ``--single-file`` writes everything into one ``main.tf`` instead (the
"one 20 MB file" case). The output is deterministic.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

GROUP = 10  # resources per system group


def _group(index: int) -> str:
    """Ten resources of one system, numbered ``index``."""
    i = index
    octet_a, octet_b = (i // 250) % 250, i % 250
    public = i % 7 == 0  # some groups are badly configured, so rules fail too
    encrypted = "false" if i % 5 == 0 else "true"
    port = (22, 443, 5432, 3389, 8080)[i % 5]
    source = '"0.0.0.0/0"' if public else f'"10.{octet_a}.{octet_b}.0/24"'
    classification = ("internal", "confidential", "public")[i % 3]
    return f'''
resource "aws_vpc" "vpc_{i}" {{
  cidr_block           = "10.{octet_a}.{octet_b}.0/24"
  enable_dns_hostnames = true
  tags = {{
    Name                     = "vpc-{i}"
    "gdcc:system"            = "sys-{i % 50}"
    "gdcc:data-classification" = "{classification}"
  }}
}}

resource "aws_subnet" "a_{i}" {{
  vpc_id                  = aws_vpc.vpc_{i}.id
  cidr_block              = "10.{octet_a}.{octet_b}.0/25"
  availability_zone       = "ap-southeast-7a"
  map_public_ip_on_launch = {str(public).lower()}
}}

resource "aws_subnet" "b_{i}" {{
  vpc_id            = aws_vpc.vpc_{i}.id
  cidr_block        = "10.{octet_a}.{octet_b}.128/25"
  availability_zone = "ap-southeast-7b"
}}

resource "aws_security_group" "web_{i}" {{
  name        = "web-{i}"
  description = "web tier of system {i}"
  vpc_id      = aws_vpc.vpc_{i}.id

  ingress {{
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = [{source}]
  }}

  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_security_group" "db_{i}" {{
  name        = "db-{i}"
  description = "database tier of system {i}"
  vpc_id      = aws_vpc.vpc_{i}.id

  ingress {{
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.web_{i}.id]
  }}
}}

resource "aws_instance" "app_{i}_0" {{
  ami                    = "ami-0abcdef{i:08d}"
  instance_type          = "t3.medium"
  subnet_id              = aws_subnet.a_{i}.id
  vpc_security_group_ids = [aws_security_group.web_{i}.id]
  monitoring             = true

  metadata_options {{
    http_tokens = "{"required" if i % 3 else "optional"}"
  }}

  root_block_device {{
    encrypted   = {encrypted}
    volume_size = 40
  }}

  tags = {{
    Name = "app-{i}-0"
  }}
}}

resource "aws_instance" "app_{i}_1" {{
  ami                    = "ami-0abcdef{i:08d}"
  instance_type          = "t3.medium"
  subnet_id              = aws_subnet.b_{i}.id
  vpc_security_group_ids = [aws_security_group.web_{i}.id]

  root_block_device {{
    encrypted = true
  }}
}}

resource "aws_instance" "worker_{i}" {{
  ami                         = "ami-0fedcba{i:08d}"
  instance_type               = "m5.large"
  subnet_id                   = aws_subnet.b_{i}.id
  vpc_security_group_ids      = [aws_security_group.db_{i}.id]
  associate_public_ip_address = {str(public).lower()}
}}

resource "aws_db_instance" "db_{i}" {{
  identifier              = "db-{i}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  storage_encrypted       = {encrypted}
  backup_retention_period = {(0, 7, 35)[i % 3]}
  multi_az                = {str(i % 2 == 0).lower()}
  publicly_accessible     = {str(public).lower()}
  deletion_protection     = true
  vpc_security_group_ids  = [aws_security_group.db_{i}.id]
  username                = "app"
  password                = var.db_password
}}

resource "aws_s3_bucket" "data_{i}" {{
  bucket = "tenant-data-{i}"
  tags = {{
    "gdcc:system" = "sys-{i % 50}"
  }}
}}
'''


VARIABLES = '''
variable "db_password" {
  type      = string
  sensitive = true
}

provider "aws" {
  region = "ap-southeast-7"
}
'''


def generate(out: Path, resources: int, per_file: int, files_per_folder: int, single: bool) -> int:
    """Write the tenant under ``out``; returns the number of files written."""
    groups = max(1, resources // GROUP)
    per_file_groups = max(1, per_file // GROUP)
    out.mkdir(parents=True, exist_ok=True)
    if single:
        with (out / "main.tf").open("w") as handle:
            handle.write(VARIABLES)
            for index in range(groups):
                handle.write(_group(index))
        return 1
    written = 0
    for start in range(0, groups, per_file_groups):
        folder = out / f"system-{written // files_per_folder:04d}"
        folder.mkdir(exist_ok=True)
        if written % files_per_folder == 0:
            (folder / "variables.tf").write_text(VARIABLES)
        body = "".join(_group(i) for i in range(start, min(groups, start + per_file_groups)))
        (folder / f"part-{written:04d}.tf").write_text(body)
        written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--resources", type=int, default=100_000)
    parser.add_argument("--per-file", type=int, default=200, help="resources per file")
    parser.add_argument("--files-per-folder", type=int, default=10)
    parser.add_argument("--single-file", action="store_true")
    args = parser.parse_args(argv)
    files = generate(args.out, args.resources, args.per_file, args.files_per_folder,
                     args.single_file)
    size = sum(p.stat().st_size for p in args.out.rglob("*.tf"))
    print(f"{args.out}: {args.resources} resources in {files} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
