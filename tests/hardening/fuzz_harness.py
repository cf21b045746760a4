"""Fuzzing harness shared by the property tests and ``benchmarks/fuzz.py``.

``Harness.check(path)`` runs the input half of an audit (discover, recognise, load, map: the
stages that read untrusted bytes) on one file, with the same guards as ``audit()``, and
classifies the outcome: ``assessed`` (read without an error), ``named`` (every problem an
``InputError`` naming the file), ``unrecognised``, or ``crash`` (a guard had to catch an
exception: a bug). A crash is what fuzzing looks for; the guard keeps the scan going.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gdcc_audit.api import _normalize, _owners, _Run
from gdcc_audit.load.discover import discover
from gdcc_audit.load.manifest import FORMAT as MANIFEST_FORMAT
from gdcc_audit.models.result import InputStatus
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.settings import Settings

CRASH_MARKERS = ("internal error", "Python recursion limit", "ran out of memory")


@dataclass
class Outcome:
    """What one input did."""

    kind: str  # assessed | named | unrecognised | crash
    detail: str = ""
    resources: int = 0


class Harness:
    """The loaders and mappers of a default audit, built once and reused for every input."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.manager = make_plugin_manager(entry_points=False)
        self.registry = collect(self.manager, self.settings)

    def check(self, path: Path) -> Outcome:
        run = _Run(self.settings, self.registry, self.manager, None)
        run.absorb(discover([path], self.registry.loaders, self.settings))
        manifests = [d for d in run.documents if d.format == MANIFEST_FORMAT]
        tenants = []
        for manifest in manifests:
            tenants.append(manifest.data.tenant())
        resources = _normalize(run, manifests, tenants, _owners(manifests), [path.parent])
        files = list(run.files.values())
        messages = [
            message
            for f in files
            for message in (f.error or "", *f.additional_errors)
            if message
        ]
        crash = next((m for m in messages if any(k in m for k in CRASH_MARKERS)), None)
        if crash is not None:
            return Outcome("crash", crash, len(resources))
        if any(f.status in (InputStatus.NOT_ASSESSED, InputStatus.PARTIALLY_ASSESSED)
               for f in files):
            unnamed = [f for f in files if f.error is None and f.status != InputStatus.ASSESSED]
            if unnamed:
                return Outcome("crash", f"not assessed without a reason: {unnamed[0].path}")
            return Outcome("named", messages[0], len(resources))
        if files and all(f.status == InputStatus.NOT_RECOGNISED for f in files):
            return Outcome("unrecognised", files[0].error or "", 0)
        return Outcome("assessed", "", len(resources))


# -- mutations -----------------------------------------------------------------------------

def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


_TOKENS = (
    b"{", b"}", b"[", b"]", b"(", b")", b'"', b"'", b"\\", b"${", b"%{", b"<<EOF\n", b"\n",
    b"\r\n", b"\t", b":", b"- ", b"&a ", b"*a", b"!Ref ", b"<<: *a\n", b"---\n", b"...\n",
    b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"#", b"//", b"/*", b"=", b",", b"null", b"-1",
    b"1e999", b"count = -3\n", b"\xe0\xb8\x81", b"\x1b[31m", "\u202e".encode(),
    b"99999999999999999999",
)  # fmt: skip


def insert(data: bytes, rng: random.Random) -> bytes:
    out = data
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(out) + 1)
        out = out[:at] + rng.choice(_TOKENS) + out[at:]
    return out


def splice(data: bytes, rng: random.Random) -> bytes:
    if len(data) < 2:
        return data
    a, b = sorted(rng.sample(range(len(data)), 2))
    at = rng.randrange(len(data))
    return data[:at] + data[a:b] + data[at:]


def delete(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 40) :]


def nest(data: bytes, rng: random.Random) -> bytes:
    depth = rng.choice((10, 63, 64, 65, 100, 500, 3000))
    opener, closer = rng.choice(((b"[", b"]"), (b"{", b"}"), (b"(", b")")))
    at = rng.randrange(len(data) + 1)
    return data[:at] + opener * depth + closer * depth + data[at:]


def encode(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(5)
    if choice == 0:
        return b"\xef\xbb\xbf" + data
    if choice == 1:
        return data.replace(b"\n", b"\r\n")
    if choice == 2:
        try:
            return data.decode("utf-8").encode("utf-16")
        except UnicodeDecodeError:
            return data
    if choice == 3:
        return data.replace(b"\n", b"\r")
    return data.decode("utf-8", "replace").encode("latin-1", "replace")


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    if not lines:
        return data
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return b"\n".join(lines)


MUTATIONS: tuple[Callable[[bytes, random.Random], bytes], ...] = (
    truncate, flip, insert, splice, delete, nest, encode, duplicate_line,
)  # fmt: skip


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random mutations of ``data``."""
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(MUTATIONS)(data, rng)
    return data


FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

#: Seed inputs per loader: (file name the input is written as, fixture files).
SEEDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "terraform": ("main.tf", ("terraform/basic/main.tf", "terraform/nested/main.tf")),
    "terraform-expressions": ("main.tf", ("terraform/functions/main.tf",)),
    "terraform-json": ("main.tf.json", ("terraform/json/main.tf.json",)),
    "tfplan": ("plan.json", ("terraform/plan/tfplan.json",)),
    "cloudformation": ("template.yaml", ("cloudformation/storage.yaml",
                                         "cloudformation/identity.yaml")),
    "cloudformation-json": ("template.json", ("cloudformation/network.json",)),
    "kubernetes": ("k8s.yaml", ("kubernetes/workloads.yaml", "kubernetes/list.yaml")),
    "heat": ("stack.yaml", ("heat/stack.yaml",)),
    "manifest": ("tenant.yaml", ("manifests/minimal.yaml",)),
}  # fmt: skip


def seeds(loader: str) -> tuple[str, list[bytes]]:
    """The file name and seed contents for ``loader``."""
    name, files = SEEDS[loader]
    return name, [(FIXTURES / f).read_bytes() for f in files]
