"""Internal load balancer annotations of the clouds other than AWS, Azure, GKE and
OpenStack: an OCI, Alibaba, IBM, Huawei CCE or Tencent TKE ``LoadBalancer`` Service asking
for a private-only load balancer was taken as internet-facing (FAIL of GDCC-GRAPH-002 on
its SSH port: a wrong FAIL). Each cloud's own rule is kept: an annotation the cloud ignores
(OCI's LB annotation on a network load balancer, Huawei's ``inner`` when an existing ELB is
named, Tencent's subnet when an existing CLB is reused) leaves it internet-facing, so it
must not turn a FAIL into a PASS. AWS: the Load Balancer Controller's scheme wins over the
deprecated internal annotation (``internet-facing`` beside ``-internal: "true"`` was a wrong
PASS) and its default scheme is internal (a Service it provisions writing none FAILed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.iac_helpers import WEB_WORKLOAD, graph002_finding

from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.kubernetes.load_balancers import internal_lb

SERVICE = """\
---
apiVersion: v1
kind: Service
metadata:
  name: web-lb
  namespace: shop
  annotations: {annotations}
spec:
  type: LoadBalancer
  selector: {{app: web}}
  ports: [{{name: ssh, port: 22}}]
"""

INTERNAL = [
    '{"service.beta.kubernetes.io/oci-load-balancer-internal": "true"}',
    '{"oci.oraclecloud.com/load-balancer-type": nlb,'
    ' "oci-network-load-balancer.oraclecloud.com/internal": "true"}',
    '{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": intranet}',
    '{"service.beta.kubernetes.io/alicloud-loadbalancer-address-type": intranet}',
    '{"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": private}',
    """{"kubernetes.io/elb.class": union,
     "kubernetes.io/elb.autocreate": '{"type": "inner", "name": "shop"}'}""",
    '{"service.kubernetes.io/qcloud-loadbalancer-internal-subnetid": subnet-1a2b3c}',
    # the AWS Load Balancer Controller's default scheme is internal
    '{"service.beta.kubernetes.io/aws-load-balancer-type": external}',
    '{"service.beta.kubernetes.io/aws-load-balancer-type": nlb-ip}',
]

PUBLIC = [
    # OKE reads the NLB annotation for a network load balancer, not the LB one
    '{"oci.oraclecloud.com/load-balancer-type": nlb,'
    ' "service.beta.kubernetes.io/oci-load-balancer-internal": "true"}',
    '{"service.beta.kubernetes.io/oci-load-balancer-internal": "false"}',
    # the alibaba-cloud prefix wins over the legacy alicloud one
    '{"service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type": internet,'
    ' "service.beta.kubernetes.io/alicloud-loadbalancer-address-type": intranet}',
    '{"service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": public}',
    """{"kubernetes.io/elb.autocreate": '{"type": "public", "bandwidth_size": 5}'}""",
    # CCE uses the existing ELB named (its EIP is not in the manifest)
    """{"kubernetes.io/elb.id": 3c7caa5a-a641-4bff-801a-feace27424b6,
     "kubernetes.io/elb.autocreate": '{"type": "inner"}'}""",
    '{"service.kubernetes.io/qcloud-loadbalancer-internal-subnetid": subnet-1a2b3c,'
    ' "service.kubernetes.io/tke-existed-lbid": lb-6swtxxxx}',
    # the controller's scheme wins over the deprecated internal annotation (was a PASS)
    '{"service.beta.kubernetes.io/aws-load-balancer-internal": "true",'
    ' "service.beta.kubernetes.io/aws-load-balancer-scheme": internet-facing}',
    '{"service.beta.kubernetes.io/aws-load-balancer-type": external,'
    ' "service.beta.kubernetes.io/aws-load-balancer-scheme": internet-facing}',
    # the in-tree provider's NLB is internet-facing by default
    '{"service.beta.kubernetes.io/aws-load-balancer-type": nlb}',
    # a value no cloud reads for this key
    '{"service.beta.kubernetes.io/aws-load-balancer-scheme": "true"}',
]


@pytest.mark.parametrize("annotations", INTERNAL)
def test_an_internal_load_balancer_is_not_the_internet(tmp_path: Path, annotations: str
                                                       ) -> None:
    finding = graph002_finding(tmp_path, WEB_WORKLOAD + SERVICE.format(annotations=annotations))
    assert finding.status is Status.PASS  # was FAIL: internet → shop/Service/web-lb:22
    assert finding.message.en == (
        "No management port is reachable from the internet through any path")


@pytest.mark.parametrize("annotations", PUBLIC)
def test_an_annotation_the_cloud_ignores_leaves_it_public(tmp_path: Path, annotations: str
                                                          ) -> None:
    finding = graph002_finding(tmp_path, WEB_WORKLOAD + SERVICE.format(annotations=annotations))
    assert finding.status is Status.FAIL
    assert finding.message.en == (
        "management port 22 reachable from the internet: internet → shop/Service/web-lb:22 → "
        "shop/Deployment/web:22"
    )


def test_values_are_read_as_each_cloud_does() -> None:
    assert internal_lb({"service.beta.kubernetes.io/oci-load-balancer-internal": "1"})
    assert not internal_lb({"kubernetes.io/elb.autocreate": "{not json"})
    assert not internal_lb({"service.kubernetes.io/qcloud-loadbalancer-internal-subnetid": ""})
    assert not internal_lb({"service.beta.kubernetes.io/azure-load-balancer-internal": "internal"})


def test_the_aws_controller_load_balancer_class_is_internal_by_default(tmp_path: Path) -> None:
    service = SERVICE.format(annotations="{}").replace(
        "  type: LoadBalancer\n",
        "  type: LoadBalancer\n  loadBalancerClass: service.k8s.aws/nlb\n")
    text = WEB_WORKLOAD + service
    assert graph002_finding(tmp_path, text).status is Status.PASS  # was FAIL
