"""Secrets written in Kubernetes objects outside pod specs: annotations, and custom resources
(an Argo CD ``Application``'s Helm parameters, a Flux ``HelmRelease``'s values, a database
operator's ``MasterUserPassword``), which no rule otherwise reads.

A custom resource with a secret written in it becomes a secret holder judged by
GDCC-SECRET-001 only (its kind stays listed as not judged); one without is not a resource.
Fields that name where a secret is kept (``passwordSecretRef: {name, key}``,
``existingSecret``), a ``remoteRef``'s target key, and ciphertexts (a SealedSecret's
``encryptedData``) are not secrets (:mod:`gdcc_audit.secrets.detect`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.secrets.detect import detect_secrets

#: kubectl's copy of the whole object (Secret values included): read as the object itself.
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
#: Vault Agent Injector annotations whose value is "the path in Vault where the secret is
#: located" (``vault.hashicorp.com/agent-inject-secret-<name>``, Vault documentation, Agent
#: Sidecar Injector annotations): where a secret is kept, not the secret.
_VAULT_PATHS = "vault.hashicorp.com/agent-inject-secret-"
_KUSTOMIZE = "kustomize.config.k8s.io/"
#: A Secret object named in an annotation: ``[namespace/]name`` (DNS-1123 label and
#: subdomain, "Object Names and IDs").
_SECRET_OBJECT = re.compile(
    r"(?:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?/)?"
    r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*"
)
#: Ingress controllers' annotation prefixes whose ``...-secret`` annotations take the name of
#: a Secret object: ingress-nginx (``auth-secret: secretName``, ``auth-tls-secret:
#: namespace/secretName``, ``proxy-ssl-secret``; ingress-nginx docs, Annotations), Traefik 1.x
#: (``ingress.kubernetes.io/auth-secret``), HAProxy (``haproxy.org/auth-secret``), NGINX
#: Ingress Controller (``nginx.org/basic-auth-secret``, ``nginx.org/jwt-key``: "the name of
#: the Secret with the JWK").
_CONTROLLERS = ("nginx.ingress.kubernetes.io/", "ingress.kubernetes.io/",
                "traefik.ingress.kubernetes.io/", "haproxy.org/", "haproxy.com/", "nginx.org/",
                "nginx.com/")  # fmt: skip
#: Argo CD Image Updater's credentials references (``pull-secret: pullsecret:ns/name``,
#: ``secret:ns/name#field``, ``env:VAR``, ``ext:/path``; its docs, "Specifying credentials
#: for accessing container registries"): where the credentials are kept.
_IMAGE_UPDATER = "argocd-image-updater.argoproj.io/"
_UPDATER_REFERENCE = re.compile(
    r"(?:pullsecret|secret):[a-z0-9][-a-z0-9.]*/[a-z0-9][-a-z0-9.]*(?:#[-._a-zA-Z0-9]+)?"
    r"|env:[A-Za-z_][A-Za-z0-9_]*|ext:/\S+"
)
#: Fields of an object that are not its configuration (metadata is read for annotations).
_NOT_SPEC = frozenset({"apiVersion", "kind", "metadata", "status"})


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def names_secret_object(name: str, value: str) -> bool:
    """Whether the annotation ``name`` names where a secret is kept with ``value``: a
    ``...-secret`` annotation of an ingress controller given a Secret's ``[namespace/]name``
    (ingress-nginx ``auth-secret: basic-auth``), any ``...-secret`` annotation given
    ``namespace/name``, or an Argo CD Image Updater credentials reference. A value of another
    shape under these names is still judged."""
    local = name.rsplit("/", 1)[-1].lower()
    text = value.strip()
    if name.startswith(_IMAGE_UPDATER) and _UPDATER_REFERENCE.fullmatch(text) is not None:
        return True
    named = local.endswith("secret") or local in ("jwt-key", "auth-tls-secret")
    if not named or len(text) > 253 + 64 or _SECRET_OBJECT.fullmatch(text) is None:
        return False
    return "/" in text or name.startswith(_CONTROLLERS)


def annotation_secrets(annotations: Any, prefix: str) -> tuple[str, ...]:
    """Paths (``prefix.KEY``) of annotations holding a literal secret: read by the name after
    the annotation's prefix (``example.com/db-password``: ``db-password``) or the value's
    shape (credentials in an ingress-nginx ``auth-url``, a ``Basic`` header in a
    ``configuration-snippet``); a Vault Agent secret path, kubectl's last-applied copy and
    a Secret named by a controller's annotation (:func:`names_secret_object`) are not."""
    found = []
    for key, value in _mapping(annotations).items():
        name = str(key)
        if name == LAST_APPLIED or name.startswith(_VAULT_PATHS) or not isinstance(value, str):
            continue
        if names_secret_object(name, value):
            continue
        if detect_secrets({name.rsplit("/", 1)[-1]: value}):
            found.append(f"{prefix}.{name}")
    return tuple(found)


def custom_resource_secrets(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """Paths of the literal secrets written in a custom resource: its fields but metadata and
    status, and its annotations."""
    api = obj.get("apiVersion")
    if isinstance(api, str) and api.startswith(_KUSTOMIZE):
        return ()  # kustomize's own file: its generators are read as the objects they make
    body = {str(k): v for k, v in obj.items() if k not in _NOT_SPEC}
    metadata = _mapping(obj.get("metadata"))
    return tuple(
        sorted(
            {*detect_secrets(body), *annotation_secrets(metadata.get("annotations"),
                                                          "metadata.annotations")}
        )
    )


def placeholder_reason(paths: list[str]) -> Text:
    """Why GDCC-SECRET-001 PASSes on settings holding placeholders for keys or tokens a third
    party issues (``HF_TOKEN: HF_TOKEN``, ``GOOGLE_API_KEY: GOOGLE_API_KEY_VAL``:
    :func:`~gdcc_audit.secrets.detect.issued_key_placeholder`), given in the PASS."""
    listed = ", ".join(f"'{p}'" for p in dict.fromkeys(paths))
    what = "placeholders for keys or tokens" if len(set(paths)) > 1 else (
        "a placeholder for a key or token"
    )
    return Text(
        en=f"{listed}: {what} a third party issues, not a credential",
        th=f"{listed}: เป็นค่าแทนที่ (placeholder) ของกุญแจหรือโทเคนที่ผู้ให้บริการภายนอกออกให้ "
        f"ไม่ใช่ข้อมูลสำหรับยืนยันตัวตนจริง",
    )


def identity_reason(paths: list[str]) -> Text:
    """Why GDCC-SECRET-001 PASSes on a Secret whose kept keys name only who logs in or where
    (``username``, ``POSTGRES_USER``, ``host``, ``port``:
    :func:`~gdcc_audit.secrets.detect.identity_key`), given in the PASS."""
    listed = ", ".join(f"'{p}'" for p in dict.fromkeys(paths))
    return Text(
        en=f"{listed}: who logs in or where (a user name, e-mail address, host, port or "
        f"database), not a credential",
        th=f"{listed}: บอกผู้ใช้หรือปลายทาง (ชื่อผู้ใช้ ที่อยู่อีเมล โฮสต์ พอร์ต หรือฐานข้อมูล) "
        f"ไม่ใช่ข้อมูลสำหรับยืนยันตัวตน",
    )
