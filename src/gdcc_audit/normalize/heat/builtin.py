"""Which resource type names are Heat's own (its resource plug-ins) and which are custom types
an environment's ``resource_registry`` defines.

A ``resource_registry`` entry may map any name ("Define a new resource type" / "Override a
resource with a custom resource", Heat's Environments guide,
docs.openstack.org/heat/latest/template_guide/environment.html), so an ``OS::`` prefix does
not make a type built in: TripleO names its custom types ``OS::TripleO::…`` and maps them to
templates or to ``OS::Heat::None``. Heat's own types are those of the OpenStack services Heat
ships plug-ins for and of its AWS-compatible ones (Heat's resource types reference,
docs.openstack.org/heat/latest/template_guide/openstack.html and .../cfn.html): a name in
another namespace is a custom type, whatever an environment of the scan makes of it.
"""

from __future__ import annotations

from typing import Any

#: The namespaces of Heat's resource types (Heat's OpenStack and CloudFormation-compatible
#: resource types references).
HEAT_NAMESPACES = frozenset(
    {
        "OS::Aodh", "OS::Barbican", "OS::Blazar", "OS::Cinder", "OS::Designate",
        "OS::Glance", "OS::Heat", "OS::Ironic", "OS::Keystone", "OS::Magnum", "OS::Manila",
        "OS::Mistral", "OS::Monasca", "OS::Neutron", "OS::Nova", "OS::Octavia",
        "OS::Sahara", "OS::Senlin", "OS::Swift", "OS::Tacker", "OS::Trove", "OS::Vitrage",
        "OS::Zaqar", "OS::Zun",
        "AWS::AutoScaling", "AWS::CloudFormation", "AWS::CloudWatch", "AWS::EC2",
        "AWS::ElasticLoadBalancing", "AWS::IAM", "AWS::RDS", "AWS::S3",
    }
)


def heat_built_in(kind: Any) -> bool:
    """Whether ``kind`` names one of Heat's own resource types (``OS::Nova::Server``), not a
    custom type (``OS::TripleO::Services::Keystone``, ``Magnum::Optional::…``) nor a
    template."""
    if not isinstance(kind, str):
        return False
    parts = kind.split("::")
    return len(parts) >= 3 and all(parts) and f"{parts[0]}::{parts[1]}" in HEAT_NAMESPACES
