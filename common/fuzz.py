"""Schemathesis over the whole API, as every kind of caller (issue #12).

Used by ``common/tests/test_fuzz.py`` (bounded examples, in the suite) and by
``python -m common.fuzz`` (``make fuzz``: the full-size run by hand, against the development
databases). Both serve the project with the production server (``python -m config.serve``:
granian, as the runtime role), so what is fuzzed is what a deployment runs, its HTTP layer
included, and run the schemathesis CLI once per caller:

* anonymous, every operation;
* the regular user and the superuser (accounts bearer tokens), every operation;
* a MedSync Telegram user (``X-Telegram-Init-Data`` signed with the server's bot token), the
  medsync operations;
* a Matar user (Matar access token), the matar operations.

Checks: ``not_a_server_error``, ``response_schema_conformance``, ``status_code_conformance``,
``content_type_conformance``. Deliberate exceptions live in ``config/schemathesis.toml``,
each with its reason.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "config" / "schemathesis.toml"
CHECKS = "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance"
FUZZ_BOT_TOKEN = "1234567:medsync-fuzz-bot-token"
THROTTLE_SCOPES = ("LOGIN", "SIGNUP", "PASSWORD_RECOVERY", "OTP_SEND_PHONE", "OTP_SEND_ADDRESS")
TELEGRAM_USER = {"id": 777000111, "first_name": "Fuzz", "username": "fuzz_user"}


@dataclass
class Caller:
    name: str
    headers: dict
    include_path_regex: str | None = None
    exclude: list[str] | None = None  # operations ("METHOD /path") left out for this caller


class Server:
    """The production server (``config.serve``) serving the project on ``port`` with the given
    extra environment."""

    def __init__(self, port: int, env: dict, workers: int = 2):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        from django.conf import settings

        full_env = {
            **os.environ,
            # Development settings with DEBUG off (as the benchmark serves), signing tokens with
            # the keys of the process that made them.
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "SECRET_KEY": settings.SECRET_KEY,
            "MATAR_JWT_SECRET": settings.MATAR_JWT_SECRET,
            "DJANGO_DB_ROLE": "app",
            "HTTP_BIND": f"127.0.0.1:{port}",
            "HTTP_WORKERS": str(workers),
            "DEBUG": "false",
            "MEDSYNC_BOT_TOKEN": FUZZ_BOT_TOKEN,
            # Throttling is tested on its own (accounts/tests/test_throttling.py); here it
            # would turn most of the fuzzing of login and sign-up into 429s.
            **{f"THROTTLE_{scope}": "1000000/minute" for scope in THROTTLE_SCOPES},
            # Medsync's booking confirmation would call Telegram; nothing listens here.
            "MEDSYNC_TELEGRAM_API_URL": "http://127.0.0.1:9",
            **env,
        }
        # The error log goes to a file: a pipe nobody reads fills up and blocks the workers.
        self.log = tempfile.NamedTemporaryFile("w+", prefix="fuzz-server-", suffix=".log")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "config.serve"],
            cwd=ROOT,
            env=full_env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited: {self.read_log()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the server on port {port} did not start")

    def stop(self) -> str:
        """Stop the server; its error log (tracebacks of any 500) is returned."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.read_log()

    def read_log(self) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def signed_init_data(user: dict, token: str = FUZZ_BOT_TOKEN) -> str:
    from medsync import initdata

    fields = {"auth_date": str(int(dt.datetime.now(dt.UTC).timestamp())), "user": json.dumps(user)}
    return urlencode({**fields, "hash": initdata.sign(fields, token)})


def callers(*, user_email: str, superuser_email: str, password: str, matar_user_id: str) -> list[Caller]:
    """The five kinds of caller, with credentials valid for the databases in use."""
    from accounts.models import User
    from accounts.tokens import create_access_token as accounts_token
    from matar.tokens import create_access_token as matar_token

    user = User.objects.get(email=user_email)
    superuser = User.objects.get(email=superuser_email)
    return [
        Caller("anonymous", {}),
        # The regular user would delete themselves early and test the rest as a deleted user
        # (404 "User not found" everywhere): their own deletion is left to the other callers.
        Caller(
            "user", {"Authorization": f"Bearer {accounts_token(str(user.pk))}"}, exclude=["DELETE /api/v1/users/me/"]
        ),
        Caller("superuser", {"Authorization": f"Bearer {accounts_token(str(superuser.pk))}"}),
        Caller("medsync-initdata", {"X-Telegram-Init-Data": signed_init_data(TELEGRAM_USER)}, "^/medsync/"),
        Caller("matar-token", {"Authorization": f"Bearer {matar_token(matar_user_id)}"}, "^/matar/"),
    ]


def run_schemathesis(
    base_url: str,
    caller: Caller,
    *,
    max_examples: int,
    workers: int = 1,
    seed: int | None = None,
    phases: str = "examples,coverage,fuzzing",
):
    """One CLI run; returns ``(exit code, output)``.

    One client worker by default: with several, hypothesis builds ASTs in parallel threads and
    CPython 3.11.7 (this machine's) raises ``SystemError: AST constructor recursion depth
    mismatch`` (CPython gh-106905, fixed in 3.11.8), failing the run at random.

    The document is fetched anonymously first (a Matar token is no accounts credential, so
    the schema view would refuse it) and given to the CLI as a file."""
    with urllib.request.urlopen(f"{base_url}/api/schema/?format=json", timeout=60) as response:
        document = response.read()
    schema_file = tempfile.NamedTemporaryFile("wb", prefix="fuzz-schema-", suffix=".json")  # noqa: SIM115
    schema_file.write(document)
    schema_file.flush()
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(CONFIG),
        "run",
        schema_file.name,
        "--url",
        base_url,
        "--checks",
        CHECKS,
        "--phases",
        phases,
        "--max-examples",
        str(max_examples),
        "--workers",
        str(workers),
        "--request-timeout",
        "30",
        # A connection the client reuses can be reset under load (a worker restarting), which
        # is the client's network failure, not the API's.
        "--request-retries",
        "2",
        "--suppress-health-check",
        "all",
        "--no-color",
    ]
    if seed is not None:
        command += ["--seed", str(seed)]
    for name, value in caller.headers.items():
        command += ["--header", f"{name}: {value}"]
    for operation in caller.exclude or []:
        command += ["--exclude-name", operation]
    if caller.include_path_regex:
        command += ["--include-path-regex", caller.include_path_regex]
    with schema_file:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    return result.returncode, result.stdout + result.stderr


def summary(output: str) -> str:
    """The run's summary lines (operations, failures, test cases)."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if "SUMMARY" in line), max(len(lines) - 30, 0))
    return "\n".join(lines[start:])


def counts(output: str) -> dict:
    generated = re.search(r"(\d+) generated", output)
    failures = re.search(r"(\d+) (?:unique )?failures?", output)
    return {
        "generated": int(generated.group(1)) if generated else 0,
        "failures": 0 if "No issues found" in output or not failures else int(failures.group(1)),
    }


def main() -> None:
    """The full-size run by hand against the development databases (``make fuzz``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=int(os.environ.get("FUZZ_MAX_EXAMPLES", "100")))
    parser.add_argument("--port", type=int, default=int(os.environ.get("FUZZ_PORT", "8137")))
    parser.add_argument("--workers", type=int, default=1, help="schemathesis client workers (see run_schemathesis)")
    parser.add_argument("--caller", action="append", help="only these callers (default: all five)")
    args = parser.parse_args()

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DJANGO_DB_ROLE", "maintenance")
    django.setup()
    from django.conf import settings

    from matar.models import User as MatarUser

    matar_user = MatarUser.objects.order_by("pk").first()
    if matar_user is None:
        sys.exit("No Matar user: run `make demo` first.")
    who = callers(
        user_email=settings.FIRST_USER,
        superuser_email=settings.FIRST_SUPERUSER,
        password=settings.FIRST_USER_PASSWORD,
        matar_user_id=str(matar_user.pk),
    )
    failed = False
    with Server(args.port, {}) as server:
        for caller in [c for c in who if not args.caller or c.name in args.caller]:
            started = time.monotonic()
            code, output = run_schemathesis(server.url, caller, max_examples=args.max_examples, workers=args.workers)
            numbers = counts(output)
            report = ROOT / ".data" / "fuzz" / f"{caller.name}.txt"
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(output)
            print(
                f"== {caller.name}: exit {code}, {numbers['generated']} test cases, "
                f"{numbers['failures']} failures, {time.monotonic() - started:.0f} s",
                flush=True,
            )
            if code:
                failed = True
                print(summary(output))
                print(f"(full output: {report})")
        log = server.stop()
    if "Traceback" in log:
        print("Server tracebacks:\n" + log)
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
