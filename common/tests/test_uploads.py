"""Content checks of uploads (common/uploads.py), as validators of forms and on their own."""

import io
import struct
import zlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from common.uploads import validate_audio, validate_image, validate_pdf
from matar.audio import silent_flac

HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def png_bytes(size=(4, 3)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header (IHDR, with a valid CRC) claims ``width`` × ``height`` pixels."""
    data = bytearray(png_bytes((1, 1)))
    ihdr = 8 + 8  # signature, then the IHDR chunk's length and type
    data[ihdr : ihdr + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : ihdr + 13]))
    data[ihdr + 13 : ihdr + 17] = struct.pack(">I", crc)
    return bytes(data)


class ReadCounter(io.BytesIO):
    """A file that records how many bytes were read from it."""

    bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


class LogotypeForm(forms.Form):
    file = forms.FileField(validators=[validate_image])


def test_a_real_png_is_accepted_with_what_it_is():
    image = validate_image(SimpleUploadedFile("x.gif", png_bytes()))
    assert (image.format, image.extension, image.content_type, image.width, image.height) == (
        "PNG",
        "png",
        "image/png",
        4,
        3,
    )


@pytest.mark.parametrize(
    "content",
    [HTML, b"\x89PNG\r\n\x1a\n but nothing else", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'],
)
def test_what_does_not_decode_as_an_image_is_refused(content):
    with pytest.raises(ValidationError, match="not an image"):
        validate_image(SimpleUploadedFile("logo.png", content, content_type="image/png"))


def test_an_image_form_field_names_the_problem():
    form = LogotypeForm(data={}, files={"file": SimpleUploadedFile("logo.png", HTML)})
    assert not form.is_valid()
    assert form.errors["file"] == ["The file is not an image: PNG, JPEG, GIF or WebP are accepted."]
    assert LogotypeForm(data={}, files={"file": SimpleUploadedFile("logo.png", png_bytes())}).is_valid()


def test_a_decompression_bomb_is_refused_from_its_header():
    with pytest.raises(ValidationError, match="8000×8000 pixels, at most 40000000"):
        validate_image(SimpleUploadedFile("bomb.png", png_claiming(8000, 8000)))
    with pytest.raises(ValidationError, match="The image is too large: at most 40000000 pixels"):
        validate_image(SimpleUploadedFile("bomb.png", png_claiming(100_000, 100_000)))


def test_image_caps_come_from_the_settings(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 11
    with pytest.raises(ValidationError, match="4×3 pixels, at most 11"):
        validate_image(SimpleUploadedFile("x.png", png_bytes()))
    settings.UPLOAD_MAX_IMAGE_PIXELS = 12
    settings.UPLOAD_MAX_IMAGE_BYTES = 10
    with pytest.raises(ValidationError, match="too large"):
        validate_image(SimpleUploadedFile("x.png", png_bytes()))


def test_a_real_flac_is_accepted_with_its_duration():
    audio = validate_audio(SimpleUploadedFile("a.flac", silent_flac(2.5)), max_seconds=120)
    assert (audio.format, audio.duration, audio.channels) == ("flac", 2.5, 1)


def test_a_60_mib_flac_claiming_one_second_is_refused_without_being_read():
    upload = ReadCounter(silent_flac(1) + bytes(60 * 1024 * 1024))
    with pytest.raises(ValidationError, match="too large: 60.0 MiB, at most 20.0 MiB"):
        validate_audio(upload)
    assert upload.bytes_read == 0


def test_a_flac_holding_more_than_its_header_says_is_refused():
    """5 MiB of data cannot be one second of 16 kHz mono sound (32 KB/s uncompressed)."""
    with pytest.raises(ValidationError, match="more than its declared duration of 1.0 seconds"):
        validate_audio(SimpleUploadedFile("a.flac", silent_flac(1) + bytes(5 * 1024 * 1024)))


def test_audio_over_the_duration_cap_or_not_audio_is_refused():
    with pytest.raises(ValidationError, match="Audio longer than 120 seconds"):
        validate_audio(SimpleUploadedFile("a.flac", silent_flac(121)), max_seconds=120)
    with pytest.raises(ValidationError, match="not audio"):
        validate_audio(SimpleUploadedFile("a.flac", HTML))


def test_pdfs_are_recognised_by_their_signature(settings):
    validate_pdf(SimpleUploadedFile("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
    with pytest.raises(ValidationError, match="not a PDF"):
        validate_pdf(SimpleUploadedFile("a.pdf", HTML))
    settings.UPLOAD_MAX_PDF_BYTES = 4
    with pytest.raises(ValidationError, match="too large"):
        validate_pdf(SimpleUploadedFile("a.pdf", b"%PDF-1.7"))
