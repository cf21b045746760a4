"""What a policy statement's actions let its holder do (``grants.classify``) is a function
of its action list alone: worked out once per list (``_classified``), not once per resource a
statement names by ARN text (aws-cloudformation-templates: 11,404 classifications of a
few lists, 3.5 million action patterns matched, half of its scan CPU); the answers are the
same."""

from __future__ import annotations

import pytest

from gdcc_audit.graph import grants
from gdcc_audit.models.resource import PolicyStatement


def test_a_list_of_actions_is_classified_once(monkeypatch: pytest.MonkeyPatch) -> None:
    grants._classified.cache_clear()
    matched: list[str] = []
    real = PolicyStatement.allows

    def allows(self: PolicyStatement, action: str) -> bool:
        matched.append(action)
        return real(self, action)

    monkeypatch.setattr(PolicyStatement, "allows", allows)
    reads = PolicyStatement(sid="a", actions=("s3:GetObject",), resources=("*",))
    again = PolicyStatement(sid="b", actions=("s3:GetObject",), resources=("arn:aws:s3:::x/*",))
    assert grants.classify(reads) is grants.DATA
    first = len(matched)
    assert grants.classify(again) is grants.DATA
    assert len(matched) == first  # before: matched again
    assert grants.classify(PolicyStatement(actions=("iam:PassRole",))) is grants.ACT_AS
    assert grants.classify(PolicyStatement(actions=("ec2:StopInstances",))) is grants.CONTROL
    assert grants.classify(PolicyStatement(actions=("iam:*",), not_action=True)) is grants.ACT_AS
    assert grants.classify(PolicyStatement()) is grants.NONE
