"""Rule packs' YAML data kept under the cache: a warm start reads it without a YAML parser, and
a pack that changes, cannot be kept, or is broken behaves as if nothing were kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Loads the given pack and reports its rule ids and whether PyYAML had to be imported.
SCRIPT = r"""
import sys
from pathlib import Path
from copydesk.rulepack import load_pack, PackError
try:
    rules = load_pack(Path(sys.argv[1]))
    print(",".join(r.rule.id for r in rules), "yaml" in sys.modules)
except PackError as e:
    print("error:", e)
"""

PACK = """pack: house
rules:
  - id: house.{name}
    kind: substitution
    category: style
    severity: warning
    message: Use the house form.
    why: The desk writes it one way.
    {extra}swap: {{email-address: email address}}
    examples:
      bad: [{{text: "Send an [[email-address]].", fix: "email address"}}]
      good: ["Send an email address."]
"""


def load(home: Path, pack: Path) -> str:
    env = {**os.environ, "COPYDESK_HOME": str(home)}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(pack)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def test_second_load_needs_no_yaml_parser(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(name="one", extra=""), encoding="utf-8")
    assert load(home, pack) == "house.one True"
    assert load(home, pack) == "house.one False"
    assert len(list((home / "cache" / "packs").glob("*.marshal"))) == 1


def test_a_changed_pack_is_read_again(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(name="one", extra=""), encoding="utf-8")
    load(home, pack)
    pack.write_text(PACK.format(name="two", extra=""), encoding="utf-8")
    assert load(home, pack) == "house.two True"


def test_a_damaged_cache_file_is_parsed_again(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(name="one", extra=""), encoding="utf-8")
    load(home, pack)
    for kept in (home / "cache" / "packs").glob("*.marshal"):
        kept.write_bytes(b"\xff not marshal")
    assert load(home, pack) == "house.one True"


def test_a_pack_with_a_date_is_parsed_each_time(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text(PACK.format(name="one", extra="").replace("pack: house\n", "pack: house\nfollows: 2019-05-29\n"))
    assert load(home, pack) == "house.one True"
    assert load(home, pack) == "house.one True"
    assert not list((home / "cache" / "packs").glob("*.marshal"))


def test_broken_yaml_is_still_reported(home: Path, tmp_path: Path) -> None:
    pack = tmp_path / "house.yaml"
    pack.write_text("pack: house\nrules: [\n", encoding="utf-8")
    assert load(home, pack).startswith(f"error: {pack}: not valid YAML (")
