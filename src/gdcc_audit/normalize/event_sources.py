"""Event source mappings: the queues, streams and tables whose records invoke a Lambda
function (Terraform ``aws_lambda_event_source_mapping``).

"Lambda reads items from the event source and invokes your function" (Lambda developer guide,
"How Lambda processes records from stream and queue-based event sources",
docs.aws.amazon.com/lambda/latest/dg/invocation-eventsourcemapping.html): whoever may write
to the source hands the function its input. The mapper links the function to each source
(reference attribute ``EVENT_SOURCE``) and lists the mappings whose source is not in the scan
(``EVENT_SOURCES_NOT_READ``); the resource graph reaches the function from the internet when
a source's policy lets anyone write to it, uncertainly when that is not known.
"""

from __future__ import annotations

#: Reference attribute from a function to the source of one of its event source mappings.
EVENT_SOURCE = "event_source"
#: Function attribute: the mappings (addresses) whose source is not a resource of the scan.
EVENT_SOURCES_NOT_READ = "event_sources_not_read"
#: Terraform types an event source mapping reads records from (``event_source_arn``: an SQS
#: queue, a Kinesis stream, a DynamoDB table's stream, an MSK cluster, an Amazon MQ broker,
#: a DocumentDB cluster's change stream).
SOURCE_TYPES = (
    "aws_sqs_queue",
    "aws_kinesis_stream",
    "aws_dynamodb_table",
    "aws_msk_cluster",
    "aws_msk_serverless_cluster",
    "aws_mq_broker",
    "aws_docdb_cluster",
)
MAPPING_TYPE = "aws_lambda_event_source_mapping"

#: Reference attribute from a function to a resource whose notifications invoke it (a bucket,
#: a topic, an event bus's policy): anyone who may write to or publish on it triggers the
#: function, with input of their choosing.
NOTIFIER = "event_notifier"
#: Terraform types that invoke a function on others' behalf, with (the argument naming the
#: function, the argument naming what notifies, the types it may be). "Amazon S3 can send an
#: event to a Lambda function when an object is created or deleted" (S3 user guide,
#: EventNotifications; ``aws_s3_bucket_notification.lambda_function``); "Lambda functions
#: can subscribe to Amazon SNS topics" (``aws_sns_topic_subscription`` protocol ``lambda``,
#: endpoint the function's ARN); EventBridge rule targets (``aws_cloudwatch_event_target.arn``)
#: receive the events of the rule's event bus (read in the mapper: the bus's policies).
NOTIFIERS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "aws_s3_bucket_notification": ("lambda_function", "bucket", ("aws_s3_bucket",)),
    "aws_sns_topic_subscription": ("endpoint", "topic_arn", ("aws_sns_topic",)),
}
RULE_TARGET = "aws_cloudwatch_event_target"
RULE = "aws_cloudwatch_event_rule"
#: Who may put events on an EventBridge bus: its policy or permissions (mapped on their own,
#: ``aws_resource_policies``). None: the account alone ("The default event bus in your AWS
#: account only allows events from one account. You can grant additional permissions to an
#: event bus by attaching a resource-based policy to it", EventBridge user guide,
#: eb-event-bus-perms). A rule with only ``schedule_expression`` runs on its schedule with
#: input its target fixes: nobody else's input.
BUS_POLICIES = ("aws_cloudwatch_event_bus_policy", "aws_cloudwatch_event_permission")

#: Function attribute: the permissions (addresses) that let an AWS service invoke it without
#: naming the source resource or account: "If you grant permission to a service principal
#: without specifying the source, other accounts could potentially configure resources in
#: their account to invoke your Lambda function" (Lambda API reference, AddPermission).
UNSCOPED_SERVICE_GRANTS = "unscoped_service_grants"


def unscoped_service(principal: object, limits: list[bool | None]) -> bool:
    """Whether a Lambda permission lets an AWS service (``*.amazonaws.com``) invoke the
    function for any account's resources: no source ARN, source account or organization
    limits it (``limits``: whether each is written; one not known: it may be)."""
    return (
        isinstance(principal, str)
        and principal.strip().lower().endswith(".amazonaws.com")
        and all(limit is False for limit in limits)
    )
