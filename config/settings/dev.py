"""Development settings: what ``manage.py`` and ``make run`` use unless told otherwise.

DEBUG is on and, where nothing is configured, documented development values stand in for
the secrets. None of them is accepted by ``production.py``.
"""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import env_bool

DEBUG = env_bool("DEBUG", True)
DEV_SECRET_KEY = "dev-only-secret-key-change-me-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
MATAR_JWT_SECRET = os.environ.get("MATAR_JWT_SECRET") or SECRET_KEY
# The documented development bot token: initData signed with it validates locally.
MEDSYNC_DEV_BOT_TOKEN = "123456789:medsync-development-token"
MEDSYNC_BOT_TOKEN = os.environ.get("MEDSYNC_BOT_TOKEN") or MEDSYNC_DEV_BOT_TOKEN
