"""Content checks of uploaded files: what a file is, from its bytes, never from its name.

Each ``validate_*`` takes an uploaded file (Django ``UploadedFile`` or any seekable binary
file), raises ``django.core.exceptions.ValidationError`` with a message naming the problem,
and returns what it found. They work as validators of Django form fields and model fields
(``forms.FileField(validators=[validate_image])``) and of DRF serializer fields (DRF turns
Django's ``ValidationError`` into a 400/422 field error), and can be called from views.

* Images are decoded by Pillow: the format must be PNG, JPEG, GIF or WebP (never SVG or
  HTML), the byte size at most ``UPLOAD_MAX_IMAGE_BYTES`` and the pixel count at most
  ``UPLOAD_MAX_IMAGE_PIXELS`` (checked from the header, before decoding: decompression
  bombs), then ``verify()`` and a full ``load()``.
* Audio (FLAC or M4A) is read by mutagen. The byte size is checked first, from the upload's
  size, before anything is read (``UPLOAD_MAX_AUDIO_BYTES``). The duration is the stream's,
  and a file holding more sound than that duration can (more bytes than the stream's
  uncompressed rate allows for it, cover art aside) is refused: its header lies about it.
* PDFs by their signature ``%PDF-`` and ``UPLOAD_MAX_PDF_BYTES``.

The files are left at position 0, ready to be stored.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import mutagen
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.storage import default_storage
from django.utils.text import get_valid_filename
from mutagen.flac import FLAC
from mutagen.mp4 import MP4
from PIL import Image
from rest_framework import serializers

from common.exceptions import APIError

IMAGE_FORMATS = {
    "PNG": ("png", "image/png"),
    "JPEG": ("jpg", "image/jpeg"),
    "GIF": ("gif", "image/gif"),
    "WEBP": ("webp", "image/webp"),
}
NOT_AN_IMAGE = "The file is not an image: PNG, JPEG, GIF or WebP are accepted."
NOT_AUDIO = "The file is not audio: FLAC or M4A is accepted."
NOT_A_PDF = "The file is not a PDF (it does not start with %PDF-)."
# Room for an audio file's container and tags, beyond its sound (cover art is counted apart).
AUDIO_CONTAINER_ALLOWANCE = 256 * 1024


@dataclass(frozen=True)
class CheckedImage:
    format: str  # Pillow's name: PNG, JPEG, GIF, WEBP
    extension: str
    content_type: str
    width: int
    height: int


@dataclass(frozen=True)
class CheckedAudio:
    format: str  # "flac" or "m4a"
    extension: str
    content_type: str
    duration: float  # seconds
    channels: int


def _size(upload) -> int:
    size = getattr(upload, "size", None)
    if size is None:
        position = upload.tell()
        size = upload.seek(0, 2)
        upload.seek(position)
    return size


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


def check_size(upload, limit: int, what: str) -> int:
    """The upload's size in bytes; ``ValidationError`` if it is over ``limit`` (nothing is read)."""
    size = _size(upload)
    if size > limit:
        raise ValidationError(
            f"The {what} is too large: {_mib(size)}, at most {_mib(limit)} is accepted.", code="file_too_large"
        )
    if size == 0:
        raise ValidationError(f"The {what} is empty.", code="empty")
    return size


def validate_image(upload, *, max_bytes: int | None = None) -> CheckedImage:
    check_size(upload, max_bytes or settings.UPLOAD_MAX_IMAGE_BYTES, "image")
    max_pixels = settings.UPLOAD_MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload, formats=list(IMAGE_FORMATS)) as image:
                image_format, (width, height) = image.format, image.size
                if width * height > max_pixels:
                    raise ValidationError(
                        f"The image is too large: {width}×{height} pixels, at most {max_pixels} pixels are accepted.",
                        code="too_many_pixels",
                    )
                image.verify()
            upload.seek(0)
            with Image.open(upload, formats=list(IMAGE_FORMATS)) as image:
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            f"The image is too large: at most {max_pixels} pixels are accepted.", code="too_many_pixels"
        ) from None
    except Exception:  # Pillow raises many error types for broken or foreign files
        raise ValidationError(NOT_AN_IMAGE, code="invalid_image") from None
    finally:
        upload.seek(0)
    extension, content_type = IMAGE_FORMATS[image_format]
    return CheckedImage(image_format, extension, content_type, width, height)


def validate_audio(upload, *, max_seconds: float | None = None, max_bytes: int | None = None) -> CheckedAudio:
    size = check_size(upload, max_bytes or settings.UPLOAD_MAX_AUDIO_BYTES, "audio file")
    upload.seek(0)
    try:
        audio = mutagen.File(upload)
    except Exception:  # mutagen raises many error types for garbage input
        audio = None
    finally:
        upload.seek(0)
    if isinstance(audio, FLAC):
        checked = CheckedAudio("flac", "flac", "audio/flac", float(audio.info.length), audio.info.channels)
        artwork = sum(len(picture.data) for picture in audio.pictures)
    elif isinstance(audio, MP4):
        checked = CheckedAudio("m4a", "m4a", "audio/mp4", float(audio.info.length), audio.info.channels)
        artwork = sum(len(cover) for cover in (audio.tags or {}).get("covr", []))
    else:
        raise ValidationError(NOT_AUDIO, code="invalid_audio")
    info = audio.info
    if checked.duration <= 0 or not info.sample_rate or not checked.channels:
        raise ValidationError("The audio has no sound (duration 0).", code="invalid_audio")
    bytes_per_second = info.sample_rate * checked.channels * max(getattr(info, "bits_per_sample", 0) or 16, 16) / 8
    if size - artwork > checked.duration * bytes_per_second * 1.1 + AUDIO_CONTAINER_ALLOWANCE:
        raise ValidationError(
            f"The audio file holds more than its declared duration of {checked.duration:.1f} seconds "
            f"({_mib(size)} of data).",
            code="duration_mismatch",
        )
    if max_seconds is not None and checked.duration > max_seconds:
        raise ValidationError(f"Audio longer than {max_seconds:g} seconds", code="audio_too_long")
    return checked


def validate_pdf(upload, *, max_bytes: int | None = None) -> None:
    check_size(upload, max_bytes or settings.UPLOAD_MAX_PDF_BYTES, "PDF")
    upload.seek(0)
    try:
        head = upload.read(5)
    finally:
        upload.seek(0)
    if head != b"%PDF-":
        raise ValidationError(NOT_A_PDF, code="invalid_pdf")


def logotype_store(upload, folder: str) -> str:
    """Store an uploaded logotype under ``folder`` once its bytes decode as an image (422 when no
    file came, 400 naming the problem otherwise, and nothing stored); the extension is the decoded
    format's, not the sender's. Answers the stored name."""
    if upload is None:
        raise serializers.ValidationError({"file": ["No file was submitted."]})
    try:
        image = validate_image(upload)
    except ValidationError as error:
        raise APIError(400, error.messages[0]) from None
    try:
        stem = get_valid_filename(Path(upload.name or "").stem)[:100]
    except SuspiciousFileOperation:
        stem = "logotype"
    return default_storage.save(f"{folder}/{stem}.{image.extension}", upload)
