"""The format registry: every name renders like its module, and importing it loads no reporter."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from copydesk.report import github, gitlab, junit, rdjsonl, sarif
from copydesk.report import json as json_report
from copydesk.report.formats import FORMATS
from copydesk.report.model import RunReport

BuildReport = Callable[..., RunReport]  # the conftest fixture


def test_registry_renders_like_each_module(build_report: BuildReport) -> None:
    report = build_report(("s.txt", "We saw the the cat,, there.\n"))
    modules = {
        "sarif": sarif,
        "github": github,
        "rdjsonl": rdjsonl,
        "gitlab": gitlab,
        "junit": junit,
        "json": json_report,
    }
    assert set(FORMATS) == set(modules) | {"html"}  # html has browser tests of its own
    for name, module in modules.items():
        assert FORMATS[name](report) == module.render(report)


def test_importing_the_registry_loads_no_reporter() -> None:
    code = (
        "import sys, copydesk.report.formats\n"
        "names = ('copydesk.report.', 'xml', 'copydesk.engine')\n"
        "loaded = [m for m in sys.modules if m.startswith(names)]\n"
        "print(sorted(loaded))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out == "['copydesk.report.formats']\n"
