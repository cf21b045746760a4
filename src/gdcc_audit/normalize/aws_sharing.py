"""AWS resources shared with everyone by what they are (an ECR Public repository) or by a
permission that is no policy document (a Lambda layer version permission), read the same way
for Terraform and CloudFormation."""

from __future__ import annotations

from typing import Any

#: "When a public repository is created, it is publicly visible on the Amazon ECR Public
#: Gallery and anyone can pull images from the repository"; "Using a repository policy to deny
#: access to view or pull from a public repository is not supported" (Amazon ECR Public user
#: guide, "Public repository policies in Amazon ECR Public"); pulls need no AWS account
#: ("Amazon ECR Public supports both unauthenticated and authenticated pulls"). A repository
#: policy only grants pushing: it changes no read.
ECR_PUBLIC = (
    "an ECR Public repository: anyone can pull its images, without an AWS account (a "
    "repository policy cannot deny pulls)"
)


def layer_public(principal: Any, organization: Any) -> bool:
    """Whether a Lambda layer version permission (known values) lets every AWS account use the
    layer version: ``principal`` ``*`` without an organization grants "layer usage permission
    to ... all AWS accounts" (AddLayerVersionPermission; ``AWS::Lambda::LayerVersionPermission``
    Principal). Using a layer means downloading it, its code and data (GetLayerVersion returns
    a link to its content;
    docs.aws.amazon.com/lambda/latest/dg/permissions-layer-cross-account.html).
    An account id, or ``*`` with an organization id, names who may."""
    return principal == "*" and not (isinstance(organization, str) and organization)


def layer_grant(statement: Any, holder: str) -> str:
    """How a public layer permission is named in a finding."""
    name = f'permission "{statement}"' if isinstance(statement, str) and statement else holder
    return f'{name} lets every AWS account use the layer version (principal "*", no organization)'
