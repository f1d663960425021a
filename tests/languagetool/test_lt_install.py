"""install.py against real Maven and Java."""

from __future__ import annotations

import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from language_tool_python.download_lt import LocalLanguageTool

from copydesk.languagetool.install import LT_VERSION, MAIN_CLASS, SERVER_JAR, InstallError, install, manifest_bytes


def _manifest_headers(raw: bytes) -> dict[str, str]:
    """Parse a manifest main section, joining continuation lines."""
    headers: dict[str, str] = {}
    name = ""
    for line in raw.decode().split("\r\n"):
        if line.startswith(" "):
            headers[name] += line[1:]
        elif line:
            name, _, value = line.partition(": ")
            headers[name] = value
    return headers


def test_install_is_idempotent_and_instant_the_second_time(lt_install: Path) -> None:
    started = time.perf_counter()
    again = install(lt_install.parent, quiet=True)
    assert time.perf_counter() - started < 0.5
    assert again == lt_install
    assert lt_install.name == f"LanguageTool-{LT_VERSION}"
    libs = {jar.name for jar in (lt_install / "libs").glob("*.jar")}
    assert {f"languagetool-server-{LT_VERSION}.jar", f"language-en-{LT_VERSION}.jar"} <= libs
    assert not any(name.startswith(("language-de-", "language-all-")) for name in libs)
    assert not list(lt_install.parent.glob(".install-*")), "a temporary build directory was left behind"


def test_server_jar_manifest_lists_every_lib_within_72_byte_lines(lt_install: Path) -> None:
    with zipfile.ZipFile(lt_install / SERVER_JAR) as jar:
        raw = jar.read("META-INF/MANIFEST.MF")
    assert all(len(line) <= 72 for line in raw.split(b"\r\n"))
    headers = _manifest_headers(raw)
    assert headers["Main-Class"] == MAIN_CLASS
    listed = headers["Class-Path"].split(" ")
    assert listed == sorted(f"libs/{jar.name}" for jar in (lt_install / "libs").glob("*.jar"))
    assert all((lt_install / entry).is_file() for entry in listed)


def test_manifest_wrapping_round_trips() -> None:
    headers = {"Manifest-Version": "1.0", "Class-Path": " ".join(f"libs/lib-{i}.jar" for i in range(40))}
    raw = manifest_bytes(headers)
    assert raw.endswith(b"\r\n\r\n")
    assert all(len(line) <= 72 for line in raw.split(b"\r\n"))
    assert _manifest_headers(raw) == headers


def test_language_tool_python_recognises_the_install(lt_install: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LTP_PATH", str(lt_install.parent))
    assert LocalLanguageTool.from_version_name(LT_VERSION).get_jar_path() == lt_install / SERVER_JAR


def test_install_without_java_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InstallError, match="Java not found") as caught:
        install(tmp_path / "lt", quiet=True)
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "lt").exists()


def test_install_without_maven_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    java = shutil.which("java")
    assert java is not None
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").symlink_to(java)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    with pytest.raises(InstallError, match="Maven") as caught:
        install(tmp_path / "lt", quiet=True)
    assert "\n" not in str(caught.value)


def test_maven_failure_shows_the_tail_of_its_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A local repository Maven cannot create: a real failure, before any download.
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("MAVEN_OPTS", f"{os.environ.get('MAVEN_OPTS', '')} -Dmaven.repo.local={blocker}/m2")
    with pytest.raises(InstallError) as caught:
        install(tmp_path / "lt", quiet=True)
    first, *tail = str(caught.value).splitlines()
    assert first.startswith(f"Maven could not fetch LanguageTool {LT_VERSION} (exit ")
    assert tail and any("ERROR" in line for line in tail)
    assert not list((tmp_path / "lt").glob("*/")), "a failed install left a directory behind"
