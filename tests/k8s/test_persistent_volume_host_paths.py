"""GDCC-K8S-010: a pod mounts the node path of a ``hostPath`` PersistentVolume its claim is
bound to (Persistent Volumes, Binding). The PersistentVolume, the claim and the pod are often
in three files (kubernetes/examples AI/model-serving-tensorflow): the pod passed "mounts no host
paths". A claim is bound to a volume when it names it (``volumeName``), when the volume names
it (``claimRef``), or when both write the same storage class and the volume fits (access
modes, size); when neither writes a class it depends on the cluster's default StorageClass:
UNKNOWN, naming the volume. PersistentVolumes are resources of kind
``k8s.persistent_volume`` (they were counted as not judged)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.normalize.kubernetes.link import quantity
from gdcc_audit.settings import Settings

VOLUMES = """\
apiVersion: v1
kind: PersistentVolume
metadata:
  name: models
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadOnlyMany]
  hostPath:
    path: /mnt/models
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: scratch
spec:
  storageClassName: manual
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /var/scratch
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: loose
spec:
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  hostPath:
    path: /srv/loose
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: reserved
spec:
  storageClassName: manual
  capacity: {storage: 10Gi}
  accessModes: [ReadWriteOnce]
  claimRef:
    namespace: other
    name: theirs
  hostPath:
    path: /etc
"""

CLAIMS = """\
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: models
  namespace: ml
spec:
  accessModes: [ReadOnlyMany]
  resources: {requests: {storage: 1Gi}}
  volumeName: models
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: scratch
  namespace: ml
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: cache
  namespace: ml
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: big
  namespace: ml
spec:
  storageClassName: manual
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 100Gi}}
"""

PODS = """\
apiVersion: v1
kind: Pod
metadata: {name: serve, namespace: ml}
spec:
  containers:
  - {name: serve, image: "registry.example/serve:1.0.0"}
  volumes:
  - name: models
    persistentVolumeClaim: {claimName: models}
---
apiVersion: v1
kind: Pod
metadata: {name: train, namespace: ml}
spec:
  containers:
  - {name: train, image: "registry.example/train:1.0.0"}
  volumes:
  - name: scratch
    persistentVolumeClaim: {claimName: scratch}
---
apiVersion: v1
kind: Pod
metadata: {name: cache, namespace: ml}
spec:
  containers:
  - {name: cache, image: "registry.example/cache:1.0.0"}
  volumes:
  - name: cache
    persistentVolumeClaim: {claimName: cache}
---
apiVersion: v1
kind: Pod
metadata: {name: big, namespace: ml}
spec:
  containers:
  - {name: big, image: "registry.example/big:1.0.0"}
  volumes:
  - name: big
    persistentVolumeClaim: {claimName: big}
  - name: tmp
    emptyDir: {}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: ml}
spec:
  selector: {matchLabels: {app: db}}
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: "registry.example/db:1.0.0"}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      storageClassName: manual
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 10Gi}}
---
apiVersion: v1
kind: Pod
metadata: {name: other, namespace: other}
spec:
  containers:
  - {name: other, image: "registry.example/other:1.0.0"}
  volumes:
  - name: theirs
    persistentVolumeClaim: {claimName: theirs}
"""


def _scan(tmp_path: Path) -> dict[str, tuple[str, dict[str, object]]]:
    (tmp_path / "volumes.yaml").write_text(VOLUMES, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(CLAIMS, encoding="utf-8")
    (tmp_path / "pods.yaml").write_text(PODS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-K8S-010",)))
    return {f.address: (f.status.value, f.evidence) for f in result.findings}


def test_pods_mount_the_host_paths_of_the_volumes_their_claims_bind(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert found == {
        # the claim names the volume (volumeName)
        "Pod/ml/serve": ("FAIL", {
            "host_path_mounts": ["/mnt/models"],
            "decided_by": {"host_path_mounts": "through PersistentVolumeClaims: claim models "
                           "is bound to PersistentVolume/models (hostPath /mnt/models)"},
        }),
        # same storage class written on both, the volume is large enough
        "Pod/ml/train": ("FAIL", {
            "host_path_mounts": ["/var/scratch"],
            "decided_by": {"host_path_mounts": "through PersistentVolumeClaims: claim scratch "
                           "asks for the storage class 'manual' of PersistentVolume/scratch "
                           "(hostPath /var/scratch), which it fits"},
        }),
        # neither writes a class: a default StorageClass of the cluster would keep them apart
        "Pod/ml/cache": ("UNKNOWN", {
            "host_path_mounts": None,
            "unknown_because": {"host_path_mounts": "claim cache may bind "
                                "PersistentVolume/loose (hostPath /srv/loose): neither writes "
                                "a storageClassName, and whether the cluster has a default "
                                "StorageClass (given to such a claim, which then binds no "
                                "volume without a class) is not known"},
        }),
        # 100Gi asked: no hostPath volume of its class is that large; 'reserved' is another's
        "Pod/ml/big": ("PASS", {"host_path_mounts": []}),
        # a StatefulSet's claim template binds by class too
        "StatefulSet/ml/db": ("FAIL", {
            "host_path_mounts": ["/var/scratch"],
            "decided_by": {"host_path_mounts": "through PersistentVolumeClaims: "
                           "volumeClaimTemplates data asks for the storage class 'manual' of "
                           "PersistentVolume/scratch (hostPath /var/scratch), which it fits"},
        }),
        # the volume's claimRef names this pod's claim (the claim object is not in the scan)
        "Pod/other/other": ("FAIL", {
            "host_path_mounts": ["/etc"],
            "decided_by": {"host_path_mounts": "through PersistentVolumeClaims: claim theirs "
                           "is bound to PersistentVolume/reserved (hostPath /etc)"},
        }),
    }


def test_persistent_volumes_are_resources(tmp_path: Path) -> None:
    (tmp_path / "volumes.yaml").write_text(VOLUMES, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert sorted((r.address, r.kind) for r in result.resources) == [
        ("PersistentVolume/loose", "k8s.persistent_volume"),
        ("PersistentVolume/models", "k8s.persistent_volume"),
        ("PersistentVolume/reserved", "k8s.persistent_volume"),
        ("PersistentVolume/scratch", "k8s.persistent_volume"),
    ]
    assert result.findings == ()
    assert result.not_judged == {}


@pytest.mark.parametrize(
    ("text", "value"),
    [("1Gi", 2**30), ("500M", 5e8), ("10", 10.0), ("1.5Ti", 1.5 * 2**40), ("2k", 2000.0),
     ("100m", 0.1), ("lots", None), (True, None)],
)
def test_quantities(text: object, value: float | None) -> None:
    assert quantity(text) == value
