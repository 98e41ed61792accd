"""The endpoints the benchmark drives, per app, with the identity they need.

``auth`` names a benchmark identity whose bearer token is sent (``"user"``: a regular
accounts user owning a page of items, ``"superuser"``, ``"matar"``: a Matar member of the
benchmark community); None means anonymous. ``target`` carries the
issue's numbers the report compares against; each holds in both connection modes
(keep-alive and ``Connection: close``). ``dataset`` names the data the endpoint is measured
on: ``generated`` (bench/datasets.py's large sets), ``real`` (the real catalogue seed from
``../shared`` alone, MedSync's ``seed_medsync_demo`` rows: 12 doctors).
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

#: MedSync's month parameter (0-11) of the benchmark's bookings, which start tomorrow.
BOOKED_MONTH = (datetime.now(UTC) + timedelta(days=1)).month - 1


@dataclass(frozen=True)
class Endpoint:
    app: str
    name: str
    path: str
    auth: str | None = None
    target: dict = field(default_factory=dict)
    dataset: str = "generated"


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
    Endpoint(
        "catalogue",
        "interlinkers (page of 50)",
        "/catalogue/api/v1/interlinkers?size=50",
        target={"min_rps": 75, "queries": 8},
    ),
    Endpoint(
        "catalogue",
        "interlinkers, search matching every generated row",
        "/catalogue/api/v1/interlinkers?size=50&search=bench",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "catalogue", "knowledge interlinkers", "/catalogue/api/v1/knowledgeinterlinkers?size=50", target={"p99_ms": 250}
    ),
    Endpoint(
        "catalogue", "software interlinkers", "/catalogue/api/v1/softwareinterlinkers?size=50", target={"p99_ms": 250}
    ),
    Endpoint("catalogue", "co-production schemas", "/catalogue/api/v1/coproductionschemas", target={"min_rps": 35}),
    Endpoint("catalogue", "problem profiles", "/catalogue/api/v1/problemprofiles", target={"p99_ms": 250}),
    Endpoint(
        "coproduction",
        "my processes",
        "/coproduction/api/v1/coproductionprocesses",
        auth="user",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "coproduction",
        "public processes (page)",
        "/coproduction/api/v1/coproductionprocesses/public",
        auth="user",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "coproduction",
        "a process tree",
        "/coproduction/api/v1/coproductionprocesses/{process}/tree",
        auth="user",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "coproduction",
        "a process's assets",
        "/coproduction/api/v1/coproductionprocesses/{process}/assets",
        auth="user",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "coproduction",
        "notification templates",
        "/coproduction/api/v1/notifications",
        auth="user",
        target={"p99_ms": 250},
    ),
    Endpoint("medsync", "doctors with ratings", "/medsync/api/doctors/", target={"p50_ms": 400}),
    Endpoint("medsync", "one doctor", "/medsync/api/doctors/1", target={"p50_ms": 20}),
    Endpoint("medsync", "specialties", "/medsync/api/specialties/", target={"p99_ms": 250}),
    Endpoint("medsync", "diagnostics with clinic counts", "/medsync/api/diagnostics/", target={"p99_ms": 250}),
    Endpoint("medsync", "a diagnostic's locations", "/medsync/api/diagnostics/1/locations", target={"p99_ms": 250}),
    Endpoint("medsync", "one location", "/medsync/api/locations/2"),
    Endpoint("medsync", "working hours", "/medsync/api/working_hours/2", target={"p99_ms": 250}),
    Endpoint(
        "medsync", "booked slots of a month", f"/medsync/api/slots/doctors/1/2/{BOOKED_MONTH}", target={"p99_ms": 250}
    ),
    Endpoint("medsync", "free slots (30 days)", "/medsync/api/free_slots/doctors/1/2", target={"p99_ms": 250}),
    Endpoint("matar", "languages", "/matar/api/v1/languages"),
    Endpoint("matar", "organizations", "/matar/api/v1/organizations", auth="matar", target={"p99_ms": 250}),
    Endpoint(
        "matar", "categories", "/matar/api/v1/categories?organization_id=BENCH1", auth="matar", target={"p99_ms": 250}
    ),
    Endpoint("matar", "activity types", "/matar/api/v1/activity_types", auth="matar", target={"p99_ms": 250}),
    Endpoint(
        "matar",
        "post feed (page of 10 questions with answers)",
        "/matar/api/v1/get_post?organization_id=BENCH1",
        auth="matar",
        target={"p99_ms": 250},
    ),
    Endpoint(
        "matar",
        "a user's activities",
        "/matar/api/v1/user_post_activities?organization_id=BENCH1",
        auth="matar",
        target={"p99_ms": 250},
    ),
    # Upstream's own data (issue 16): the real catalogue seed, MedSync's demo catalogue.
    Endpoint(
        "catalogue",
        "real seed: interlinkers (page of 50)",
        "/catalogue/api/v1/interlinkers?size=50",
        target={"min_rps": 120, "p99_ms": 250},
        dataset="real",
    ),
    Endpoint(
        "catalogue",
        "real seed: knowledge interlinkers",
        "/catalogue/api/v1/knowledgeinterlinkers?size=50",
        target={"p99_ms": 250},
        dataset="real",
    ),
    Endpoint(
        "catalogue",
        "real seed: co-production schemas",
        "/catalogue/api/v1/coproductionschemas",
        target={"min_rps": 60, "p99_ms": 250},
        dataset="real",
    ),
    Endpoint(
        "catalogue",
        "real seed: problem profiles",
        "/catalogue/api/v1/problemprofiles",
        target={"min_rps": 1000, "p99_ms": 250},
        dataset="real",
    ),
    Endpoint(
        "medsync",
        "demo: doctors (12)",
        "/medsync/api/doctors/",
        target={"min_rps": 1600, "p99_ms": 250},
        dataset="real",
    ),
    Endpoint(
        "medsync", "demo: one doctor", "/medsync/api/doctors/1", target={"min_rps": 1500, "p99_ms": 250}, dataset="real"
    ),
    Endpoint(
        "medsync",
        "demo: specialties",
        "/medsync/api/specialties/",
        target={"min_rps": 2300, "p99_ms": 250},
        dataset="real",
    ),
]
