"""Which managed-database log exports record access (who connected, what they ran).

RDS, Aurora, DocumentDB and Neptune publish named logs to CloudWatch Logs
(``enabled_cloudwatch_logs_exports`` / ``EnableCloudwatchLogsExports``). Some of them never
record access: the error log, the slow-query log, the upgrade log, SQL Server's agent log,
Oracle's alert and trace logs, the OEM agent log, DocumentDB's profiler and the IAM
authentication error log. Exporting only those leaves access unlogged.
https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
https://docs.aws.amazon.com/documentdb/latest/developerguide/cloud_watch.html
https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html
"""

from __future__ import annotations

from collections.abc import Iterable

#: Log types that record no access.
NO_ACCESS_LOGS = frozenset(
    {
        "error",
        "slowquery",
        "upgrade",
        "agent",
        "alert",
        "trace",
        "oemagent",
        "profiler",
        "iam-db-auth-error",
    }
)


def exports_record_access(names: Iterable[str]) -> bool:
    """Whether the exported log types record access: any type other than
    :data:`NO_ACCESS_LOGS` (the audit, general, listener or PostgreSQL log) does."""
    return any(name.strip().lower() not in NO_ACCESS_LOGS for name in names)
