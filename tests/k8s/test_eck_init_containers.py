"""The init containers ECK adds to the pods it runs (an Elasticsearch's
``elastic-internal-init-filesystem``, ``elastic-internal-suspend`` and, with
``spec.secureSettings``, ``elastic-internal-init-keystore``; a Kibana's
``elastic-internal-init``) were not modelled: a template whose main container alone wrote
``runAsNonRoot`` PASSed GDCC-K8S-002, though Elasticsearch before 8.0.0 runs as root
(documented, "Security context") and so do the operator's init containers of its image. They
are now containers of the pod, with the main container's image ("The init container
inherits the image of the main container"), the documented security context of Elasticsearch
8.8.0 and later, and what is not documented bounded (UNKNOWN naming them). A securityContext
the template writes on a container is kept as written: the operator sets its own only on a
container that writes none (``WithContainersSecurityContext``), so a main container writing
``runAsNonRoot`` alone no longer gets ``allowPrivilegeEscalation: false`` filled in."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

# the shapes of cloud-on-k8s config/samples (an Elasticsearch with a podTemplate, the docs'
# plugin init container, a Kibana writing its container's securityContext)
MANIFESTS = """\
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: legacy, namespace: logs}
spec:
  version: 7.17.10
  nodeSets:
  - name: default
    count: 1
    podTemplate:
      spec:
        containers:
        - name: elasticsearch
          resources: {limits: {cpu: "2", memory: 4Gi}}
          securityContext: {runAsNonRoot: true, runAsUser: 1000}
---
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: current, namespace: logs}
spec:
  version: 8.15.0
  nodeSets:
  - name: default
    count: 1
    podTemplate:
      spec:
        containers:
        - name: elasticsearch
          resources: {limits: {cpu: "2", memory: 4Gi}}
          securityContext: {runAsNonRoot: true}
---
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: podlevel, namespace: logs}
spec:
  version: 8.15.0
  secureSettings: [{secretName: gcs-credentials}]
  nodeSets:
  - name: default
    count: 1
    podTemplate:
      spec:
        securityContext: {runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000}
        initContainers:
        - name: install-plugins
          command: [sh, -c, "bin/elasticsearch-plugin install --batch analysis-icu"]
        containers:
        - name: elasticsearch
          resources: {limits: {cpu: "2", memory: 4Gi}}
---
apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata: {name: kibana, namespace: logs}
spec:
  version: 8.15.0
  podTemplate:
    spec:
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
apiVersion: kibana.k8s.elastic.co/v1
kind: Kibana
metadata: {name: listed, namespace: logs}
spec:
  version: 8.15.0
  podTemplate:
    spec:
      initContainers:
      - name: elastic-internal-init
        securityContext:
          allowPrivilegeEscalation: false
          capabilities: {drop: [ALL]}
          privileged: false
          readOnlyRootFilesystem: true
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
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
"""

RULES = ("GDCC-K8S-001", "GDCC-K8S-002", "GDCC-K8S-003", "GDCC-K8S-006", "GDCC-K8S-007",
         "GDCC-K8S-008")
ES = "Elasticsearch.elasticsearch.k8s.elastic.co/logs/"
KB = "Kibana.kibana.k8s.elastic.co/logs/"


def _found(tmp_path: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    (tmp_path / "elastic.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {
        (f.address, f.rule_id): (f.status.value, f.message.en, f.message.th)
        for f in result.findings
    }


def test_elasticsearch_before_8_runs_its_init_containers_as_root(tmp_path: Path) -> None:
    found = _found(tmp_path)
    status, message, thai = found[(ES + "legacy-es-default", "GDCC-K8S-002")]
    assert status == "FAIL"
    assert message.startswith(
        "a container runs as root (containers: elastic-internal-init-filesystem, "
        "elastic-internal-suspend)"
    )
    assert thai
    # its written securityContext is kept as written: nothing fills in the rest
    assert found[(ES + "legacy-es-default", "GDCC-K8S-003")][:2] == (
        "FAIL", "a container may escalate its privileges (containers: elasticsearch)"
    )
    assert found[(ES + "legacy-es-default", "GDCC-K8S-001")][0] == "PASS"
    assert found[(ES + "legacy-es-default", "GDCC-K8S-006")][0] == "PASS"


def test_main_container_alone_non_root_is_not_enough(tmp_path: Path) -> None:
    found = _found(tmp_path)
    status, message, thai = found[(ES + "current-es-default", "GDCC-K8S-002")]
    assert status == "UNKNOWN"
    assert message == (
        "whether a container runs as root is not known from the input: the ECK operator may "
        "set what the pod template of Elasticsearch current-es-default does not write (the "
        "securityContext of containers elastic-internal-init-filesystem, "
        "elastic-internal-suspend, the pod's automountServiceAccountToken) beyond the "
        "documented defaults of Elasticsearch 8.8.0 and later: its defaults are not documented"
    )
    assert "elastic-internal-init-filesystem" in thai
    assert found[(ES + "current-es-default", "GDCC-K8S-008")][:2] == (
        "FAIL", "a container does not drop all Linux capabilities (containers: elasticsearch)"
    )


def test_pod_level_non_root_covers_the_operator_containers(tmp_path: Path) -> None:
    found = _found(tmp_path)
    address = ES + "podlevel-es-default"
    assert found[(address, "GDCC-K8S-002")][0] == "PASS"
    # the plugin init container writes no securityContext and no resources: the operator
    # may give it its own and the main container's (not documented)
    status, message, _ = found[(address, "GDCC-K8S-006")]
    assert status == "UNKNOWN"
    assert "the resources of init containers install-plugins" in message
    status, message, _ = found[(address, "GDCC-K8S-003")]
    assert status == "UNKNOWN"
    assert ("the securityContext of containers elasticsearch, "
            "elastic-internal-init-filesystem, elastic-internal-init-keystore, "
            "elastic-internal-suspend, install-plugins") in message


def test_kibana_init_container(tmp_path: Path) -> None:
    found = _found(tmp_path)
    status, message, _ = found[(KB + "kibana", "GDCC-K8S-002")]
    assert status == "UNKNOWN"
    assert "(the securityContext of containers elastic-internal-init, the pod's" in message
    assert found[(KB + "kibana", "GDCC-K8S-006")][0] == "PASS"  # its own limits
    # the template names the operator's init container and writes its securityContext
    assert [found[(KB + "listed", r)][0] for r in RULES] == ["PASS"] * 6


MONITORED = """\
apiVersion: elasticsearch.k8s.elastic.co/v1
kind: Elasticsearch
metadata: {name: monitored, namespace: logs}
spec:
  version: 8.15.0
  monitoring:
    metrics: {elasticsearchRefs: [{name: monitoring, namespace: observability}]}
    logs: {elasticsearchRefs: [{name: monitoring, namespace: observability}]}
  nodeSets:
  - name: default
    count: 1
    podTemplate:
      spec:
        securityContext: {runAsNonRoot: true, runAsUser: 1000}
        containers:
        - name: elasticsearch
          resources: {limits: {cpu: "2", memory: 4Gi}}
        - name: metricbeat
          resources: {limits: {cpu: 100m, memory: 200Mi}}
"""


def test_stack_monitoring_sidecars(tmp_path: Path) -> None:
    """``spec.monitoring`` runs Metricbeat and Filebeat as sidecars of the pods ("Enable
    stack monitoring on ECK deployments"), which the operator gives no resources: a pod
    whose own container sets its limits PASSed GDCC-K8S-006. A container of the template
    named after a sidecar is that sidecar ("Override the Beats Pod Template")."""
    (tmp_path / "elastic.yaml").write_text(MONITORED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-006", "GDCC-K8S-011")))
    found = {(f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings}
    address = ES + "monitored-es-default"
    assert found[(address, "GDCC-K8S-006")] == (
        "FAIL", "a container sets no cpu, memory limit (containers: filebeat)"
    )
    assert found[(address, "GDCC-K8S-011")][0] == "PASS"  # beats/filebeat:8.15.0
