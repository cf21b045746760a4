"""Where a Helm chart's parts sit, so that discovery names each one it does not read
(a chart is audited once rendered: ``helm template``):

- every file under a chart's ``templates/`` folder that holds ``{{`` is a template, whatever
  its actions (``lookup``, ``required`` on a variable, a ``define`` called by another
  name): Helm renders each file there ("Charts", The Chart File Structure:
  https://helm.sh/docs/topics/charts/#the-chart-file-structure);
- a packaged chart (``*.tgz``) in a chart's ``charts/`` folder is a dependency
  (``helm dependency build`` puts it there), not read: it was passed over without a word;
- a chart's ``Chart.yaml`` says so, and names the dependencies its ``charts/`` folder does
  not hold (fetched by ``helm dependency build`` from a repository: not in the scan).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

from gdcc_audit.load.interface import ParsedFile

ARCHIVE_REASON = (
    "packaged Helm chart (a dependency in the charts/ folder of chart {chart}): not read; render "
    "the chart that depends on it (helm template), then audit the output"
)
CHART_REASON = "Helm chart metadata: its templates are audited once rendered (helm template)"
MISSING_REASON = "; dependencies not in its charts/ folder, so not in the scan: {names}"
#: How far up a template may sit below its chart's ``templates/`` folder.
_DEPTH = 6


@lru_cache(maxsize=4096)
def _chart_folder(folder: str) -> bool:
    """Whether ``folder`` holds a Helm chart (its ``Chart.yaml``)."""
    return (Path(folder) / "Chart.yaml").is_file()


def chart_template(path: Path) -> bool:
    """Whether ``path`` sits under the ``templates/`` folder of a chart."""
    for parent in list(path.parents)[:_DEPTH]:
        if parent.name == "templates" and _chart_folder(str(parent.parent)):
            return True
    return False


def chart_archive(path: Path) -> str | None:
    """Why a packaged chart in a chart's ``charts/`` folder is not read (None: no such file)."""
    if not path.name.endswith(".tgz") or path.parent.name != "charts":
        return None
    chart = path.parent.parent
    return ARCHIVE_REASON.format(chart=chart.name) if _chart_folder(str(chart)) else None


def chart_metadata(path: Path, parsed: ParsedFile) -> str | None:
    """Why a chart's ``Chart.yaml`` is not read as configuration, and the dependencies its
    ``charts/`` folder does not hold (by folder or package name); None for another file."""
    if path.name != "Chart.yaml" or len(parsed.documents) != 1:
        return None
    data = parsed.documents[0].data
    if not isinstance(data, Mapping) or data.get("apiVersion") not in ("v1", "v2") \
            or not isinstance(data.get("name"), str):
        return None
    charts = path.parent / "charts"
    missing = []
    for item in data.get("dependencies") or []:
        name = item.get("name") if isinstance(item, Mapping) else None
        if not isinstance(name, str) or (charts / name / "Chart.yaml").is_file() \
                or any(charts.glob(f"{name}-*.tgz")):
            continue
        missing.append(name)
    return CHART_REASON + (MISSING_REASON.format(names=", ".join(missing)) if missing else "")
