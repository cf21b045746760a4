"""Built-in mappers, registered as a plugin.

Each is imported on its first document: most scans (and every pre-commit run) read one or
two formats, and importing all five mappers with their provider tables costs ~20 ms.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from gdcc_audit.errors import InputError
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.lazy import build_target
from gdcc_audit.load.interface import Document, LoadOptions
from gdcc_audit.load.kube_kinds import FORMAT as KUBERNETES
from gdcc_audit.load.manifest import FORMAT as MANIFEST
from gdcc_audit.load.template_formats import CLOUDFORMATION, HEAT, HEAT_ENVIRONMENT
from gdcc_audit.load.terraform_model import FORMAT as TERRAFORM
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.interface import MapContext, Mapper


class OnFirstUse(Mapper):
    """A mapper class named by ``target`` (``module:Class``), imported on first use."""

    target: ClassVar[str]

    def __init__(self) -> None:
        self._mapper: Mapper | None = None

    @property
    def mapper(self) -> Mapper:
        """The real mapper."""
        if self._mapper is None:
            self._mapper = build_target(self.target)
        return self._mapper

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        return self.mapper.map(document, context)

    def load_options(self) -> LoadOptions:
        return self.mapper.load_options()

    def relate(self, documents: Sequence[Document]) -> list[InputError]:
        return self.mapper.relate(documents)

    def plan(self, document: Document, context: MapContext) -> Any | None:
        return self.mapper.plan(document, context)

    def map_part(self, plan: Any, part: range, finish: Callable[[Resource], Resource]) -> Any:
        return self.mapper.map_part(plan, part, finish)

    def join(self, plan: Any, parts: Sequence[Any]) -> Iterator[Resource | InputError]:
        return self.mapper.join(plan, parts)


class _Manifest(OnFirstUse):
    formats = (MANIFEST,)
    target = "gdcc_audit.normalize.gdcc:GdccMapper"


class _Terraform(OnFirstUse):
    formats = (TERRAFORM,)
    target = "gdcc_audit.normalize.terraform:TerraformMapper"


class _CloudFormation(OnFirstUse):
    formats = (CLOUDFORMATION,)
    target = "gdcc_audit.normalize.cloudformation.mapper:CloudFormationMapper"


class _Heat(OnFirstUse):
    formats = (HEAT, HEAT_ENVIRONMENT)
    target = "gdcc_audit.normalize.heat.mapper:HeatMapper"


class _Kubernetes(OnFirstUse):
    formats = (KUBERNETES,)
    target = "gdcc_audit.normalize.kubernetes.mapper:KubernetesMapper"


#: The built-in mappers, in registration order.
BUILTIN: tuple[type[OnFirstUse], ...] = (_Manifest, _Terraform, _CloudFormation, _Heat, _Kubernetes)


@hookimpl
def register_mappers() -> list[Mapper]:
    """Every built-in mapper: tenant manifest, Terraform (aws, azurerm, google, huaweicloud,
    openstack), CloudFormation, Heat and Kubernetes."""
    return [mapper() for mapper in BUILTIN]
