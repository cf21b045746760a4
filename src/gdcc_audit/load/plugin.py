"""Built-in loaders, registered as a plugin."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from gdcc_audit.errors import InputError
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.lazy import build_target
from gdcc_audit.load.interface import Claim, Document, Loader, LoadOptions, ParsedFile
from gdcc_audit.load.manifest import ManifestLoader
from gdcc_audit.load.terraform_model import FORMAT as TERRAFORM

if TYPE_CHECKING:
    from gdcc_audit.load.terraform import TerraformLoader
    from gdcc_audit.settings import Settings


class TerraformOnFirstUse(Loader):
    """The Terraform loader, imported when it first loads: it claims files by name, so a run
    without Terraform (Kubernetes, CloudFormation, Heat) never imports the HCL parser and
    evaluator (~20 ms). Names and suffixes are the real loader's (a test holds them equal)."""

    name = "terraform"
    suffixes = (".tf", ".tofu", ".tf.json", ".tofu.json", ".tfvars")
    json_suffixes = (".tf.json", ".tofu.json", ".tfvars.json")
    options_from = (TERRAFORM,)

    def __init__(self, options: LoadOptions | None = None) -> None:
        self._loader: TerraformLoader | None = None
        self._options = options

    @property
    def loader(self) -> TerraformLoader:
        """The real loader."""
        if self._loader is None:
            from gdcc_audit.load.terraform import TerraformLoader

            self._loader = TerraformLoader(self._options)
        return self._loader

    def with_options(self, options: LoadOptions) -> TerraformOnFirstUse:
        return TerraformOnFirstUse(options)

    def recognise(self, parsed: ParsedFile) -> bool:
        """``*.tf.json`` / ``*.tofu.json`` (Terraform's JSON syntax) and ``*.tfvars.json``
        arrive parsed, as every JSON file does."""
        return parsed.path.name.endswith(self.json_suffixes)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        return self.loader.load(claims, settings)


class ParsedOnFirstUse(Loader):
    """A loader of parsed YAML / JSON files only, imported when such a file is first offered
    to it. Such a loader (Kubernetes: with kustomize, Helm and the secret readers) claims no
    file by its name: with no parsed content its answer is no, and a run of Terraform files
    only never imports it. Its name is the real loader's (a test holds the two equal)."""

    #: ``module:Class`` of the real loader.
    target: ClassVar[str]

    def __init__(self) -> None:
        self._loader: Loader | None = None

    @property
    def loader(self) -> Loader:
        """The real loader."""
        if self._loader is None:
            self._loader = build_target(self.target)
        return self._loader

    def claim(self, path: Path, parsed: ParsedFile | None) -> bool:
        return parsed is not None and self.loader.claim(path, parsed)

    def recognise(self, parsed: ParsedFile) -> bool:
        return self.loader.recognise(parsed)

    def load(self, claims: Sequence[Claim], settings: Settings) -> Iterator[Document | InputError]:
        return self.loader.load(claims, settings)


class KubernetesOnFirstUse(ParsedOnFirstUse):
    """:class:`gdcc_audit.load.kubernetes.KubernetesLoader` on first use."""

    name = "kubernetes"
    target = "gdcc_audit.load.kubernetes:KubernetesLoader"


class TerraformPlanOnFirstUse(ParsedOnFirstUse):
    """:class:`gdcc_audit.load.tfplan.TerraformPlanLoader` on first use."""

    name = "terraform-plan"
    target = "gdcc_audit.load.tfplan:TerraformPlanLoader"


class CloudFormationOnFirstUse(ParsedOnFirstUse):
    """:class:`gdcc_audit.load.cloudformation.CloudFormationLoader` on first use (with the
    ``Fn::ForEach``, ``AWS::Include``, rain and parameter-default readers)."""

    name = "cloudformation"
    target = "gdcc_audit.load.cloudformation:CloudFormationLoader"


class HeatOnFirstUse(ParsedOnFirstUse):
    """:class:`gdcc_audit.load.heat.HeatLoader` on first use."""

    name = "heat"
    target = "gdcc_audit.load.heat:HeatLoader"


@hookimpl
def register_loaders() -> list[Loader]:
    """Every built-in loader: tenant manifest, Terraform HCL and plan JSON, CloudFormation,
    Heat and Kubernetes (a YAML/JSON file goes to the first loader that recognises it).

    Waiver files are claimed by ``gdcc_audit.govern.plugin``, registered later and so asked first.
    """
    return [
        ManifestLoader(),
        TerraformOnFirstUse(),
        TerraformPlanOnFirstUse(),
        CloudFormationOnFirstUse(),
        HeatOnFirstUse(),
        KubernetesOnFirstUse(),
    ]
