"""Settings of OpenStack services that read as secrets but hold none (openstack-helm's charts
FAILed GDCC-SECRET-001 on each): a sudoers file's ``NOPASSWD:`` tag before a command, an
oslo.rootwrap filter named for the password file (``read_passwd: RegExpFilter, cat, ...``),
keystonemiddleware's ``service_token_roles`` (role names), the libvirt secret's UUID a Ceph
client names (``rbd_secret_uuid``) and Horizon's password rule (``pwd_validator_regex``,
``pwd_validator_help_text``), and a job's image (``images.tags.keystone_credential_rotate:
quay.io/airshipit/keystone:2024.1-ubuntu_jammy``). The secrets beside them still FAIL."""

from __future__ import annotations

from gdcc_audit.models.secret_names import is_secret_name
from gdcc_audit.secrets.detect import detect_secrets

_SUDOERS = (
    "# This sudoers file supports rootwrap for both Kolla and LOCI Images.\n"
    "Defaults !requiretty\n"
    "cinder ALL = (root) NOPASSWD: /var/lib/openstack/bin/cinder-rootwrap "
    "/etc/cinder/rootwrap.conf *\n"
    "deploy ALL=(ALL) NOPASSWD: ALL, SETENV: /usr/bin/systemctl\n"
    "ops ALL=(ALL) NOPASSWD: SERVICES\n"
)


_ROOTWRAP = (
    "[Filters]\n"
    "# nova/virt/disk/vfs/localfs.py: 'cat' and friends\n"
    "read_passwd: RegExpFilter, cat, root, cat, (/var|/usr)?/tmp/openstack-vfs-localfs[^/]+/etc"
    "/passwd\n"
    "read_shadow: RegExpFilter, cat, root, cat, /etc/shadow\n"
)


def test_a_sudoers_tag_is_no_password() -> None:
    assert detect_secrets({"conf": {"cinder_sudoers": _SUDOERS}}) == ()


def test_a_rootwrap_filter_is_no_password() -> None:
    assert detect_secrets({"rootwrap_filters": {"compute": {"content": _ROOTWRAP}}}) == ()


def test_a_password_after_a_passwd_word_still_is_one() -> None:
    assert detect_secrets({
        "a": "export DB_PASSWD: ABCDEF123\n",
        "b": "NOPASSWD: hunter22\n",
        "c": "passwd: /tmp/x\n",
        "d": _SUDOERS + "export ADMIN_PASSWD=Hunter2Secret\n",
        "e": _ROOTWRAP + "db_password: Filter2024!\n",
    }) == ("a", "b", "c", "d", "e")


def test_openstack_settings_named_like_secrets() -> None:
    values = {
        "keystone_authtoken": {
            "service_token_roles": "service",
            "service_token_roles_required": True,
            "password": "Sup3rS3cret!",
        },
        "libvirt": {"rbd_secret_uuid": "457eb676-33da-42ec-9a8c-9293d545c337"},
        "ceph": {"cinder": {"secret_uuid": "457eb676-33da-42ec-9a8c-9293d545c337"}},
        "horizon": {
            "horizon_secret_key": "9aee62c0-5253-4a86-b189-e0fb71fa503c",
            "pwd_validator_regex": r"(?=.*[a-zA-Z])(?=.*\d).{8,}",
            "pwd_validator_help_text": '_("Your password must be at least eight (8) characters")',
        },
    }
    assert detect_secrets(values) == (
        "horizon.horizon_secret_key", "keystone_authtoken.password"
    )
    for name in ("service_token_roles", "rbd_secret_uuid", "secret_uuid",
                 "pwd_validator_regex", "pwd_validator_help_text"):
        assert not is_secret_name(name), name


def test_a_jobs_image_is_no_credential() -> None:
    values = {
        "images": {
            "tags": {
                "keystone_credential_rotate": "quay.io/airshipit/keystone:2024.1-ubuntu_jammy",
                "keystone_credential_setup": "docker.io/openstackhelm/heat@sha256:" + "a" * 64,
                "barbican_secret": "S3cretPassw0rd",
            }
        },
        "conf": {"keystone_credential": "quay.io/airshipit/keystone:2024.1-ubuntu_jammy"},
    }
    assert detect_secrets(values) == ("conf.keystone_credential", "images.tags.barbican_secret")


def test_a_secrets_name_for_one_side_is_no_secret() -> None:
    # openstack-helm's RBD storage class: adminSecretNameNode names the Secret the node side
    # reads, as adminSecretName names the provisioner's (it FAILed); a password beside it,
    # and a value that is no object name under the same name, still FAIL
    values = {
        "storageclass": {"rbd": {"parameters": {
            "adminSecretName": "pvc-ceph-conf-combined-storageclass",
            "adminSecretNameNode": "pvc-ceph-conf-combined-storageclass",
            "adminSecretNamespace": "ceph",
            "userSecretPassword": "Sup3rS3cret!",
        }}},
        "other": {"adminSecretNameNode": "Xk9#mQ2vLp!", "adminSecretNode": "pvc-ceph"},
    }
    assert detect_secrets(values) == (
        "other.adminSecretNameNode", "other.adminSecretNode",
        "storageclass.rbd.parameters.userSecretPassword",
    )


_PASTE = (
    "[pipeline:heat-api]\n"
    "pipeline = cors request_id authurl authpassword context apiv1app\n"
    "[filter:authpassword]\n"
    "paste.filter_factory = heat.common.auth_password:filter_factory\n"
    "[filter:other]\n"
    "paste.filter_factory = acme.mw.basic_password:AuthPassword.factory\n"
)


def test_a_paste_filters_factory_is_no_password() -> None:
    # Paste Deploy's factory reference (module:object), as openstack-helm's heat chart writes
    # its api-paste.ini in values (it FAILed: 'auth_password:filter_factory' read as
    # 'password: filter_factory') and as the file's text
    values = {"conf": {"paste": {
        "filter:authpassword": {"paste.filter_factory": "heat.common.auth_password:filter_factory"},
    }}, "api_paste": _PASTE}
    assert detect_secrets(values) == ()


def test_a_password_after_a_module_like_key_still_is_one() -> None:
    # a Java properties line (key:value) whose value is not a factory, and YAML
    assert detect_secrets({
        "a": "jdbc.admin_password:Hunter22x\n",
        "b": "spring.datasource.password:Hunter22x",
        "c": "heat.common.auth_password: Hunter22x",
        "d": _PASTE + "db_password = Filter2024!\n",
    }) == ("a", "b", "c", "d")
