"""The Celery application: e-mails and upstream's job-shaped work run here.

Configured from Django's settings (``CELERY_*``). Without ``CELERY_BROKER_URL`` every task
runs eagerly in the calling process (``task_always_eager``), so nothing else has to run.
The worker: ``celery -A config.worker worker -l info`` (README, docs/deployment.md).
"""

from celery import Celery

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
