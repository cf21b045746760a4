"""Elastic Cloud on Kubernetes (ECK) custom resources run pods from the pod templates written
in them (an Elasticsearch's ``spec.nodeSets[].podTemplate``, a Kibana's ``spec.podTemplate``,
a Beat's ``spec.daemonSet.podTemplate``); they were counted as kinds not judged, so a Beat with
``hostNetwork``, a ``hostPath`` on the Docker socket and a privileged container had no
finding. Each pod template is now a workload (an Elasticsearch's named after the StatefulSet
ECK makes, ``<name>-es-<nodeSet>``), with the operator's documented defaults: its container is
added when not listed, its image follows ``spec.version``, a memory limit and no CPU limit
when it writes no ``resources``, and Elasticsearch 8.8.0 and later runs its container with
``allowPrivilegeEscalation: false``, all capabilities dropped and a read-only root file
system. What else the operator may set on its container, or the pod's
``automountServiceAccountToken``, is not documented: UNKNOWN naming the operator, unless what
the template writes decides it either way. A Beat or an Agent keeps its state in a host path
(``/var/lib/elastic-agent/<namespace>/<name>/state``) unless the template gives a volume of
that name."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ECK = """\
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: search, namespace: logs}
spec:
  version: 8.15.0
  nodeSets:
  - name: hot
    count: 3
---
apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata: {name: kibana, namespace: logs}
spec:
  version: 8.15.0
  count: 1
  podTemplate:
    spec:
      automountServiceAccountToken: false
      containers:
      - name: kibana
        resources: {limits: {cpu: "1", memory: 2Gi}}
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          privileged: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
---
apiVersion: beat.k8s.elastic.co/v1beta1
kind: Beat
metadata: {name: metricbeat, namespace: logs}
spec:
  type: metricbeat
  version: 8.15.0
  daemonSet:
    podTemplate:
      spec:
        hostNetwork: true
        securityContext: {runAsUser: 0}
        containers:
        - name: metricbeat
          securityContext: {privileged: true}
          volumeMounts: [{mountPath: /var/run/docker.sock, name: sock}]
        volumes:
        - {name: sock, hostPath: {path: /var/run/docker.sock}}
---
apiVersion: agent.k8s.elastic.co/v1alpha1
kind: Agent
metadata: {name: agent, namespace: logs}
spec:
  version: 8.15.0
  daemonSet: {}
---
apiVersion: agent.k8s.elastic.co/v1alpha1
kind: Agent
metadata: {name: stateless, namespace: logs}
spec:
  version: 8.15.0
  deployment:
    podTemplate:
      spec:
        volumes: [{name: agent-data, emptyDir: {}}]
"""

RULES = ("GDCC-K8S-001", "GDCC-K8S-002", "GDCC-K8S-003", "GDCC-K8S-004", "GDCC-K8S-006",
         "GDCC-K8S-007", "GDCC-K8S-010", "GDCC-K8S-011", "GDCC-K8S-012", "GDCC-K8S-020")
ES = "Elasticsearch.elasticsearch.k8s.elastic.co/logs/search-es-hot"
KIBANA = "Kibana.kibana.k8s.elastic.co/logs/kibana"
BEAT = "Beat.beat.k8s.elastic.co/logs/metricbeat"
AGENT = "Agent.agent.k8s.elastic.co/logs/agent"
STATELESS = "Agent.agent.k8s.elastic.co/logs/stateless"


def test_eck_pod_templates_are_judged(tmp_path: Path) -> None:
    (tmp_path / "elastic.yaml").write_text(ECK, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    assert result.not_judged == {}
    assert {a for a, _ in found} == {ES, KIBANA, BEAT, AGENT, STATELESS}
    status = {k: v[0] for k, v in found.items()}
    # Elasticsearch 8.15: the documented security context; no CPU limit by default
    assert [status[(ES, r)] for r in RULES] == [
        "PASS", "UNKNOWN", "PASS", "PASS", "FAIL", "PASS", "PASS", "PASS", "UNKNOWN", "UNKNOWN"
    ]
    assert found[(ES, "GDCC-K8S-006")][1] == (
        "a container sets no cpu limit (containers: elastic-internal-suspend, elasticsearch)"
    )  # the init container ECK adds inherits the main container's resources
    assert found[(ES, "GDCC-K8S-020")][1] == (
        "whether every container runs under a seccomp profile is not known from the input: "
        "the ECK operator may set what the pod template of Elasticsearch search-es-hot does "
        "not write (the securityContext of containers elasticsearch, "
        "elastic-internal-init-filesystem, elastic-internal-suspend, the pod's "
        "automountServiceAccountToken) beyond the documented defaults of Elasticsearch "
        "8.8.0 and later: its defaults are not documented"
    )
    # Kibana: its container's settings written; those of the init container ECK adds
    # (elastic-internal-init) are not documented (tests/k8s/test_eck_init_containers.py)
    assert [status[(KIBANA, r)] for r in RULES] == [
        "PASS", "UNKNOWN", "UNKNOWN", "PASS", "PASS", "UNKNOWN", "PASS", "PASS", "PASS", "UNKNOWN"
    ]
    # the Beat's written settings fail whatever the operator adds; a securityContext
    # written on a container is kept as written (readOnlyRootFilesystem not set)
    assert [status[(BEAT, r)] for r in RULES] == [
        "FAIL", "FAIL", "FAIL", "FAIL", "FAIL", "FAIL", "FAIL", "PASS", "UNKNOWN", "FAIL"
    ]  # a privileged container runs Unconfined whatever its seccomp profile
    # a Beat and an Agent keep their state in a host path unless a volume of that name is given
    assert found[(BEAT, "GDCC-K8S-010")][1] == (
        "host paths mounted: /var/run/docker.sock, /var/lib/logs/metricbeat/metricbeat-data"
    )
    assert found[(AGENT, "GDCC-K8S-010")] == (
        "FAIL", "host paths mounted: /var/lib/elastic-agent/logs/agent/state"
    )
    assert found[(STATELESS, "GDCC-K8S-010")][0] == "PASS"
    assert found[(BEAT, "GDCC-K8S-001")][1] == (
        "a container runs privileged (containers: metricbeat)"
    )
    assert found[(KIBANA, "GDCC-K8S-011")][1] == (
        "Images are pinned, not pulled by a mutable tag"
    )
    assert all(f.message.th for f in result.findings)


PUBLISHED = """\
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: search, namespace: logs}
spec:
  version: 8.15.0
  http:
    service:
      spec:
        type: LoadBalancer
  nodeSets:
  - name: hot
    count: 3
---
apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata: {name: kibana, namespace: logs}
spec:
  version: 8.15.0
  count: 1
"""


def test_the_services_eck_makes_publish_its_pods(tmp_path: Path) -> None:
    """The operator makes a Service ``<name>-es-http`` (9200), ``<name>-kb-http`` (5601)...
    selecting the pods, whose spec ``spec.http.service`` overrides: with ``type:
    LoadBalancer`` Elasticsearch is reachable from the internet (GDCC-GRAPH-005 PASSed with
    the pods alone)."""
    (tmp_path / "elastic.yaml").write_text(PUBLISHED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005", "GDCC-GRAPH-003")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    assert found[(ES, "GDCC-GRAPH-005")] == (
        "FAIL",
        "a workload reachable from the internet can connect to port 9200: internet → "
        "logs/Service/search-es-http:9200 → "
        "logs/Elasticsearch.elasticsearch.k8s.elastic.co/search-es-hot:9200",
    )
    assert ("Service/logs/kibana-kb-http", "GDCC-GRAPH-003") in found
    (service,) = [f for f in result.findings if f.address == "Service/logs/search-es-http"]
    assert service.location is not None
    assert service.location.start_line == 7
