"""etcd's initial cluster token under its environment variable's name
(``ETCD_INITIAL_CLUSTER_TOKEN``; etcd reads each flag from ``ETCD_`` + its name) and on a
command line (``--initial-cluster-token``) is the name that keeps clusters apart, as the
``initialClusterToken`` setting already was: no credential (kubernetes/examples
openshift-origin ``etcd-controller.yaml`` FAILed on it). Since stop 43 etcd's discovery
token (``ETCD_DISCOVERY_TOKEN``) is no credential either: it names one cluster's registry in
a discovery service and is used only at bootstrap (etcd's Discovery service protocol); the
same etcd-controller.yaml FAILed on ``ETCD_DISCOVERY_TOKEN: INSERT_ETCD_DISCOVERY_TOKEN``.
Since stop 44 etcd's ``--discovery-token`` on an etcd command line (a unit file, a script,
a container's command list) is no credential either. kubeadm's ``--discovery-token`` (a
bootstrap token) and another token's name still are."""

from __future__ import annotations

from gdcc_audit.secrets.detect import detect_secrets


def test_the_initial_cluster_token_is_no_secret() -> None:
    assert detect_secrets({
        "ETCD_INITIAL_CLUSTER_TOKEN": "INSERT_ETCD_INITIAL_CLUSTER_TOKEN",
        "etcd_initial_cluster_token": "etcd-cluster-prod-0123456789",
        "command": "etcd --initial-cluster-token etcd-cluster-token-0123456789 --name m1",
    }) == ()


def test_the_discovery_token_is_no_secret() -> None:
    # etcd: the token names one cluster's registry in a discovery service, used only at
    # bootstrap ("cannot be used for runtime reconfiguration or cluster monitoring"); the
    # discovery service's credentials are --discovery-user / --discovery-password
    assert detect_secrets({
        "ETCD_DISCOVERY_TOKEN": "INSERT_ETCD_DISCOVERY_TOKEN",
        "etcdDiscoveryToken": "6c007a14875d53d9bf0ef5a6fc0257c8",
        "OPENSHIFT_ETCD_DISCOVERY_TOKEN": "6c007a14875d53d9bf0ef5a6fc0257c8",
    }) == ()


def test_other_tokens_and_the_discovery_password_are_still_secrets() -> None:
    # kubeadm's --discovery-token / --token is a bootstrap token (a credential); a token
    # under another name, and the discovery service's password, are secrets
    assert detect_secrets({
        "ETCD_DISCOVERY_PASSWORD": "Xk9mQ2vLpW7r",
        "discovery_token": "abcdef.0123456789abcdef",
        "command": "kubeadm join --discovery-token abcdef.0123456789abcdef",
        "ETCD_TOKEN": "INSERT_ETCD_TOKEN",
    }) == ("ETCD_DISCOVERY_PASSWORD", "ETCD_TOKEN", "command", "discovery_token")


def test_etcds_discovery_token_on_its_command_line_is_no_secret() -> None:
    # etcd's own --discovery-token (a unit file's ExecStart continued over lines, a shell
    # line, a container's command as a list, an etcd image run by docker): what
    # ETCD_DISCOVERY_TOKEN is, under the flag's name
    unit = (
        "[Service]\n"
        "ExecStart=/usr/local/bin/etcd \\\n"
        "  --name infra0 \\\n"
        "  --discovery-endpoints http://10.0.0.10:2379 \\\n"
        "  --discovery-token 6c007a14875d53d9bf0ef5a6fc0257c8\n"
    )
    assert detect_secrets({
        "unit": unit,
        "script": "cd /srv && etcd --name m1 --discovery-token=6c007a14875d53d9bf0ef5a6fc0257c8",
        "command": ["/usr/local/bin/etcd", "--name", "m1",
                    "--discovery-token=6c007a14875d53d9bf0ef5a6fc0257c8"],
        "args": ["etcd", "--discovery-token", "6c007a14875d53d9bf0ef5a6fc0257c8"],
        "docker": "docker run -d quay.io/coreos/etcd:v3.5.9 "
                  "--discovery-token 6c007a14875d53d9bf0ef5a6fc0257c8",
    }) == ()


def test_kubeadms_discovery_token_beside_etcd_is_still_a_secret() -> None:
    # kubeadm's --discovery-token (a bootstrap token), also on a line or a list that names
    # etcd elsewhere, another command after etcd's on the line, and etcd's discovery
    # password, stay secrets
    assert detect_secrets({
        "join": "kubeadm join --node-name etcd --discovery-token abcdef.0123456789abcdef",
        "after": "etcd --name m1 & mytool --discovery-token 6c007a14875d53d9bf0ef5a6fc0257c8",
        "list": ["kubeadm", "join", "--discovery-token", "abcdef.0123456789abcdef"],
        "password": "etcd --discovery-user root --discovery-password Xk9mQ2vLpW7r",
    }) == ("after", "join", "list.3", "password")
