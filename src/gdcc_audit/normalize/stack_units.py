"""Which CloudFormation templates of a scan share stacks (a leaf module: the graph reads it).

A template is its own stack. Two templates belong to one deployment (one account's stacks,
made together) only when one nests the other (``AWS::CloudFormation::Stack`` /
``AWS::Serverless::Application`` whose template is in the scan, directly or through a
common parent), one imports what the other exports (``Fn::ImportValue``, export names
being unique in an account and Region) or one reads a Systems Manager parameter the other
writes (``AWS::SSM::Parameter`` of a name the reader's ``AWS::SSM::Parameter::Value<...>``
parameter default or ``{{resolve:ssm:...}}`` names: parameter names are unique in an
account and Region too). A repository of unrelated products' templates
(aws-service-catalog-reference-architectures) is many deployments: a role of one product
does not pass or assume another product's roles (``graph.grants``).

The CloudFormation mapper's ``relate`` writes the links on each template's ``Document.meta``
(:data:`CHILDREN`, :data:`IMPORTS_FROM`, :data:`SSM_FROM`);
``graph.scope.Scope.from_documents`` joins them (:func:`groups`).
"""

from __future__ import annotations

from collections.abc import Iterable

#: ``Document.meta`` key of a parent template's nested stacks found in the scan:
#: logical id -> the child template's path.
CHILDREN = "cloudformation_nested_children"
#: ``Document.meta`` key of the templates of the scan whose exports a template may import:
#: their paths (an import whose name is not known may be any export of a name it may be).
IMPORTS_FROM = "cloudformation_imports_from"
#: ``Document.meta`` key of the templates of the scan that write a Systems Manager parameter a
#: template reads by name: their paths (``normalize.cloudformation.ssm_links``).
SSM_FROM = "cloudformation_ssm_from"


def groups(links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each template path that shares stacks with another -> its group's key (the least
    path of the group), from pairs of templates that share stacks."""
    parent: dict[str, str] = {}

    def find(path: str) -> str:
        parent.setdefault(path, path)
        while parent[path] != path:
            parent[path] = parent[parent[path]]
            path = parent[path]
        return path

    for first, second in links:
        one, other = find(first), find(second)
        if one != other:
            parent[max(one, other)] = min(one, other)
    return {path: find(path) for path in parent}
