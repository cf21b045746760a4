"""The minimum TLS version of Elastic Load Balancing security policies (every input format).

Application and network load balancer listeners name a predefined policy (``ssl_policy``,
``SslPolicy``); a Classic Load Balancer listener takes an ``SSLNegotiationPolicyType`` policy
created on the load balancer, either from a predefined one (the ``Reference-Security-Policy``
attribute) or from protocol attributes (``Protocol-TLSv1.2`` ...). Without a policy, the API
applies ``ELBSecurityPolicy-2016-08``, which accepts TLS 1.0.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from gdcc_audit.normalize.written_bool import as_bool

#: The security policy of an HTTPS / TLS / SSL listener created through the API without one:
#: "Other methods (for example, the AWS CLI, AWS CloudFormation, and the AWS CDK) - The default
#: security policy is ELBSecurityPolicy-2016-08" (APPLICATION_DOC); for Classic Load Balancers,
#: "If you create an HTTPS/SSL listener without associating a security policy, Elastic Load
#: Balancing associates the default predefined security policy, ELBSecurityPolicy-2016-08"
#: (CLASSIC_DOC).
API_DEFAULT_POLICY = "ELBSecurityPolicy-2016-08"
APPLICATION_DOC = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html"
)
CLASSIC_DOC = (
    "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/ssl-config-update.html"
)
#: The lowest TLS version of ``API_DEFAULT_POLICY``.
API_DEFAULT_TLS = "1.0"
#: Classic Load Balancer listener protocols that terminate TLS.
CLASSIC_TLS_PROTOCOLS = frozenset({"HTTPS", "SSL"})
#: The policy type of a Classic Load Balancer's TLS negotiation settings.
NEGOTIATION_TYPE = "SSLNegotiationPolicyType"
REFERENCE_ATTRIBUTE = "Reference-Security-Policy"

_VERSIONED = re.compile(r"(?:TLS13|TLS|FS)-1-([0-3])")
#: Predefined policies named by date only accept TLS 1.0; the two before October 2014 also
#: SSL 3.0 (docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html).
_DATED = re.compile(r"^ELBSecurityPolicy-(2014-10|2015-0[235]|2016-08|FS-2018-06)$")
_WITH_SSL3 = re.compile(r"^ELBSecurityPolicy-(2011-08|2014-01)$")
#: Protocol attributes of a custom negotiation policy, lowest first.
_PROTOCOLS = (
    ("Protocol-SSLv3", "0.3"),
    ("Protocol-TLSv1", "1.0"),
    ("Protocol-TLSv1.1", "1.1"),
    ("Protocol-TLSv1.2", "1.2"),
)


def policy_tls(name: Any) -> str | None:
    """The minimum TLS version of a predefined ELB security policy name; ``None`` when the
    name is not a string or not one whose version is known."""
    if not isinstance(name, str):
        return None
    match = _VERSIONED.search(name)
    if match:
        return f"1.{match.group(1)}"
    if _DATED.match(name):
        return "1.0"
    if _WITH_SSL3.match(name):
        return "0.3"
    return None


def negotiation_tls(attributes: Mapping[str, Any]) -> str | None:
    """The minimum TLS version of a Classic Load Balancer negotiation policy, from its
    attributes (name to value): the referenced predefined policy, else the lowest protocol
    turned on, known only when every lower protocol is written as off. ``None`` when the
    attributes do not show it."""
    if REFERENCE_ATTRIBUTE in attributes:
        return policy_tls(attributes[REFERENCE_ATTRIBUTE])
    for name, version in _PROTOCOLS:
        state = as_bool(attributes.get(name))
        if state is None:
            return None  # not written (or not known): it may be on
        if state:
            return version
    return None  # every protocol off: no handshake would succeed; not judged


def lowest_tls(versions: Sequence[str | None]) -> str | None:
    """The lowest TLS version the listeners accept; ``None`` when one of them is not known
    (or there is none)."""
    if not versions or any(v is None for v in versions):
        return None
    return min(v for v in versions if v is not None)
