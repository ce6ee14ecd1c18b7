"""Token buckets: how many requests a caller may make now, refilled at a steady rate.

A bucket holds up to `burst` tokens and gains `rate` per second; a request takes one, or is
refused with the wait until one is back. The buckets live in this process's memory: with
several workers or replicas each counts its own share, so the effective limit is the
configured one times the processes behind the balancer (the README says so).
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

MAX_CALLERS = 100_000  # the least recently seen forget their bucket (it restarts full)


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    remaining: int  # whole requests left now
    reset: int  # seconds until the bucket is full again
    retry_after: int  # seconds until one request is allowed (0 when allowed)


class TokenBuckets:
    """One bucket per key; safe to share between threads (Flask) and tasks (ASGI)."""

    def __init__(
        self,
        *,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = MAX_CALLERS,
    ) -> None:
        self.rate, self.burst = rate, burst
        self._clock, self._max_keys = clock, max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> Verdict:
        with self._lock:
            now = self._clock()
            tokens, then = self._buckets.pop(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[key] = (tokens, now)
            if len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
        return Verdict(
            allowed=allowed,
            remaining=math.floor(tokens),
            reset=math.ceil((self.burst - tokens) / self.rate),
            retry_after=0 if allowed else max(1, math.ceil((1.0 - tokens) / self.rate)),
        )

    @property
    def window(self) -> int:
        """Seconds an empty bucket takes to fill: the policy's window."""
        return math.ceil(self.burst / self.rate)
