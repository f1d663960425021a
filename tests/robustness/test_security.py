"""Rule packs are data only, and copydesk talks to no one but the configured LanguageTool.

Covered elsewhere and not repeated: the HTML report escapes all copy
(tests/report_html/test_html_render.py::test_every_piece_of_text_is_escaped), and the
LanguageTool server copydesk starts listens on 127.0.0.1 only
(tests/languagetool/test_lt_server.py::test_server_listens_on_loopback_only).
"""

from __future__ import annotations

import http.server
import json
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from robustness_helpers import REPO, Run, copydesk, copydesk_env

from copydesk.checks.rules import RulePackCheck
from copydesk.config import Settings
from copydesk.document import Document
from copydesk.rulepack import PackError

RULE = """\
pack: house
rules:
  - id: house.x
    kind: {kind}
    category: style
    severity: warning
    message: Use the house form.
    why: House style.
{fields}
    examples: {{bad: ["[[teh]]"], good: ["the"]}}
"""


def _folder_with_pack(tmp_path: Path, pack: str) -> Path:
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "house.yaml").write_text(pack, encoding="utf-8")
    (folder / "copydesk.toml").write_text('rules = ["house.yaml"]\n', encoding="utf-8")
    (folder / "story.txt").write_text("They met in the the capital.\n", encoding="utf-8")
    return folder


def _assert_refused(run: Run, *words: str) -> None:
    """Exit 2 with one line that names the pack file and what is wrong."""
    run.assert_no_crash()
    assert run.code == 2, (run.code, run.err)
    (line,) = run.err_lines
    assert line.startswith("copydesk: ") and "house.yaml" in line, line
    for word in words:
        assert word in line, line


@pytest.mark.parametrize(
    "tag",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        '!!python/object/new:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        "!!python/module:os",
        "!!python/object:copydesk.config.Settings {{}}",
    ],
)
def test_python_tags_in_a_rule_pack_are_refused(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "pwned"
    folder = _folder_with_pack(tmp_path, f"pack: house\nrules: {tag.format(marker=marker)}\n")
    _assert_refused(copydesk("check", folder / "story.txt"), "tag:yaml.org,2002:python/")
    assert not marker.exists()


def test_rules_test_refuses_python_tags_too(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = _folder_with_pack(tmp_path, f'pack: house\nrules: !!python/object/apply:os.system ["touch {marker}"]\n')
    _assert_refused(copydesk("rules", "--test", folder / "house.yaml"), "tag:yaml.org,2002:python/")
    assert not marker.exists()


MALFORMED = {
    "tokens-not-a-list": ("existence", "tokens: 5"),
    "tokens-nested": ("existence", "tokens: [[teh]]"),
    "pattern-a-number": ("existence", "pattern: 5"),
    "pattern-a-list": ("existence", "pattern: [teh]"),
    "swap-key-a-number": ("substitution", "swap: {5: five}"),
    "swap-value-a-list": ("substitution", "swap: {teh: [the]}"),
    "map-a-list": ("pattern", "pattern: '(?P<target>teh)'\nmap: [the]"),
    "replace-a-number": ("pattern", "pattern: 'teh'\nreplace: 5"),
    "context-a-number": ("confusion", "word: teh\nsuggest: the\nwhen: [{before: 5}]"),
    "terms-numbers": ("capitalization", "terms: [5]"),
    "variants-numbers": ("consistency", "variants: [[teh, 5]]"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_rule_fields_are_refused_clearly(tmp_path: Path, case: str) -> None:
    """A field of the wrong type is a PackError naming the pack, the rule and the field.

    Not a TypeError deep in the rule engine, and not a rule that quietly turns `[the]` into
    the replacement text "['the']".
    """
    kind, fields = MALFORMED[case]
    folder = _folder_with_pack(tmp_path, RULE.format(kind=kind, fields=textwrap.indent(fields, "    ")))
    field = fields.split("\n")[-1].strip().split(":")[0]  # the last field given is the bad one
    settings = replace(Settings(), packs=(), rules=(folder / "house.yaml",))
    with pytest.raises(PackError) as caught:
        list(RulePackCheck(settings).run(Document.plain("story.txt", "They met in teh the the capital.")))
    message = str(caught.value)
    assert "house.yaml" in message and "house.x" in message and f"'{field}'" in message, message
    assert "\n" not in message


def test_malformed_rule_field_on_the_command_line(tmp_path: Path) -> None:
    """End to end: exit 2 and one line (a traceback exits 1, which CI reads as "findings")."""
    folder = _folder_with_pack(tmp_path, RULE.format(kind="existence", fields="    tokens: 5"))
    _assert_refused(copydesk("check", folder / "story.txt"), "house.x", "'tokens'")


AUDIT = """
import json, os, sys
log = open(os.environ["COPYDESK_AUDIT_LOG"], "a", buffering=1)
WATCHED = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo", "socket.gethostbyname",
           "urllib.Request", "subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.spawn")
def hook(event, args):
    if event in WATCHED:
        log.write(json.dumps([event, repr(args)]) + "\\n")
sys.addaudithook(hook)
sys.argv[0] = "copydesk"
from copydesk.cli import app
app()
"""


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.dumps({"software": {"version": "test"}, "matches": []}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    """A local stand-in for LanguageTool; yields its URL."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _audited(tmp_path: Path, *args: str, **env: str) -> list[tuple[str, str]]:
    """Run copydesk under an audit hook; the network and process events it raised."""
    script = tmp_path / "audited.py"
    script.write_text(AUDIT)
    log = tmp_path / "audit.log"
    folder = tmp_path / "copy"
    folder.mkdir(exist_ok=True)
    for i in range(10):  # enough files for worker processes (they inherit the hook)
        (folder / f"story{i}.md").write_text(f"# Story {i}\n\nHe go to the the market on day {i}.\n")
    run = copydesk(
        "check",
        *args,
        folder,
        script=script,
        env=copydesk_env(COPYDESK_AUDIT_LOG=str(log), PYTHONPATH=str(REPO), **env),
    )
    run.assert_no_crash()
    assert run.code == 1, run.err
    return [tuple(json.loads(line)) for line in log.read_text().splitlines()] if log.exists() else []


def test_nothing_is_sent_anywhere_with_languagetool_off(tmp_path: Path) -> None:
    assert _audited(tmp_path, "--jobs", "2") == []


def test_only_the_configured_languagetool_url_is_contacted(tmp_path: Path, fresh_home: Path, recorder: str) -> None:
    port = recorder.rsplit(":", 1)[1]
    events = _audited(
        tmp_path, "--languagetool-url", recorder, "--jobs", "2",
        COPYDESK_LANGUAGETOOL="on", COPYDESK_HOME=str(fresh_home),
    )  # fmt: skip
    assert events, "the audit hook saw no request: is LanguageTool on?"
    for event, args in events:
        if event == "urllib.Request":
            assert args.startswith(f"('{recorder}/v2/check'"), args
        elif event == "socket.connect":
            assert f"('127.0.0.1', {port})" in args, args
        elif event == "socket.getaddrinfo":
            assert args.startswith(f"('127.0.0.1', {port}"), args
        else:
            raise AssertionError(f"unexpected {event}: {args}")


def test_languagetool_not_installed_contacts_nothing(tmp_path: Path, fresh_home: Path) -> None:
    events = _audited(tmp_path, COPYDESK_LANGUAGETOOL="on", COPYDESK_HOME=str(fresh_home))
    assert events == []
