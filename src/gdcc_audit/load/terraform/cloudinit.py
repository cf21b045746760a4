"""``data "cloudinit_config"`` (and the template provider's older
``template_cloudinit_config``): the multi-part MIME document its ``rendered`` attribute holds,
built from the ``part`` blocks as the provider builds it (hashicorp/cloudinit,
``renderCloudinitConfig``: Go's ``mime/multipart`` writer with the headers in key order).

Defaults from the provider's documentation: ``gzip = true``, ``base64_encode = true``,
``boundary = "MIMEBOUNDARY"``, a part's ``content_type = "text/plain"``. Without gzip the
text is the provider's to the byte; with gzip the content is the same but the compressed
bytes are not (see ``functions._base64gzip``).
"""

from __future__ import annotations

import base64
from typing import Any

from gdcc_audit.load.terraform.functions import gzip_bytes
from gdcc_audit.load.terraform_model import UNKNOWN

#: Data source types rendered here.
CLOUDINIT_TYPES = frozenset({"cloudinit_config", "template_cloudinit_config"})


def _setting(values: dict[str, Any], name: str, kind: type, default: Any) -> Any:
    value = values.get(name, default)
    if value is None:
        return default
    return value if isinstance(value, kind) else UNKNOWN


def render(values: dict[str, Any]) -> Any:
    """The ``rendered`` text of a configuration with these evaluated arguments and blocks;
    UNKNOWN when a part's content or a setting cannot be known (or is not of its type)."""
    use_gzip = _setting(values, "gzip", bool, True)
    encode = _setting(values, "base64_encode", bool, True)
    boundary = _setting(values, "boundary", str, "MIMEBOUNDARY")
    parts = values.get("part", [])
    if UNKNOWN in (use_gzip, encode, boundary) or not isinstance(parts, list):
        return UNKNOWN
    if use_gzip and not encode:
        return UNKNOWN  # the provider refuses it
    out = [f'Content-Type: multipart/mixed; boundary="{boundary}"\nMIME-Version: 1.0\r\n\r\n']
    for index, part in enumerate(parts):
        if not isinstance(part, dict):
            return UNKNOWN
        content = _setting(part, "content", str, "")
        kind = _setting(part, "content_type", str, "") or "text/plain"
        filename = _setting(part, "filename", str, "")
        merge = _setting(part, "merge_type", str, "")
        if UNKNOWN in (content, kind, filename, merge):
            return UNKNOWN
        headers = {
            "Content-Type": kind,
            "Mime-Version": "1.0",
            "Content-Transfer-Encoding": "7bit",
        }
        if filename:
            headers["Content-Disposition"] = f'attachment; filename="{filename}"'
        if merge:
            headers["X-Merge-Type"] = merge
        out.append(("\r\n" if index else "") + f"--{boundary}\r\n")
        out.extend(f"{key}: {headers[key]}\r\n" for key in sorted(headers))
        out.append("\r\n" + content)
    out.append(f"\r\n--{boundary}--\r\n")
    text = "".join(out)
    if not encode:
        return text
    data = text.encode("utf-8")
    return base64.b64encode(gzip_bytes(data) if use_gzip else data).decode("ascii")
