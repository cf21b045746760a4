"""Whether a KMS key reference names a key the customer manages (any provider format).

AWS managed keys "have aliases in the form aws/service-name"
(https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key), and a
customer's alias may not begin with ``alias/aws/`` ("Alias names cannot begin with aws/",
https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html): such a reference is
never a customer-managed key, whether written as an alias (``alias/aws/ebs``), an alias ARN
(``arn:aws:kms:ap-southeast-7:111122223333:alias/aws/backup``) or the bare alias name some
services take (``aws/secretsmanager``: "If you don't specify this value, then Secrets Manager
uses the key aws/secretsmanager",
https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-secretsmanager-secret.html).
"""

from __future__ import annotations

import re

_AWS_MANAGED = re.compile(r"^(arn:aws[a-z-]*:kms:[^:]*:[^:]*:)?(alias/)?aws/")


def names_aws_managed_key(reference: str) -> bool:
    """True when ``reference`` (a key id, ARN, alias or alias ARN) names an AWS managed key."""
    return _AWS_MANAGED.match(reference.strip()) is not None
