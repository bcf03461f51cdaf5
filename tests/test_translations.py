"""The Chinese catalogue: every text of the code translated, its values kept, compiled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402

TS = ROOT / "resources" / "translations" / "backupviewer_zh_CN.ts"
_VALUES = re.compile(r"\{[^{}]*\}|%\d|<[^<>]+>")
"""What a translation must keep: ``{count:,}`` placeholders, ``%1`` markers, HTML tags."""
_PADDING = re.compile(r"\{(\w+):0?\d*d\}")
"""A number padded with zeros (``{minutes:02d}``): a translation may write it unpadded, as
Chinese does (``1 小时 5 分``, not ``1 小时 05 分``)."""


_ALTERNATIVES = {
    ("QuartzWords", "{count} days before the last day"): {"{count}": "{from_end}"},
}
"""Messages whose code fills in a value more than the English uses, which a translation may
use instead: Chinese counts "L-3" from the end (倒数第 4 天)."""


def values(text: str) -> list[str]:
    """The values of `text` a translation must keep, padding aside, in order."""
    return sorted(_PADDING.sub(r"{\1}", value) for value in _VALUES.findall(text))


def messages(ts: Path) -> list[tuple[str, str, ElementTree.Element]]:
    """(context, source, translation element) of every message of a .ts file."""
    found = []
    for context in ElementTree.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found.append((name, message.findtext("source") or "", translation))
    return found


def test_every_text_has_a_chinese_translation_with_its_values() -> None:
    found = messages(TS)
    assert len(found) > 300
    missing = [
        (context, source)
        for context, source, translation in found
        if translation.get("type") in ("unfinished", "vanished", "obsolete")
        or not (translation.text or "").strip()
    ]
    assert missing == []
    changed = [
        (context, source, translation.text)
        for context, source, translation in found
        if values(source) != values(translation.text or "")
        and values(source) != values(_alternative(context, source, translation.text or ""))
    ]
    assert changed == []


def test_the_catalogue_holds_every_text_of_the_code(tmp_path: Path) -> None:
    """A text added to the code without a translation makes this fail: run
    ``python packaging/translations.py`` and translate it."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    translations.update(copy)
    assert [(c, s) for c, s, t in messages(copy) if t.get("type") == "unfinished"] == []
    assert len(messages(copy)) == len(messages(TS))  # and none that the code no longer has


def test_the_compiled_catalogue_is_up_to_date(tmp_path: Path) -> None:
    compiled = tmp_path / "fresh.qm"
    translations.release(TS, compiled)
    assert compiled.read_bytes() == TS.with_suffix(".qm").read_bytes(), (
        "run python packaging/translations.py"
    )


@pytest.mark.parametrize("name", ["lupdate", "lrelease"])
def test_the_tools_come_with_pyside6(name: str) -> None:
    found = subprocess.run([translations.tool(name), "-version"], capture_output=True, text=True)
    assert found.returncode == 0


def _alternative(context: str, source: str, text: str) -> str:
    """`text` with the values `_ALTERNATIVES` allows for this message put back as the
    source's own."""
    for value, instead in _ALTERNATIVES.get((context, source), {}).items():
        text = text.replace(instead, value)
    return text
