"""The endpoints the benchmark drives, per app, with the identity they need.

``auth`` names a benchmark user (``"user"``: a regular user owning a page of items,
``"superuser"``) whose bearer token is sent; None means anonymous. ``target`` carries the
issue's numbers the report compares against.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Endpoint:
    app: str
    name: str
    path: str
    auth: str | None = None
    target: dict = field(default_factory=dict)


ENDPOINTS = [
    Endpoint("accounts", "health check", "/api/v1/utils/health-check/"),
    Endpoint(
        "accounts", "a user's items (page of 100)", "/api/v1/items/?limit=100", auth="user", target={"p99_ms": 250}
    ),
    Endpoint(
        "accounts",
        "superuser: all items (page of 100)",
        "/api/v1/items/?limit=100",
        auth="superuser",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "accounts",
        "superuser: users (page of 100)",
        "/api/v1/users/?limit=100",
        auth="superuser",
        target={"p99_ms": 250},
    ),
]
