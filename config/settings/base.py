"""Settings shared by every environment, all from the environment (see README).

Nothing here is a usable secret: ``dev.py`` (``manage.py``, ``make run``) and ``test.py``
(pytest) fill in development values, ``production.py`` (the WSGI/ASGI entry points) refuses
to start without real ones. ``DJANGO_SETTINGS_MODULE`` picks one of them.
"""

import os
from pathlib import Path

from config.databases import build_databases

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PROJECT_NAME = os.environ.get("PROJECT_NAME", "Upstream schemas on Django")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "django_extensions",
    "common",
    "accounts",
    "catalogue",
    "coproduction",
    "medsync",
    "matar",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "medsync.cors.AnyOriginWithoutCredentials",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.RowLevelSecurityMiddleware",
    "common.translations.LanguageMiddleware",
    "common.middleware.MessageMiddlewareOutsideApi",  # the admin's messages, not on API paths
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Upstream table names collide across databases on purpose (``user`` in accounts, coproduction
# and matar); the router (config/routers.py) keeps them apart, which is what models.W035 asks
# to verify.
SILENCED_SYSTEM_CHECKS = ["models.W035"]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Databases: one per domain; the login role is chosen per process (config/databases.py).
DB_ROLE = os.environ.get("DJANGO_DB_ROLE", "app")
DATABASES, EMBEDDED_POSTGRES = build_databases(
    BASE_DIR, role=DB_ROLE, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60"))
)
DATABASE_ROUTERS = ["config.routers.DomainRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "accounts.hashers.UpstreamBcryptHasher",  # writes upstream's passlib bcrypt ($2b$12$...)
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # reads rows written before; rewritten on login
]
# Upstream's minimum is 8 characters (its maximum of 40 is enforced by the API's serializers).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("EMAILS_FROM_EMAIL", "info@example.com")

# Upstream template settings (names kept).
ACCESS_TOKEN_EXPIRE_MINUTES = int(os.environ.get("ACCESS_TOKEN_EXPIRE_MINUTES", str(60 * 24 * 8)))
EMAIL_RESET_TOKEN_EXPIRE_HOURS = int(os.environ.get("EMAIL_RESET_TOKEN_EXPIRE_HOURS", "48"))
FRONTEND_HOST = os.environ.get("FRONTEND_HOST", "http://localhost:5173")
FIRST_SUPERUSER = os.environ.get("FIRST_SUPERUSER", "admin@example.com")
FIRST_SUPERUSER_PASSWORD = os.environ.get("FIRST_SUPERUSER_PASSWORD", "changethis")
FIRST_USER = os.environ.get("FIRST_USER", "user@example.com")
FIRST_USER_PASSWORD = os.environ.get("FIRST_USER_PASSWORD", "changethis")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    # DRF's JSON bytes written by orjson (common/renderers.py), then DRF's browsable API.
    "DEFAULT_RENDERER_CLASSES": [
        "common.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}

SPECTACULAR_SETTINGS = {
    "TITLE": PROJECT_NAME,
    "DESCRIPTION": "Five upstream services on one Django project: accounts (/api/v1/), "
    "catalogue, coproduction, medsync and matar, each under its upstream path.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173")
CORS_ALLOW_CREDENTIALS = True

GRAPH_MODELS = {
    "app_labels": ["accounts", "catalogue", "coproduction", "medsync", "matar"],
    "group_models": True,
    "rankdir": "LR",
    "db_table_names": True,
    "exclude_models": "AbstractBaseUser,TimestampedModel,UserOwnedModel,AbstractUser,PermissionsMixin",
    "disable_abstract_fields": False,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- catalogue settings (add below) ----------------------------------------------------
CATALOGUE_LANGUAGES = ["en", "es", "lv", "it"]
CATALOGUE_DEFAULT_LANGUAGE = "en"
# Upstream's PROTOCOL and SERVER_NAME: software interlinkers' `backend` URLs are built from them.
CATALOGUE_PROTOCOL = os.environ.get("CATALOGUE_PROTOCOL", "http://")
CATALOGUE_SERVER_NAME = os.environ.get("CATALOGUE_SERVER_NAME", "localhost")


# --- coproduction settings (add below) -------------------------------------------------
# Public base URL for legacy "/static/..." logotype values stored by upstream (spec §7, decision 20).
COPRODUCTION_PUBLIC_BASE_URL = os.environ.get("COPRODUCTION_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Host of the INTERLINK front-end, for the links in assignments (upstream SERVER_NAME).
COPRODUCTION_SERVER_NAME = os.environ.get("COPRODUCTION_SERVER_NAME", "localhost")
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "CoproductionRoleTypeEnum": "coproduction.models.base.RoleTypes",
        "CoproductionAssetTypeEnum": ["internalasset", "externalasset"],
        "CoproductionLanguageEnum": "coproduction.models.base.Languages",
        # Named too, because the coproduction enum above makes "language" ambiguous.
        "MatarLanguageEnum": "matar.models.Language",
    }
)


# --- medsync settings (add below) ------------------------------------------------------

# Telegram bot token that signs the Mini App's initData (medsync spec §5.1). Without one every
# initData is rejected (and logged); dev.py and test.py use a documented development token,
# production.py refuses to start without a real one.
MEDSYNC_BOT_TOKEN = os.environ.get("MEDSYNC_BOT_TOKEN", "")
# Maximum age of initData's auth_date in seconds (Telegram's own advice: a day). Older initData
# is refused, so a leaked one stops working.
MEDSYNC_INITDATA_MAX_AGE = int(os.environ.get("MEDSYNC_INITDATA_MAX_AGE") or 24 * 60 * 60)
# Wall-clock time zone of every clinic's working hours (IANA name).
MEDSYNC_TIME_ZONE = os.environ.get("MEDSYNC_TIME_ZONE", TIME_ZONE)
# The Mini App sends the user's initData in this header to /medsync/api/my/... (any origin is
# allowed there by medsync.cors); django-cors-headers' default header list plus this one.
from corsheaders.defaults import default_headers as _cors_default_headers  # noqa: E402

CORS_ALLOW_HEADERS = (*_cors_default_headers, "x-telegram-init-data")


# --- matar settings (add below) --------------------------------------------------------
# Who delivers login OTPs: dotted path of a class with send(phone_number, otp) -> None.
MATAR_OTP_SENDER = os.environ.get("MATAR_OTP_SENDER", "matar.otp.ConsoleOTPSender")
MATAR_OTP_TTL_SECONDS = int(os.environ.get("MATAR_OTP_TTL_SECONDS", "600"))
# Matar's own bearer tokens (HS256), distinct from the accounts tokens by their claims.
# Empty: SECRET_KEY is used (resolved in dev.py, test.py and production.py).
MATAR_JWT_SECRET = os.environ.get("MATAR_JWT_SECRET", "")
MATAR_ACCESS_TOKEN_DAYS = int(os.environ.get("MATAR_ACCESS_TOKEN_DAYS", "10"))
MATAR_REFRESH_TOKEN_DAYS = int(os.environ.get("MATAR_REFRESH_TOKEN_DAYS", "60"))


# --- compat: MedSync Telegram booking confirmation -------------------------------------
# Bot API base URL for the confirmation message sent after a booking (sendMessage with
# MEDSYNC_BOT_TOKEN); a local stand-in may be configured. Timeout in seconds, kept short:
# the message is sent after the booking committed, before the response goes out.
MEDSYNC_TELEGRAM_API_URL = os.environ.get("MEDSYNC_TELEGRAM_API_URL", "https://api.telegram.org")
MEDSYNC_TELEGRAM_TIMEOUT = float(os.environ.get("MEDSYNC_TELEGRAM_TIMEOUT", "3"))

# --- compat: catalogue file links --------------------------------------------------------
# `/static/...` logotype and snapshot values (upstream's form, now also written by the
# importer) link to CATALOGUE_PUBLIC_BASE_URL + value when it is set (an upstream service
# serving its static folder, e.g. http://localhost/catalogue); unset (the default),
# they link to this server's /catalogue/static/..., served from storage.
CATALOGUE_PUBLIC_BASE_URL = os.environ.get("CATALOGUE_PUBLIC_BASE_URL", "")


# --- uploads and shared security state (add below) -------------------------------------
# Content checks of uploaded files (common/uploads.py): caps in bytes, and in pixels for images.
UPLOAD_MAX_IMAGE_BYTES = int(os.environ.get("UPLOAD_MAX_IMAGE_BYTES", str(5 * 1024 * 1024)))
UPLOAD_MAX_IMAGE_PIXELS = int(os.environ.get("UPLOAD_MAX_IMAGE_PIXELS", str(40_000_000)))
UPLOAD_MAX_AUDIO_BYTES = int(os.environ.get("UPLOAD_MAX_AUDIO_BYTES", str(20 * 1024 * 1024)))
UPLOAD_MAX_PDF_BYTES = int(os.environ.get("UPLOAD_MAX_PDF_BYTES", str(20 * 1024 * 1024)))
# Django serves MEDIA_URL itself (common/media.py) when this is on; unset: when DEBUG is on
# (development). In production the web server serves media (docs/deployment.md).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False) if os.environ.get("SERVE_MEDIA") else None

# One cache seen by every worker and instance (throttling, Matar's revoked tokens and OTP
# attempts): Django's database cache in the default database, or Redis with REDIS_URL. The
# database cache has its own connection (alias "cache", same database and login as default)
# so a request's rolled-back transaction never takes its counters with it.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "")
CACHE_DATABASE_ALIAS = os.environ.get("CACHE_DATABASE_ALIAS", "cache")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
    if CACHE_DATABASE_ALIAS != "default":
        DATABASES[CACHE_DATABASE_ALIAS] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# Rendered responses of read-mostly lists (common/read_cache.py: the catalogue's), dropped on
# every write to their database: the same shared backend; with the database cache its own table
# (created by the same createcachetable), so culling its entries never drops the counters above.
READ_CACHE_SECONDS = int(os.environ.get("READ_CACHE_SECONDS", "3600"))
READ_CACHE_TABLE = "django_read_cache"
READ_CACHE_LOCAL_BYTES = int(os.environ.get("READ_CACHE_LOCAL_BYTES", str(32 * 1024 * 1024)))  # per worker
CACHES["read"] = {**CACHES["default"], "KEY_PREFIX": f"{CACHE_KEY_PREFIX}read"}
if not REDIS_URL:
    CACHES["read"].update(LOCATION=READ_CACHE_TABLE, OPTIONS={"MAX_ENTRIES": 5000})
DATABASE_ROUTERS = ["common.cache.CacheRouter", *DATABASE_ROUTERS]

# Throttling (DRF, counted in the shared cache): 429 with Retry-After. Client addresses are
# REMOTE_ADDR, or the X-Forwarded-For entry NUM_PROXIES from the right behind a proxy.
REST_FRAMEWORK["NUM_PROXIES"] = int(os.environ["NUM_PROXIES"]) if os.environ.get("NUM_PROXIES") else None
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "login": os.environ.get("THROTTLE_LOGIN", "10/minute"),
    "signup": os.environ.get("THROTTLE_SIGNUP", "5/hour"),
    "password_recovery": os.environ.get("THROTTLE_PASSWORD_RECOVERY", "5/hour"),
    "otp_send_phone": os.environ.get("THROTTLE_OTP_SEND_PHONE", "5/hour"),
    "otp_send_address": os.environ.get("THROTTLE_OTP_SEND_ADDRESS", "20/hour"),
}

# --- realtime ---
# Served as ASGI (config/asgi.py): HTTP through Django, WebSockets through Channels. "daphne"
# first makes `runserver` (make run) serve both on one port; production: docs/deployment.md.
INSTALLED_APPS = ["daphne", *INSTALLED_APPS, "channels"]
ASGI_APPLICATION = "config.asgi.application"
# Channel layer (who receives the co-production events): Redis when REDIS_URL is set (every
# server process and worker shares it), in memory otherwise (one process: make run, tests).
CHANNEL_LAYERS_REDIS_URL = os.environ.get("CHANNEL_LAYERS_REDIS_URL", REDIS_URL)
CHANNEL_LAYERS_PREFIX = os.environ.get("CHANNEL_LAYERS_PREFIX", "asgi")
if CHANNEL_LAYERS_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNEL_LAYERS_REDIS_URL], "prefix": CHANNEL_LAYERS_PREFIX},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# Celery (config/celery.py): a broker from CELERY_BROKER_URL (Redis or RabbitMQ); without one
# every task runs eagerly in the calling process, so `make run` needs no extra service.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not os.environ.get("CELERY_BROKER_URL"))
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Co-production e-mails (upstream's EMAILS_FROM_NAME; the address is DEFAULT_FROM_EMAIL) and
# the front-end host their links point at (COPRODUCTION_SERVER_NAME above).
EMAILS_FROM_NAME = os.environ.get("EMAILS_FROM_NAME", "Interlink")
# SMTP (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend): upstream's SMTP_* names.
EMAIL_HOST = os.environ.get("SMTP_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("SMTP_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("SMTP_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("SMTP_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("SMTP_TIMEOUT", "10"))
if os.environ.get("EMAIL_FILE_PATH"):  # Django's file backend (EMAIL_BACKEND=…filebased.EmailBackend)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
# ZIP exports of processes (GET …/{id}/download) are kept in Django storage under this folder;
# only the newest per process is kept (…/last_created_zip serves it). Imports are capped.
COPRODUCTION_EXPORT_DIR = os.environ.get("COPRODUCTION_EXPORT_DIR", "coproduction/zipfiles")
COPRODUCTION_IMPORT_MAX_BYTES = int(os.environ.get("COPRODUCTION_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
COPRODUCTION_IMPORT_MAX_FILES = int(os.environ.get("COPRODUCTION_IMPORT_MAX_FILES", "2000"))

# --- input limits at the API boundary (issue #12; common/input.py, common/paging.py) ----
# Largest request body Django reads into memory (form and raw bodies; file parts excepted).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(2_621_440)))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", "1000"))
# JSON bodies: bytes, nesting depth; any string in a request: characters (columns upstream
# leaves unbounded get this API-side maximum; it is in the OpenAPI document).
API_JSON_MAX_BYTES = int(os.environ.get("API_JSON_MAX_BYTES", str(1_048_576)))
API_JSON_MAX_DEPTH = int(os.environ.get("API_JSON_MAX_DEPTH", "32"))
API_TEXT_MAX_LENGTH = int(os.environ.get("API_TEXT_MAX_LENGTH", "100000"))
REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"] = [
    "common.input.GuardedJSONParser",
    "common.input.GuardedFormParser",
    "common.input.GuardedMultiPartParser",
]
REST_FRAMEWORK["DEFAULT_CONTENT_NEGOTIATION_CLASS"] = "common.input.InputGuard"
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware") + 1, "common.input.NulMiddleware")
# The OpenAPI document: error answers, DELETE bodies and anonymous access documented once.
REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "common.openapi.AutoSchema"
SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"] = [
    "drf_spectacular.hooks.postprocess_schema_enums",
    "common.openapi.text_limit_hook",
    "common.openapi.discriminator_hook",
]

# --- interlink auth ---
# INTERLINK's front-end logs in through /auth/ (interlink_auth) and calls catalogue and
# co-production with the `auth_token` cookie. With the three OIDC_* values set, /auth/login
# runs the OpenID Connect code flow with that provider and the services also accept its RS256
# tokens (JWKS from the discovery document, audience = OIDC_CLIENT_ID); without them this
# project's accounts are the identity (a login form, our HS256 tokens).
OIDC_DISCOVERY_URL = os.environ.get("OIDC_DISCOVERY_URL", "")
OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_SCOPE = os.environ.get("OIDC_SCOPE", "openid profile email")
# Which token of the provider's answer becomes the cookie: upstream sets the access token (a
# JWT at INTERLINK's provider); "id_token" for providers whose access tokens are opaque.
OIDC_COOKIE_TOKEN = os.environ.get("OIDC_COOKIE_TOKEN", "access_token")
# Optional: the JWKS address when it is not the discovery document's `jwks_uri`.
OIDC_JWKS_URL = os.environ.get("OIDC_JWKS_URL", "")
# How long the discovery document and the provider's keys are kept (an unknown `kid` refetches).
OIDC_CACHE_SECONDS = int(os.environ.get("OIDC_CACHE_SECONDS", "300"))
# The shortest time between two refetches of the keys for tokens naming an unknown `kid`.
OIDC_JWKS_REFETCH_SECONDS = float(os.environ.get("OIDC_JWKS_REFETCH_SECONDS", "60"))
OIDC_HTTP_TIMEOUT = float(os.environ.get("OIDC_HTTP_TIMEOUT", "5"))
# The auth_token cookie: HttpOnly and SameSite=Strict always; Secure under production.py.
AUTH_TOKEN_COOKIE_SECURE = env_bool("AUTH_TOKEN_COOKIE_SECURE", False)
AUTH_TOKEN_COOKIE_DOMAIN = os.environ.get("AUTH_TOKEN_COOKIE_DOMAIN") or None
# Origins (scheme://host[:port]) whose pages may write with the cookie, besides this server's
# own origin: CORS_ALLOWED_ORIGINS and CSRF_TRUSTED_ORIGINS (read at request time).
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
INSTALLED_APPS.append("interlink_auth")
GRAPH_MODELS["app_labels"].append("interlink_auth")
