"""The HTTP server models the benchmark can serve the project with, and a side-by-side comparison.

    python -m bench.servers --port 8400 --seconds 3 --rounds 3   # table on stdout (Markdown)

``MODELS`` names each candidate's command; ``production`` is the one ``docs/deployment.md``
runs (``python -m config.serve``). The comparison serves the
database in the environment (``DATABASE_URL``/``DATABASE_NAME``, with the demo data:
``make demo``) with each model in turn, 2 workers, and drives the same endpoints with wrk,
keep-alive and ``Connection: close``; the order of the models alternates between rounds and
the median of the rounds is reported, so every model meets the same background load. A last
row sends every endpoint in turn on the same connections (a slow answer holding a worker
shows in the others' latency); ``--extra NAME=PATH`` adds endpoints, e.g. the heavy ones of
the benchmark's datasets (``DATABASE_NAME`` of a database ``bench.build`` filled):

    python -m bench.servers --models granian granian-2-threads production \
        --extra "doctors (2,000)=/medsync/api/doctors/" --extra "free slots=/medsync/api/free_slots/doctors/1/2"
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
HEALTH_CHECK = "/api/v1/utils/health-check/"


def gunicorn(worker_class: str, threads: int):
    def command(port: int, workers: int) -> list[str]:
        return [
            *(PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"),
            *("--workers", str(workers), "--worker-class", worker_class, "--threads", str(threads), "config.wsgi"),
        ]

    return command


def granian(threads: int):
    def command(port: int, workers: int) -> list[str]:
        return [
            *(str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port)),
            *("--workers", str(workers), "--blocking-threads", str(threads), "--log-level", "warning"),
            "config.wsgi:application",
        ]

    return command


def uvicorn(port: int, workers: int) -> list[str]:
    return [
        *(PYTHON, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)),
        *("--workers", str(workers), "--log-level", "warning", "--no-access-log"),
    ]


#: name -> command(port, workers). ``production`` is ``python -m config.serve`` (granian, WSGI,
#: one thread a worker: chosen by this comparison, docs/benchmarks-analysis.md);
#: ``gunicorn-sync`` is the server before issue 16, ``gunicorn-gthread`` and ``granian-threads``
#: run 4 threads a worker, ``granian`` one; ``uvicorn-asgi`` serves config.asgi (HTTP and
#: WebSockets) with uvloop and httptools.
MODELS = {
    "production": lambda port, workers: [
        *("env", f"HTTP_BIND=127.0.0.1:{port}", f"HTTP_WORKERS={workers}"),
        *(PYTHON, "-m", "config.serve"),
    ],
    "gunicorn-sync": gunicorn("sync", 1),
    "gunicorn-gthread": gunicorn("gthread", 4),
    "granian": granian(1),
    "granian-2-threads": granian(2),
    "granian-threads": granian(4),
    "uvicorn-asgi": uvicorn,
}


class Server:
    """One server model serving the project on ``port`` with ``env``, until ``stop()``."""

    def __init__(self, model: str, port: int, workers: int, env: dict):
        self.url = f"http://127.0.0.1:{port}"
        self.model = model
        command = MODELS[model](port, workers)
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdin=subprocess.DEVNULL)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + HEALTH_CHECK, timeout=2)
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{model} on port {port} did not start")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


#: The comparison's endpoints: on the demo data (``make demo``).
COMPARED = [
    ("health check", HEALTH_CHECK),
    ("MedSync one doctor", "/medsync/api/doctors/1"),
    ("MedSync doctors (demo)", "/medsync/api/doctors/"),
    ("MedSync specialties", "/medsync/api/specialties/"),
    ("catalogue problem profiles", "/catalogue/api/v1/problemprofiles"),
]


MIXED = "mixed: every endpoint above, in turn"


def mixed_script(paths: list[str]) -> str:
    """A wrk script sending ``paths`` in turn, as a deployment sees its endpoints interleaved:
    a slow answer holding a worker shows in the others' latency."""
    from bench.run import MIXED_SCRIPT

    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
    with script:
        script.write(MIXED_SCRIPT % (", ".join(json.dumps(path) for path in paths), ", ".join('""' for _ in paths)))
    return script.name


def compare(models: list[str], port: int, seconds: int, rounds: int, workers: int, compared=COMPARED) -> dict:
    from bench.run import wrk

    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    env.setdefault("DEBUG", "false")
    env.setdefault("DJANGO_DB_ROLE", "app")
    env["PYTHONPATH"] = str(ROOT)
    results: dict = {}
    for round_number in range(rounds):
        order = models if round_number % 2 == 0 else list(reversed(models))
        for model in order:
            print(f"[servers] round {round_number + 1}: {model}", file=sys.stderr, flush=True)
            server = Server(model, port, workers, env)
            script = mixed_script([path for _, path in compared])
            try:
                for name, path in [*compared, (MIXED, "/")]:
                    for close in (False, True):
                        options = {"close": close, "script": script if name == MIXED else None}
                        wrk(server.url + path, 1, **options)  # warm-up
                        result = wrk(server.url + path, seconds, **options)
                        results.setdefault((model, name, close), []).append(result)
            finally:
                server.stop()
                os.unlink(script)
    return {
        key: {metric: statistics.median(run[metric] for run in runs) for metric in ("rps", "p99_ms", "errors")}
        for key, runs in results.items()
    }


def markdown(models: list[str], medians: dict, compared=COMPARED) -> str:
    header = "| endpoint | mode | " + " | ".join(models) + " |"
    lines = [header, "|---|---|" + "---|" * len(models)]
    for name in [name for name, _ in compared] + [MIXED]:
        for close in (False, True):
            cells = []
            for model in models:
                result = medians[(model, name, close)]
                errors = f", {result['errors']:.0f} errors" if result["errors"] else ""
                cells.append(f"{result['rps']:,.0f} req/s (p99 {result['p99_ms']:.0f} ms{errors})")
            lines.append(f"| {name} | {'close' if close else 'keep-alive'} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8100")))
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--models", nargs="+", default=[name for name in MODELS if name != "production"])
    parser.add_argument(
        "--extra", action="append", default=[], metavar="NAME=PATH", help="another anonymous endpoint, repeatable"
    )
    options = parser.parse_args()
    compared = COMPARED + [tuple(extra.split("=", 1)) for extra in options.extra]
    medians = compare(options.models, options.port, options.seconds, options.rounds, options.workers, compared)
    print(markdown(options.models, medians, compared))


if __name__ == "__main__":
    main()
