#!/usr/bin/env python3
"""Write a synthetic AWS tenant in Terraform: N resources, for scale benchmarks.

    python benchmarks/gen_synthetic.py OUT_DIR --resources 100000 [--per-file 200]
        [--files-per-folder 10] [--single-file] [--density dense|realistic]

Every group of ten resources is one small "system": a VPC, two subnets, two security groups
(the second admits traffic from the first: a cross-reference), three instances in the subnets
behind the groups, a database in the VPC and a bucket, with GDCC tags on some of them. Values
vary (ports, CIDRs, encryption on or off) so that every rule sees both PASS and FAIL. Folders
of ``--files-per-folder`` files are separate Terraform roots, as a large tenant's
repository has. ``--single-file`` writes everything into one ``main.tf`` instead (the
"one 20 MB file" case). The output is deterministic.

``--density dense`` (the default) writes about 300 bytes of HCL per resource: few attributes,
plain literals. ``--density realistic`` writes about 1 KB per resource, as the issue's
19 MB file of about 20,000 resources had: the same ten resources per group with descriptions,
``merge(local.common_tags, {...})`` tags, string templates, conditionals on variables, several
ingress rules, ``jsonencode`` policies, lifecycle and versioning blocks.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

GROUP = 10  # resources per system group
#: Bytes of HCL per resource of each density (measured over the first 1,000 groups).
BYTES_PER_RESOURCE = {"dense": 297, "realistic": 856}


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


def _realistic_group(index: int) -> str:
    """The same ten resources as :func:`_group`, written as a team would: about 1 KB each."""
    i = index
    octet_a, octet_b = (i // 250) % 250, i % 250
    public = i % 7 == 0
    encrypted = "false" if i % 5 == 0 else "true"
    port = (22, 443, 5432, 3389, 8080)[i % 5]
    source = '"0.0.0.0/0"' if public else f'"10.{octet_a}.{octet_b}.0/24"'
    classification = ("internal", "confidential", "public")[i % 3]
    owner = ("platform", "payments", "citizen-portal", "analytics")[i % 4]
    backup = ("daily", "weekly", "none")[i % 3]
    compliance = ("gdcc-high", "gdcc-medium", "gdcc-low")[i % 3]
    team = (
        f'\n    Owner      = "{owner}"\n    CostCenter = "cc-{1000 + i % 97}"'
        f'\n    Backup     = "{backup}"\n    Compliance = "{compliance}"'
        f'\n    Project    = "digital-government-{i % 40}"'
    )
    return f'''
# ---------------------------------------------------------------------------------------
# System {i}: {owner} workload, {classification} data. Managed by the {owner} team.
# ---------------------------------------------------------------------------------------
# aws_vpc.vpc_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_vpc" "vpc_{i}" {{
  cidr_block           = "10.{octet_a}.{octet_b}.0/24"
  enable_dns_hostnames = true
  enable_dns_support   = true
  instance_tenancy     = "default"

  tags = merge(local.common_tags, {{
    Name                       = "${{var.environment}}-vpc-{i}"
    "gdcc:system"              = "sys-{i % 50}"
    "gdcc:data-classification" = "{classification}"
    Owner                      = "{owner}"
    CostCenter                 = "cc-{1000 + i % 97}"
  }})
}}

# aws_subnet.a_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_subnet" "a_{i}" {{
  vpc_id                  = aws_vpc.vpc_{i}.id
  cidr_block              = cidrsubnet(aws_vpc.vpc_{i}.cidr_block, 1, 0)
  availability_zone       = "${{var.region}}a"
  map_public_ip_on_launch = {str(public).lower()}

  tags = merge(local.common_tags, {{
    Name = "${{var.environment}}-subnet-a-{i}"
    Tier = "{"public" if public else "private"}"{team}
  }})
}}

# aws_subnet.b_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_subnet" "b_{i}" {{
  vpc_id            = aws_vpc.vpc_{i}.id
  cidr_block        = cidrsubnet(aws_vpc.vpc_{i}.cidr_block, 1, 1)
  availability_zone = "${{var.region}}b"

  tags = merge(local.common_tags, {{
    Name = "${{var.environment}}-subnet-b-{i}"
    Tier = "private"{team}
  }})
}}

# aws_security_group.web_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_security_group" "web_{i}" {{
  name        = "${{var.environment}}-web-{i}"
  description = "Web tier of system {i} ({owner}): HTTPS from the load balancer, admin port {port}"
  vpc_id      = aws_vpc.vpc_{i}.id

  ingress {{
    description = "service port {port}"
    from_port   = {port}
    to_port     = {port}
    protocol    = "tcp"
    cidr_blocks = [{source}]
  }}

  ingress {{
    description = "HTTPS from inside the VPC"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.vpc_{i}.cidr_block]
  }}

  ingress {{
    description = "monitoring agent from the management network"
    from_port   = 9100
    to_port     = 9100
    protocol    = "tcp"
    cidr_blocks = ["10.250.0.0/16"]
  }}

  egress {{
    description = "all outbound"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}

  lifecycle {{
    create_before_destroy = true
  }}

  tags = merge(local.common_tags, {{
    Name = "${{var.environment}}-web-{i}"{team}
  }})
}}

# aws_security_group.db_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_security_group" "db_{i}" {{
  name        = "${{var.environment}}-db-{i}"
  description = "Database tier of system {i}: PostgreSQL from the web tier only"
  vpc_id      = aws_vpc.vpc_{i}.id

  ingress {{
    description     = "PostgreSQL from the web tier"
    from_port       = 5432
    to_port         = 5432
    protocol        = "tcp"
    security_groups = [aws_security_group.web_{i}.id]
  }}

  tags = merge(local.common_tags, {{
    Name = "${{var.environment}}-db-{i}"{team}
  }})
}}

# aws_instance.app_{i}_0: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_instance" "app_{i}_0" {{
  ami                    = "ami-0abcdef{i:08d}"
  instance_type          = var.environment == "prod" ? "m5.large" : "t3.medium"
  subnet_id              = aws_subnet.a_{i}.id
  vpc_security_group_ids = [aws_security_group.web_{i}.id]
  monitoring             = true
  user_data              = base64encode("#!/bin/bash\\necho system-{i} > /etc/system-id\\n")

  metadata_options {{
    http_endpoint = "enabled"
    http_tokens   = "{"required" if i % 3 else "optional"}"
  }}

  root_block_device {{
    encrypted   = {encrypted}
    volume_size = 40
    volume_type = "gp3"
  }}

  ebs_block_device {{
    device_name           = "/dev/sdf"
    volume_size           = 100
    volume_type           = "gp3"
    encrypted             = {encrypted}
    delete_on_termination = false
  }}

  tags = merge(local.common_tags, {{
    Name = "app-{i}-0"
    Role = "application"{team}
  }})
}}

# aws_instance.app_{i}_1: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_instance" "app_{i}_1" {{
  ami                    = "ami-0abcdef{i:08d}"
  instance_type          = var.environment == "prod" ? "m5.large" : "t3.medium"
  subnet_id              = aws_subnet.b_{i}.id
  vpc_security_group_ids = [aws_security_group.web_{i}.id]

  root_block_device {{
    encrypted   = true
    volume_type = "gp3"
  }}

  tags = merge(local.common_tags, {{
    Name = "app-{i}-1"
    Role = "application"{team}
  }})
}}

# aws_instance.worker_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_instance" "worker_{i}" {{
  ami                         = "ami-0fedcba{i:08d}"
  instance_type               = "m5.large"
  subnet_id                   = aws_subnet.b_{i}.id
  vpc_security_group_ids      = [aws_security_group.db_{i}.id]
  associate_public_ip_address = {str(public).lower()}

  tags = merge(local.common_tags, {{
    Name = "worker-{i}"
    Role = "batch"{team}
  }})
}}

# aws_db_instance.db_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_db_instance" "db_{i}" {{
  identifier              = "${{var.environment}}-db-{i}"
  engine                  = "postgres"
  engine_version          = "16.3"
  instance_class          = "db.t3.medium"
  allocated_storage       = 50
  max_allocated_storage   = 200
  storage_encrypted       = {encrypted}
  backup_retention_period = {(0, 7, 35)[i % 3]}
  backup_window           = "17:00-18:00"
  maintenance_window      = "sun:18:00-sun:19:00"
  multi_az                = {str(i % 2 == 0).lower()}
  publicly_accessible     = {str(public).lower()}
  deletion_protection     = true
  skip_final_snapshot     = false
  vpc_security_group_ids  = [aws_security_group.db_{i}.id]
  performance_insights_enabled    = true
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
  auto_minor_version_upgrade      = true
  copy_tags_to_snapshot           = true
  username                = "app"
  password                = var.db_password

  tags = merge(local.common_tags, {{
    Name = "${{var.environment}}-db-{i}"
    Role = "database"{team}
  }})
}}

# aws_s3_bucket.data_{i}: system {i}, owned by {owner}; changes reviewed by {owner}.
resource "aws_s3_bucket" "data_{i}" {{
  bucket = "tenant-${{var.environment}}-data-{i}"

  versioning {{
    enabled = {str(i % 4 != 0).lower()}
  }}

  server_side_encryption_configuration {{
    rule {{
      apply_server_side_encryption_by_default {{
        sse_algorithm = "{"aws:kms" if i % 2 else "AES256"}"
      }}
    }}
  }}

  lifecycle_rule {{
    id      = "archive-after-90-days"
    enabled = true

    transition {{
      days          = 90
      storage_class = "GLACIER"
    }}

    expiration {{
      days = 2555
    }}
  }}

  policy = jsonencode({{
    Version = "2012-10-17"
    Statement = [{{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = "arn:aws:s3:::tenant-${{var.environment}}-data-{i}/*"
      Condition = {{ Bool = {{ "aws:SecureTransport" = "false" }} }}
    }}]
  }})

  tags = merge(local.common_tags, {{
    "gdcc:system" = "sys-{i % 50}"
    Owner         = "{owner}"
  }})
}}
'''


REALISTIC_HEADER = '''
variable "environment" {
  type    = string
  default = "prod"
}

variable "region" {
  type    = string
  default = "ap-southeast-7"
}

locals {
  common_tags = {
    ManagedBy   = "terraform"
    Environment = var.environment
    Agency      = "example-agency"
  }
}
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


def generate(
    out: Path,
    resources: int,
    per_file: int,
    files_per_folder: int,
    single: bool,
    density: str = "dense",
) -> int:
    """Write the tenant under ``out``; returns the number of files written."""
    group = _realistic_group if density == "realistic" else _group
    header = VARIABLES + (REALISTIC_HEADER if density == "realistic" else "")
    groups = max(1, resources // GROUP)
    per_file_groups = max(1, per_file // GROUP)
    out.mkdir(parents=True, exist_ok=True)
    if single:
        with (out / "main.tf").open("w") as handle:
            handle.write(header)
            for index in range(groups):
                handle.write(group(index))
        return 1
    written = 0
    for start in range(0, groups, per_file_groups):
        folder = out / f"system-{written // files_per_folder:04d}"
        folder.mkdir(exist_ok=True)
        if written % files_per_folder == 0:
            (folder / "variables.tf").write_text(header)
        body = "".join(group(i) for i in range(start, min(groups, start + per_file_groups)))
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
    parser.add_argument("--density", choices=("dense", "realistic"), default="dense")
    args = parser.parse_args(argv)
    files = generate(
        args.out, args.resources, args.per_file, args.files_per_folder, args.single_file,
        args.density,
    )
    size = sum(p.stat().st_size for p in args.out.rglob("*.tf"))
    print(f"{args.out}: {args.resources} resources in {files} files, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
