"""The machine-readable report formats by `--output-format` name; each reporter loads only when used."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copydesk.report.model import RunReport

Renderer = Callable[["RunReport"], str]


def _lazy(module: str) -> Renderer:
    """A renderer that imports `copydesk.report.<module>` on its first call and runs its `render`."""

    def render(report: RunReport) -> str:
        rendered: str = importlib.import_module(f"copydesk.report.{module}").render(report)
        return rendered

    render.__name__ = f"{module}_render"
    render.__doc__ = f"The report rendered by copydesk.report.{module}."
    return render


FORMATS: dict[str, Renderer] = {
    "sarif": _lazy("sarif"),
    "github": _lazy("github"),
    "rdjsonl": _lazy("rdjsonl"),
    "gitlab": _lazy("gitlab"),
    "junit": _lazy("junit"),
    "html": _lazy("html"),
    "json": _lazy("json"),
}
