"""The real Quartz as a test oracle: QuartzOracle.java compiled once (into a cache keyed by its
source), one JVM for the whole run, asked for fire times in line-delimited JSON.

Needs ``java`` and ``javac`` (11 or newer) and Quartz 2.3.2's jar with slf4j's API: Debian's
``libquartz2-java`` puts them in /usr/share/java; ``QUARTZ_JAR`` (and ``SLF4J_JAR``) point
elsewhere. `Oracle.start` raises `Unavailable`, saying what is missing, when it cannot run.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SOURCE = Path(__file__).with_name("QuartzOracle.java")
VERSION = "2.3.2"
SHARE = Path("/usr/share/java")
LIMIT_MS = 500  # one request's computing time in the JVM before it answers "timeout"
PATIENT_MS = 5000  # the same, to tell a slow answer from an endless search
_ANSWER_S = 60.0  # how long to wait for any answer before calling the JVM dead


class Unavailable(Exception):
    """The oracle cannot run here; the message says what is missing."""


@dataclass
class Answer:
    """What Quartz said: `status` ok, refused, crashed or timeout; the fire times (ms) it
    found; its message."""

    status: str
    fires: list[int] = field(default_factory=list)
    message: str = ""


def _jar(variable: str, names: tuple[str, ...], what: str) -> Path:
    given = os.environ.get(variable)
    if given:
        if not Path(given).is_file():
            raise Unavailable(f"{variable}={given} is not a file")
        return Path(given)
    for name in names:
        if (SHARE / name).is_file():
            return SHARE / name
    raise Unavailable(f"{what} not found (apt-get install libquartz2-java, or set {variable})")


def classpath_jars() -> list[Path]:
    """The Quartz jar, slf4j's API (CronTriggerImpl logs through it) and, when there, its
    no-op binding (else slf4j warns on standard error)."""
    jars = [
        _jar("QUARTZ_JAR", ("quartz2.jar", "quartz2-2.3.2.jar", "quartz.jar"), "Quartz 2's jar"),
        _jar("SLF4J_JAR", ("slf4j-api.jar",), "slf4j-api.jar"),
    ]
    if (SHARE / "slf4j-nop.jar").is_file():
        jars.append(SHARE / "slf4j-nop.jar")
    return jars


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    root = Path(base) / "backupviewer-tests" / "quartz-oracle"
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError:
        root = Path(tempfile.gettempdir()) / f"backupviewer-quartz-oracle-{os.getuid()}"
        root.mkdir(parents=True, exist_ok=True)
    return root


def compiled(jars: list[Path]) -> Path:
    """The folder of the compiled program, compiling it the first time its source is seen."""
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()[:16]
    target = _cache_root() / digest
    if (target / "QuartzOracle.class").is_file():
        return target
    javac = shutil.which("javac")
    if javac is None:
        raise Unavailable("javac not found (apt-get install default-jdk-headless)")
    building = Path(tempfile.mkdtemp(prefix="building-", dir=target.parent))
    command = [javac, "--release", "11", "-nowarn", "-encoding", "UTF-8"]
    command += ["-cp", os.pathsep.join(map(str, jars)), "-d", str(building), str(SOURCE)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        shutil.rmtree(building, ignore_errors=True)
        raise Unavailable(f"javac failed: {done.stderr.strip()[-2000:]}")
    try:
        building.rename(target)  # another run may have won the race: its copy is as good
    except OSError:
        shutil.rmtree(building, ignore_errors=True)
    return target


class Oracle:
    """One JVM answering requests; started again if it had to quit (a thread it could not
    stop). `max_year` is Quartz's horizon there (CronExpression.MAX_YEAR)."""

    def __init__(self, limit_ms: int = LIMIT_MS) -> None:
        self.limit_ms = limit_ms
        self.max_year = 0
        self.version = ""
        self.requests = 0
        self._process: subprocess.Popen[str] | None = None
        self._command: list[str] = []
        self._next_id = 0
        self._errors: Any = None
        self._lines: queue.Queue[str] = queue.Queue()

    def start(self) -> Oracle:
        java = shutil.which("java")
        if java is None:
            raise Unavailable("java not found (apt-get install default-jdk-headless)")
        jars = classpath_jars()
        folder = compiled(jars)
        classpath = os.pathsep.join(map(str, [folder, *jars]))
        self._command = [
            java,
            "-Duser.timezone=UTC",
            "-Duser.language=en",
            "-Duser.country=US",
            "-Xshare:auto",
            "-cp",
            classpath,
            "QuartzOracle",
            str(self.limit_ms),
        ]
        hello = self._ask({"op": "hello"})
        self.version, self.max_year = str(hello["version"]), int(hello["max_year"])
        if self.version != VERSION:
            raise Unavailable(f"Quartz {self.version} found, the server runs {VERSION}")
        return self

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.stdin.close()  # type: ignore[union-attr]
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def cron(
        self,
        expression: str,
        offset_ms: int,
        start: int | None,
        end: int | None,
        after: int,
        count: int,
        limit_ms: int | None = None,
    ) -> Answer:
        """A CronTriggerImpl's fire times after `after` (floored to the second: see the Java)."""
        request = {"op": "cron", "expr": expression, "offset": offset_ms, "start": start}
        request |= {"end": end, "after": after // 1000 * 1000, "count": count, "limit": limit_ms}
        return self._fires(request)

    def simple(
        self,
        start: int,
        end: int | None,
        interval_ms: int,
        repeat: int,
        after: int,
        count: int,
        limit_ms: int | None = None,
    ) -> Answer:
        """A SimpleTriggerImpl's fire times after `after`."""
        request = {"op": "simple", "offset": 0, "start": start, "end": end, "limit": limit_ms}
        request |= {"interval": interval_ms, "repeat": repeat, "after": after, "count": count}
        return self._fires(request)

    def _fires(self, request: dict[str, Any]) -> Answer:
        said = self._ask(request)
        return Answer(
            str(said["status"]), list(said.get("fires", [])), str(said.get("message", ""))
        )

    def _ask(self, request: dict[str, Any]) -> dict[str, Any]:
        process = self._running()
        self._next_id += 1
        self.requests += 1
        request = {"id": self._next_id, **request}
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        deadline = time.monotonic() + _ANSWER_S
        try:
            line = self._lines.get(timeout=_ANSWER_S)
        except queue.Empty:
            line = ""
        except BaseException:  # a test's timeout: its answer would be taken for the next one's
            self.close()
            raise
        if not line:
            self.close()
            waited = _ANSWER_S - max(0.0, deadline - time.monotonic())
            raise RuntimeError(
                f"the Quartz oracle gave no answer to {request} ({waited:.0f} s): {self.errors()}"
            )
        answer: dict[str, Any] = json.loads(line)
        if answer.get("id") != self._next_id or answer.get("status") == "error":
            raise RuntimeError(f"the Quartz oracle answered {answer} to {request}")
        if answer.get("restart"):  # it quits to shed a thread it could not stop
            process.wait(timeout=_ANSWER_S)
            self._process = None
        return answer

    def _running(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            # kept open as long as the JVM writes to it
            self._errors = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115
            try:
                self._process = subprocess.Popen(
                    self._command,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=self._errors,
                    text=True,
                    encoding="utf-8",
                    bufsize=1,
                )
            except OSError as exc:
                raise Unavailable(f"java could not start: {exc}") from exc
            self._lines = queue.Queue()
            reader = threading.Thread(target=_read_lines, args=(self._process, self._lines))
            reader.daemon = True
            reader.start()
        return self._process

    def errors(self) -> str:
        """What the JVM wrote on standard error (the end of it)."""
        self._errors.seek(0)
        return self._errors.read()[-2000:]


def _read_lines(process: subprocess.Popen[str], lines: queue.Queue[str]) -> None:
    """Hands the JVM's answers over line by line ("" when it has ended)."""
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line)
    lines.put("")
