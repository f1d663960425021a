"""The one data type every check produces: a Finding, with its fix as data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum


class Category(StrEnum):
    """What kind of slip a finding is; reporters colour and group by it."""

    NONWORD = "nonword"
    REALWORD = "realword"
    ENTITY = "entity"
    GRAMMAR = "grammar"
    PUNCTUATION = "punctuation"
    CONSISTENCY = "consistency"
    STYLE = "style"
    NEWS = "news"


class Severity(StrEnum):
    """How loudly a finding speaks; `--fail-on` compares against it."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Applicability(StrEnum):
    """Whether `--fix` may apply a finding's first suggestion (as ruff does)."""

    SAFE = "safe"  # one meaning-preserving replacement: --fix applies it
    UNSAFE = "unsafe"  # could change meaning: only with --unsafe-fixes
    DISPLAY = "display-only"  # shown, never applied
    NONE = "none"  # nothing to apply


@dataclass(frozen=True)
class Finding:
    """One slip: where (half-open code-point span), what, why, and how to fix it.

    Checks create findings with spans in the Document's prose; the engine maps them to
    source offsets before anything leaves the engine.
    """

    rule: str
    category: Category
    severity: Severity
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Applicability = Applicability.NONE
    matched: str = ""  # the source text the span covers, for baselines and reports
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def with_span(self, start: int, end: int, matched: str) -> Finding:
        return replace(self, start=start, end=end, matched=matched)

    def with_fix(self, fix: Applicability) -> Finding:
        return replace(self, fix=fix)

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)


def applicability_for(suggestions: tuple[str, ...] | list[str], wanted: Applicability) -> Applicability:
    """Several candidates are display-only whatever the rule wanted; none means nothing to fix."""
    if not suggestions:
        return Applicability.NONE
    if len(suggestions) > 1 and wanted is Applicability.SAFE:
        return Applicability.DISPLAY
    return wanted
