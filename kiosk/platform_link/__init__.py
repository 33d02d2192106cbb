"""The kiosk's link to the government service platform: signed client, typed results and errors.

Public API: PlatformClient, ENDPOINTS, sign_request, parse_problem, and the error classes.
"""
from kiosk.platform_link.client import ENDPOINTS, PlatformClient
from kiosk.platform_link.errors import (PlatformError, PlatformFault, PlatformProtocolError,
                                        PlatformRejected, PlatformUnreachable)
from kiosk.platform_link.problem import Problem, parse_problem
from kiosk.platform_link.signing import canonical_string, sign_request, signed_headers

__all__ = ["PlatformClient", "ENDPOINTS", "PlatformError", "PlatformFault", "PlatformProtocolError",
           "PlatformRejected", "PlatformUnreachable", "Problem", "parse_problem",
           "canonical_string", "sign_request", "signed_headers"]
