"""`copydesk init`: a starter config for a newsroom repository and the pre-commit snippet."""

from __future__ import annotations

from pathlib import Path

STARTER = """\
# copydesk settings for this copy repository (see `copydesk rules` for rule ids).
extend-packs = ["ap"]          # AP house style; remove to keep only typos, slips and names
# rules = ["house/*.yaml"]     # the desk's own rule packs
# dictionaries = ["house/words.txt"]
# ignore = ["ap.courtesy-titles"]
fail-on = "warning"
language = "en-US"

[languagetool]
enabled = true
# url = "http://languagetool.newsroom.internal:8081"
"""

PRE_COMMIT_SNIPPET = """\
# .pre-commit-config.yaml
repos:
  - repo: https://example.org/copydesk.git   # where your newsroom gets copydesk
    rev: v0.1.0
    hooks:
      - id: copydesk        # check staged copy
      # - id: copydesk-fix  # or: apply safe fixes, then re-stage
"""


def init(folder: Path, force: bool = False) -> tuple[int, str]:
    """Write copydesk.toml into `folder` (not over an existing one unless `force`)."""
    target = folder / "copydesk.toml"
    if target.exists() and not force:
        return 2, f"copydesk: {target} already exists (use --force to overwrite)\n"
    target.write_text(STARTER, encoding="utf-8")
    return 0, f"Wrote {target}.\n\nTo check copy on every commit, add this to pre-commit:\n\n{PRE_COMMIT_SNIPPET}"
