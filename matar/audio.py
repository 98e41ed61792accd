"""Audio files of posts: reading their duration (mutagen) and writing small silent FLACs.

``silent_flac`` exists for the demo data and the tests: a real, playable FLAC stream (mono,
16 kHz, 16-bit) whose frames are CONSTANT subframes of zero, so no encoder library is
needed to produce it.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from common import uploads

MAX_DURATION_SECONDS = 120
NOT_AUDIO = "audio must be FLAC (mono) or M4A"


class UnreadableAudio(ValueError):
    pass


@dataclass(frozen=True)
class AudioInfo:
    format: str  # "flac" or "m4a"
    duration: float  # seconds
    extension: str


def read_audio(fileobj) -> AudioInfo:
    """Format and duration of an uploaded FLAC (mono) or M4A file, checked by content
    (``common.uploads.validate_audio``: size cap before reading, declared duration against the
    data); ``UnreadableAudio`` when it is not such audio, ``ValidationError`` for the rest."""
    try:
        checked = uploads.validate_audio(fileobj)
    except ValidationError as error:
        if error.code == "invalid_audio":
            raise UnreadableAudio(NOT_AUDIO) from None
        raise
    if checked.format == "flac" and checked.channels != 1:
        raise UnreadableAudio("FLAC audio must be mono")
    return AudioInfo(checked.format, checked.duration, checked.extension)


def _crc8(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x07) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def _crc16(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x8005) & 0xFFFF if crc & 0x8000 else (crc << 1) & 0xFFFF
    return crc


def _utf8_number(number: int) -> bytes:
    return chr(number).encode("utf-8")


def silent_flac(seconds: float, *, sample_rate: int = 16000, channels: int = 1) -> bytes:
    """A FLAC file of ``seconds`` of silence (``channels`` 1 or 2)."""
    total = int(round(seconds * sample_rate))
    block = 4096
    streaminfo = struct.pack(">HH", block, block) + (0).to_bytes(3, "big") + (0).to_bytes(3, "big")
    packed = (sample_rate << 44) | ((channels - 1) << 41) | ((16 - 1) << 36) | total
    streaminfo += packed.to_bytes(8, "big") + bytes(16)
    out = io.BytesIO()
    out.write(b"fLaC")
    out.write(bytes([0x80]) + len(streaminfo).to_bytes(3, "big") + streaminfo)
    rate_code = {8000: 0b0100, 16000: 0b0101, 22050: 0b0110, 24000: 0b0111, 44100: 0b1001, 48000: 0b1010}[sample_rate]
    for number, start in enumerate(range(0, total, block)):
        size = min(block, total - start)
        header = bytes([0xFF, 0xF8, (0b0111 << 4) | rate_code, ((channels - 1) << 4) | (0b100 << 1)])
        header += _utf8_number(number) + (size - 1).to_bytes(2, "big")
        header += bytes([_crc8(header)])
        # One CONSTANT subframe per channel: header byte 0, then the 16-bit sample value 0.
        frame = header + bytes([0x00, 0x00, 0x00]) * channels
        out.write(frame + _crc16(frame).to_bytes(2, "big"))
    return out.getvalue()
