"""Lists in words: values (``1, 3 and 7``), phrases (``a, b and c``), and the step of an
arithmetic sequence (what says "every 3")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from backupviewer.core.words import translate


def join_words(words: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(words) <= 1:
        return "".join(words)
    head = translate("QuartzWords", ", ").join(words[:-1])
    return translate("QuartzWords", "{first} and {last}").format(first=head, last=words[-1])


def join_values(values: Iterable[object]) -> str:
    """Numbers, times of day or names as a list of values (not words of a sentence): ``1``,
    ``1 and 15``, ``09:00, 12:00 and 18:00``."""
    texts = [str(value) for value in values]
    if len(texts) <= 1:
        return "".join(texts)
    joined = texts[0]
    for text in texts[1:-1]:
        joined = translate("QuartzWords", "{numbers}, {number}").format(numbers=joined, number=text)
    return translate("QuartzWords", "{numbers} and {last}").format(numbers=joined, last=texts[-1])


def progression(values: Sequence[int]) -> int | None:
    """The common step of an arithmetic sequence of at least two values, else None."""
    if len(values) < 2:
        return None
    step = values[1] - values[0]
    if all(b - a == step for a, b in pairwise(values)):
        return step
    return None
