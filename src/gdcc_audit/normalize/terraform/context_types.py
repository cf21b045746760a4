"""Terraform types no mapping judges on their own but that a mapper reads for what they say
of other resources: a database's parameter group, the account's EBS encryption by default,
the methods of a REST API. The scan reports them as *read for context* (with the types that
read them), not as *not judged*, when a resource of a reading type is in the same root.

Type -> the mapped types whose verdicts read it (``tests/normalize/test_context_types.py``
checks that each reader is mapped and each type is not).
"""

from __future__ import annotations

_INSTANCES = ("aws_instance", "aws_spot_instance_request", "aws_launch_template",
              "aws_launch_configuration")
_HW_EIP_HOLDERS = ("huaweicloud_compute_instance", "huaweicloud_rds_instance",
                   "huaweicloud_dds_instance", "huaweicloud_cce_node",
                   "huaweicloud_elb_loadbalancer", "huaweicloud_lb_loadbalancer")
_WAF_TARGETS = ("aws_lb", "aws_alb", "aws_api_gateway_stage")
_ELASTICACHE_GROUPED = ("aws_elasticache_replication_group", "aws_elasticache_serverless_cache")

CONTEXT_TYPES: dict[str, tuple[str, ...]] = {
    # engine flags: TLS required, audit plugin, connection and access logs
    "aws_db_parameter_group": ("aws_db_instance", "aws_rds_cluster_instance"),
    "aws_db_option_group": ("aws_db_instance",),
    # Spanner: the instance's default backup schedule and the schedules of its databases
    # (google_spanner.py)
    "google_spanner_instance": ("google_spanner_database",),
    "google_spanner_backup_schedule": ("google_spanner_database",),
    "aws_rds_cluster_parameter_group": ("aws_rds_cluster",),
    # account and Region settings
    "aws_ebs_encryption_by_default": (*_INSTANCES, "aws_ebs_volume"),
    "aws_ebs_default_kms_key": ("aws_ebs_volume",),
    "aws_ec2_serial_console_access": _INSTANCES,
    "aws_ec2_instance_metadata_defaults": _INSTANCES,
    "aws_s3_account_public_access_block": ("aws_s3_bucket",),
    # classic load balancer TLS policies
    "aws_load_balancer_policy": ("aws_elb",),
    "aws_load_balancer_listener_policy": ("aws_elb",),
    "aws_lb_ssl_negotiation_policy": ("aws_elb",),
    # web ACLs in front of entry points
    "aws_wafv2_web_acl_association": (*_WAF_TARGETS, "aws_appsync_graphql_api"),
    "aws_wafregional_web_acl_association": _WAF_TARGETS,
    # API Gateway: what a stage serves
    "aws_api_gateway_rest_api": ("aws_api_gateway_stage",),
    "aws_api_gateway_method": ("aws_api_gateway_stage",),
    "aws_api_gateway_resource": ("aws_api_gateway_stage",),
    "aws_apigatewayv2_api": ("aws_apigatewayv2_stage",),
    "aws_apigatewayv2_route": ("aws_apigatewayv2_stage",),
    # the Lambda functions a stage's API invokes (the resource graph)
    "aws_api_gateway_integration": ("aws_api_gateway_stage",),
    "aws_apigatewayv2_integration": ("aws_apigatewayv2_stage",),
    # ElastiCache users a replication group's or serverless cache's user groups hold (IAM
    # sign-in)
    "aws_elasticache_user_group": _ELASTICACHE_GROUPED,
    "aws_elasticache_user": _ELASTICACHE_GROUPED,
    "aws_elasticache_user_group_association": _ELASTICACHE_GROUPED,
    # the subnets a database, cache or cluster sits in (the resource graph; subnet_groups.py)
    "aws_db_subnet_group": ("aws_db_instance", "aws_rds_cluster", "aws_rds_cluster_instance",
                            "aws_docdb_cluster", "aws_neptune_cluster"),
    "aws_redshift_subnet_group": ("aws_redshift_cluster",),
    "aws_neptune_subnet_group": ("aws_neptune_cluster",),
    "aws_docdb_subnet_group": ("aws_docdb_cluster",),
    "aws_elasticache_subnet_group": ("aws_elasticache_cluster",
                                     "aws_elasticache_replication_group"),
    "aws_dms_replication_subnet_group": ("aws_dms_replication_instance",),
    # the endpoint of a Redshift Serverless namespace (redshift_workgroups.py)
    "aws_redshiftserverless_workgroup": ("aws_redshiftserverless_namespace",),
    # managed prefix lists (their CIDRs) in the rules of security groups (aws_network.py)
    "aws_ec2_managed_prefix_list": ("aws_security_group", "aws_default_security_group",
                                    "aws_security_group_rule",
                                    "aws_vpc_security_group_ingress_rule",
                                    "aws_vpc_security_group_egress_rule"),
    "aws_ec2_managed_prefix_list_entry": ("aws_security_group", "aws_default_security_group",
                                          "aws_security_group_rule",
                                          "aws_vpc_security_group_ingress_rule",
                                          "aws_vpc_security_group_egress_rule"),
    "aws_memorydb_subnet_group": ("aws_memorydb_cluster",),
    # EMR: encryption and Kerberos of the clusters that name a security configuration
    "aws_emr_security_configuration": ("aws_emr_cluster",),
    # the queues and streams whose records invoke a function (the resource graph)
    "aws_lambda_event_source_mapping": ("aws_lambda_function",),
    # the buckets, topics and event buses whose notifications invoke a function (the graph)
    "aws_s3_bucket_notification": ("aws_lambda_function",),
    "aws_sns_topic_subscription": ("aws_lambda_function",),
    "aws_cloudwatch_event_rule": ("aws_lambda_function",),
    "aws_cloudwatch_event_target": ("aws_lambda_function",),
    # OpenSearch Serverless: the policies that match a collection's name
    "aws_opensearchserverless_security_policy": ("aws_opensearchserverless_collection",),
    "aws_opensearchserverless_access_policy": ("aws_opensearchserverless_collection",),
    # IAM groups: what a user's memberships grant
    "aws_iam_group": ("aws_iam_user",),
    "aws_iam_group_policy_attachment": ("aws_iam_user",),
    # ECS: the container instances whose network a service's bridge / host tasks use
    "aws_ecs_cluster": ("aws_ecs_service",),
    "aws_ecs_capacity_provider": ("aws_ecs_service",),
    "aws_ecs_cluster_capacity_providers": ("aws_ecs_service",),
    # routes through a VPN gateway are not to the internet
    "aws_vpn_gateway": ("aws_route_table", "aws_default_route_table", "aws_route"),
    # OpenStack / Huawei Cloud: addresses bound to instances, encrypted volume types
    "openstack_compute_floatingip_associate_v2": ("openstack_compute_instance_v2",),
    # Alibaba Cloud: EIPs bound to ECS instances, directly or through a HaVip bound to them
    "alicloud_eip_association": ("alicloud_instance",),
    "alicloud_havip": ("alicloud_instance",),
    "alicloud_havip_attachment": ("alicloud_instance",),
    # an RDS instance's Internet connection string and backup policy
    "alicloud_db_connection": ("alicloud_db_instance",),
    "alicloud_db_backup_policy": ("alicloud_db_instance",),
    # a Tair / Memcache instance's public endpoint; its backup days (alicloud_kvstore)
    "alicloud_kvstore_connection": ("alicloud_kvstore_instance", "alicloud_redis_tair_instance"),
    "alicloud_kvstore_backup_policy": ("alicloud_kvstore_instance",),
    # a Classic Load Balancer listener's custom TLS cipher policy
    "alicloud_slb_tls_cipher_policy": ("alicloud_slb_listener",),
    # the Logstore a VPC flow log writes to (its retention)
    "alicloud_log_store": ("alicloud_vpc_flow_log",),
    # an active IPv4 gateway decides which vSwitches of its VPC reach the internet
    # (alicloud.IPV4_GATEWAY)
    "alicloud_vpc_ipv4_gateway": ("alicloud_vpc",),
    # network interfaces attached to ECS instances: an EIP bound to one, their groups
    "alicloud_ecs_network_interface_attachment": ("alicloud_instance",),
    "alicloud_network_interface_attachment": ("alicloud_instance",),
    # IP address groups: the ranges a security group rule's remote_address_group_id admits
    # (huaweicloud.address_group_sources)
    "huaweicloud_vpc_address_group": (
        "huaweicloud_networking_secgroup", "huaweicloud_networking_secgroup_v2",
        "huaweicloud_networking_secgroup_rule", "huaweicloud_networking_secgroup_rule_v2",
    ),
    "openstack_networking_address_group_v2": (
        "openstack_networking_secgroup_v2", "openstack_networking_secgroup_rule_v2",
    ),
    # an instance's ports: their security groups, port security and floating IPs
    "openstack_networking_port_v2": ("openstack_compute_instance_v2",),
    "openstack_networking_port_secgroup_associate_v2": ("openstack_compute_instance_v2",),
    "openstack_networking_floatingip_associate_v2": ("openstack_compute_instance_v2",),
    "openstack_blockstorage_volume_type_v3": (
        "openstack_blockstorage_volume_v3",
        "openstack_blockstorage_volume_v2",
    ),
    # Keystone: a user's administrator roles, given to it or to its groups
    **dict.fromkeys(
        ("openstack_identity_role_assignment_v3", "openstack_identity_inherit_role_assignment_v3",
         "openstack_identity_user_membership_v3", "openstack_identity_role_v3",
         "openstack_identity_group_v3"),
        ("openstack_identity_user_v3",),
    ),
    # a Magnum cluster's template: floating IPs, API load balancer, labels, network driver
    "openstack_containerinfra_clustertemplate_v1": ("openstack_containerinfra_cluster_v1",),
    # Huawei Cloud EIP associations: whether a server or database is public (an ECS may be
    # bound by any of the general ones; each database type by its own)
    **dict.fromkeys(
        ("huaweicloud_vpc_eip_associate", "huaweicloud_compute_eip_associate",
         "huaweicloud_networking_eip_associate", "huaweicloud_global_eip_associate"),
        _HW_EIP_HOLDERS,
    ),
    # CCE: a cluster's node pools (their nodes get no EIP) and control-plane log settings
    "huaweicloud_cce_node_pool": ("huaweicloud_cce_cluster",),
    "huaweicloud_cce_cluster_log_config": ("huaweicloud_cce_cluster",),
    # ELB: a listener's custom TLS policy, a balancer's access logs
    "huaweicloud_elb_security_policy": ("huaweicloud_elb_listener",),
    "huaweicloud_elb_logtank": ("huaweicloud_elb_loadbalancer", "huaweicloud_lb_loadbalancer"),
    "huaweicloud_rds_instance_eip_associate": ("huaweicloud_rds_instance",),
    "huaweicloud_dds_instance_eip_associate": ("huaweicloud_dds_instance",),
    **dict.fromkeys(
        ("huaweicloud_taurusdb_eip_associate", "huaweicloud_gaussdb_mysql_eip_associate"),
        ("huaweicloud_taurusdb_instance", "huaweicloud_gaussdb_mysql_instance"),
    ),
    **dict.fromkeys(
        ("huaweicloud_gaussdb_eip_associate", "huaweicloud_gaussdb_opengauss_eip_associate"),
        ("huaweicloud_gaussdb_instance", "huaweicloud_gaussdb_opengauss_instance"),
    ),
    "huaweicloud_gaussdb_redis_eip_associate": ("huaweicloud_gaussdb_redis_instance",),
    "huaweicloud_geminidb_eip_bind": ("huaweicloud_geminidb_instance",),
    # EKS workload identity: IRSA's OIDC provider, the pod identity agent and associations
    # (terraform/cluster_auth.py, GDCC-CLU-009)
    **dict.fromkeys(
        ("aws_iam_openid_connect_provider", "aws_eks_addon"), ("aws_eks_cluster",),
    ),
    # ... and the accounts whose pods an association gives a role (kubernetes.py, GRAPH-006)
    "aws_eks_pod_identity_association": (
        "aws_eks_cluster", "kubernetes_service_account", "kubernetes_service_account_v1",
    ),
}
