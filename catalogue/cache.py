"""The catalogue's cached list responses (``common.read_cache``): dropped by any catalogue write."""

from common.read_cache import ReadCache

catalogue_reads = ReadCache(
    "catalogue",
    database="catalogue",
    code=("catalogue", "common"),
    # what the links in the bodies are built from (catalogue/files.py, software_backend)
    settings_keys=(
        "CATALOGUE_PUBLIC_BASE_URL",
        "CATALOGUE_PROTOCOL",
        "CATALOGUE_SERVER_NAME",
        "MEDIA_URL",
        "MEDIA_ROOT",
    ),
)
