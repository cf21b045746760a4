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

from collections.abc import Mapping
from typing import Any

from gdcc_audit.secrets.detect import detect_secrets

#: kubectl's copy of the whole object (Secret values included): read as the object itself.
LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"
#: Vault Agent Injector annotations whose value is "the path in Vault where the secret is
#: located" (``vault.hashicorp.com/agent-inject-secret-<name>``, Vault documentation, Agent
#: Sidecar Injector annotations): where a secret is kept, not the secret.
_VAULT_PATHS = "vault.hashicorp.com/agent-inject-secret-"
_KUSTOMIZE = "kustomize.config.k8s.io/"
#: Fields of an object that are not its configuration (metadata is read for annotations).
_NOT_SPEC = frozenset({"apiVersion", "kind", "metadata", "status"})


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def annotation_secrets(annotations: Any, prefix: str) -> tuple[str, ...]:
    """Paths (``prefix.KEY``) of annotations holding a literal secret: read by the name after
    the annotation's prefix (``example.com/db-password``: ``db-password``) or the value's
    shape; a Vault Agent secret path and kubectl's last-applied copy are not."""
    found = []
    for key, value in _mapping(annotations).items():
        name = str(key)
        if name == LAST_APPLIED or name.startswith(_VAULT_PATHS) or not isinstance(value, str):
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
