"""etcd's initial cluster token under its environment variable's name
(``ETCD_INITIAL_CLUSTER_TOKEN``; etcd reads each flag from ``ETCD_`` + its name) and on a
command line (``--initial-cluster-token``) is the name that keeps clusters apart, as the
``initialClusterToken`` setting already was: no credential (kubernetes/examples
openshift-origin ``etcd-controller.yaml`` FAILed on it). A fill-in value under another
token's name (``ETCD_DISCOVERY_TOKEN: INSERT_ETCD_DISCOVERY_TOKEN``) is still what the
pod is given when deployed unchanged: FAIL, as every uncommented placeholder."""

from __future__ import annotations

from gdcc_audit.secrets.detect import detect_secrets


def test_the_initial_cluster_token_is_no_secret() -> None:
    assert detect_secrets({
        "ETCD_INITIAL_CLUSTER_TOKEN": "INSERT_ETCD_INITIAL_CLUSTER_TOKEN",
        "etcd_initial_cluster_token": "etcd-cluster-prod-0123456789",
        "command": "etcd --initial-cluster-token etcd-cluster-token-0123456789 --name m1",
    }) == ()


def test_a_fill_in_credential_is_still_one() -> None:
    assert detect_secrets({
        "ETCD_DISCOVERY_TOKEN": "INSERT_ETCD_DISCOVERY_TOKEN",
        "command": "kubeadm join --token abcdef.0123456789abcdef",
    }) == ("ETCD_DISCOVERY_TOKEN", "command")
