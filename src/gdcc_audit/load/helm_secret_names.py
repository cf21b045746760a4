"""Values a Helm chart's templates give as a Secret object's name or key.

A chart's values file is read for secrets (``load.kubernetes``); a setting named like a
secret may hold the *name* of the Secret the chart reads (grafana tempo's
``tokengenJob.adminTokenSecret: admin-token``, rendered as ``secretName: {{
.Values.tokengenJob.adminTokenSecret }}`` and ``kubectl create secret generic {{ ... }}``), or
the key in it (pdc-agent's ``clusterSecretKey: cluster``, rendered as ``secretKeyRef: {name,
key: {{ .Values.clusterSecretKey }}}``). The templates are not rendered, but where they put
such a value is written in their text: a ``secretName:``, the ``name:`` / ``key:`` of a
``secretKeyRef`` / ``secretRef``, or the name ``kubectl create secret`` is given. Those
values are names (the Kubernetes API takes an object name or a data key there), not secrets.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

__all__ = ["chart_of", "secret_name_values"]

#: A template action reading a value: ``{{ .Values.a.b }}``, ``{{ default "x" .Values.a |
#: quote }}``, ``{{ tpl .Values.a . }}`` (the value path is its group).
_READ = r"['\"]?\{\{-?[^{}\n]*?\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)"
_POSITIONS = re.compile(
    # a volume's / an Ingress TLS entry's Secret name
    rf"\bsecretName:[ \t]*{_READ}"
    # the name given to ``kubectl create secret generic|tls|docker-registry``
    rf"|\bkubectl[ \t]+create[ \t]+secret[ \t]+[\w-]+[ \t]+{_READ}"
)
#: A ``secretKeyRef:`` / ``secretRef:`` mapping's next lines indented below it (its ``name``
#: and ``key``).
_REF_BLOCK = re.compile(
    r"^([ \t]*)(?:-[ \t]*)?(?:secretKeyRef|secretRef):[ \t]*\r?\n((?:\1[ \t]+[^\n]*\n){1,4})",
    re.MULTILINE,
)
_REF_FIELD = re.compile(rf"^[ \t]+(?:-[ \t]*)?(?:name|key):[ \t]*{_READ}", re.MULTILINE)
#: Template files read, and the largest read.
_SUFFIXES = (".yaml", ".yml", ".tpl", ".txt")
_MOST_FILES = 500
_MOST_BYTES = 1024 * 1024


def chart_of(values_file: Path) -> Path | None:
    """The chart folder of a values file (its own, or the one above its ``ci/`` folder)."""
    for folder in (values_file.parent, values_file.parent.parent):
        if (folder / "Chart.yaml").is_file():
            return folder
    return None


@lru_cache(maxsize=256)
def secret_name_values(chart: Path) -> frozenset[str]:
    """The value paths (``tokengenJob.adminTokenSecret``) the chart's templates give as a
    Secret's name or key (see the module)."""
    found: set[str] = set()
    templates = chart / "templates"
    if not templates.is_dir():
        return frozenset()
    files = sorted(p for p in templates.rglob("*") if p.suffix in _SUFFIXES and p.is_file())
    for path in files[:_MOST_FILES]:
        try:
            if path.stat().st_size > _MOST_BYTES:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if ".Values." not in text:
            continue
        found.update(m.group(1) or m.group(2) for m in _POSITIONS.finditer(text))
        for block in _REF_BLOCK.finditer(text):
            found.update(m.group(1) for m in _REF_FIELD.finditer(block.group(2)))
    return frozenset(found)
