import pytest
from rest_framework.test import APIClient

from medsync.tests.helpers import BOT_TOKEN


@pytest.fixture(autouse=True)
def medsync_settings(settings):
    settings.MEDSYNC_BOT_TOKEN = BOT_TOKEN
    settings.MEDSYNC_TIME_ZONE = "UTC"
    settings.MEDSYNC_TELEGRAM_API_URL = "http://127.0.0.1:9"  # never the real Bot API; refused at once
    return settings


@pytest.fixture
def client():
    return APIClient()
