"""Amazon SageMaker notebook instances in CloudFormation (``AWS::SageMaker::NotebookInstance``),
read as Terraform's ``aws_sagemaker_notebook_instance`` (``normalize/sagemaker.py``)."""

from __future__ import annotations

from typing import Any

from gdcc_audit.normalize import sagemaker
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, ResourceRef, dig, is_known

_NAMES = (
    "DirectInternetAccess",
    "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion",
    "LifecycleConfigName",
    "RootAccess",
)


def _value(value: Any) -> Any:
    """A property as the shared reader takes it: None when not written, UNKNOWN when not
    known (a parameter without a value, an import)."""
    return value if value is None or is_known(value) else UNKNOWN


def _label(value: Any) -> Any:
    """A lifecycle configuration named by ``GetAtt`` / ``Ref``: its logical id (for the
    message)."""
    return value.target if isinstance(value, ResourceRef) else value


def notebook_instance(props: dict[str, Any]) -> Mapped:
    """``AWS::SageMaker::NotebookInstance`` (``normalize/sagemaker.py``)."""
    found = sagemaker.read(
        _value(props.get("DirectInternetAccess")),
        _value(dig(props, "InstanceMetadataServiceConfiguration",
                   "MinimumInstanceMetadataServiceVersion")),
        props.get("KmsKeyId"),
        _label(props.get("LifecycleConfigName")),
        _value(props.get("RootAccess")),
        _NAMES,
    )
    return Mapped(
        "compute.instance", found.facets, defaults=found.defaults, unknown=found.unknown,
        because=found.because,
    )


TYPES = {sagemaker.CFN_TYPE: notebook_instance}
