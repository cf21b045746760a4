"""What a few common AWS managed policies allow, for roles that name them by ARN.

Only what a graph question needs: which log and storage actions a workload's role gets. The
actions are those of the AWS Managed Policy Reference (docs.aws.amazon.com/aws-managed-policy/
latest/reference/), written as the policy writes them (a wildcard only where the policy has one:
GDCC-IAM-005 reads them); a policy not listed here is *not known* (``None``), never "grants
nothing".
"""

from __future__ import annotations

import re

from gdcc_audit.models.resource import PolicyStatement

#: The ARN prefix of AWS managed policies.
AWS_POLICY_ARN = "arn:aws:iam::aws:policy/"
_ARN = AWS_POLICY_ARN


def _allow(*actions: str, not_action: bool = False) -> tuple[PolicyStatement, ...]:
    return (PolicyStatement(actions=actions, not_action=not_action, resources=("*",)),)


_LISTED: dict[str, tuple[PolicyStatement, ...]] = {
    _ARN + "AdministratorAccess": _allow("*"),
    _ARN + "PowerUserAccess": _allow("iam:*", "organizations:*", "account:*", not_action=True),
    _ARN + "AmazonS3FullAccess": _allow("s3:*", "s3-object-lambda:*"),
    _ARN + "CloudWatchLogsFullAccess": _allow("logs:*", "cloudwatch:GenerateQuery"),
    _ARN + "ReadOnlyAccess": _allow("*:Get*", "*:List*", "*:Describe*", "*:BatchGet*"),
    _ARN + "AmazonS3ReadOnlyAccess": _allow("s3:Get*", "s3:List*", "s3:Describe*"),
    _ARN + "AmazonEC2FullAccess": _allow(
        "ec2:*", "elasticloadbalancing:*", "cloudwatch:*", "autoscaling:*",
        "iam:CreateServiceLinkedRole",
    ),
    _ARN + "AmazonSQSFullAccess": _allow("sqs:*"),
    _ARN + "AmazonSNSFullAccess": _allow("sns:*"),
    _ARN + "CloudWatchAgentServerPolicy": _allow(
        "cloudwatch:PutMetricData", "ec2:DescribeVolumes", "ec2:DescribeTags",
        "logs:PutLogEvents", "logs:DescribeLogStreams", "logs:DescribeLogGroups",
        "logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutRetentionPolicy",
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries", "ssm:GetParameter",
    ),
    # v2, the policy's own actions (none by wildcard; it was abbreviated to ``ssm:*``,
    # ``ssmmessages:*``, ``ec2messages:*``, so GDCC-IAM-005 FAILed every instance role using
    # it and the graph read ``ssm:SendCommand`` into it):
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMManagedInstanceCore.html
    _ARN + "AmazonSSMManagedInstanceCore": _allow(
        "ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance",
        "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest", "ssm:GetParameter",
        "ssm:GetParameters", "ssm:ListAssociations", "ssm:ListInstanceAssociations",
        "ssm:PutInventory", "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult",
        "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
        "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel", "ec2messages:AcknowledgeMessage",
        "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
        "ec2messages:GetMessages", "ec2messages:SendReply",
    ),
    _ARN + "service-role/AWSLambdaBasicExecutionRole": _allow(
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"
    ),
    _ARN + "service-role/AWSLambdaVPCAccessExecutionRole": _allow(
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
        "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ),
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaENIManagementAccess.html
    _ARN + "service-role/AWSLambdaENIManagementAccess": _allow(
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
        "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
        "ec2:UnassignPrivateIpAddresses",
    ),
    _ARN + "service-role/AmazonECSTaskExecutionRolePolicy": _allow(
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream",
        "logs:PutLogEvents",
    ),
    # What the AWS SAM transform adds to a function's role: X-Ray when Tracing is set, and the
    # policy of each poll-based event source (normalize.cloudformation.sam_roles).
    _ARN + "AWSXrayWriteOnlyAccess": _allow(
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    ),
    _ARN + "service-role/AWSLambdaKinesisExecutionRole": _allow(
        "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords",
        "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams",
        "kinesis:SubscribeToShard", "logs:CreateLogGroup", "logs:CreateLogStream",
        "logs:PutLogEvents",
    ),
    _ARN + "service-role/AWSLambdaDynamoDBExecutionRole": _allow(
        "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
        "dynamodb:ListStreams", "logs:CreateLogGroup", "logs:CreateLogStream",
        "logs:PutLogEvents",
    ),
    _ARN + "service-role/AWSLambdaSQSQueueExecutionRole": _allow(
        "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes",
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
    ),
    _ARN + "service-role/AWSLambdaMSKExecutionRole": _allow(
        "kafka:DescribeCluster", "kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers",
        "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs",
        "ec2:DeleteNetworkInterface", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
    ),
    # The instance profile policy of EMR clusters' nodes, v3 (deprecated, still attached by
    # many templates): service-wide wildcards on S3, DynamoDB, SNS, SQS, SimpleDB, CloudWatch.
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonElasticMapReduceforEC2Role.html
    _ARN + "service-role/AmazonElasticMapReduceforEC2Role": _allow(
        "cloudwatch:*", "dynamodb:*", "ec2:Describe*", "elasticmapreduce:Describe*",
        "elasticmapreduce:ListBootstrapActions", "elasticmapreduce:ListClusters",
        "elasticmapreduce:ListInstanceGroups", "elasticmapreduce:ListInstances",
        "elasticmapreduce:ListSteps", "kinesis:CreateStream", "kinesis:DeleteStream",
        "kinesis:DescribeStream", "kinesis:GetRecords", "kinesis:GetShardIterator",
        "kinesis:MergeShards", "kinesis:PutRecord", "kinesis:SplitShard", "rds:Describe*",
        "s3:*", "sdb:*", "sns:*", "sqs:*", "glue:CreateDatabase", "glue:UpdateDatabase",
        "glue:DeleteDatabase", "glue:GetDatabase", "glue:GetDatabases", "glue:CreateTable",
        "glue:UpdateTable", "glue:DeleteTable", "glue:GetTable", "glue:GetTables",
        "glue:GetTableVersions", "glue:CreatePartition", "glue:BatchCreatePartition",
        "glue:UpdatePartition", "glue:DeletePartition", "glue:BatchDeletePartition",
        "glue:GetPartition", "glue:GetPartitions", "glue:BatchGetPartition",
        "glue:CreateUserDefinedFunction", "glue:UpdateUserDefinedFunction",
        "glue:DeleteUserDefinedFunction", "glue:GetUserDefinedFunction",
        "glue:GetUserDefinedFunctions",
    ),
    # The EKS node and Fargate pod execution policies (AWS managed policy reference:
    # AmazonEKSWorkerNodePolicy v3, AmazonEKS_CNI_Policy v5,
    # AmazonEKSFargatePodExecutionRolePolicy v1): no wildcard action.
    _ARN + "AmazonEKSWorkerNodePolicy": _allow(
        "ec2:DescribeInstances", "ec2:DescribeInstanceTypes", "ec2:DescribeRouteTables",
        "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVolumes",
        "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs", "eks:DescribeCluster",
        "eks-auth:AssumeRoleForPodIdentity",
    ),
    _ARN + "AmazonEKS_CNI_Policy": (
        *_allow(
            "ec2:AssignPrivateIpAddresses", "ec2:AttachNetworkInterface",
            "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:DescribeInstances",
            "ec2:DescribeTags", "ec2:DescribeNetworkInterfaces", "ec2:DescribeInstanceTypes",
            "ec2:DescribeSubnets", "ec2:DetachNetworkInterface",
            "ec2:ModifyNetworkInterfaceAttribute", "ec2:UnassignPrivateIpAddresses",
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",), resources=("arn:aws:ec2:*:*:network-interface/*",)
        ),
    ),
    _ARN + "AmazonEKSFargatePodExecutionRolePolicy": _allow(
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage",
    ),
    # The EKS cluster role's policies (AWS managed policy reference: AmazonEKSClusterPolicy v9,
    # AmazonEKSServicePolicy v6, AmazonEKSVPCResourceController v1). Statements narrowed by a
    # condition (the service-linked role's service name, an ENI owner tag) are read without it,
    # and one naming ARNs with those ARNs: no wildcard action in any.
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSClusterPolicy.html
    _ARN + "AmazonEKSClusterPolicy": _allow(
        "autoscaling:DescribeAutoScalingGroups", "autoscaling:UpdateAutoScalingGroup",
        "ec2:AttachVolume", "ec2:AuthorizeSecurityGroupIngress", "ec2:CreateRoute",
        "ec2:CreateSecurityGroup", "ec2:CreateTags", "ec2:CreateVolume", "ec2:DeleteRoute",
        "ec2:DeleteSecurityGroup", "ec2:DeleteVolume", "ec2:DescribeInstances",
        "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets",
        "ec2:DescribeVolumes", "ec2:DescribeVolumesModifications", "ec2:DescribeVpcs",
        "ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeAvailabilityZones", "ec2:DetachVolume", "ec2:ModifyInstanceAttribute",
        "ec2:ModifyVolume", "ec2:RevokeSecurityGroupIngress", "ec2:DescribeAccountAttributes",
        "ec2:DescribeAddresses", "ec2:DescribeInternetGateways", "ec2:DescribeInstanceTopology",
        "elasticloadbalancing:AddTags",
        "elasticloadbalancing:ApplySecurityGroupsToLoadBalancer",
        "elasticloadbalancing:AttachLoadBalancerToSubnets",
        "elasticloadbalancing:ConfigureHealthCheck", "elasticloadbalancing:CreateListener",
        "elasticloadbalancing:CreateLoadBalancer",
        "elasticloadbalancing:CreateLoadBalancerListeners",
        "elasticloadbalancing:CreateLoadBalancerPolicy",
        "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:DeleteLoadBalancer",
        "elasticloadbalancing:DeleteLoadBalancerListeners",
        "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
        "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:DescribeListeners",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerPolicies",
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth",
        "elasticloadbalancing:DetachLoadBalancerFromSubnets",
        "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:ModifyLoadBalancerAttributes",
        "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes",
        "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
        "elasticloadbalancing:RegisterTargets",
        "elasticloadbalancing:SetLoadBalancerPoliciesForBackendServer",
        "elasticloadbalancing:SetLoadBalancerPoliciesOfListener", "kms:DescribeKey",
        "iam:CreateServiceLinkedRole", "ec2:DeleteNetworkInterface",
    ),
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSServicePolicy.html
    _ARN + "AmazonEKSServicePolicy": (
        *_allow(
            "ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface", "ec2:DescribeInstances",
            "ec2:DescribeNetworkInterfaces", "ec2:DetachNetworkInterface",
            "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
            "ec2:ModifyNetworkInterfaceAttribute", "iam:ListAttachedRolePolicies",
            "eks:UpdateClusterVersion", "route53:AssociateVPCWithHostedZone",
            "logs:CreateLogGroup", "iam:CreateServiceLinkedRole",
        ),
        PolicyStatement(
            actions=("ec2:CreateTags", "ec2:DeleteTags"),
            resources=("arn:aws:ec2:*:*:vpc/*", "arn:aws:ec2:*:*:subnet/*"),
        ),
        PolicyStatement(
            actions=("logs:CreateLogStream", "logs:DescribeLogStreams"),
            resources=("arn:aws:logs:*:*:log-group:/aws/eks/*:*",),
        ),
        PolicyStatement(
            actions=("logs:PutLogEvents",),
            resources=("arn:aws:logs:*:*:log-group:/aws/eks/*:*:*",),
        ),
    ),
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSVPCResourceController.html
    _ARN + "AmazonEKSVPCResourceController": _allow(
        "ec2:CreateNetworkInterfacePermission", "ec2:CreateNetworkInterface",
        "ec2:DetachNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute",
        "ec2:DeleteNetworkInterface", "ec2:AttachNetworkInterface",
        "ec2:UnassignPrivateIpAddresses", "ec2:AssignPrivateIpAddresses",
    ),
    # Deprecated ("This policy will soon be deprecated. Please use AmazonSSMManagedInstanceCore
    # policy"), still attached by many templates; v8. Unlike its successor it lets the
    # instance read and write the objects of every bucket (s3:GetObject, s3:PutObject on *).
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2RoleforSSM.html
    _ARN + "service-role/AmazonEC2RoleforSSM": _allow(
        "ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance",
        "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest", "ssm:GetParameters",
        "ssm:ListAssociations", "ssm:ListInstanceAssociations", "ssm:PutInventory",
        "ssm:PutComplianceItems", "ssm:PutConfigurePackageResult",
        "ssm:UpdateAssociationStatus", "ssm:UpdateInstanceAssociationStatus",
        "ssm:UpdateInstanceInformation", "ssmmessages:CreateControlChannel",
        "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel",
        "ssmmessages:OpenDataChannel", "ec2messages:AcknowledgeMessage",
        "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint",
        "ec2messages:GetMessages", "ec2messages:SendReply", "cloudwatch:PutMetricData",
        "ec2:DescribeInstanceStatus", "ds:CreateComputer", "ds:DescribeDirectories",
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups",
        "logs:DescribeLogStreams", "logs:PutLogEvents", "s3:GetBucketLocation",
        "s3:PutObject", "s3:GetObject", "s3:GetEncryptionConfiguration",
        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:ListBucket",
        "s3:ListBucketMultipartUploads",
    ),
    # Common in CloudFormation samples (AWS Managed Policy Reference; the ECS instance role's
    # ecs:TagResource statement is read without its ecs:CreateAction condition):
    # AmazonAPIGatewayPushToCloudWatchLogs v1, AWSXRayDaemonWriteAccess v2,
    # AmazonSSMDirectoryServiceAccess v1, AmazonEC2ContainerServiceforEC2Role v7 (its
    # ``ecs:Submit*`` is a wildcard), AWSLambdaExecute v1 (``logs:*``; every bucket's objects).
    _ARN + "service-role/AmazonAPIGatewayPushToCloudWatchLogs": _allow(
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups",
        "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:GetLogEvents",
        "logs:FilterLogEvents",
    ),
    # AWSAppSyncPushToCloudWatchLogs v1 (reference/AWSAppSyncPushToCloudWatchLogs.html): an
    # AppSync API's logging role (aws-samples/amazon-transcribe-live-meeting-assistant)
    _ARN + "service-role/AWSAppSyncPushToCloudWatchLogs": _allow(
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"
    ),
    _ARN + "AWSXRayDaemonWriteAccess": _allow(
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules",
        "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
    ),
    _ARN + "AmazonSSMDirectoryServiceAccess": _allow(
        "ds:CreateComputer", "ds:DescribeDirectories"
    ),
    _ARN + "service-role/AmazonEC2ContainerServiceforEC2Role": _allow(
        "ec2:DescribeTags", "ecs:CreateCluster", "ecs:DeregisterContainerInstance",
        "ecs:DiscoverPollEndpoint", "ecs:Poll", "ecs:RegisterContainerInstance",
        "ecs:StartTelemetrySession", "ecs:UpdateContainerInstancesState", "ecs:Submit*",
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:BatchGetImage", "logs:CreateLogStream",
        "logs:PutLogEvents", "ecs:TagResource",
    ),
    _ARN + "AWSLambdaExecute": (
        PolicyStatement(actions=("logs:*",), resources=("arn:aws:logs:*:*:*",)),
        PolicyStatement(
            actions=("s3:GetObject", "s3:PutObject"), resources=("arn:aws:s3:::*",)
        ),
    ),
    # Found on terraform-aws-modules rds-aurora (the enhanced monitoring role, v1) and lambda
    # (AWSXrayReadOnlyAccess v8 beside an inline xray:*): docs.aws.amazon.com/
    # aws-managed-policy/latest/reference/AmazonRDSEnhancedMonitoringRole.html and
    # .../AWSXrayReadOnlyAccess.html
    _ARN + "service-role/AmazonRDSEnhancedMonitoringRole": (
        PolicyStatement(
            actions=("logs:CreateLogGroup", "logs:PutRetentionPolicy"),
            resources=("arn:aws:logs:*:*:log-group:RDS*",),
        ),
        PolicyStatement(
            actions=(
                "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams",
                "logs:GetLogEvents",
            ),
            resources=("arn:aws:logs:*:*:log-group:RDS*:log-stream:*",),
        ),
    ),
    _ARN + "AWSXrayReadOnlyAccess": _allow(
        "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
        "xray:BatchGetTraces", "xray:BatchGetTraceSummaryById", "xray:GetDistinctTraceGraphs",
        "xray:GetServiceGraph", "xray:GetTraceGraph", "xray:GetTraceSummaries",
        "xray:GetGroups", "xray:GetGroup", "xray:ListTagsForResource",
        "xray:ListResourcePolicies", "xray:GetTimeSeriesServiceStatistics",
        "xray:GetInsightSummaries", "xray:GetInsight", "xray:GetInsightEvents",
        "xray:GetInsightImpactGraph",
    ),
    _ARN + "AmazonEC2ContainerRegistryReadOnly": _allow(
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories",
        "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage", "ecr:GetLifecyclePolicy",
        "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource",
        "ecr:DescribeImageScanFindings",
    ),
    # Found on terraform-aws-modules/terraform-aws-iam (iam-role example, CircleCI OIDC role:
    # AmazonEC2ContainerRegistryPowerUser v3) and aws-cloudformation-templates (DMS:
    # AmazonDMSVPCManagementRole v4); GDCC-GRAPH-006 was UNKNOWN "the permissions ... are not
    # known". docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AmazonEC2ContainerRegistryPowerUser.html and .../AmazonDMSVPCManagementRole.html
    _ARN + "AmazonEC2ContainerRegistryPowerUser": _allow(
        "ecr:GetAuthorizationToken", "ecr:BatchCheckLayerAvailability",
        "ecr:GetDownloadUrlForLayer", "ecr:GetRepositoryPolicy", "ecr:DescribeRepositories",
        "ecr:ListImages", "ecr:DescribeImages", "ecr:BatchGetImage", "ecr:GetLifecyclePolicy",
        "ecr:GetLifecyclePolicyPreview", "ecr:ListTagsForResource",
        "ecr:DescribeImageScanFindings", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
        "ecr:CompleteLayerUpload", "ecr:PutImage",
    ),
    _ARN + "service-role/AmazonDMSVPCManagementRole": _allow(
        "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
        "ec2:DescribeAvailabilityZones", "ec2:DescribeDhcpOptions",
        "ec2:DescribeInternetGateways", "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs",
        "ec2:ModifyNetworkInterfaceAttribute",
    ),
    # Found in the stop-47 sweep of terraform-aws-modules (dms: AmazonDMSCloudWatchLogsRole v2,
    # AmazonDMSRedshiftS3Role v3; eks / karpenter / hybrid nodes: AmazonEC2ContainerRegistryPullOnly
    # v1, AmazonEKSWorkerNodeMinimalPolicy v1; emr: AmazonElasticMapReduceforAutoScalingRole v1;
    # ecs service infrastructure roles: AmazonECSInfrastructureRolePolicyForLoadBalancers v6,
    # AmazonECSInfrastructureRolePolicyForVolumes v5, AmazonECSInfrastructureRolePolicyForVpcLattice
    # v1), each role IAM-005 / GRAPH-006 UNKNOWN "managed policy not known". Statements as the
    # AWS Managed Policy Reference writes them (docs.aws.amazon.com/aws-managed-policy/latest/
    # reference/<name>.html, default version), a condition (a resource tag, a service the role
    # is passed to) read away, as above: none grants an action by wildcard.
    _ARN + "service-role/AmazonDMSCloudWatchLogsRole": (
        *_allow(
            "logs:DescribeLogGroups",
        ),
        PolicyStatement(
            actions=("logs:DescribeLogStreams",),
            resources=(
                "arn:aws:logs:*:*:log-group:dms-tasks-*",
                "arn:aws:logs:*:*:log-group:dms-serverless-replication-*",
            ),
        ),
        PolicyStatement(
            actions=("logs:CreateLogGroup",),
            resources=(
                "arn:aws:logs:*:*:log-group:dms-tasks-*",
                "arn:aws:logs:*:*:log-group:dms-serverless-replication-*:log-stream:",
            ),
        ),
        PolicyStatement(
            actions=("logs:CreateLogStream",),
            resources=(
                "arn:aws:logs:*:*:log-group:dms-tasks-*:log-stream:dms-task-*",
                "arn:aws:logs:*:*:log-group:dms-serverless-replication-*"
                ":log-stream:dms-serverless-*",
            ),
        ),
        PolicyStatement(
            actions=("logs:PutLogEvents",),
            resources=(
                "arn:aws:logs:*:*:log-group:dms-tasks-*:log-stream:dms-task-*",
                "arn:aws:logs:*:*:log-group:dms-serverless-replication-*"
                ":log-stream:dms-serverless-*",
            ),
        ),
    ),
    _ARN + "service-role/AmazonDMSRedshiftS3Role": (
        PolicyStatement(
            actions=(
                "s3:CreateBucket", "s3:ListBucket", "s3:DeleteBucket", "s3:GetBucketLocation",
                "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:GetObjectVersion",
                "s3:GetBucketPolicy", "s3:PutBucketPolicy", "s3:GetBucketAcl",
                "s3:PutBucketVersioning", "s3:GetBucketVersioning", "s3:PutLifecycleConfiguration",
                "s3:GetLifecycleConfiguration", "s3:DeleteBucketPolicy",
            ),
            resources=("arn:aws:s3:::dms-*",),
        ),
    ),
    _ARN + "AmazonEC2ContainerRegistryPullOnly": _allow(
        "ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer",
        "ecr:BatchImportUpstreamImage",
    ),
    _ARN + "AmazonEKSWorkerNodeMinimalPolicy": _allow(
        "eks-auth:AssumeRoleForPodIdentity",
    ),
    _ARN + "service-role/AmazonElasticMapReduceforAutoScalingRole": _allow(
        "cloudwatch:DescribeAlarms", "elasticmapreduce:ListInstanceGroups",
        "elasticmapreduce:ModifyInstanceGroups",
    ),
    _ARN + "AmazonECSInfrastructureRolePolicyForLoadBalancers": (
        *_allow(
            "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth",
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
            ),
            resources=("arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",),
        ),
        PolicyStatement(
            actions=("elasticloadbalancing:ModifyListener",),
            resources=("arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",),
        ),
        PolicyStatement(
            actions=("elasticloadbalancing:ModifyListener",),
            resources=("arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*",),
        ),
        PolicyStatement(
            actions=("elasticloadbalancing:ModifyRule",),
            resources=("arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*/*",),
        ),
    ),
    _ARN + "service-role/AmazonECSInfrastructureRolePolicyForVolumes": (
        PolicyStatement(
            actions=("ec2:CreateVolume",),
            resources=("arn:aws:ec2:*:*:volume/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateVolume",),
            resources=("arn:aws:ec2:*:*:snapshot/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",),
            resources=("arn:aws:ec2:*:*:volume/*",),
        ),
        *_allow(
            "ec2:DescribeVolumes", "ec2:DescribeAvailabilityZones",
        ),
        *_allow(
            "ec2:DescribeInstances",
        ),
        PolicyStatement(
            actions=("ec2:AttachVolume", "ec2:DetachVolume"),
            resources=("arn:aws:ec2:*:*:volume/*",),
        ),
        PolicyStatement(
            actions=("ec2:AttachVolume", "ec2:DetachVolume"),
            resources=("arn:aws:ec2:*:*:instance/*",),
        ),
        PolicyStatement(
            actions=("ec2:DeleteVolume",),
            resources=("arn:aws:ec2:*:*:volume/*",),
        ),
    ),
    _ARN + "AmazonECSInfrastructureRolePolicyForVpcLattice": (
        PolicyStatement(
            actions=("vpc-lattice:RegisterTargets", "vpc-lattice:DeregisterTargets"),
            resources=("arn:aws:vpc-lattice:*:*:targetgroup/*",),
        ),
        PolicyStatement(
            actions=("vpc-lattice:GetTargetGroup",),
            resources=("arn:aws:vpc-lattice:*:*:targetgroup/*",),
        ),
        PolicyStatement(
            actions=("vpc-lattice:ListTargets",),
            resources=("arn:aws:vpc-lattice:*:*:targetgroup/*",),
        ),
        *_allow(
            "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeInstances",
        ),
    ),
    # ecs express service (AmazonECSInfrastructureRoleforExpressGatewayServices v6) and emr's
    # service role (AmazonEMRServicePolicy_v2 v6, its iam:PassRole only on the EMR_*_DefaultRole
    # roles): same reference, conditions read away.
    _ARN + "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices": (
        *_allow(
            "iam:CreateServiceLinkedRole",
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateRule", "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:ModifyListener", "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
                "elasticloadbalancing:DeleteTargetGroup", "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:DeleteRule", "elasticloadbalancing:DeleteListener",
            ),
            resources=(
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
                "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*/*",
                "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
            ),
        ),
        PolicyStatement(
            actions=("elasticloadbalancing:AddTags",),
            resources=(
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
                "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
                "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*/*",
                "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
            ),
        ),
        PolicyStatement(
            actions=("ec2:CreateSecurityGroup",),
            resources=("arn:aws:ec2:*:*:vpc/*",),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupEgress",
                "ec2:AuthorizeSecurityGroupIngress",
            ),
            resources=(
                "arn:aws:ec2:*:*:security-group/*",
                "arn:aws:ec2:*:*:security-group-rule/*",
                "arn:aws:ec2:*:*:vpc/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
                "ec2:DeleteSecurityGroup", "ec2:RevokeSecurityGroupEgress",
                "ec2:RevokeSecurityGroupIngress",
            ),
            resources=("arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:vpc/*"),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",),
            resources=("arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:security-group-rule/*"),
        ),
        PolicyStatement(
            actions=(
                "acm:RequestCertificate", "acm:AddTagsToCertificate", "acm:DeleteCertificate",
                "acm:DescribeCertificate",
            ),
            resources=("arn:aws:acm:*:*:certificate/*",),
        ),
        PolicyStatement(
            actions=(
                "application-autoscaling:RegisterScalableTarget",
                "application-autoscaling:TagResource",
                "application-autoscaling:DeregisterScalableTarget",
            ),
            resources=("arn:aws:application-autoscaling:*:*:scalable-target/*",),
        ),
        PolicyStatement(
            actions=(
                "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:DeleteScalingPolicy",
            ),
            resources=("arn:aws:application-autoscaling:*:*:scalable-target/*",),
        ),
        PolicyStatement(
            actions=(
                "application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:DescribeScalingPolicies",
                "application-autoscaling:DescribeScalingActivities",
            ),
            resources=("arn:aws:application-autoscaling:*:*:scalable-target/*",),
        ),
        PolicyStatement(
            actions=("cloudwatch:PutMetricAlarm", "cloudwatch:TagResource"),
            resources=("arn:aws:cloudwatch:*:*:alarm:*",),
        ),
        PolicyStatement(
            actions=("cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms"),
            resources=("arn:aws:cloudwatch:*:*:alarm:*",),
        ),
        *_allow(
            "elasticloadbalancing:DescribeLoadBalancers",
            "elasticloadbalancing:DescribeTargetGroups",
            "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeListeners",
            "elasticloadbalancing:DescribeRules",
        ),
        *_allow(
            "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeRouteTables",
            "ec2:DescribeVpcs",
        ),
        PolicyStatement(
            actions=("logs:CreateLogGroup", "logs:TagResource"),
            resources=("arn:aws:logs:*:*:log-group:*",),
        ),
        *_allow(
            "logs:DescribeLogGroups",
        ),
    ),
    _ARN + "service-role/AmazonEMRServicePolicy_v2": (
        PolicyStatement(
            actions=(
                "ec2:CreateNetworkInterface", "ec2:RunInstances", "ec2:CreateFleet",
                "ec2:CreateLaunchTemplate", "ec2:CreateLaunchTemplateVersion",
            ),
            resources=("arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:security-group/*"),
        ),
        PolicyStatement(
            actions=("ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplateVersion"),
            resources=("arn:aws:ec2:*:*:launch-template/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateLaunchTemplate",),
            resources=("arn:aws:ec2:*:*:launch-template/*",),
        ),
        PolicyStatement(
            actions=("ec2:RunInstances", "ec2:CreateFleet"),
            resources=("arn:aws:ec2:*:*:instance/*", "arn:aws:ec2:*:*:volume/*"),
        ),
        PolicyStatement(
            actions=(
                "ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate",
                "ec2:CreateLaunchTemplateVersion",
            ),
            resources=(
                "arn:aws:ec2:*:*:network-interface/*",
                "arn:aws:ec2:*::image/ami-*",
                "arn:aws:ec2:*:*:key-pair/*",
                "arn:aws:ec2:*:*:capacity-reservation/*",
                "arn:aws:ec2:*:*:placement-group/EMR_*",
                "arn:aws:ec2:*:*:fleet/*",
                "arn:aws:ec2:*:*:dedicated-host/*",
                "arn:aws:resource-groups:*:*:group/*",
            ),
        ),
        *_allow(
            "ec2:CreateLaunchTemplateVersion", "ec2:DeleteLaunchTemplate",
            "ec2:DeleteNetworkInterface", "ec2:ModifyInstanceAttribute", "ec2:TerminateInstances",
        ),
        PolicyStatement(
            actions=("ec2:CreateTags", "ec2:DeleteTags"),
            resources=(
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:*:*:volume/*",
                "arn:aws:ec2:*:*:network-interface/*",
                "arn:aws:ec2:*:*:launch-template/*",
            ),
        ),
        PolicyStatement(
            actions=("ec2:CreateNetworkInterface",),
            resources=("arn:aws:ec2:*:*:network-interface/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",),
            resources=(
                "arn:aws:ec2:*:*:network-interface/*",
                "arn:aws:ec2:*:*:instance/*",
                "arn:aws:ec2:*:*:volume/*",
                "arn:aws:ec2:*:*:launch-template/*",
            ),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags", "ec2:DeleteTags"),
            resources=("arn:aws:ec2:*:*:placement-group/EMR_*",),
        ),
        *_allow(
            "ec2:DescribeAccountAttributes", "ec2:DescribeCapacityReservations",
            "ec2:DescribeDhcpOptions", "ec2:DescribeImages", "ec2:DescribeInstances",
            "ec2:DescribeInstanceTypeOfferings", "ec2:DescribeLaunchTemplates",
            "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces",
            "ec2:DescribePlacementGroups", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets", "ec2:DescribeVolumes", "ec2:DescribeVolumeStatus",
            "ec2:DescribeVpcAttribute", "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcs",
        ),
        PolicyStatement(
            actions=("ec2:CreateSecurityGroup",),
            resources=("arn:aws:ec2:*:*:security-group/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateSecurityGroup",),
            resources=("arn:aws:ec2:*:*:vpc/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",),
            resources=("arn:aws:ec2:*:*:security-group/*",),
        ),
        *_allow(
            "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
            "ec2:RevokeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
        ),
        PolicyStatement(
            actions=("ec2:CreatePlacementGroup",),
            resources=("arn:aws:ec2:*:*:placement-group/EMR_*",),
        ),
        *_allow(
            "ec2:DeletePlacementGroup",
        ),
        *_allow(
            "application-autoscaling:DeleteScalingPolicy",
            "application-autoscaling:DeregisterScalableTarget",
            "application-autoscaling:DescribeScalableTargets",
            "application-autoscaling:DescribeScalingPolicies",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:RegisterScalableTarget",
        ),
        *_allow(
            "resource-groups:ListGroupResources",
        ),
        PolicyStatement(
            actions=(
                "cloudwatch:PutMetricAlarm", "cloudwatch:DeleteAlarms", "cloudwatch:DescribeAlarms",
            ),
            resources=("arn:aws:cloudwatch:*:*:alarm:*_EMR_Auto_Scaling",),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=("arn:aws:iam::*:role/EMR_AutoScaling_DefaultRole",),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=("arn:aws:iam::*:role/EMR_EC2_DefaultRole",),
        ),
        PolicyStatement(
            actions=("ec2:ModifyVpcEndpoint", "ec2:CreateVpcEndpoint"),
            resources=(
                "arn:aws:ec2:*:*:vpc-endpoint/*",
                "arn:aws:ec2:*:*:subnet/*",
                "arn:aws:ec2:*:*:security-group/*",
                "arn:aws:ec2:*:*:vpc/*",
            ),
        ),
        PolicyStatement(
            actions=("ec2:CreateVpcEndpoint",),
            resources=("arn:aws:ec2:*:*:vpc-endpoint/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags",),
            resources=("arn:aws:ec2:*:*:vpc-endpoint/*",),
        ),
    ),
    # Met in aws-cloudformation-templates (EMR's service role, v10, whose iam:PassRole on * has
    # no condition: it may pass any role), and common in samples: AmazonEC2ReadOnlyAccess v5
    # (describe wildcards), AmazonKinesisFullAccess v1 (kinesis:*) and
    # CloudWatchLambdaInsightsExecutionRolePolicy v1. Same reference, default versions.
    _ARN + "service-role/AmazonElasticMapReduceRole": (
        *_allow(
            "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
            "ec2:CancelSpotInstanceRequests", "ec2:CreateFleet", "ec2:CreateLaunchTemplate",
            "ec2:CreateNetworkInterface", "ec2:CreateSecurityGroup", "ec2:CreateTags",
            "ec2:DeleteLaunchTemplate", "ec2:DeleteNetworkInterface", "ec2:DeleteSecurityGroup",
            "ec2:DeleteTags", "ec2:DescribeAvailabilityZones", "ec2:DescribeAccountAttributes",
            "ec2:DescribeDhcpOptions", "ec2:DescribeImages", "ec2:DescribeInstanceStatus",
            "ec2:DescribeInstances", "ec2:DescribeKeyPairs", "ec2:DescribeLaunchTemplates",
            "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces", "ec2:DescribePrefixLists",
            "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups",
            "ec2:DescribeSpotInstanceRequests", "ec2:DescribeSpotPriceHistory",
            "ec2:DescribeSubnets", "ec2:DescribeTags", "ec2:DescribeVpcAttribute",
            "ec2:DescribeVpcEndpoints", "ec2:DescribeVpcEndpointServices", "ec2:DescribeVpcs",
            "ec2:DetachNetworkInterface", "ec2:ModifyImageAttribute", "ec2:ModifyInstanceAttribute",
            "ec2:RequestSpotInstances", "ec2:RevokeSecurityGroupEgress", "ec2:RunInstances",
            "ec2:TerminateInstances", "ec2:DeleteVolume", "ec2:DescribeVolumeStatus",
            "ec2:DescribeVolumes", "ec2:DetachVolume", "iam:GetRole", "iam:GetRolePolicy",
            "iam:ListInstanceProfiles", "iam:ListRolePolicies", "iam:PassRole", "s3:CreateBucket",
            "s3:Get*", "s3:List*", "sdb:BatchPutAttributes", "sdb:Select", "sqs:CreateQueue",
            "sqs:Delete*", "sqs:GetQueue*", "sqs:PurgeQueue", "sqs:ReceiveMessage",
            "cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms",
            "application-autoscaling:RegisterScalableTarget",
            "application-autoscaling:DeregisterScalableTarget",
            "application-autoscaling:PutScalingPolicy",
            "application-autoscaling:DeleteScalingPolicy", "application-autoscaling:Describe*",
        ),
        PolicyStatement(
            actions=("iam:CreateServiceLinkedRole",),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot*",
            ),
        ),
    ),
    _ARN + "AmazonEC2ReadOnlyAccess": _allow(
        "ec2:Describe*", "ec2:GetSecurityGroupsForVpc", "elasticloadbalancing:Describe*",
        "cloudwatch:ListMetrics", "cloudwatch:GetMetricStatistics", "cloudwatch:Describe*",
        "autoscaling:Describe*",
    ),
    _ARN + "AmazonKinesisFullAccess": _allow(
        "kinesis:*",
    ),
    _ARN + "CloudWatchLambdaInsightsExecutionRolePolicy": (
        *_allow(
            "logs:CreateLogGroup",
        ),
        PolicyStatement(
            actions=("logs:CreateLogStream", "logs:PutLogEvents"),
            resources=("arn:aws:logs:*:*:log-group:/aws/lambda-insights:*",),
        ),
    ),
    # The EKS Auto Mode cluster role's policies (terraform-aws-eks ``compute_config``): as
    # the AWS Managed Policy Reference writes each default version, conditions on tags (the
    # cluster-name request / resource tag, ``ec2:CreateAction``, the service-linked role's
    # service) read away as above; AmazonEKSComputePolicy's ``iam:PassRole`` on ``*`` is held
    # by ``iam:PassedToService`` to EC2 (``passed_to``): it passes the roles EC2 may assume,
    # not every role. No action by wildcard.
    # v5: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSComputePolicy.html
    _ARN + "AmazonEKSComputePolicy": (
        PolicyStatement(
            actions=(
                "ec2:CreateFleet", "ec2:RunInstances",
            ),
            resources=(
                "arn:aws:ec2:*:*:capacity-reservation/*", "arn:aws:ec2:*::image/*",
                "arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:subnet/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateFleet", "ec2:RunInstances",
            ),
            resources=(
                "arn:aws:ec2:*:*:launch-template/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateFleet", "ec2:RunInstances", "ec2:CreateLaunchTemplate",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:AddRoleToInstanceProfile",
            ),
            resources=(
                "arn:aws:iam::*:instance-profile/eks*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "*",
            ),
            passed_to=("ec2.amazonaws.com", "ec2.amazonaws.com.cn"),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole",
            ),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/spot.amazonaws.com/AWSServiceRoleForEC2Spot",
            ),
        ),
    ),
    # v1: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSBlockStoragePolicy.html
    _ARN + "AmazonEKSBlockStoragePolicy": (
        PolicyStatement(
            actions=(
                "ec2:AttachVolume", "ec2:DetachVolume", "ec2:ModifyVolume",
                "ec2:EnableFastSnapshotRestores",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateVolume",
            ),
            resources=(
                "arn:aws:ec2:*:*:volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateVolume",
            ),
            resources=(
                "arn:aws:ec2:*:*:snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateSnapshot",
            ),
            resources=(
                "arn:aws:ec2:*:*:volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateSnapshot",
            ),
            resources=(
                "arn:aws:ec2:*:*:snapshot/*",
            ),
        ),
    ),
    # v4: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSLoadBalancingPolicy.html
    _ARN + "AmazonEKSLoadBalancingPolicy": (
        PolicyStatement(
            actions=(
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:CreateRule", "ec2:CreateSecurityGroup",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateSecurityGroup",
            ),
            resources=(
                "arn:aws:ec2:*:*:vpc/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:RegisterTargets",
            ),
            resources=(
                "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:AuthorizeSecurityGroupIngress",
            ),
            resources=(
                "arn:aws:ec2:*:*:security-group-rule/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress",
            ),
            resources=(
                "arn:aws:ec2:*:*:security-group/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress",
            ),
            resources=(
                "arn:aws:ec2:*:*:security-group/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:AddTags",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetIpAddressType", "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets", "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:AddListenerCertificates",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:RemoveListenerCertificates",
                "elasticloadbalancing:ModifyRule",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
            ),
            resources=(
                "arn:aws:wafv2:*:*:*/webacl/*/*",
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "shield:CreateProtection",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "shield:DeleteProtection",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "shield:TagResource",
            ),
            resources=(
                "arn:aws:shield::*:protection/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "cognito-idp:DescribeUserPoolClient", "acm:ListCertificates",
                "acm:DescribeCertificate", "wafv2:GetWebACL", "wafv2:GetWebACLForResource",
                "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:DescribeTargetGroups",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses",
                "ec2:DescribeInternetGateways", "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets", "ec2:DescribeVpcs", "ec2:DescribeVpcClassicLink",
                "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeClassicLinkInstances", "ec2:DescribeRouteTables",
                "ec2:DescribeCoipPools", "ec2:GetCoipPoolUsage", "ec2:GetSecurityGroupsForVpc",
                "ec2:DescribeVpcPeeringConnections",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole",
            ),
            resources=(

                "arn:aws:iam::*:role/aws-service-role/elasticloadbalancing.amazonaws.com/"
                "AWSServiceRoleForElasticLoadBalancing",
            ),
        ),
    ),
    # v2: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEKSNetworkingPolicy.html
    _ARN + "AmazonEKSNetworkingPolicy": (
        PolicyStatement(
            actions=(
                "ec2:CreateNetworkInterface",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateNetworkInterface",
            ),
            resources=(
                "arn:aws:ec2:*:*:security-group/*", "arn:aws:ec2:*:*:subnet/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface",
                "ec2:UnassignPrivateIpAddresses", "ec2:UnassignIpv6Addresses",
                "ec2:AssignPrivateIpAddresses", "ec2:AssignIpv6Addresses",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:ModifyNetworkInterfaceAttribute",
            ),
            resources=(
                "arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:instance/*",
            ),
        ),
    ),
    # Two more with ``iam:PassRole`` on ``*`` held by ``iam:PassedToService`` (EC2; Application
    # Auto Scaling and DAX), conditions on tags and service-linked role names read away:
    # v5: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEC2SpotFleetTaggingRole.html
    _ARN + "service-role/AmazonEC2SpotFleetTaggingRole": (
        PolicyStatement(
            actions=(
                "ec2:DescribeImages", "ec2:DescribeSubnets", "ec2:RequestSpotInstances",
                "ec2:TerminateInstances", "ec2:DescribeInstanceStatus", "ec2:CreateTags",
                "ec2:RunInstances",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "*",
            ),
            passed_to=(
                "ec2.amazonaws.com", "ec2.amazonaws.com.cn",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
            ),
            resources=(
                "arn:aws:elasticloadbalancing:*:*:loadbalancer/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticloadbalancing:RegisterTargets",
            ),
            resources=(
                "arn:aws:elasticloadbalancing:*:*:*/*",
            ),
        ),
    ),
    # AWS Batch's service role (terraform-aws-modules/terraform-aws-batch's compute
    # environments): v13, checked against zoph-io/MAMIP's copy; no action by wildcard;
    # ``iam:PassRole`` held by ``iam:PassedToService`` (EC2, ECS tasks), the conditions of
    # CreateServiceLinkedRole (service names) and CreateTags (RunInstances) read away:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSBatchServiceRole.html
    _ARN + "service-role/AWSBatchServiceRole": (
        PolicyStatement(
            actions=(
                "ec2:DescribeAccountAttributes", "ec2:DescribeInstances",
                "ec2:DescribeInstanceStatus", "ec2:DescribeInstanceAttribute",
                "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "ec2:DescribeKeyPairs",
                "ec2:DescribeImages", "ec2:DescribeImageAttribute",
                "ec2:DescribeSpotInstanceRequests", "ec2:DescribeSpotFleetInstances",
                "ec2:DescribeSpotFleetRequests", "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSpotFleetRequestHistory", "ec2:DescribeVpcClassicLink",
                "ec2:DescribeLaunchTemplateVersions", "ec2:CreateLaunchTemplate",
                "ec2:DeleteLaunchTemplate", "ec2:RequestSpotFleet",
                "ec2:CancelSpotFleetRequests", "ec2:ModifySpotFleetRequest",
                "ec2:TerminateInstances", "ec2:RunInstances",
                "autoscaling:DescribeAccountLimits", "autoscaling:DescribeAutoScalingGroups",
                "autoscaling:DescribeLaunchConfigurations",
                "autoscaling:DescribeAutoScalingInstances",
                "autoscaling:DescribeScalingActivities",
                "autoscaling:CreateLaunchConfiguration", "autoscaling:CreateAutoScalingGroup",
                "autoscaling:UpdateAutoScalingGroup", "autoscaling:SetDesiredCapacity",
                "autoscaling:DeleteLaunchConfiguration", "autoscaling:DeleteAutoScalingGroup",
                "autoscaling:CreateOrUpdateTags", "autoscaling:SuspendProcesses",
                "autoscaling:PutNotificationConfiguration",
                "autoscaling:TerminateInstanceInAutoScalingGroup", "ecs:DescribeClusters",
                "ecs:DescribeContainerInstances", "ecs:DescribeTaskDefinition",
                "ecs:DescribeTasks", "ecs:ListAccountSettings", "ecs:ListClusters",
                "ecs:ListContainerInstances", "ecs:ListTaskDefinitionFamilies",
                "ecs:ListTaskDefinitions", "ecs:ListTasks", "ecs:CreateCluster",
                "ecs:DeleteCluster", "ecs:RegisterTaskDefinition",
                "ecs:DeregisterTaskDefinition", "ecs:RunTask", "ecs:StartTask", "ecs:StopTask",
                "ecs:UpdateContainerAgent", "ecs:DeregisterContainerInstance",
                "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
                "logs:DescribeLogGroups", "iam:GetInstanceProfile", "iam:GetRole",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ecs:TagResource",
            ),
            resources=(
                "arn:aws:ecs:*:*:task/*_Batch_*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "*",
            ),
            passed_to=(
                "ec2.amazonaws.com", "ec2.amazonaws.com.cn", "ecs-tasks.amazonaws.com",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole", "ec2:CreateTags",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # AWS Support's access policy (nozaq/terraform-aws-secure-baseline's support role, CIS
    # AWS 1.17): v4, checked against zoph-io/MAMIP's copy; every Support action by wildcard:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html
    _ARN + "AWSSupportAccess": _allow("support:*", "support-console:*"),
    # AWS Config's role for an organization aggregator (secure-baseline's
    # config_organization): v2, checked against zoph-io/MAMIP's copy:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSConfigRoleForOrganizations.html
    _ARN + "service-role/AWSConfigRoleForOrganizations": _allow(
        "organizations:ListAccounts", "organizations:DescribeOrganization",
        "organizations:ListAWSServiceAccessForOrganization",
        "organizations:ListDelegatedAdministrators",
    ),
    # v15: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonDynamoDBFullAccess.html
    _ARN + "AmazonDynamoDBFullAccess": (
        PolicyStatement(
            actions=(
                "dynamodb:*", "dax:*", "application-autoscaling:DeleteScalingPolicy",
                "application-autoscaling:DeregisterScalableTarget",
                "application-autoscaling:DescribeScalableTargets",
                "application-autoscaling:DescribeScalingActivities",
                "application-autoscaling:DescribeScalingPolicies",
                "application-autoscaling:PutScalingPolicy",
                "application-autoscaling:RegisterScalableTarget", "cloudwatch:DeleteAlarms",
                "cloudwatch:DescribeAlarmHistory", "cloudwatch:DescribeAlarms",
                "cloudwatch:DescribeAlarmsForMetric", "cloudwatch:GetMetricStatistics",
                "cloudwatch:ListMetrics", "cloudwatch:PutMetricAlarm", "cloudwatch:GetMetricData",
                "datapipeline:ActivatePipeline", "datapipeline:CreatePipeline",
                "datapipeline:DeletePipeline", "datapipeline:DescribeObjects",
                "datapipeline:DescribePipelines", "datapipeline:GetPipelineDefinition",
                "datapipeline:ListPipelines", "datapipeline:PutPipelineDefinition",
                "datapipeline:QueryObjects", "ec2:DescribeVpcs", "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups", "iam:GetRole", "iam:ListRoles", "kms:DescribeKey",
                "kms:ListAliases", "sns:CreateTopic", "sns:DeleteTopic", "sns:ListSubscriptions",
                "sns:ListSubscriptionsByTopic", "sns:ListTopics", "sns:Subscribe",
                "sns:Unsubscribe", "sns:SetTopicAttributes", "lambda:CreateFunction",
                "lambda:ListFunctions", "lambda:ListEventSourceMappings",
                "lambda:CreateEventSourceMapping", "lambda:DeleteEventSourceMapping",
                "lambda:GetFunctionConfiguration", "lambda:DeleteFunction",
                "resource-groups:ListGroups", "resource-groups:ListGroupResources",
                "resource-groups:GetGroup", "resource-groups:GetGroupQuery",
                "resource-groups:DeleteGroup", "resource-groups:CreateGroup", "tag:GetResources",
                "kinesis:ListStreams", "kinesis:DescribeStream", "kinesis:DescribeStreamSummary",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "cloudwatch:GetInsightRuleReport",
            ),
            resources=(
                "arn:aws:cloudwatch:*:*:insight-rule/DynamoDBContributorInsights*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "*",
            ),
            passed_to=(
                "application-autoscaling.amazonaws.com",
                "application-autoscaling.amazonaws.com.cn", "dax.amazonaws.com",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # Met in the stop-48 sweep (aws-samples aws-saas-factory-serverless-workshop CodeDeploy
    # roles; terraform-aws-control_tower_account_factory's AWS Backup role), as written in the
    # default version, conditions read away but ``iam:PassedToService``: no action by wildcard.
    # v11: docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSCodeDeployRole.html
    _ARN + "service-role/AWSCodeDeployRole": (
        PolicyStatement(
            actions=(
                "autoscaling:CompleteLifecycleAction", "autoscaling:DeleteLifecycleHook",
                "autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeLifecycleHooks",
                "autoscaling:PutLifecycleHook", "autoscaling:RecordLifecycleActionHeartbeat",
                "autoscaling:CreateAutoScalingGroup", "autoscaling:CreateOrUpdateTags",
                "autoscaling:UpdateAutoScalingGroup", "autoscaling:EnableMetricsCollection",
                "autoscaling:DescribePolicies", "autoscaling:DescribeScheduledActions",
                "autoscaling:DescribeNotificationConfigurations", "autoscaling:SuspendProcesses",
                "autoscaling:ResumeProcesses", "autoscaling:AttachLoadBalancers",
                "autoscaling:AttachLoadBalancerTargetGroups", "autoscaling:PutScalingPolicy",
                "autoscaling:PutScheduledUpdateGroupAction",
                "autoscaling:PutNotificationConfiguration", "autoscaling:PutWarmPool",
                "autoscaling:DescribeScalingActivities", "autoscaling:DeleteAutoScalingGroup",
                "ec2:DescribeInstances", "ec2:DescribeInstanceStatus", "ec2:TerminateInstances",
                "tag:GetResources", "sns:Publish", "cloudwatch:DescribeAlarms",
                "cloudwatch:PutMetricAlarm", "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeInstanceHealth",
                "elasticloadbalancing:RegisterInstancesWithLoadBalancer",
                "elasticloadbalancing:DeregisterInstancesFromLoadBalancer",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v30: docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AWSBackupServiceRolePolicyForBackup.html
    _ARN + "service-role/AWSBackupServiceRolePolicyForBackup": (
        PolicyStatement(
            actions=(
                "dynamodb:DescribeTable", "dynamodb:CreateBackup",
            ),
            resources=(
                "arn:aws:dynamodb:*:*:table/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "dynamodb:DescribeBackup", "dynamodb:DeleteBackup",
            ),
            resources=(
                "arn:aws:dynamodb:*:*:table/*/backup/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:AddTagsToResource", "rds:ListTagsForResource", "rds:DescribeDBSnapshots",
                "rds:CreateDBSnapshot", "rds:CopyDBSnapshot", "rds:DescribeDBInstances",
                "rds:CreateDBClusterSnapshot", "rds:DescribeDBClusters",
                "rds:DescribeDBClusterSnapshots", "rds:CopyDBClusterSnapshot",
                "rds:DescribeDBClusterAutomatedBackups",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:DeleteDBInstanceAutomatedBackup",
            ),
            resources=(
                "arn:aws:rds:*:*:auto-backup:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:ModifyDBCluster",
            ),
            resources=(
                "arn:aws:rds:*:*:cluster:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:DeleteDBClusterAutomatedBackup",
            ),
            resources=(
                "arn:aws:rds:*:*:cluster-auto-backup:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:ModifyDBInstance",
            ),
            resources=(
                "arn:aws:rds:*:*:db:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:DeleteDBSnapshot", "rds:ModifyDBSnapshotAttribute",
            ),
            resources=(
                "arn:aws:rds:*:*:snapshot:awsbackup:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "rds:DeleteDBClusterSnapshot", "rds:ModifyDBClusterSnapshotAttribute",
            ),
            resources=(
                "arn:aws:rds:*:*:cluster-snapshot:awsbackup:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "storagegateway:CreateSnapshot", "storagegateway:ListTagsForResource",
            ),
            resources=(
                "arn:aws:storagegateway:*:*:gateway/*/volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CopySnapshot",
            ),
            resources=(
                "arn:aws:ec2:*::snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CopyImage",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags", "ec2:DeleteSnapshot",
            ),
            resources=(
                "arn:aws:ec2:*::snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateImage", "ec2:DeregisterImage", "ec2:DescribeSnapshots",
                "ec2:DescribeTags", "ec2:DescribeImages", "ec2:DescribeInstances",
                "ec2:DescribeInstanceAttribute", "ec2:DescribeInstanceCreditSpecifications",
                "ec2:DescribeNetworkInterfaces", "ec2:DescribeElasticGpus",
                "ec2:DescribeSpotInstanceRequests", "ec2:DescribeSnapshotTierStatus",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateTags",
            ),
            resources=(
                "arn:aws:ec2:*:*:image/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:ModifySnapshotAttribute", "ec2:ModifyImageAttribute",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:ModifySnapshotTier",
            ),
            resources=(
                "arn:aws:ec2:*::snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "backup:DescribeBackupVault", "backup:CopyIntoBackupVault",
            ),
            resources=(
                "arn:aws:backup:*:*:backup-vault:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "backup:CopyFromBackupVault",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticfilesystem:Backup", "elasticfilesystem:DescribeTags",
            ),
            resources=(
                "arn:aws:elasticfilesystem:*:*:file-system/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CreateSnapshot", "ec2:DeleteSnapshot", "ec2:DescribeVolumes",
                "ec2:DescribeSnapshots",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "kms:Decrypt", "kms:GenerateDataKey",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "kms:DescribeKey",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "kms:CreateGrant",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptTo", "kms:ReEncryptFrom",
            ),
            resources=(
                "arn:aws:kms:*:*:key/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "tag:GetResources",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ssm:CancelCommand", "ssm:GetCommandInvocation",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ssm:SendCommand",
            ),
            resources=(
                "arn:aws:ssm:*:*:document/AWSEC2-CreateVssSnapshot", "arn:aws:ec2:*:*:instance/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:DescribeBackups",
            ),
            resources=(
                "arn:aws:fsx:*:*:backup/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:CreateBackup",
            ),
            resources=(
                "arn:aws:fsx:*:*:file-system/*", "arn:aws:fsx:*:*:backup/*",
                "arn:aws:fsx:*:*:volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:DescribeFileSystems",
            ),
            resources=(
                "arn:aws:fsx:*:*:file-system/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:DescribeVolumes",
            ),
            resources=(
                "arn:aws:fsx:*:*:volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:ListTagsForResource",
            ),
            resources=(
                "arn:aws:fsx:*:*:file-system/*", "arn:aws:fsx:*:*:volume/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:DeleteBackup",
            ),
            resources=(
                "arn:aws:fsx:*:*:backup/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "fsx:ListTagsForResource", "fsx:ManageBackupPrincipalAssociations",
                "fsx:CopyBackup", "fsx:TagResource",
            ),
            resources=(
                "arn:aws:fsx:*:*:backup/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "dynamodb:StartAwsBackupJob", "dynamodb:ListTagsOfResource",
            ),
            resources=(
                "arn:aws:dynamodb:*:*:table/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "backup-gateway:Backup", "backup-gateway:ListTagsForResource",
            ),
            resources=(
                "arn:aws:backup-gateway:*:*:vm/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "cloudformation:ListStacks", "cloudformation:GetTemplate",
                "cloudformation:DescribeStacks", "cloudformation:ListStackResources",
            ),
            resources=(
                "arn:aws:cloudformation:*:*:stack/*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift:CreateClusterSnapshot", "redshift:DescribeClusterSnapshots",
                "redshift:DescribeTags",
            ),
            resources=(
                "arn:aws:redshift:*:*:snapshot:*/*", "arn:aws:redshift:*:*:cluster:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift:DeleteClusterSnapshot",
            ),
            resources=(
                "arn:aws:redshift:*:*:snapshot:*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift:DescribeClusters",
            ),
            resources=(
                "arn:aws:redshift:*:*:cluster:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift:CreateTags",
            ),
            resources=(
                "arn:aws:redshift:*:*:snapshot:*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift-serverless:CreateSnapshot",
            ),
            resources=(
                "arn:aws:redshift-serverless:*:*:snapshot/*",
                "arn:aws:redshift-serverless:*:*:namespace/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift-serverless:DeleteSnapshot",
            ),
            resources=(
                "arn:aws:redshift-serverless:*:*:snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift-serverless:GetNamespace",
            ),
            resources=(
                "arn:aws:redshift-serverless:*:*:namespace/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift-serverless:GetSnapshot", "redshift-serverless:TagResource",
            ),
            resources=(
                "arn:aws:redshift-serverless:*:*:snapshot/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "redshift-serverless:ListNamespaces", "redshift-serverless:ListSnapshots",
                "redshift-serverless:ListTagsForResource",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "timestream:StartAwsBackupJob", "timestream:GetAwsBackupStatus",
                "timestream:ListTables", "timestream:ListDatabases",
                "timestream:ListTagsForResource", "timestream:DescribeTable",
                "timestream:DescribeDatabase",
            ),
            resources=(
                "arn:aws:timestream:*:*:database/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "timestream:DescribeEndpoints",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ssm-sap:GetOperation", "ssm-sap:ListDatabases",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ssm-sap:BackupDatabase", "ssm-sap:UpdateHanaBackupSettings",
                "ssm-sap:GetDatabase", "ssm-sap:ListTagsForResource",
            ),
            resources=(
                "arn:aws:ssm-sap:*:*:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "backup:TagResource",
            ),
            resources=(
                "arn:aws:backup:*:*:recovery-point:*",
            ),
        ),
        PolicyStatement(
            actions=(
                "dsql:StartBackupJob", "dsql:GetBackupJob", "dsql:StopBackupJob",
                "dsql:GetCluster", "dsql:ListClusters", "dsql:ListTagsForResource",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "kms:Decrypt",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "eks:ListClusters", "eks:ListTagsForResource", "eks:DescribeCluster",
                "eks:ListAddons", "eks:DescribeAddon", "eks:ListNodegroups",
                "eks:DescribeNodegroup", "eks:ListPodIdentityAssociations",
                "eks:DescribePodIdentityAssociation", "eks:ListAccessEntries",
                "eks:DescribeAccessEntry", "eks:ListAssociatedAccessPolicies",
                "eks:ListFargateProfiles", "eks:DescribeFargateProfile",
                "ec2:DescribeLaunchTemplateVersions",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "eks:CreateAccessEntry",
            ),
            resources=(
                "arn:aws:eks:*:*:cluster/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "eks:AssociateAccessPolicy", "eks:DisassociateAccessPolicy",
            ),
            resources=(
                "arn:aws:eks:*:*:access-entry/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "guardduty:StartMalwareScan", "guardduty:GetMalwareScan",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "arn:aws:iam::*:role/*",
            ),
            passed_to=(
                "malware-protection.guardduty.amazonaws.com",
            ),
        ),
    ),
    # Met in a sample of aws-samples/serverless-patterns (stop 48), default versions:
    # TranslateReadOnly v7, service-role/AWSLambdaBasicDurableExecutionRolePolicy v3 (no
    # wildcard), AmazonKinesisFirehoseFullAccess v1 (``firehose:*``).
    _ARN + "TranslateReadOnly": _allow(
        "translate:TranslateText", "translate:TranslateDocument", "translate:GetTerminology",
        "translate:ListTerminologies", "translate:ListTextTranslationJobs",
        "translate:DescribeTextTranslationJob", "translate:GetParallelData",
        "translate:ListParallelData", "comprehend:DetectDominantLanguage",
        "cloudwatch:GetMetricStatistics", "cloudwatch:ListMetrics",
    ),
    _ARN + "service-role/AWSLambdaBasicDurableExecutionRolePolicy": _allow(
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents",
        "lambda:CheckpointDurableExecution", "lambda:GetDurableExecutionState",
    ),
    _ARN + "AmazonKinesisFirehoseFullAccess": _allow("firehose:*"),
    # Met in another sample of aws-samples/serverless-patterns (stop 50: apigw-edge-custom-domain,
    # lambda-iot-sam), default versions checked against zoph-io/MAMIP's copies:
    # AmazonRoute53ReadOnlyAccess v2, AmazonSSMReadOnlyAccess v1,
    # service-role/AWSIoTRuleActions v2 (``sqs:SendMessage*`` as the policy writes it).
    _ARN + "AmazonRoute53ReadOnlyAccess": _allow(
        "route53:Get*", "route53:List*", "route53:TestDNSAnswer"
    ),
    _ARN + "AmazonSSMReadOnlyAccess": _allow("ssm:Describe*", "ssm:Get*", "ssm:List*"),
    # AmazonBedrockFullAccess v11 (default since 2026-08-04; zoph-io/MAMIP
    # policies/AmazonBedrockFullAccess): bedrock:* and bedrock-mantle:* on "*"
    # (aws-samples/serverless-samples' Bedrock agent roles were GDCC-IAM-005 / GRAPH-006
    # UNKNOWN "managed policy ... not known", stop 51). Conditions read away (they narrow)
    # but iam:PassedToService.
    _ARN + "AmazonBedrockFullAccess": (
        *_allow(
            "bedrock:*", "bedrock-mantle:*", "iam:ListRoles", "ec2:DescribeVpcs",
            "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups", "aws-marketplace:Subscribe",
            "aws-marketplace:ViewSubscriptions", "aws-marketplace:Unsubscribe",
        ),
        PolicyStatement(
            actions=("bedrock-websearch:InvokeSearch", "bedrock-websearch:InvokeFetch"),
            resources=("arn:aws:bedrock-websearch:*:*:*",),
        ),
        PolicyStatement(actions=("kms:DescribeKey",), resources=("arn:*:kms:*:::*",)),
        PolicyStatement(
            actions=(
                "sagemaker:CreateEndpoint", "sagemaker:CreateEndpointConfig",
                "sagemaker:CreateModel", "sagemaker:DeleteEndpoint", "sagemaker:UpdateEndpoint",
                "sagemaker:AddTags", "sagemaker:DeleteTags", "sagemaker:DescribeEndpoint",
                "sagemaker:DescribeEndpointConfig", "sagemaker:DescribeModel",
                "sagemaker:DescribeInferenceComponent", "sagemaker:ListEndpoints",
                "sagemaker:ListTags",
            ),
            resources=(
                "arn:aws:sagemaker:*:*:endpoint/*", "arn:aws:sagemaker:*:*:endpoint-config/*",
                "arn:aws:sagemaker:*:*:model/*",
            ),
        ),
        PolicyStatement(
            actions=("sagemaker:InvokeEndpoint", "sagemaker:InvokeEndpointWithResponseStream"),
            resources=("arn:aws:sagemaker:*:*:endpoint/*",),
        ),
        PolicyStatement(
            actions=("sagemaker:DescribeHubContent", "sagemaker:ListHubContents"),
            resources=(
                "arn:aws:sagemaker:*:aws:hub-content/SageMakerPublicHub/Model/*",
                "arn:aws:sagemaker:*:aws:hub/SageMakerPublicHub",
            ),
        ),
        PolicyStatement(
            actions=("iam:PassRole",), resources=("arn:aws:iam::*:role/*SageMaker*ForBedrock*",),
            passed_to=("sagemaker.amazonaws.com", "bedrock.amazonaws.com"),
        ),
        PolicyStatement(
            actions=("iam:PassRole",), resources=("arn:aws:iam::*:role/*AmazonBedrock*",),
            passed_to=("bedrock.amazonaws.com",),
        ),
    ),
    _ARN + "service-role/AWSIoTRuleActions": _allow(
        "dynamodb:PutItem", "kinesis:PutRecord", "iot:Publish", "s3:PutObject", "sns:Publish",
        "sqs:SendMessage*", "cloudwatch:SetAlarmState", "cloudwatch:PutMetricData",
        "es:ESHttpPut", "firehose:PutRecord",
    ),
    # From aws-samples/aws-service-catalog-reference-architectures (stop 49): the statements
    # of the AWS Managed Policy Reference's default versions, checked against zoph-io/MAMIP's
    # copies; conditions read away (they narrow: never a PASS on them) but
    # ``iam:PassedToService``. AmazonSSMFullAccess grants ``ssm:*`` and ``logs:*`` on ``*``;
    # AmazonSSMMaintenanceWindowRole ``ssm:SendCommand`` on ``*`` (runs commands on
    # instances: acts as their roles); the Elastic Beanstalk instance policies ``s3:Get*`` /
    # ``s3:List*`` on ``arn:aws:s3:::elasticbeanstalk-*``; AWSMarketplaceFullAccess
    # ``aws-marketplace:*``; the Service Catalog end-user and Private Marketplace policies
    # name their actions.
    # v4: docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMFullAccess.html
    _ARN + "AmazonSSMFullAccess": (
        PolicyStatement(
            actions=(
                "cloudwatch:PutMetricData", "ds:CreateComputer",
                "ds:DescribeDirectories", "ec2:DescribeInstanceStatus", "logs:*",
                "ssm:*", "ec2messages:*",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole",
            ),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:DeleteServiceLinkedRole", "iam:GetServiceLinkedRoleDeletionStatus",
            ),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/ssm.amazonaws.com/AWSServiceRoleForAmazonSSM*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
                "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v3:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSSMMaintenanceWindowRole.html
    _ARN + "service-role/AmazonSSMMaintenanceWindowRole": (
        PolicyStatement(
            actions=(
                "ssm:GetAutomationExecution", "ssm:GetParameters", "ssm:ListCommands",
                "ssm:SendCommand", "ssm:StartAutomationExecution",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "lambda:InvokeFunction",
            ),
            resources=(
                "arn:aws:lambda:*:*:function:SSM*",
                "arn:aws:lambda:*:*:function:*:SSM*",
            ),
        ),
        PolicyStatement(
            actions=(
                "states:DescribeExecution", "states:StartExecution",
            ),
            resources=(
                "arn:aws:states:*:*:stateMachine:SSM*",
                "arn:aws:states:*:*:execution:SSM*",
            ),
        ),
        PolicyStatement(
            actions=(
                "resource-groups:ListGroups", "resource-groups:ListGroupResources",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "tag:GetResources",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v7: docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSElasticBeanstalkWebTier.html
    _ARN + "AWSElasticBeanstalkWebTier": (
        PolicyStatement(
            actions=(
                "s3:Get*", "s3:List*", "s3:PutObject",
            ),
            resources=(
                "arn:aws:s3:::elasticbeanstalk-*", "arn:aws:s3:::elasticbeanstalk-*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                "xray:GetSamplingRules", "xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "logs:PutLogEvents", "logs:CreateLogStream", "logs:DescribeLogStreams",
                "logs:DescribeLogGroups",
            ),
            resources=(
                "arn:aws:logs:*:*:log-group:/aws/elasticbeanstalk*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticbeanstalk:PutInstanceStatistics",
            ),
            resources=(
                "arn:aws:elasticbeanstalk:*:*:application/*",
                "arn:aws:elasticbeanstalk:*:*:environment/*",
            ),
        ),
    ),
    # v3:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AWSElasticBeanstalkMulticontainerDocker.html
    _ARN + "AWSElasticBeanstalkMulticontainerDocker": (
        PolicyStatement(
            actions=(
                "ecs:Poll", "ecs:StartTask", "ecs:StopTask", "ecs:DiscoverPollEndpoint",
                "ecs:StartTelemetrySession", "ecs:RegisterContainerInstance",
                "ecs:DeregisterContainerInstance", "ecs:DescribeContainerInstances",
                "ecs:Submit*", "ecs:DescribeTasks",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ecs:TagResource",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v6: docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSElasticBeanstalkWorkerTier.html
    _ARN + "AWSElasticBeanstalkWorkerTier": (
        PolicyStatement(
            actions=(
                "cloudwatch:PutMetricData",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "xray:PutTraceSegments", "xray:PutTelemetryRecords",
                "xray:GetSamplingRules", "xray:GetSamplingTargets",
                "xray:GetSamplingStatisticSummaries",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "sqs:ChangeMessageVisibility", "sqs:DeleteMessage",
                "sqs:ReceiveMessage", "sqs:SendMessage",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "s3:Get*", "s3:List*", "s3:PutObject",
            ),
            resources=(
                "arn:aws:s3:::elasticbeanstalk-*", "arn:aws:s3:::elasticbeanstalk-*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
                "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem",
                "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem",
            ),
            resources=(
                "arn:aws:dynamodb:*:*:table/*-stack-AWSEBWorkerCronLeaderRegistry*",
            ),
        ),
        PolicyStatement(
            actions=(
                "logs:PutLogEvents", "logs:CreateLogStream",
            ),
            resources=(
                "arn:aws:logs:*:*:log-group:/aws/elasticbeanstalk*",
            ),
        ),
        PolicyStatement(
            actions=(
                "elasticbeanstalk:PutInstanceStatistics",
            ),
            resources=(
                "arn:aws:elasticbeanstalk:*:*:application/*",
                "arn:aws:elasticbeanstalk:*:*:environment/*",
            ),
        ),
    ),
    # v7:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AWSServiceCatalogEndUserFullAccess.html
    _ARN + "AWSServiceCatalogEndUserFullAccess": (
        PolicyStatement(
            actions=(
                "cloudformation:CreateStack", "cloudformation:DeleteStack",
                "cloudformation:DescribeStackEvents", "cloudformation:DescribeStacks",
                "cloudformation:SetStackPolicy", "cloudformation:ValidateTemplate",
                "cloudformation:UpdateStack", "cloudformation:CreateChangeSet",
                "cloudformation:DescribeChangeSet", "cloudformation:ExecuteChangeSet",
                "cloudformation:ListChangeSets", "cloudformation:DeleteChangeSet",
                "cloudformation:TagResource", "cloudformation:CreateStackSet",
                "cloudformation:CreateStackInstances", "cloudformation:UpdateStackSet",
                "cloudformation:UpdateStackInstances", "cloudformation:DeleteStackSet",
                "cloudformation:DeleteStackInstances",
                "cloudformation:DescribeStackSet",
                "cloudformation:DescribeStackInstance",
                "cloudformation:DescribeStackSetOperation",
                "cloudformation:ListStackInstances",
                "cloudformation:ListStackResources",
                "cloudformation:ListStackSetOperations",
                "cloudformation:ListStackSetOperationResults",
            ),
            resources=(
                "arn:aws:cloudformation:*:*:stack/SC-*",
                "arn:aws:cloudformation:*:*:stack/StackSet-SC-*",
                "arn:aws:cloudformation:*:*:changeSet/SC-*",
                "arn:aws:cloudformation:*:*:stackset/SC-*",
            ),
        ),
        PolicyStatement(
            actions=(
                "cloudformation:GetTemplateSummary", "servicecatalog:DescribeProduct",
                "servicecatalog:DescribeProductView",
                "servicecatalog:DescribeProvisioningParameters",
                "servicecatalog:ListLaunchPaths", "servicecatalog:ProvisionProduct",
                "servicecatalog:SearchProducts", "ssm:DescribeDocument",
                "ssm:GetAutomationExecution", "config:DescribeConfigurationRecorders",
                "config:DescribeConfigurationRecorderStatus",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "servicecatalog:DescribeProvisionedProduct",
                "servicecatalog:DescribeRecord", "servicecatalog:ListRecordHistory",
                "servicecatalog:ListStackInstancesForProvisionedProduct",
                "servicecatalog:ScanProvisionedProducts",
                "servicecatalog:TerminateProvisionedProduct",
                "servicecatalog:UpdateProvisionedProduct",
                "servicecatalog:SearchProvisionedProducts",
                "servicecatalog:CreateProvisionedProductPlan",
                "servicecatalog:DescribeProvisionedProductPlan",
                "servicecatalog:ExecuteProvisionedProductPlan",
                "servicecatalog:DeleteProvisionedProductPlan",
                "servicecatalog:ListProvisionedProductPlans",
                "servicecatalog:ListServiceActionsForProvisioningArtifact",
                "servicecatalog:ExecuteProvisionedProductServiceAction",
                "servicecatalog:DescribeServiceActionExecutionParameters",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v1:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AWSServiceCatalogEndUserReadOnlyAccess.html
    _ARN + "AWSServiceCatalogEndUserReadOnlyAccess": (
        PolicyStatement(
            actions=(
                "cloudformation:DescribeStackEvents", "cloudformation:DescribeStacks",
                "cloudformation:DescribeChangeSet", "cloudformation:ListChangeSets",
                "cloudformation:DescribeStackSet",
                "cloudformation:DescribeStackInstance",
                "cloudformation:DescribeStackSetOperation",
                "cloudformation:ListStackInstances",
                "cloudformation:ListStackResources",
                "cloudformation:ListStackSetOperations",
                "cloudformation:ListStackSetOperationResults",
            ),
            resources=(
                "arn:aws:cloudformation:*:*:stack/SC-*",
                "arn:aws:cloudformation:*:*:stack/StackSet-SC-*",
                "arn:aws:cloudformation:*:*:changeSet/SC-*",
                "arn:aws:cloudformation:*:*:stackset/SC-*",
            ),
        ),
        PolicyStatement(
            actions=(
                "cloudformation:GetTemplateSummary", "servicecatalog:DescribeProduct",
                "servicecatalog:DescribeProductView",
                "servicecatalog:DescribeProvisioningParameters",
                "servicecatalog:ListLaunchPaths", "servicecatalog:SearchProducts",
                "ssm:DescribeDocument", "ssm:GetAutomationExecution",
                "config:DescribeConfigurationRecorders",
                "config:DescribeConfigurationRecorderStatus",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "servicecatalog:DescribeProvisionedProduct",
                "servicecatalog:DescribeRecord", "servicecatalog:ListRecordHistory",
                "servicecatalog:ListStackInstancesForProvisionedProduct",
                "servicecatalog:ScanProvisionedProducts",
                "servicecatalog:SearchProvisionedProducts",
                "servicecatalog:DescribeProvisionedProductPlan",
                "servicecatalog:ListProvisionedProductPlans",
                "servicecatalog:ListServiceActionsForProvisioningArtifact",
                "servicecatalog:DescribeServiceActionExecutionParameters",
            ),
            resources=(
                "*",
            ),
        ),
    ),
    # v7: docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSMarketplaceFullAccess.html
    _ARN + "AWSMarketplaceFullAccess": (
        PolicyStatement(
            actions=(
                "aws-marketplace:*", "cloudformation:CreateStack",
                "cloudformation:DescribeStackResource",
                "cloudformation:DescribeStackResources",
                "cloudformation:DescribeStacks", "cloudformation:List*",
                "ec2:AuthorizeSecurityGroupEgress", "ec2:AuthorizeSecurityGroupIngress",
                "ec2:CreateSecurityGroup", "ec2:CreateTags",
                "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses",
                "ec2:DeleteSecurityGroup", "ec2:DescribeAccountAttributes",
                "ec2:DescribeImages", "ec2:DescribeInstances", "ec2:DescribeKeyPairs",
                "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeTags",
                "ec2:DescribeVpcs", "ec2:RunInstances", "ec2:StartInstances",
                "ec2:StopInstances", "ec2:TerminateInstances",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "ec2:CopyImage", "ec2:DeregisterImage", "ec2:DescribeSnapshots",
                "ec2:DeleteSnapshot", "ec2:CreateImage", "ec2:DescribeInstanceStatus",
                "ssm:GetAutomationExecution", "ssm:ListDocuments",
                "ssm:DescribeDocument", "sns:ListTopics", "sns:GetTopicAttributes",
                "sns:CreateTopic", "iam:GetRole", "iam:GetInstanceProfile",
                "iam:ListRoles", "iam:ListInstanceProfiles",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:PassRole",
            ),
            resources=(
                "*",
            ),
            passed_to=("ec2.amazonaws.com",),
        ),
    ),
    # v9:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AWSPrivateMarketplaceAdminFullAccess.html
    _ARN + "AWSPrivateMarketplaceAdminFullAccess": (
        PolicyStatement(
            actions=(
                "iam:GetRole",
            ),
            resources=(
                "arn:aws:iam::*:role/*AWSServiceRoleForPrivateMarketplaceAdmin",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateServiceLinkedRole",
            ),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/private-marketplace.marketplace.amazonaws.com/AWSServiceRoleForPrivateMarketplaceAdmin",
            ),
        ),
        PolicyStatement(
            actions=(
                "organizations:RegisterDelegatedAdministrator",
                "organizations:DeregisterDelegatedAdministrator",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "organizations:EnableAWSServiceAccess",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "aws-marketplace:AssociateProductsWithPrivateMarketplace",
                "aws-marketplace:DisassociateProductsFromPrivateMarketplace",
                "aws-marketplace:ListPrivateMarketplaceRequests",
                "aws-marketplace:DescribePrivateMarketplaceRequests",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "aws-marketplace:ListEntities", "aws-marketplace:DescribeEntity",
                "aws-marketplace:StartChangeSet", "aws-marketplace:ListChangeSets",
                "aws-marketplace:DescribeChangeSet", "aws-marketplace:CancelChangeSet",
            ),
            resources=(
                "*",
            ),
        ),
        PolicyStatement(
            actions=(
                "aws-marketplace:TagResource", "aws-marketplace:UntagResource",
                "aws-marketplace:ListTagsForResource",
            ),
            resources=(
                "arn:aws:aws-marketplace:*:*:AWSMarketplace/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "organizations:DescribeOrganization",
                "organizations:DescribeOrganizationalUnit",
                "organizations:DescribeAccount", "organizations:ListRoots",
                "organizations:ListParents",
                "organizations:ListOrganizationalUnitsForParent",
                "organizations:ListAccountsForParent", "organizations:ListAccounts",
                "organizations:ListAWSServiceAccessForOrganization",
                "organizations:ListDelegatedAdministrators",
            ),
            resources=(
                "*",
            ),
        ),
    ),

    # v5 (a Glue job's or crawler's role; serverless-patterns' s3-trigger-lambda-glue-workflow-
    # terraform): glue:* on * (FAIL).
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSGlueServiceRole.html
    _ARN + "service-role/AWSGlueServiceRole": (
        *_allow(
            "glue:*", "s3:GetBucketLocation", "s3:ListBucket", "s3:ListAllMyBuckets",
            "s3:GetBucketAcl", "ec2:DescribeVpcEndpoints", "ec2:DescribeRouteTables",
            "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
            "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets", "ec2:DescribeVpcAttribute", "iam:ListRolePolicies",
            "iam:GetRole", "iam:GetRolePolicy", "cloudwatch:PutMetricData",
        ),
        PolicyStatement(actions=("s3:CreateBucket",), resources=("arn:aws:s3:::aws-glue-*",)),
        PolicyStatement(
            actions=("s3:GetObject", "s3:PutObject", "s3:DeleteObject"),
            resources=("arn:aws:s3:::aws-glue-*/*", "arn:aws:s3:::*/*aws-glue-*/*"),
        ),
        PolicyStatement(
            actions=("s3:GetObject",),
            resources=("arn:aws:s3:::crawler-public*", "arn:aws:s3:::aws-glue-*"),
        ),
        PolicyStatement(
            actions=("logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"),
            resources=("arn:aws:logs:*:*:*:/aws-glue/*",),
        ),
        PolicyStatement(
            actions=("ec2:CreateTags", "ec2:DeleteTags"),
            resources=(
                "arn:aws:ec2:*:*:network-interface/*", "arn:aws:ec2:*:*:security-group/*",
                "arn:aws:ec2:*:*:instance/*",
            ),
        ),
    ),
    # The five met in aws-security-reference-architecture-examples (AMI bakery, patch
    # management, Security Lake), from the AWS Managed Policy Reference's default versions
    # (docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html; copies checked in
    # zoph-io/MAMIP); conditions read away as for the EKS cluster policies, but
    # iam:PassedToService (``passed_to``).
    # EC2InstanceProfileForImageBuilder v3:
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # EC2InstanceProfileForImageBuilder.html
    _ARN + "EC2InstanceProfileForImageBuilder": (
        *_allow("imagebuilder:GetComponent", "kms:Decrypt"),
        PolicyStatement(actions=("s3:GetObject",), resources=("arn:aws:s3:::ec2imagebuilder*",)),
        PolicyStatement(
            actions=("logs:CreateLogStream", "logs:CreateLogGroup", "logs:PutLogEvents"),
            resources=("arn:aws:logs:*:*:log-group:/aws/imagebuilder/*",),
        ),
    ),
    # v1: docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # EC2ImageBuilderLifecycleExecutionPolicy.html
    _ARN + "service-role/EC2ImageBuilderLifecycleExecutionPolicy": (
        PolicyStatement(
            actions=(
                "ec2:EnableImage", "ec2:DeregisterImage", "ec2:EnableImageDeprecation",
                "ec2:DescribeImageAttribute", "ec2:DisableImage", "ec2:DisableImageDeprecation",
            ),
            resources=("arn:aws:ec2:*::image/*",),
        ),
        PolicyStatement(
            actions=("ec2:DeleteSnapshot",), resources=("arn:aws:ec2:*::snapshot/*",)
        ),
        PolicyStatement(
            actions=("ec2:DeleteTags", "ec2:CreateTags"),
            resources=("arn:aws:ec2:*::snapshot/*", "arn:aws:ec2:*::image/*"),
        ),
        PolicyStatement(
            actions=("ecr:BatchGetImage", "ecr:BatchDeleteImage"),
            resources=("arn:aws:ecr:*:*:repository/*",),
        ),
        *_allow("ec2:DescribeImages", "tag:GetResources", "imagebuilder:DeleteImage"),
    ),
    # v1 (Default Host Management Configuration's instance role): AmazonSSMManagedInstanceCore
    # without ssm:GetParameter(s).
    # docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AmazonSSMManagedEC2InstanceDefaultPolicy.html
    _ARN + "AmazonSSMManagedEC2InstanceDefaultPolicy": _allow(
        "ssm:DescribeAssociation", "ssm:GetDeployablePatchSnapshotForInstance",
        "ssm:GetDocument", "ssm:DescribeDocument", "ssm:GetManifest", "ssm:ListAssociations",
        "ssm:ListInstanceAssociations", "ssm:PutInventory", "ssm:PutComplianceItems",
        "ssm:PutConfigurePackageResult", "ssm:UpdateAssociationStatus",
        "ssm:UpdateInstanceAssociationStatus", "ssm:UpdateInstanceInformation",
        "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel",
        "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
        "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage",
        "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages",
        "ec2messages:SendReply",
    ),
    # v2: docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AmazonSecurityLakeMetastoreManager.html
    _ARN + "service-role/AmazonSecurityLakeMetastoreManager": (
        PolicyStatement(
            actions=("logs:CreateLogStream", "logs:PutLogEvents", "logs:CreateLogGroup"),
            resources=(
                "arn:aws:logs:*:*:log-group:/aws/lambda/AmazonSecurityLake*",
                "arn:aws:logs:*:*:/aws/lambda/AmazonSecurityLake*",
            ),
        ),
        PolicyStatement(
            actions=(
                "glue:CreatePartition", "glue:BatchCreatePartition", "glue:GetTable",
                "glue:UpdateTable",
            ),
            resources=(
                "arn:aws:glue:*:*:table/amazon_security_lake_glue_db*/*",
                "arn:aws:glue:*:*:database/amazon_security_lake_glue_db*",
                "arn:aws:glue:*:*:catalog",
            ),
        ),
        PolicyStatement(
            actions=("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
            resources=("arn:aws:sqs:*:*:AmazonSecurityLake*",),
        ),
        PolicyStatement(
            actions=("s3:ListBucket", "s3:PutObject", "s3:GetObject"),
            resources=("arn:aws:s3:::aws-security-data-lake*",),
        ),
        PolicyStatement(
            actions=("s3:DeleteObject",),
            resources=(
                "arn:aws:s3:::aws-security-data-lake*/metadata/*.avro",
                "arn:aws:s3:::aws-security-data-lake*/metadata/*.metadata.json",
            ),
        ),
    ),
    # v2: docs.aws.amazon.com/aws-managed-policy/latest/reference/
    # AmazonSecurityLakeAdministrator.html (securitylake:*, s3:Get* / s3:List* by wildcard)
    _ARN + "AmazonSecurityLakeAdministrator": (
        *_allow(
            "securitylake:*", "organizations:DescribeOrganization",
            "organizations:ListDelegatedServicesForAccount", "organizations:ListAccounts",
            "iam:ListRoles", "ram:GetResourceShareAssociations",
            "glue:CreateCrawler", "glue:StopCrawlerSchedule", "lambda:CreateEventSourceMapping",
            "lakeformation:GrantPermissions", "lakeformation:ListPermissions",
            "lakeformation:RegisterResource", "lakeformation:RevokePermissions",
            "lakeformation:GetDatalakeSettings", "events:ListConnections",
            "events:ListApiDestinations", "iam:GetRole", "iam:ListAttachedRolePolicies",
            "kms:DescribeKey", "ram:CreateResourceShare", "ram:AssociateResourceShare",
            "ram:UpdateResourceShare", "ram:GetResourceShares",
            "ram:DisassociateResourceShare", "ram:DeleteResourceShare",
            "s3:GetAccountPublicAccessBlock", "s3:ListAccessPoints", "s3:ListAllMyBuckets",
        ),
        PolicyStatement(
            actions=(
                "s3:CreateBucket", "s3:PutBucketPolicy", "s3:PutBucketPublicAccessBlock",
                "s3:PutBucketNotification", "s3:PutBucketTagging",
                "s3:PutEncryptionConfiguration", "s3:PutBucketVersioning",
                "s3:PutReplicationConfiguration", "s3:PutLifecycleConfiguration",
                "s3:ListBucket", "s3:PutObject", "s3:GetBucketNotification",
            ),
            resources=("arn:aws:s3:::aws-security-data-lake*",),
        ),
        PolicyStatement(
            actions=("lambda:CreateFunction", "lambda:AddPermission"),
            resources=(
                "arn:aws:lambda:*:*:function:SecurityLake_Glue_Partition_Updater_Lambda*",
                "arn:aws:lambda:*:*:function:AmazonSecurityLake*",
            ),
        ),
        PolicyStatement(
            actions=(
                "glue:CreateDatabase", "glue:GetDatabase", "glue:CreateTable", "glue:GetTable",
            ),
            resources=(
                "arn:aws:glue:*:*:catalog",
                "arn:aws:glue:*:*:database/amazon_security_lake_glue_db*",
                "arn:aws:glue:*:*:table/amazon_security_lake_glue_db*/*",
            ),
        ),
        PolicyStatement(
            actions=(
                "events:PutTargets", "events:PutRule", "events:DescribeRule",
                "events:CreateApiDestination", "events:CreateConnection",
                "events:UpdateConnection", "events:UpdateApiDestination",
                "events:DeleteConnection", "events:DeleteApiDestination",
                "events:ListTargetsByRule", "events:RemoveTargets", "events:DeleteRule",
            ),
            resources=(
                "arn:aws:events:*:*:rule/AmazonSecurityLake*",
                "arn:aws:events:*:*:rule/SecurityLake*",
                "arn:aws:events:*:*:api-destination/AmazonSecurityLake*",
                "arn:aws:events:*:*:connection/AmazonSecurityLake*",
            ),
        ),
        PolicyStatement(
            actions=(
                "sqs:CreateQueue", "sqs:SetQueueAttributes", "sqs:GetQueueURL",
                "sqs:AddPermission", "sqs:GetQueueAttributes", "sqs:DeleteQueue",
            ),
            resources=("arn:aws:sqs:*:*:SecurityLake*", "arn:aws:sqs:*:*:AmazonSecurityLake*"),
        ),
        PolicyStatement(actions=("kms:CreateGrant",), resources=("arn:aws:kms:*:*:key/*",)),
        PolicyStatement(
            actions=(
                "secretsmanager:CreateSecret", "secretsmanager:GetSecretValue",
                "secretsmanager:PutSecretValue",
            ),
            resources=(
                "arn:aws:secretsmanager:*:*:secret:events!connection/AmazonSecurityLake-*",
            ),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=(
                "arn:aws:iam::*:role/service-role/AmazonSecurityLakeMetaStoreManager",
                "arn:aws:iam::*:role/service-role/AmazonSecurityLakeMetaStoreManagerV2",
            ),
            passed_to=("lambda.amazonaws.com",),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=("arn:aws:iam::*:role/service-role/AmazonSecurityLakeS3ReplicationRole",),
            passed_to=("s3.amazonaws.com",),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=(
                "arn:aws:iam::*:role/service-role/AmazonSecurityLakeCustomDataGlueCrawler*",
            ),
            passed_to=("glue.amazonaws.com",),
        ),
        PolicyStatement(
            actions=("iam:PassRole",),
            resources=(
                "arn:aws:iam::*:role/service-role/AmazonSecurityLakeSubscriberEventBridge",
            ),
            passed_to=("events.amazonaws.com",),
        ),
        PolicyStatement(
            actions=("iam:CreateServiceLinkedRole",),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/securitylake.amazonaws.com/"
                "AWSServiceRoleForSecurityLake",
                "arn:aws:iam::*:role/aws-service-role/lakeformation.amazonaws.com/"
                "AWSServiceRoleForLakeFormationDataAccess",
                "arn:aws:iam::*:role/aws-service-role/apidestinations.events.amazonaws.com/"
                "AWSServiceRoleForAmazonEventBridgeApiDestinations",
            ),
        ),
        PolicyStatement(
            actions=(
                "iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy",
                "iam:ListRolePolicies", "iam:DeleteRole",
            ),
            resources=("arn:aws:iam::*:role/AmazonSecurityLake*",),
        ),
        PolicyStatement(
            actions=("iam:PutRolePolicy", "iam:GetRolePolicy"),
            resources=(
                "arn:aws:iam::*:role/aws-service-role/lakeformation.amazonaws.com/"
                "AWSServiceRoleForLakeFormationDataAccess",
            ),
        ),
        PolicyStatement(
            actions=("s3:Get*", "s3:List*"), resources=("arn:aws:s3:::aws-security-data-lake-*",)
        ),
        PolicyStatement(
            actions=("s3:GetObject", "s3:GetObjectVersion"),
            resources=("arn:aws:s3:::security-lake-meta-store-manager-*",),
        ),
    ),
}


#: The statements of each listed policy, with the policy's name as their ``sid``.
MANAGED: dict[str, tuple[PolicyStatement, ...]] = {
    arn: tuple(
        s.model_copy(update={"sid": "AWS managed " + arn.rsplit("/", 1)[-1]}) for s in found
    )
    for arn, found in _LISTED.items()
}


def managed_permissions(arns: object) -> tuple[PolicyStatement, ...] | None:
    """The statements of the managed policies ``arns`` names; ``None`` when one of them is
    not listed here or the list is not known."""
    if arns is None:
        return ()
    if not isinstance(arns, list | tuple):
        arns = [arns]
    found: list[PolicyStatement] = []
    for arn in arns:
        statements = MANAGED.get(arn) if isinstance(arn, str) else None
        if statements is None:
            return None
        found.extend(statements)
    return tuple(found)


def managed_parts(
    arns: object, where: str
) -> tuple[tuple[PolicyStatement, ...], tuple[str, ...]] | None:
    """The statements of the managed policies ``arns`` (the value of argument ``where``)
    names that are listed here, and the others named: an ARN as written (an AWS managed
    policy not listed, a customer policy), ``where[i]`` for an entry whose value is not
    known before deployment; ``None`` when the list itself is not known. What
    :func:`managed_permissions` gives up on, kept apart."""
    if arns is None:
        return (), ()
    if not isinstance(arns, str | list | tuple):
        return None
    if not isinstance(arns, list | tuple):
        arns = [arns]
    found: list[PolicyStatement] = []
    unread: list[str] = []
    for index, arn in enumerate(arns):
        statements = MANAGED.get(arn) if isinstance(arn, str) else None
        if statements is not None:
            found.extend(statements)
        elif isinstance(arn, str) and "<<" not in arn and "${" not in arn:
            unread.append(arn)
        else:
            unread.append(f"{where}[{index}]")
    return tuple(found), tuple(unread)


#: An AWS managed policy ARN in any partition (``arn:aws-us-gov:iam::aws:policy/...``, or
#: one whose partition is not known statically: a Terraform placeholder rendering, a
#: CloudFormation ``${AWS::Partition}`` shaped): the path after ``policy/`` names it, and the
#: policy is the same in every partition.
_ANY_PARTITION = re.compile(r"arn:[^:]*:iam::aws:policy/(.+)")


#: The listed ARNs by their case-folded text (:func:`managed_arn`).
_FOLDED = {arn.casefold(): arn for arn in _LISTED}


def managed_arn(text: str) -> str | None:
    """``text`` as the ``arn:aws:`` ARN the tables list the AWS managed policy it names by
    (whatever its partition, known or not), or None when it names no AWS managed policy. A
    name written in another case (aws-security-reference-architecture-examples'
    ``service-role/AmazonSecurityLakeMetaStoreManager``) is the listed policy of that name:
    IAM names "are not distinguished by case" (IAM User Guide, "IAM object quotas", names
    unique case-insensitively), so no other policy has it (and if IAM refuses it, nothing
    is deployed)."""
    found = _ANY_PARTITION.fullmatch(text)
    if not found or "<<" in found.group(1):
        return None
    arn = _ARN + found.group(1)
    return arn if arn in _LISTED else _FOLDED.get(arn.casefold(), arn)


def managed_policy_document(arn: str) -> dict[str, object] | None:
    """The listed managed policy ``arn`` as a policy document (``{"Statement": [...]}``), for
    the policy analysers; ``None`` when it is not listed here (its grants are not known)."""
    found = MANAGED.get(arn)
    if found is None:
        return None
    return {
        "Statement": [
            {
                "Effect": "Allow",
                "NotAction" if s.not_action else "Action": list(s.actions),
                "Resource": list(s.resources or ("*",)),
                **(
                    {"Condition": {"StringEquals": {"iam:PassedToService": list(s.passed_to)}}}
                    if s.passed_to is not None else {}
                ),
            }
            for s in found
        ]
    }
