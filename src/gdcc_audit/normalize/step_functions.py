"""AWS Step Functions state machines (Terraform ``aws_sfn_state_machine``, CloudFormation
``AWS::StepFunctions::StateMachine``, SAM ``AWS::Serverless::StateMachine``), judged as the
serverless workload they are (kind ``compute.function``, as a Lambda function):

- GDCC-ENC-002: "Step Functions automatically enables encryption at rest using AWS owned
  keys"; a customer key only with an encryption configuration of type
  ``CUSTOMER_MANAGED_KMS_KEY`` (it encrypts "the execution history and state machine
  definition"). No configuration: an AWS owned key, a FAIL labelled default. The SAM type has
  no such property (samtranslator ``SamStateMachine.property_types``): always AWS owned.
- GDCC-CMP-008: started only through the Step Functions API (HTTPS, TLS 1.2 or later).
- GDCC-CMP-011: "Resource-based policies: No" (How AWS Step Functions works with IAM): only
  IAM principals the account grants ``states:StartExecution`` can start it; an API or rule in
  front of it is judged on its own (its authorization: GDCC-NET-005).
- GDCC-GRAPH-014 reads its role (``role_arn`` / ``RoleArn`` / ``Role``).

Execution logging (``logging_configuration``) and X-Ray tracing are not judged: no GDCC rule
asks a workload for execution logs or traces (GDCC-LOG-007 is about access logs of entry
points); docs/iac.md says so.
"""

from __future__ import annotations

from gdcc_audit.models.resource import DefaultedFacet

ENCRYPTION_DOC = (
    "https://docs.aws.amazon.com/step-functions/latest/apireference/"
    "API_EncryptionConfiguration.html"
)
SAM_DOC = (
    "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/"
    "sam-resource-statemachine.html"
)
#: The encryption type that uses the customer's KMS key (the other: ``AWS_OWNED_KEY``).
CUSTOMER_KEY_TYPE = "CUSTOMER_MANAGED_KMS_KEY"
#: A SAM state machine cannot name a key: the transform writes no encryption configuration.
SAM_OWNED_KEY = DefaultedFacet(
    attribute="EncryptionConfiguration (AWS::Serverless::StateMachine has no such property; "
    "an AWS::StepFunctions::StateMachine can name a customer key)",
    doc=SAM_DOC,
)
#: Facts true of every state machine (see the module docstring).
FACETS = {"encrypted_at_rest": True, "encrypted_in_transit": True, "public_access": False}


def customer_key(key_type: object) -> bool | None:
    """Whether an encryption configuration's ``type`` is the customer's KMS key (a value not
    known before deployment: not known)."""
    if not isinstance(key_type, str):
        return None
    return key_type.strip().upper() == CUSTOMER_KEY_TYPE
