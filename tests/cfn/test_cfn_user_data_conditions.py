"""User data made by several ``Fn::If`` on conditions not decided: only the branches some
deployment takes together are combined (aws17).

Every combination of the choices was read as if each condition were free (981ee7f7): two
``Fn::If`` on one condition, or on a condition and its ``Fn::Not``, or on one condition and
another defined from it, or on two comparisons of one parameter with different values, were
combined into texts no deployment makes: ``-p`` from one branch beside the password of the
other branch made a wrong FAIL. And past 32 combinations each choice was read beside the others
not known: six ``Fn::If`` on one condition, each branch writing part of a password, made 64
texts under independence (a wrong PASS), while only two exist."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_HEAD = """\
Parameters:
  Env: {Type: String}
  Tier: {Type: String}
  Stage: {Type: String, AllowedValues: [blue, green]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [Condition: IsProd]
  IsDev: !Equals [dev, !Ref Env]
  IsProdDb: !And [Condition: IsProd, !Equals [!Ref Tier, db]]
  IsDb: !Equals [!Ref Tier, db]
  IsBlue: !Equals [!Ref Stage, blue]
  IsGreen: !Equals [!Ref Stage, green]
Resources:
"""


def _instance(name: str, *choices: str) -> str:
    items = "".join(f"              - {choice}\n" for choice in choices)
    return (
        f"  {name}:\n    Type: AWS::EC2::Instance\n    Properties:\n"
        "      ImageId: ami-12345678\n      UserData:\n        Fn::Base64:\n"
        "          Fn::Join:\n            - ''\n            - - \"#!/bin/bash\\nmysql -u admin \"\n"
        f"{items}"
        "              - \" -e 'select 1'\\n\"\n"
    )


P, PORT, PW = '"-p", "--host=db "', '"--port=3306"', "Zq8vLw2Rt5Kp"
TEMPLATE = _HEAD + "".join([
    # one condition: "-p" and the password are never written together
    _instance("Same", f"!If [IsProd, {P}]", f"!If [IsProd, {PORT}, {PW}]"),
    # a condition and its Fn::Not
    _instance("Negated", f"!If [IsProd, {P}]", f"!If [NotProd, {PW}, {PORT}]"),
    # IsProdDb true needs IsProd true
    _instance("Derived", f"!If [IsProdDb, {P}]", f"!If [IsProd, {PORT}, {PW}]"),
    # Env is prod or dev, never both
    _instance("OneValue", f"!If [IsProd, {P}]", f"!If [IsDev, {PW}, {PORT}]"),
    # Stage is blue or green (AllowedValues): one of the two is true
    _instance("Allowed", '!If [IsBlue, "--host=db ", "-p"]', f"!If [IsGreen, {PORT}, {PW}]"),
    # two free conditions: some deployment writes "-pZq8vLw2Rt5Kp"
    _instance("Free", f"!If [IsProd, {P}]", f"!If [IsDb, {PW}, {PORT}]"),
    # a password written whole in a branch is written in the template, even in a branch no
    # deployment takes (Env is never both prod and dev)
    _instance("Whole", '!If [IsProd, !If [IsDev, "--password=Zq8vLw2Rt5Kp", ""], ""]'),
    # six choices on one condition: two texts, each with a password (64 under independence)
    _instance(
        "Certain", '!If [IsProd, "-p", "--password="]', '!If [IsProd, Zq8v, Kp5R]',
        '!If [IsProd, Lw2R, t5Zq]', '!If [IsProd, t5Kp, 8vLw]', '!If [IsProd, 7Hq, 2Rt]',
        '!If [IsProd, "3x", "9y"]',
    ),
])
PASS = {
    "GDCC-SECRET-001": (Status.PASS, "No secrets are written in configuration"),
    "GDCC-CMP-005": (Status.PASS, "Instance user data holds no secrets"),
}
FAIL = {
    "GDCC-SECRET-001": (Status.FAIL, "a secret is written in plain text at 'UserData'"),
    "GDCC-CMP-005": (Status.FAIL, "secrets in user data: UserData"),
}


def test_only_consistent_choices_are_combined(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001", "GDCC-CMP-005")))
    found: dict[str, dict[str, tuple[Status, str]]] = {}
    for f in result.findings:
        found.setdefault(f.address or "", {})[f.rule_id] = (f.status, f.message.en)
    assert found == {
        "Same": PASS,
        "Negated": PASS,
        "Derived": PASS,
        "OneValue": PASS,
        "Allowed": PASS,
        "Free": FAIL,
        "Whole": FAIL,
        "Certain": FAIL,
    }
