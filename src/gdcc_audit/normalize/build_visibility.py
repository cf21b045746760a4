"""CodeBuild project visibility (Terraform ``aws_codebuild_project`` ``project_visibility``,
CloudFormation ``AWS::CodeBuild::Project`` ``Visibility``). ``PUBLIC_READ``: "The project's
builds are visible to the public" — anyone, without an AWS account, reads its build results,
logs and artifacts ("Public build projects in AWS CodeBuild": "a public build project ...
makes the build results, logs, and artifacts ... available to the general public");
``PRIVATE``, the default, to the account only. The project is judged as the data it shares
(GDCC-DATA-001), as other "public by a setting" resources are."""

from __future__ import annotations

from typing import Any

from gdcc_audit.models.unknown import UNKNOWN

#: "Public build projects in AWS CodeBuild".
DOC = "https://docs.aws.amazon.com/codebuild/latest/userguide/public-builds.html"


def public(value: Any) -> bool | None:
    """Whether a visibility value makes the builds public; None when absent (the defaults
    table fills PRIVATE) or not known."""
    if value is None or value is UNKNOWN or not isinstance(value, str):
        return None
    return value.strip().upper() == "PUBLIC_READ"


def grants(setting: str, is_public: bool | None) -> tuple[str, ...]:
    """The setting named for the finding's evidence (``public_grants``)."""
    if not is_public:
        return ()
    return (f'{setting} "PUBLIC_READ" lets anyone read its build logs and artifacts',)
