"""Rebuild ``src/gdcc_audit/normalize/cloudformation/type_properties.json``: the top-level
property names of each CloudFormation type gdcc-audit maps (``mapper.AWS_TYPES``), read from
a checkout of cloudtools/troposphere, whose modules are generated from the AWS CloudFormation
resource specification (each resource class's ``resource_type`` and ``props`` keys).

    PYTHONPATH=src python scripts/build_cfn_properties.py /path/to/troposphere/troposphere
"""

from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

from gdcc_audit.normalize.cloudformation.mapper import AWS_TYPES

OUT = Path(__file__).parent.parent / "src/gdcc_audit/normalize/cloudformation/type_properties.json"


def _classes(path: Path) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if not isinstance(node, ast.ClassDef):
            continue
        kind, props = None, None
        for item in node.body:
            target = (
                item.targets[0] if isinstance(item, ast.Assign)
                else item.target if isinstance(item, ast.AnnAssign) else None
            )
            if not isinstance(target, ast.Name) or item.value is None:  # type: ignore[union-attr]
                continue
            name = target.id
            if name == "resource_type" and isinstance(item.value, ast.Constant):
                kind = item.value.value
            elif name == "props" and isinstance(item.value, ast.Dict):
                props = {k.value for k in item.value.keys if isinstance(k, ast.Constant)}
        if isinstance(kind, str) and props is not None:
            found.setdefault(kind, set()).update(props)
    return found


def main(folder: str) -> None:
    found: dict[str, set[str]] = {}
    for path in sorted(Path(folder).glob("*.py")):
        for kind, props in _classes(path).items():
            found.setdefault(kind, set()).update(props)
    # SAM types are not in the CloudFormation specification (the SAM transform defines them)
    table = {
        kind: sorted(found[kind]) for kind in sorted(AWS_TYPES)
        if kind in found and not kind.startswith("AWS::Serverless::")
    }
    lines = ",\n".join(f"{json.dumps(kind)}: {json.dumps(names)}" for kind, names in table.items())
    OUT.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
    print(f"{len(table)} types written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
