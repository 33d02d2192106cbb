"""Typed errors of the platform link: unreachable, rejected (with problem code), server fault."""
from __future__ import annotations

from kiosk.platform_link.problem import Problem


class PlatformError(Exception):
    """Base of every platform-link error; `transient` says whether a later retry may succeed."""

    transient = False


class PlatformUnreachable(PlatformError):
    """No answer: connection refused, DNS, TLS, timeout or a dropped connection (after retries)."""

    transient = True

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"platform unreachable at {url}: {reason}")


class PlatformRejected(PlatformError):
    """The platform answered 4xx with a problem; `code` is the spec's stable code."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.code, self.status, self.detail = problem.code, problem.status, problem.detail
        # a bad signature, a skewed clock or rate limiting is about the kiosk, not the item
        self.transient = problem.status in (401, 408, 429)
        super().__init__(f"platform rejected the request: {self.status} {self.code}"
                         + (f" ({self.detail})" if self.detail else ""))


class PlatformFault(PlatformError):
    """The platform answered 5xx (after retries where retrying was safe)."""

    transient = True

    def __init__(self, problem: Problem) -> None:
        self.problem, self.status, self.code = problem, problem.status, problem.code
        super().__init__(f"platform fault: {problem.status} {problem.code}"
                         + (f" ({problem.detail})" if problem.detail else ""))


class PlatformProtocolError(PlatformError):
    """A 2xx answer that does not match the interface (not JSON, a field missing or mistyped)."""

    def __init__(self, endpoint: str, reason: str) -> None:
        self.endpoint, self.reason = endpoint, reason
        super().__init__(f"unexpected answer from {endpoint}: {reason}")
