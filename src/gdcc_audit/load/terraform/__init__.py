"""Terraform / OpenTofu HCL loading with static evaluation (see :mod:`.loader`)."""

from gdcc_audit.load.terraform.loader import TerraformLoader

__all__ = ["TerraformLoader"]
