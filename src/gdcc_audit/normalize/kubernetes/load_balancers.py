"""Which cloud load balancer a ``LoadBalancer`` Service (or a Gateway whose annotations are
copied to one) asks for: an *internal* one only gets a private address, every other is
taken as internet-facing (each cloud's default).

Each cloud reads its own annotation, with its own values, and some let another annotation
override it; an annotation the cloud ignores must not make a public load balancer
internal (a wrong PASS), so each rule below follows the cloud's documentation or its cloud
controller's source.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Mapping
from typing import Any

#: Annotation -> the values (lower case) that ask for an internal load balancer.
_VALUES: dict[str, frozenset[str]] = {
    "service.beta.kubernetes.io/azure-load-balancer-internal": frozenset({"true"}),
    "networking.gke.io/load-balancer-type": frozenset({"internal"}),
    "cloud.google.com/load-balancer-type": frozenset({"internal"}),
    "service.beta.kubernetes.io/openstack-internal-load-balancer": frozenset({"true"}),
    # IBM Cloud Kubernetes Service, classic NLB and VPC load balancers: ``public`` (default)
    # or ``private`` ("accessible only to systems that are connected to your private
    # subnets", https://cloud.ibm.com/docs/containers?topic=containers-vpclb-about)
    "service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type": frozenset({"private"}),
}

#: AWS: the AWS Load Balancer Controller's ``aws-load-balancer-scheme`` (``internal`` or
#: ``internet-facing``) wins over the deprecated ``aws-load-balancer-internal`` ("in case of
#: ties, the aws-load-balancer-scheme gets precedence"), which the in-tree provider reads
#: (``true``; the legacy ``0.0.0.0/0``). A Service the controller provisions (``spec
#: .loadBalancerClass: service.k8s.aws/nlb``, ``aws-load-balancer-type: external`` or
#: ``nlb-ip``) writing neither is internal: "If not specified, default is internal" (AWS
#: Load Balancer Controller, Service annotations, https://kubernetes-sigs.github.io/
#: aws-load-balancer-controller/latest/guide/service/annotations/#lb-scheme).
_AWS_SCHEME = "service.beta.kubernetes.io/aws-load-balancer-scheme"
_AWS_INTERNAL = "service.beta.kubernetes.io/aws-load-balancer-internal"
_AWS_TYPE = "service.beta.kubernetes.io/aws-load-balancer-type"
_AWS_CLASS = "service.k8s.aws/nlb"

#: Oracle (OKE): the annotation of the load balancer type the Service asks for
#: (``oci.oraclecloud.com/load-balancer-type``: ``lb``, the default, or ``nlb``); the other
#: type's is ignored. Read with Go's ParseBool; "Create an internal load balancer", default
#: ``false`` (oracle/oci-cloud-controller-manager docs/load-balancer-annotations.md,
#: ``isInternalLB``: an internal load balancer is created ``IsPrivate``).
_OCI_TYPE = "oci.oraclecloud.com/load-balancer-type"
_OCI_INTERNAL = {
    "lb": "service.beta.kubernetes.io/oci-load-balancer-internal",
    "nlb": "oci-network-load-balancer.oraclecloud.com/internal",
}
_GO_TRUE = frozenset({"1", "t", "true"})

#: Alibaba Cloud (ACK) CLB / NLB: ``internet`` (default) or ``intranet`` ("Create an
#: internal-facing CLB instance", https://www.alibabacloud.com/help/en/ack/
#: ack-managed-and-ack-dedicated/user-guide/add-annotations-to-the-yaml-file-of-a-service-
#: to-configure-clb-instances); the ``alibaba-cloud`` prefix wins over the legacy
#: ``alicloud`` one (cloud-provider-alibaba-cloud ``AnnotationRequest.Get``). A reused
#: load balancer (``loadbalancer-id``) of another address type is refused, not changed.
_ALIBABA_ADDRESS_TYPE = (
    "service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type",
    "service.beta.kubernetes.io/alicloud-loadbalancer-address-type",
)

#: Huawei Cloud CCE: the ELB created for the Service, ``{"type": "inner", ...}`` for a
#: private one, ``"public"`` with an EIP; an existing ELB named by ``kubernetes.io/elb.id``
#: is used instead when both are written ("CCE优先使用已有的ELB实例", CCE user guide, Service
#: annotations, https://support.huaweicloud.com/usermanual-cce/cce_10_0385.html), and
#: whether that one has an EIP is not in the manifest.
_HUAWEI_AUTOCREATE = "kubernetes.io/elb.autocreate"
_HUAWEI_EXISTING = "kubernetes.io/elb.id"

#: Tencent Cloud TKE: "在指定子网创建内网负载均衡" (an internal CLB in the subnet named,
#: https://cloud.tencent.com/document/product/457/51258), unless an existing CLB is reused
#: (``tke-existed-lbid``; its network type is not in the manifest).
_TENCENT_INTERNAL = "service.kubernetes.io/qcloud-loadbalancer-internal-subnetid"
_TENCENT_EXISTING = "service.kubernetes.io/tke-existed-lbid"


def _text(annotations: Mapping[str, Any], key: str) -> str:
    value = annotations.get(key)
    return str(value).strip().lower() if isinstance(value, (str, bool, int)) else ""


def _listed(annotations: Mapping[str, Any]) -> bool:
    return any(_text(annotations, key) in values for key, values in _VALUES.items())


def _aws(annotations: Mapping[str, Any], load_balancer_class: Any) -> bool:
    if _AWS_SCHEME in annotations:
        return _text(annotations, _AWS_SCHEME) == "internal"
    if _AWS_INTERNAL in annotations:
        return _text(annotations, _AWS_INTERNAL) in {"true", "internal", "0.0.0.0/0"}
    return load_balancer_class == _AWS_CLASS or _text(annotations, _AWS_TYPE) in {
        "external", "nlb-ip"}


def _oracle(annotations: Mapping[str, Any]) -> bool:
    kind = _text(annotations, _OCI_TYPE)
    return _text(annotations, _OCI_INTERNAL.get(kind, _OCI_INTERNAL["lb"])) in _GO_TRUE


def _alibaba(annotations: Mapping[str, Any]) -> bool:
    for key in _ALIBABA_ADDRESS_TYPE:
        if key in annotations:
            return _text(annotations, key) == "intranet"
    return False


def _huawei(annotations: Mapping[str, Any]) -> bool:
    if _text(annotations, _HUAWEI_EXISTING):
        return False
    raw = annotations.get(_HUAWEI_AUTOCREATE)
    try:
        spec = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return False
    return isinstance(spec, Mapping) and str(spec.get("type", "")).lower() == "inner"


def _tencent(annotations: Mapping[str, Any]) -> bool:
    return bool(_text(annotations, _TENCENT_INTERNAL)) and not _text(
        annotations, _TENCENT_EXISTING)


_CLOUDS: tuple[Callable[[Mapping[str, Any]], bool], ...] = (
    _listed, _oracle, _alibaba, _huawei, _tencent)


def internal_lb(annotations: Mapping[str, Any], load_balancer_class: Any = None) -> bool:
    """Whether a cloud's internal load balancer annotation (or its controller's default, for
    the Service's ``spec.loadBalancerClass``) asks for a load balancer with a private
    address only (AWS, Azure, GKE, OpenStack, IBM, Oracle, Alibaba, Huawei, Tencent)."""
    return _aws(annotations, load_balancer_class) or any(
        cloud(annotations) for cloud in _CLOUDS)


#: The beta annotation for a load balancer's allowed client ranges, read when
#: ``spec.loadBalancerSourceRanges`` is empty ("comma separated list of CIDRs", Kubernetes
#: ``v1.AnnotationLoadBalancerSourceRangesKey``; cloud providers' ``GetLoadBalancerSourceRanges``
#: fails on an invalid one, so a value that is not a CIDR list restricts nothing here).
SOURCE_RANGES = "service.beta.kubernetes.io/load-balancer-source-ranges"


def source_ranges(spec: Mapping[str, Any], annotations: Mapping[str, Any]) -> list[str]:
    """The client ranges a ``LoadBalancer`` Service's cloud load balancer admits (empty:
    every address)."""
    ranges = spec.get("loadBalancerSourceRanges")
    if isinstance(ranges, list) and ranges:
        return [str(r) for r in ranges]
    value = annotations.get(SOURCE_RANGES)
    found = [r.strip() for r in value.split(",")] if isinstance(value, str) else []
    try:
        for cidr in found:
            ipaddress.ip_network(cidr, strict=False)
    except ValueError:
        return []
    return [r for r in found if r]


#: AWS: a certificate (``aws-load-balancer-ssl-cert``) makes TLS listeners of the ports
#: ``aws-load-balancer-ssl-ports`` lists (names or numbers), of every Service port when it
#: is not written ("If you don't specify this annotation, controller creates TLS listener for
#: all the service ports", AWS Load Balancer Controller, Service annotations, TLS; the
#: in-tree provider alike). ``*`` differs between them (the controller: no port; the in-tree
#: provider: every port): not known.
_AWS_SSL_CERT = "service.beta.kubernetes.io/aws-load-balancer-ssl-cert"
_AWS_SSL_PORTS = "service.beta.kubernetes.io/aws-load-balancer-ssl-ports"


#: The in-tree AWS provider's Classic Load Balancer makes an HTTP listener of each port
#: without a certificate when ``aws-load-balancer-backend-protocol`` is ``http`` ("If set to
#: http and aws-load-balancer-ssl-cert is not used then a HTTP listener is used"; a TCP one
#: otherwise); an NLB (``aws-load-balancer-type``, or a ``loadBalancerClass``) makes TCP /
#: TLS listeners only (kubernetes/cloud-provider-aws, ``ServiceAnnotationLoadBalancerBEProtocol``).
_AWS_BACKEND = "service.beta.kubernetes.io/aws-load-balancer-backend-protocol"


def load_balancer_tls(spec: Mapping[str, Any], annotations: Mapping[str, Any]) -> bool | None:
    """True when the cloud load balancer of a ``LoadBalancer`` Service terminates TLS on every
    port of it (AWS: a certificate for all its ports); False when an AWS Classic Load
    Balancer listens in plain HTTP on a port (``_AWS_BACKEND``); None otherwise (a TCP
    listener may carry the workload's own TLS: not known)."""
    if spec.get("type") != "LoadBalancer":
        return None
    ports = [p if isinstance(p, Mapping) else {} for p in spec.get("ports") or []]
    certificate = bool(str(annotations.get(_AWS_SSL_CERT) or "").strip())
    written = annotations.get(_AWS_SSL_PORTS)
    listed = {p.strip() for p in str(written).split(",") if p.strip()} \
        if written is not None else {"*"}
    plain_http = str(annotations.get(_AWS_BACKEND) or "").strip().lower() == "http" \
        and not annotations.get(_AWS_TYPE) and not spec.get("loadBalancerClass")
    if not certificate:
        return False if plain_http and ports else None
    if written is None:
        return True
    if not listed or "*" in listed:
        return None
    covered = [str(p.get("port")) in listed or str(p.get("name") or "") in listed
               for p in ports]
    if ports and all(covered):
        return True
    return False if plain_http and ports else None
