"""Fetch a pinned LanguageTool with Maven into the layout language-tool-python expects.

LanguageTool's own download site is not always reachable, but Maven Central is, so
`pom.xml` names the server and English modules and Maven copies every jar they need into
`libs/`. A tiny `languagetool-server.jar` (nothing but a manifest whose Class-Path lists
`libs/*.jar`) makes the directory look like an unpacked LanguageTool release:

    lt_home()/LanguageTool-<LT_VERSION>/languagetool-server.jar
    lt_home()/LanguageTool-<LT_VERSION>/libs/*.jar

The `LanguageTool-<version>` name is what language-tool-python looks for, so with
`LTP_PATH=lt_home()` its own `LanguageTool(language_tool_download_version=LT_VERSION)` runs
this copy instead of downloading one.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from copydesk.languagetool.paths import file_lock, lt_home

POM = Path(__file__).with_name("pom.xml")
SERVER_JAR = "languagetool-server.jar"
MAIN_CLASS = "org.languagetool.server.HTTPServer"
MIN_JAVA = 17  # LanguageTool 6.x is compiled for Java 17
MAVEN_TIMEOUT = 900.0  # seconds; a cold fetch is about 100 MB
_TAIL_LINES = 12


def _pinned_version() -> str:
    """The `lt.version` property of pom.xml: the one place the version is written."""
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    version = ET.parse(POM).findtext("m:properties/m:lt.version", namespaces=namespace)
    if not version:
        raise RuntimeError(f"{POM} does not set <lt.version>")
    return version.strip()


LT_VERSION = _pinned_version()


class InstallError(RuntimeError):
    """LanguageTool could not be installed; `str()` is a one-line reason (plus Maven's tail)."""


def jar_dir(home: Path | None = None) -> Path:
    """The directory holding languagetool-server.jar and libs/ (it may not exist yet)."""
    return (home or lt_home()) / f"LanguageTool-{LT_VERSION}"


def is_installed(home: Path | None = None) -> bool:
    """True if the pinned version is installed (the directory only appears when complete)."""
    return (jar_dir(home) / SERVER_JAR).is_file()


def install(home: Path | None = None, *, quiet: bool = False) -> Path:
    """Install LanguageTool LT_VERSION under `home` (default `lt_home()`); return `jar_dir()`.

    Instant when already installed. Otherwise builds in a temporary sibling directory and
    renames it into place, under a lock, so concurrent or interrupted installs never leave
    a half-built directory behind. Unless `quiet`, says on stderr that it is downloading.
    Raises InstallError when Java or Maven is missing or Maven fails.
    """
    target = jar_dir(home)
    if is_installed(home):
        return target
    _check_java()
    mvn = shutil.which("mvn")
    if mvn is None:
        raise InstallError(
            "Maven (mvn) not found on PATH: copydesk uses it to fetch LanguageTool (e.g. `apt install maven`)"
        )
    with file_lock(target.parent / ".install.lock"):
        if is_installed(home):
            return target
        if not quiet:
            print(
                f"copydesk: fetching LanguageTool {LT_VERSION} with Maven into {target} "
                "(about 100 MB, first time only)...",
                file=sys.stderr,
            )
        build = Path(tempfile.mkdtemp(prefix=".install-", dir=target.parent))
        try:
            _fetch_libs(mvn, build)
            _write_server_jar(build)
            build.chmod(0o755)  # mkdtemp made it private; the install is not
            if target.exists():  # a broken leftover: is_installed() said no
                shutil.rmtree(target)
            build.rename(target)
        finally:
            shutil.rmtree(build, ignore_errors=True)
    return target


def _check_java() -> None:
    """Raise InstallError unless `java` on PATH is at least MIN_JAVA."""
    java = shutil.which("java")
    if java is None:
        raise InstallError(
            f"Java not found on PATH: LanguageTool needs Java {MIN_JAVA} or newer "
            f"(e.g. `apt install openjdk-{MIN_JAVA}-jre-headless`)"
        )
    result = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    found = re.search(r'version "(\d+)(?:\.(\d+))?', result.stderr + result.stdout)
    if found is None:
        raise InstallError(f"could not tell which Java {java} is: `java -version` said nothing usable")
    major = int(found[1]) if found[1] != "1" else int(found[2] or 0)  # "1.8.0" is Java 8
    if major < MIN_JAVA:
        raise InstallError(f"LanguageTool needs Java {MIN_JAVA} or newer; {java} is Java {major}")


def _fetch_libs(mvn: str, build: Path) -> None:
    """Have Maven copy every runtime jar of pom.xml into build/libs."""
    pom = build / "pom.xml"
    shutil.copyfile(POM, pom)  # Maven may write next to the pom; keep the package clean
    command = [
        mvn,
        "-B",
        "-q",
        "-Dstyle.color=never",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        f"-DoutputDirectory={build / 'libs'}",
    ]
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=MAVEN_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise InstallError(f"Maven took over {MAVEN_TIMEOUT:.0f} s to fetch LanguageTool; gave up") from exc
    jars = list((build / "libs").glob("*.jar"))
    if result.returncode != 0 or not jars:
        raise InstallError(
            f"Maven could not fetch LanguageTool {LT_VERSION} (exit {result.returncode}); "
            "last lines of its output:\n" + _maven_tail(result.stdout + result.stderr)
        )


# Maven's closing advice, the same after every failure: not worth a line of the tail.
_MAVEN_BOILERPLATE = re.compile(
    r"^\[ERROR\]\s*$|-e switch|-X switch|For more information about the errors|^\[ERROR\] \[Help \d+\]"
)


def _maven_tail(output: str) -> str:
    """The last meaningful lines of Maven's output, colour codes removed, indented."""
    lines = [
        line
        for line in re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines()
        if line.strip() and not _MAVEN_BOILERPLATE.search(line)
    ]
    return "\n".join(f"  {line}" for line in lines[-_TAIL_LINES:]) or "  (no output)"


def _write_server_jar(build: Path) -> None:
    """Write build/languagetool-server.jar: a manifest whose Class-Path is libs/*.jar."""
    class_path = " ".join(urllib.parse.quote(f"libs/{jar.name}") for jar in sorted((build / "libs").glob("*.jar")))
    manifest = manifest_bytes(
        {
            "Manifest-Version": "1.0",
            "Created-By": "copydesk",
            "Implementation-Version": LT_VERSION,
            "Main-Class": MAIN_CLASS,
            "Class-Path": class_path,
        }
    )
    with zipfile.ZipFile(build / SERVER_JAR, "w", zipfile.ZIP_DEFLATED) as jar:
        jar.writestr("META-INF/MANIFEST.MF", manifest)


def manifest_bytes(headers: dict[str, str]) -> bytes:
    """A JAR manifest main section: each header wrapped at 72 bytes, continuations led by a space."""
    lines = []
    for name, value in headers.items():
        line = f"{name}: {value}".encode()
        lines.append(line[:72])
        lines.extend(b" " + line[i : i + 71] for i in range(72, len(line), 71))
    return b"\r\n".join(lines) + b"\r\n\r\n"
