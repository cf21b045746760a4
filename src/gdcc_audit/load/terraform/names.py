"""Names of Terraform / OpenTofu configuration files and which of them a folder's module reads.

Small on purpose: file discovery reads it without importing the HCL loader.
https://opentofu.org/docs/language/files/ ("Extension Precedence": when ``foo.tf`` and
``foo.tofu`` are both present, OpenTofu loads ``foo.tofu`` and ignores ``foo.tf``; a module is
its ``.tf``, ``.tf.json``, ``.tofu`` and ``.tofu.json`` files). Terraform reads no ``.tofu``
file. Where both are present the module is read as Terraform reads it.
"""

from __future__ import annotations

from collections.abc import Container

#: Terraform's JSON syntax, under Terraform's and OpenTofu's names.
JSON_SUFFIXES = (".tf.json", ".tofu.json")
#: Every file of a module's configuration.
CONFIG_SUFFIXES = (".tf", ".tofu", *JSON_SUFFIXES)
#: OpenTofu's own names and the Terraform name of the file each one replaces for OpenTofu
#: (the longer suffix first: ``x.tofu.json`` does not end with ``.tofu``, but be explicit).
_TWINS = ((".tofu.json", ".tf.json"), (".tofu", ".tf"))


def twin_name(name: str) -> str | None:
    """The Terraform file name that OpenTofu's ``name`` stands in for (``main.tofu`` →
    ``main.tf``, ``a.tofu.json`` → ``a.tf.json``); None for any other name."""
    for tofu, terraform in _TWINS:
        if name.endswith(tofu):
            return name[: -len(tofu)] + terraform
    return None


def terraform_twin(name: str, names: Container[str]) -> str | None:
    """The file of ``names`` (a folder's files) that makes the module not read OpenTofu's
    ``name``: its Terraform twin, read in its place (Terraform's view of the folder)."""
    twin = twin_name(name)
    return twin if twin is not None and twin in names else None


def module_files(names: list[str]) -> list[str]:
    """The files of ``names`` (a folder's, sorted) that its module is read from."""
    present = set(names)
    return [n for n in names if n.endswith(CONFIG_SUFFIXES) and not terraform_twin(n, present)]
