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
