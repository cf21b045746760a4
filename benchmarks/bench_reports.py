"""Report rendering speed and memory.

    python benchmarks/bench_reports.py                 # html and pdf, 1,000 findings each
    python benchmarks/bench_reports.py --format pdf --findings 1000 --lang th
    /usr/bin/time -v python benchmarks/bench_reports.py --format pdf --child

Targets (issue 5): HTML for 1,000 findings < 1 s; PDF for 1,000 findings < 15 s on one core;
peak memory < 500 MB. Each format runs in its own process so its peak RSS is its own; CPU time
is reported next to wall time because WeasyPrint is single-threaded and wall time on a busy
machine says little.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _factory() -> Any:
    path = ROOT / "tests" / "report" / "report_factory.py"
    spec = importlib.util.spec_from_file_location("report_factory", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_one(fmt: str, findings: int, lang: str, repeat: int) -> str:
    from gdcc_audit.plugins import make_plugin_manager
    from gdcc_audit.report.html import HtmlReporter
    from gdcc_audit.report.interface import ReportOptions
    from gdcc_audit.report.pdf import PdfReporter

    result = _factory().build(findings)
    manager = make_plugin_manager(entry_points=False)
    reporter = HtmlReporter(manager) if fmt == "html" else PdfReporter(manager)
    if fmt == "pdf":
        import weasyprint  # noqa: F401  (import cost is not render cost)
    walls, cpus, size = [], [], 0
    for _ in range(repeat):
        stream: io.StringIO | io.BytesIO = io.StringIO() if fmt == "html" else io.BytesIO()
        wall, cpu = time.perf_counter(), time.process_time()
        reporter.render(result, stream, ReportOptions(lang=lang))
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        size = len(stream.getvalue())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = ""
    if fmt == "pdf":
        from pypdf import PdfReader

        assert isinstance(stream, io.BytesIO)
        pages = f", {len(PdfReader(io.BytesIO(stream.getvalue())).pages)} pages"
    return (
        f"{fmt} {lang} {len(result.findings)} findings: best wall {min(walls):.2f} s, "
        f"best cpu {min(cpus):.2f} s, peak RSS {peak_mb:.0f} MB, {size / 1024:.0f} KB{pages}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=["html", "pdf", "all"], default="all")
    parser.add_argument("--findings", type=int, default=1000)
    parser.add_argument("--lang", choices=["th", "en"], default="th")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", action="store_true", help="run in this process")
    args = parser.parse_args()
    formats = ["html", "pdf"] if args.format == "all" else [args.format]
    for fmt in formats:
        if args.child:
            print(run_one(fmt, args.findings, args.lang, args.repeat))
            continue
        repeat = args.repeat if fmt == "html" else 1
        command = [
            sys.executable, __file__, "--child", "--format", fmt,
            "--findings", str(args.findings), "--lang", args.lang, "--repeat", str(repeat),
        ]  # fmt: skip
        subprocess.run(command, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
