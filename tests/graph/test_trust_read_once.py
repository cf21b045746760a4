"""A role's trust policy is read once per graph (``ResourceGraph.trust``), not once per
statement that may pass or assume it: ``grants.trust_of`` decoded a Terraform role's
``assume_role_policy`` again for every (statement, role) pair (terraform-aws-eks: 264 reads
of 16 roles for GDCC-GRAPH-006). The cache belongs to the graph: a second audit reads its
own roles again."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph import grants
from gdcc_audit.models.resource import Resource
from gdcc_audit.settings import Settings

ROLE = """\
resource "aws_iam_role" "NAME" {
  name = "NAME"
  assume_role_policy = jsonencode({ Statement = [{
    Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" }
  }] })
  inline_policy {
    name = "pass"
    policy = jsonencode({ Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "*",
        Condition = { StringEquals = { "iam:PassedToService" = "ec2.amazonaws.com" } } },
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::*:role/x-*" },
    ] })
  }
}
"""


def test_each_roles_trust_is_read_once_per_audit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # it was: 18 reads of 3 roles (per statement of another role that may pass or assume it)
    text = "".join(ROLE.replace("NAME", name) for name in ("a", "b", "c"))
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    read: list[str] = []
    original = grants.trust_of

    def counted(role: Resource) -> grants.Trust:
        read.append(role.address or "")
        return original(role)

    monkeypatch.setattr(grants, "trust_of", counted)
    audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    assert sorted(read) == ["aws_iam_role.a", "aws_iam_role.b", "aws_iam_role.c"]
    read.clear()
    audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    assert sorted(read) == ["aws_iam_role.a", "aws_iam_role.b", "aws_iam_role.c"]
