"""Background jobs (Celery) and e-mails.

* Without a broker (the test settings, like ``make run``) tasks run eagerly in the process
  and the mail lands in Django's outbox: ``utils/test-email``, ``utils/test-celery``.
* With the Redis broker on 127.0.0.1:6379 a real worker (``celery -A config.worker worker``,
  a subprocess) runs upstream's ``test_celery`` and sends the e-mails (file backend, read
  back here). Its queue and Redis database index are unique to the run
  (``REALTIME_TEST_CELERY_REDIS_URL``, default redis://127.0.0.1:6379/<9>), so parallel runs
  do not collide; without a reachable Redis the case is skipped, and fails under ``CI=true``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction

from config.celery import app as celery_app
from coproduction import emails, tasks
from coproduction.tests.test_websockets import redis_or_skip

pytestmark = pytest.mark.django_db(databases=["default", "coproduction"])

CELERY_REDIS_URL = os.environ.get("REALTIME_TEST_CELERY_REDIS_URL", "redis://127.0.0.1:6379/9")


@pytest.fixture
def superuser(make_caller):
    return make_caller(is_superuser=True, full_name="Super User")


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what the co-production transaction queues for its commit (the test's own
    transaction never commits)."""
    return lambda: django_capture_on_commit_callbacks(using="coproduction", execute=True)


def test_test_email_is_sent_eagerly_without_a_broker_with_text_and_html(superuser, admin, on_commit):
    assert settings.CELERY_TASK_ALWAYS_EAGER
    with on_commit():
        response = superuser.post("/utils/test-email/?email_to=someone@example.com")
    assert (response.status_code, response.json()) == (201, {"msg": "Test email sent"})
    (message,) = mail.outbox
    assert message.to == ["someone@example.com"]
    assert message.subject == f"{settings.PROJECT_NAME} - Test email"
    assert "the e-mail settings work" in message.body
    (html, kind) = message.alternatives[0]
    assert kind == "text/html" and "<h2" in html
    refused = admin.post("/utils/test-email/?email_to=someone@example.com")
    assert (refused.status_code, refused.json()) == (403, {"detail": "Not superuser"})
    assert superuser.post("/utils/test-email/?email_to=not-an-address").status_code == 422
    assert len(mail.outbox) == 1


def test_test_celery_answers_as_upstream_and_the_task_runs_eagerly(superuser, admin):
    response = superuser.post("/utils/test-celery/", {"msg": "hello"})
    assert (response.status_code, response.json()) == (201, {"msg": "Word received"})
    assert tasks.test_celery.delay("hello").get(timeout=5) == "test task return hello"
    assert admin.post("/utils/test-celery/", {"msg": "hello"}).status_code == 403
    assert superuser.post("/utils/test-celery/", {}).status_code == 422


def test_emails_wait_for_the_commit_and_a_rolled_back_write_sends_none(on_commit):
    with on_commit():
        with transaction.atomic(using="coproduction"):
            emails.queue("a@example.com", "add_member_team", {"team_name": "Blue", "team_id": "t1", "org_id": "o1"})
        assert mail.outbox == []
    (message,) = mail.outbox
    assert message.subject == "Interlink: You have been added to a new team"
    assert 'You have been added to the "Blue" team.' in message.body
    assert "https://localhost/dashboard/organizations/o1/t1" in message.body
    with on_commit(), pytest.raises(RuntimeError), transaction.atomic(using="coproduction"):
        emails.queue("b@example.com", "add_admin_coprod", {"coprod_name": "P", "coprod_id": "c"})
        raise RuntimeError("the write fails")
    assert len(mail.outbox) == 1


def test_every_upstream_kind_renders_its_subject_link_and_escapes_html():
    cases = {
        "add_admin_coprod": "Interlink: You have been added to a new coproduction process",
        "add_member_team": "Interlink: You have been added to a new team",
        "user_apply_team": "Interlink: A new user has applied to join your team",
        "apply_to_be_contributor": "Interlink: A user has applied to be a contributor",
        "add_team_coprod": "Interlink: Your team has been added to a coproduction process",
        "add_team_treeitem": "Interlink: New permissions on a coproduction item",
        "ask_team_contribution": "Please have a look",
    }
    context = {
        "coprod_id": "c1",
        "coprod_name": "<b>City</b>",
        "team_id": "t1",
        "team_name": "Blue",
        "org_id": "o1",
        "treeitem_id": "i1",
        "treeitem_name": "Task",
        "user_email": "u@example.com",
        "user_name": "Una",
        "coproductionprocess_name": "City",
        "razon": "I can help",
        "subject": "Please have a look",
        "link": "https://tool.example/asset/1",
        "asset_name": "Survey",
        "instructions": "Fill it in",
    }
    for kind, subject in cases.items():
        rendered_subject, text, html = emails.render(kind, dict(context), "es")
        assert rendered_subject == subject
        assert "https://" in text
        assert "<b>City</b>" not in html
    assert (
        "https://localhost/dashboard/coproductionprocesses/c1/i1/guide"
        in emails.render("add_team_treeitem", dict(context))[1]
    )
    assert '<html lang="es">' in emails.render("add_team_coprod", dict(context), "es")[2]


def _forget_connections() -> None:
    """Let the app reconnect with its new broker and result backend (what Celery does after a fork)."""
    celery_app._after_fork()
    celery_app._backend_cache = None
    celery_app._local = threading.local()


@pytest.fixture
def worker(tmp_path):
    """A real Celery worker on a Redis broker, its own queue and database index; mail to files."""
    redis_client = redis_or_skip(CELERY_REDIS_URL)
    queue = f"realtime-test-{uuid.uuid4().hex[:12]}"
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_DB_ROLE": "app",
        "CELERY_BROKER_URL": CELERY_REDIS_URL,
        "CELERY_RESULT_BACKEND": CELERY_REDIS_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }
    log = tmp_path / "worker.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config.worker", "worker", "-Q", queue, "--pool", "solo", "-l", "info"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    saved = {
        key: celery_app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager", "task_default_queue")
    }
    celery_app.conf.update(
        broker_url=CELERY_REDIS_URL, result_backend=CELERY_REDIS_URL, task_always_eager=False, task_default_queue=queue
    )
    _forget_connections()
    try:
        yield outbox, log
    finally:
        celery_app.conf.update(saved)
        _forget_connections()
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        keys = [queue, *[k for k in redis_client.scan_iter("celery-task-meta-*")]]
        redis_client.delete(*keys)


def test_a_real_worker_on_the_redis_broker_runs_upstreams_task_and_sends_the_mail(worker, on_commit):
    outbox, log = worker
    result = tasks.test_celery.delay("from the broker")
    try:
        assert result.get(timeout=60) == "test task return from the broker"
    except Exception:
        raise AssertionError(log.read_text()[-3000:]) from None
    with on_commit():
        emails.queue("worker@example.com", "test", {})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(outbox.iterdir()):
        time.sleep(0.2)
    files = list(outbox.iterdir())
    assert files, log.read_text()[-3000:]
    content = files[0].read_text()
    assert "To: worker@example.com" in content
    assert f"Subject: {settings.PROJECT_NAME} - Test email" in content
    assert mail.outbox == []  # sent by the worker, not by this process


def test_writes_through_the_api_send_upstreams_emails_after_commit(admin, member, outsider, on_commit):
    from coproduction.tests import factories as f

    process = f.ProcessFactory(administrators=[admin.user], name="Green city", language="es")
    with on_commit():
        response = admin.post(f"/coproductionprocesses/{process.pk}/administrators", {"user_id": member.user.pk})
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == [member.user.email]
    assert message.subject == "Interlink: You have been added to a new coproduction process"
    assert f"https://localhost/dashboard/coproductionprocesses/{process.pk}/overview" in message.body
    assert 'the "Green city" coproduction process as administrator' in message.body

    team = f.TeamFactory(members=[outsider.user], name="Blue")
    body = {"team_id": str(team.pk), "coproductionprocess_id": str(process.pk), "access_assets_permission": True}
    with on_commit():
        assert admin.post("/permissions", body).status_code == 200
    permission_mail = mail.outbox[-1]
    assert permission_mail.to == [outsider.user.email]
    assert permission_mail.subject == "Interlink: Your team has been added to a coproduction process"
    assert 'Your team "Blue" have been added to the "Green city" coproduction process.' in permission_mail.body

    sent = len(mail.outbox)
    with on_commit():
        removed = admin.delete(f"/coproductionprocesses/{process.pk}/administrators/{member.user.pk}")
        assert removed.status_code == 200
        again = admin.post(f"/coproductionprocesses/{process.pk}/administrators", {"user_id": "no-such-user"})
        assert again.status_code == 404
    assert len(mail.outbox) == sent  # a removal mails nobody, a failed request sends nothing


def test_team_creation_and_applying_to_a_process_send_upstreams_emails(admin, member, outsider, on_commit):
    from coproduction.tests import factories as f

    with on_commit():
        team = admin.post(
            "/teams", {"name": "Ops", "description": "d", "type": "citizen", "user_ids": [member.user.pk]}
        )
    assert team.status_code == 200, team.content
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([member.user.email], "Interlink: You have been added to a new team")
    ]
    process = f.ProcessFactory(administrators=[admin.user], name="Green city")
    with on_commit():
        applied = outsider.post(
            "/coproductionprocesses/emailApplyToBeContributor", {"processId": str(process.pk), "razon": "I can help"}
        )
    assert applied.status_code == 200, applied.content
    message = mail.outbox[-1]
    assert (message.to, message.subject) == ([admin.user.email], "Interlink: A user has applied to be a contributor")
    assert "I can help" in message.body and outsider.user.email in message.body


def test_asking_a_team_or_a_user_for_a_contribution_notifies_and_mails_each_of_them(admin, member, outsider, on_commit):
    from coproduction.models import UserNotification
    from coproduction.tests import factories as f

    f.NotificationFactory(event="assign_resource", language="es")
    process = f.ProcessFactory(administrators=[admin.user], name="Green city", language="es")
    team = f.TeamFactory(members=[member.user, outsider.user], name="Blue")
    asset_id = str(uuid.uuid4())
    body = {
        "asset_id": asset_id,
        "asset_name": "Survey",
        "taskName": "Ask the neighbours",
        "resourceId": asset_id,
        "processId": str(process.pk),
        "subject": "Please fill in the survey",
        "instructions": "Two questions, five minutes",
        "icon": "https://tool.example/icon.png",
        "link": "https://tool.example/asset/1",
        "listTeams": [str(team.pk)],
        "assigmentDict": {str(member.user.pk): "https://tool.example/asset/1?for=bo"},
    }
    with on_commit():
        response = admin.post("/assets/emailAskTeamContribution", body)
    assert (response.status_code, response.json()) == (200, "Done")
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {member.user.email, outsider.user.email}
    assert {message.subject for message in sent.values()} == {"Please fill in the survey"}
    assert "https://tool.example/asset/1?for=bo" in sent[member.user.email].body  # its assigmentDict link
    assert "https://tool.example/asset/1\n" in sent[outsider.user.email].body  # no entry: the request's link
    assert "Two questions, five minutes" in sent[outsider.user.email].body
    asked = UserNotification.objects.filter(notification__event="assign_resource", coproductionprocess=process)
    assert sorted(asked.values_list("user_id", flat=True)) == sorted([member.user.pk, outsider.user.pk])
    assert asked.first().parameters["resourceName"] == "Survey"

    mail.outbox.clear()
    with on_commit():
        one = admin.post("/assets/emailAskUserContribution", {**body, "userTo": outsider.user.pk, "subject": ""})
    assert one.status_code == 200, one.content
    (message,) = mail.outbox
    assert (message.to, message.subject) == ([outsider.user.email], "Interlink: Your contribution is requested")

    mail.outbox.clear()
    with on_commit():
        refused = member.post("/assets/emailAskTeamContribution", body)
        broken = admin.post(
            "/assets/emailAskUserContribution", {**body, "userTo": outsider.user.pk, "subject": "a\nBcc: x@y"}
        )
        missing = admin.post("/assets/emailAskUserContribution", body)
    assert refused.status_code == 403
    assert broken.status_code == 422 and "subject" in str(broken.json())
    assert missing.status_code == 422 and "userTo" in str(missing.json())
    assert mail.outbox == []
    assert asked.count() == 3  # the refused and invalid requests notified nobody
