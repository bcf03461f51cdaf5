"""A percentile of numbers that keep coming, kept up to date in O(log n) per number."""

from __future__ import annotations

import heapq
import math

PERCENTILE = 0.9


class RunningPercentile:
    """The nearest-rank `PERCENTILE` of a growing set of numbers, in O(log n) per number: the
    lower heap holds the smallest ceil(p·n) (negated, so its top is their largest)."""

    def __init__(self, ascending: list[int]) -> None:
        keep = self._kept(len(ascending))
        self._low = [-value for value in ascending[:keep]]
        heapq.heapify(self._low)
        self._high = ascending[keep:]  # ascending: already a heap
        self.count = len(ascending)

    @staticmethod
    def _kept(count: int) -> int:
        return math.ceil(PERCENTILE * count)

    def value(self) -> int:
        return -self._low[0]

    def add(self, value: int) -> None:
        if self._low and value <= -self._low[0]:
            heapq.heappush(self._low, -value)
        else:
            heapq.heappush(self._high, value)
        self.count += 1
        keep = self._kept(self.count)
        while len(self._low) > keep:
            heapq.heappush(self._high, -heapq.heappop(self._low))
        while len(self._low) < keep:
            heapq.heappush(self._low, -heapq.heappop(self._high))
