"""A percentile of numbers that keep coming, kept up to date as each comes."""

from __future__ import annotations

import bisect
import heapq
import math

PERCENTILE = 0.9
_LIST_UP_TO = 20_000
"""Up to this many numbers are kept in one sorted list (an insertion moves memory in C, cheap
while the list is short); beyond, in two heaps (O(log n) each, but in Python)."""


class RunningPercentile:
    """The nearest-rank `PERCENTILE` of a growing set of numbers. In heaps, the lower one
    holds the smallest ceil(p·n) (negated, so its top is their largest)."""

    def __init__(self, ascending: list[int]) -> None:
        self.count = len(ascending)
        self._sorted: list[int] | None = None
        if self.count <= _LIST_UP_TO:
            self._sorted = list(ascending)
            return
        self._to_heaps(ascending)

    def value(self) -> int:
        if self._sorted is not None:
            return self._sorted[self._kept(self.count) - 1]
        return -self._low[0]

    def add(self, value: int) -> None:
        self.count += 1
        if self._sorted is not None:
            bisect.insort(self._sorted, value)
            if self.count > _LIST_UP_TO:
                self._to_heaps(self._sorted)
                self._sorted = None
            return
        if self._low and value <= -self._low[0]:
            heapq.heappush(self._low, -value)
        else:
            heapq.heappush(self._high, value)
        keep = self._kept(self.count)
        while len(self._low) > keep:
            heapq.heappush(self._high, -heapq.heappop(self._low))
        while len(self._low) < keep:
            heapq.heappush(self._low, -heapq.heappop(self._high))

    def _to_heaps(self, ascending: list[int]) -> None:
        keep = self._kept(len(ascending))
        self._low = [-value for value in ascending[:keep]]
        heapq.heapify(self._low)
        self._high = ascending[keep:]  # ascending: already a heap

    @staticmethod
    def _kept(count: int) -> int:
        return math.ceil(PERCENTILE * count)
