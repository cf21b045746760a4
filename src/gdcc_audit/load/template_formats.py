"""The document formats of the CloudFormation and Heat loaders, in a leaf module: the mappers'
plugin names them without importing those loaders, so a run of Terraform files (the
pre-commit hook) never loads them."""

from __future__ import annotations

CLOUDFORMATION = "cloudformation"
HEAT = "heat"
#: Heat environment files (``openstack stack create -e env.yaml``): read for the templates their
#: ``resource_registry`` maps resource types to and the parameter values they set
#: (``normalize.heat.nesting``, ``normalize.heat.environments``).
HEAT_ENVIRONMENT = "heat_environment"
