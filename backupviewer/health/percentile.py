"""The percentile of the last numbers of a series, kept up to date as each comes."""

from __future__ import annotations

import bisect
import math
from collections import deque
from collections.abc import Iterable

PERCENTILE = 0.9


class SlidingPercentile:
    """The nearest-rank `PERCENTILE` of the last `size` numbers added (all of them while
    there are fewer): the numbers in arrival order and once more sorted, so that adding
    one moves at most `size` pointers, in C."""

    def __init__(self, size: int, first: Iterable[int] = ()) -> None:
        self._size = size
        self._arrived: deque[int] = deque()
        self._sorted: list[int] = []
        for value in first:
            self.add(value)

    @property
    def count(self) -> int:
        return len(self._sorted)

    def value(self) -> int:
        """The percentile (an `IndexError` while there is no number)."""
        return self._sorted[math.ceil(PERCENTILE * len(self._sorted)) - 1]

    def add(self, value: int) -> None:
        self._arrived.append(value)
        bisect.insort(self._sorted, value)
        if len(self._arrived) > self._size:
            gone = self._arrived.popleft()
            del self._sorted[bisect.bisect_left(self._sorted, gone)]
