"""The API-wide rate limit, decided without a framework: two token buckets per request.

Every request under /api/ takes a token from its client address's bucket and, when that
passes and the request carries this auth style's credential, from that credential's bucket
(kept by a digest, never the secret). The address bucket is the larger one: it bounds a
client that invents a new credential per request, while the caller's bucket is shared by
every address it uses.
Answers carry `RateLimit` and `RateLimit-Policy` (IETF httpapi draft); a refusal is a 429
problem with `Retry-After`. Health probes and the documents are never limited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..core import instruments
from ..core.config import RateLimitSettings
from ..core.rate_limit import TokenBuckets
from .challenge import CALLER_COOKIES, CALLER_HEADER
from .http_rules import Refusal

LIMITED_PREFIX = "/api/"
RATE_LIMITED = Refusal(
    429, "rate_limited", "Too many requests: retry after the seconds in Retry-After."
)
Headers = list[tuple[str, str]]
Lookup = Callable[[str], str | None]  # a request header by lowercase name


class RateLimit:
    def __init__(self, settings: RateLimitSettings) -> None:
        self.enabled = settings.enabled
        self.addresses = TokenBuckets(rate=settings.address_rate, burst=settings.address_burst)
        self.callers = TokenBuckets(rate=settings.caller_rate, burst=settings.caller_burst)

    def applies(self, path: str) -> bool:
        return self.enabled and path.startswith(LIMITED_PREFIX)

    def check(self, header: Lookup, address: str) -> tuple[bool, Headers]:
        """Whether the request may pass, and the headers its answer carries either way."""
        taken = [("address", self.addresses, self.addresses.take(address))]
        if taken[0][2].allowed and (credential := credential_of(header)):
            digest = hashlib.sha256(credential.encode()).hexdigest()
            taken.append(("caller", self.callers, self.callers.take(digest)))
        policy = ", ".join(f'"{name}";q={b.burst};w={b.window}' for name, b, _ in taken)
        name, _, tightest = min(taken, key=lambda entry: entry[2].remaining)
        refused = [verdict for _, _, verdict in taken if not verdict.allowed]
        headers = [
            ("ratelimit-policy", policy),
            ("ratelimit", f'"{name}";r={tightest.remaining};t={tightest.reset}'),
        ]
        if not refused:
            return True, headers
        instruments.RATE_LIMITED.labels("api").inc()
        wait = max(verdict.retry_after for verdict in refused)
        return False, [*headers, ("retry-after", str(wait))]


def credential_of(header: Lookup) -> str | None:
    """The credential this auth style reads, valid or not; None without one.

    Read as loosely as authentication reads it, so a variant of one credential is the same
    caller: the header's last word (`Bearer`'s case and spacing aside), the session cookie
    among any others, malformed ones included. One linear pass: no cookie parser to stall.
    """
    if CALLER_HEADER and (value := header(CALLER_HEADER)):
        words = value.split()
        return words[-1] if words else None
    cookies = header("cookie") if CALLER_COOKIES else None
    found = []
    for pair in (cookies or "").split(";"):
        name, _, value = pair.partition("=")
        if name.strip() in CALLER_COOKIES:
            found.append(value.strip().strip('"'))
    return "|".join(found) or None
