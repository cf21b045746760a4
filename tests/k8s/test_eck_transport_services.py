"""The Services ECK makes for an Elasticsearch beyond its HTTP one were not read: the
transport Service ``<name>-es-transport`` (9300, headless unless ``spec.transport.service``
gives a type: "Transport settings" shows ``type: LoadBalancer``) and, with
``spec.remoteClusterServer.enabled``, ``<name>-es-remote-cluster`` (9443). And whether the
pods behind a published HTTP Service serve TLS was not known (GDCC-GRAPH-003 UNKNOWN): ECK
serves HTTPS with a self-signed certificate unless ``spec.http.tls.selfSignedCertificate
.disabled`` is true and no ``certificate.secretName`` is given ("TLS certificates"). A
published Elasticsearch with TLS disabled now FAILs GDCC-GRAPH-003, one with the default
PASSes; the transport layer is TLS (ECK sets ``xpack.security.transport.ssl.enabled``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: plain, namespace: logs, labels: {pii: "true"}}
spec:
  version: 8.15.0
  http:
    tls: {selfSignedCertificate: {disabled: true}}
    service: {spec: {type: LoadBalancer}}
  nodeSets: [{name: hot, count: 3}]
---
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: tls, namespace: logs, labels: {pii: "true"}}
spec:
  version: 8.15.0
  http:
    service: {spec: {type: LoadBalancer}}
  transport:
    service: {spec: {type: LoadBalancer}}
  remoteClusterServer: {enabled: true}
  nodeSets: [{name: hot, count: 3}]
---
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: custom, namespace: logs, labels: {pii: "true"}}
spec:
  version: 8.15.0
  http:
    tls:
      selfSignedCertificate: {disabled: true}
      certificate: {secretName: my-cert}
    service: {spec: {type: LoadBalancer}}
  nodeSets: [{name: hot, count: 3}]
---
apiVersion: logstash.k8s.elastic.co/v1alpha1
kind: Logstash
metadata: {name: ls, namespace: logs}
spec:
  version: 8.15.0
  count: 1
  services:
  - name: api
    service: {spec: {type: NodePort}}
  - name: beats
    service:
      spec:
        type: LoadBalancer
        ports: [{name: filebeat, port: 5044, targetPort: 5044}]
"""


def test_eck_transport_remote_cluster_and_http_tls(tmp_path: Path) -> None:
    (tmp_path / "elastic.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003", "GDCC-GRAPH-005")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    assert found[("Service/logs/plain-es-http", "GDCC-GRAPH-003")] == (
        "FAIL",
        "plain-text entry point in front of personal or classified data: "
        "logs/Service/plain-es-http → "
        "logs/Elasticsearch.elasticsearch.k8s.elastic.co/plain-es-hot:9200",
    )
    assert found[("Service/logs/tls-es-http", "GDCC-GRAPH-003")][0] == "PASS"
    assert found[("Service/logs/custom-es-http", "GDCC-GRAPH-003")][0] == "PASS"
    # the transport Service published as the docs show: TLS, and a way in on 9300
    assert found[("Service/logs/tls-es-transport", "GDCC-GRAPH-003")][0] == "PASS"
    assert found[("Service/logs/tls-es-remote-cluster", "GDCC-GRAPH-003")] == (
        "NOT_APPLICABLE", "not a public entry point"
    )
    assert ("Service/logs/plain-es-transport", "GDCC-GRAPH-003") in found
    assert ("Service/logs/plain-es-remote-cluster", "GDCC-GRAPH-003") not in found
    (transport,) = [f for f in result.findings if f.address == "Service/logs/tls-es-transport"]
    assert transport.location is not None
    assert transport.location.start_line == 19  # spec.transport.service


def test_logstash_services_read_from_their_service_key(tmp_path: Path) -> None:
    """A Logstash's ``spec.services[]`` entry holds its Service under ``service``
    (``{name, service: {spec}}``): it was read from the entry itself, so every one was a
    ClusterIP Service on 9600. The one named ``api`` is the API Service (``ls-api``)."""
    (tmp_path / "elastic.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-003",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    # both published now (were "not a public entry point"); Logstash's own TLS is not read
    # (the Elasticsearch clusters of the namespace hold personal data, no policy isolates)
    assert found["Service/logs/ls-ls-beats"] == (
        "UNKNOWN", "whether every listener uses TLS is not known"
    )
    assert found["Service/logs/ls-ls-api"] == (
        "UNKNOWN", "whether every listener uses TLS is not known"
    )
    assert "Service/logs/ls-ls-api-ls-api" not in found
