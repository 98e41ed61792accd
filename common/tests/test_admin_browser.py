"""The admin in a real browser: Debian's Chromium driven by Playwright, as a data-entry person.

The demo data is loaded, the project is served on a live server thread (as the runtime
database role, like production), and the browser logs in through the login form, opens
every model's list, add and change page, and submits one form per app; the result is then
read from PostgreSQL. No page may answer 500, raise a JavaScript error, show an object repr
("object at 0x", "DatabaseDefault") or render a select with more than 100 options.

Chromium comes from Debian's packages (``make test`` installs it); it is never downloaded.
Without it the test is skipped, except under CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import call_command
from django.db import connections
from django.test.testcases import LiveServerThread

from common.testing import empty_every_database, login_default_as

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
REPRS = ("object at 0x", "DatabaseDefault")
MAX_OPTIONS = 100
#: Pages allowed a long select: Django's permission picker of a group (a fixed table, not one that grows).
LONG_SELECT_PAGES = ("/admin/auth/group/",)


def _chromium_or_skip():
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (make test installs Debian's chromium package).")
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)")


@pytest.fixture
def server(django_db_setup, django_db_blocker):
    """The demo data, committed, and the project served on a thread; everything emptied afterwards."""
    django_db_blocker.unblock()
    login_default_as("admin")
    try:
        call_command("seed_demo", stdout=open(os.devnull, "w"))
    finally:
        login_default_as("app")
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        yield f"http://127.0.0.1:{thread.port}"
    finally:
        thread.terminate()
        empty_every_database()
        django_db_blocker.restore()


@pytest.fixture
def page(server):
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = _chromium_or_skip()
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(base_url=server)
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"{page.url}: JavaScript error {error}"))
        page.on(
            "response",
            lambda response: response.status >= 500 and page.problems.append(f"{response.url}: {response.status}"),
        )
        yield page
        browser.close()


def _check(page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status < 500, f"{path}: {response and response.status}"
    assert response.status == 200, f"{path}: {response.status}"
    text = page.content()
    for repr_text in REPRS:
        assert repr_text not in text, f"{path} shows {repr_text!r}"
    if not path.startswith(LONG_SELECT_PAGES):
        longest = page.eval_on_selector_all("select", "els => Math.max(0, ...els.map(e => e.options.length))")
        assert longest <= MAX_OPTIONS, f"{path} renders a select with {longest} options"


def _log_in(page):
    page.goto("/admin/login/")
    page.fill("#id_username", settings.FIRST_SUPERUSER)
    page.fill("#id_password", settings.FIRST_SUPERUSER_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def _submit(page, path: str, values: dict[str, str]) -> None:
    page.goto(path)
    for selector, value in values.items():
        page.fill(selector, value)
    page.click("input[name=_save]")
    page.wait_for_load_state()
    assert "/add/" not in page.url, f"{path} was not saved: {page.inner_text('#content')[:1500]}"
    assert page.locator(".messagelist .success").count() == 1


def test_every_admin_page_opens_and_one_form_per_app_saves(page):
    from catalogue.models import ProblemProfile
    from coproduction.models import Tag
    from matar.models import Organization as MatarOrganization
    from medsync.models import Specialty

    _log_in(page)
    models = page.eval_on_selector_all(
        "#content-main tr[class^=model-]",
        """rows => rows.map(row => ({
            list: row.querySelector('th a')?.getAttribute('href'),
            add: row.querySelector('a.addlink')?.getAttribute('href'),
        }))""",
    )
    assert len(models) > 40, models
    apps = {model["list"].split("/")[2] for model in models if model["list"]}
    assert {"accounts", "catalogue", "coproduction", "medsync", "matar"} <= apps
    opened_change_pages = 0
    for model in models:
        if not model["list"]:
            continue
        _check(page, model["list"])
        first = page.locator("#result_list tbody tr").first.locator("th a, td a").first
        change = first.get_attribute("href") if first.count() else None
        if model["add"]:
            _check(page, model["add"])
        if change and "/change/" in change:
            _check(page, change)
            opened_change_pages += 1
    assert opened_change_pages > 30

    suffix = uuid.uuid4().hex[:8]
    _submit(page, "/admin/medsync/specialty/add/", {"#id_specialty_name": f"Browser specialty {suffix}"})
    _submit(
        page,
        "/admin/catalogue/problemprofile/add/",
        {"#id_id": f"BROWSER_{suffix}", "#id_name_translations__en": f"Browser problem {suffix}"},
    )
    _submit(page, "/admin/coproduction/tag/add/", {"#id_name": f"browser-tag-{suffix}"})
    _submit(page, "/admin/matar/organization/add/", {"#id_title": f"Browser community {suffix}"})
    _submit(
        page,
        "/admin/accounts/user/add/",
        {
            "#id_email": f"browser-{suffix}@example.com",
            "#id_password1": "a-long-browser-password",
            "#id_password2": "a-long-browser-password",
        },
    )

    def saved():
        from accounts.models import User

        try:
            return {
                "specialty": Specialty.objects.filter(specialty_name=f"Browser specialty {suffix}").exists(),
                "problem profile": ProblemProfile.objects.get(pk=f"BROWSER_{suffix}").name_translations,
                "tag": Tag.objects.filter(name=f"browser-tag-{suffix}").exists(),
                "community": MatarOrganization.objects.filter(title=f"Browser community {suffix}").exists(),
                "user": User.objects.get(email=f"browser-{suffix}@example.com").check_password(
                    "a-long-browser-password"
                ),
            }
        finally:
            connections.close_all()

    # Playwright's sync API runs an event loop in this thread: read PostgreSQL from another one.
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(saved).result() == {
            "specialty": True,
            "problem profile": {"en": f"Browser problem {suffix}"},
            "tag": True,
            "community": True,
            "user": True,
        }
    assert page.problems == []
