"""Knative Serving's ``config-domain`` ConfigMap: the domain each Route (a Knative Service's)
lives under, chosen by label selectors; a Route whose domain is the cluster's
``svc.cluster.local`` is cluster-local, not published on the external gateway (knative/serving
``pkg/reconciler/route/visibility``: ``routeVisibility``; "Configuring domain names",
https://knative.dev/docs/serving/using-a-custom-domain/).

Each data key is a domain, its value YAML with an optional ``selector`` (labels); a key whose
selector is empty is the default. ``_example`` is documentation. With no default the cluster's
``svc.cluster.local`` is ("DefaultDomain", ``NewDomainFromConfigMap``); among the domains
whose selector a Route's labels match, the most specific (most labels) wins, then the first
by name (``LookupDomainForLabels``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

#: The attribute of the ``config-domain`` ConfigMap holding its domains (no secret: domain
#: names and label selectors).
DOMAINS = "knative_domains"
#: The domain of cluster-local Routes (``svc.`` + the cluster domain, ``cluster.local`` by
#: default).
CLUSTER_LOCAL = "svc.cluster.local"
_NAME, _NAMESPACE, _EXAMPLE = "config-domain", "knative-serving", "_example"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def config_domains(obj: Mapping[str, Any]) -> list[list[Any]]:
    """``[domain, selector]`` of each domain a ``knative-serving/config-domain`` ConfigMap
    configures; none for any other ConfigMap, for the install's own one (``_example``
    only: the operator is told to set the domain after installing), or when a value is not
    the YAML Knative reads (it refuses the whole ConfigMap)."""
    metadata = _map(obj.get("metadata"))
    if metadata.get("name") != _NAME or metadata.get("namespace") != _NAMESPACE:
        return []
    import yaml  # only for this one ConfigMap

    found: list[list[Any]] = []
    for key, value in _map(obj.get("data")).items():
        if key == _EXAMPLE:
            continue
        try:
            parsed = yaml.safe_load(value) if isinstance(value, str) else None
        except yaml.YAMLError:
            return []
        if parsed is not None and not isinstance(parsed, Mapping):
            return []
        selector = _map(_map(parsed).get("selector"))
        found.append([str(key), {str(k): str(v) for k, v in selector.items()}])
    return found


def route_domain(labels: Mapping[str, Any], domains: Sequence[Sequence[Any]]) -> str:
    """The domain Knative gives a Route with ``labels`` under the configured ``domains``."""
    table = [(str(d), _map(s)) for d, s in domains]
    if all(selector for _, selector in table):
        table.append((CLUSTER_LOCAL, {}))
    chosen, specificity = "", -1
    for domain, selector in table:
        if any(labels.get(k) != v for k, v in selector.items()) or len(selector) < specificity:
            continue
        if len(selector) > specificity or domain < chosen:
            chosen, specificity = domain, len(selector)
    return chosen
