"""Captcha codes and their pictures: a small PNG drawn with a built-in digit font, no Qt."""

from __future__ import annotations

import random
import struct
import zlib

# 3×5 pixel digits, drawn scaled up; the noise keeps the picture captcha-like but readable.
_GLYPHS = {
    "0": ("111", "101", "101", "101", "111"),
    "1": ("010", "110", "010", "010", "111"),
    "2": ("111", "001", "111", "100", "111"),
    "3": ("111", "001", "111", "001", "111"),
    "4": ("101", "101", "111", "001", "001"),
    "5": ("111", "100", "111", "001", "111"),
    "6": ("111", "100", "111", "101", "111"),
    "7": ("111", "001", "001", "001", "001"),
    "8": ("111", "101", "111", "101", "111"),
    "9": ("111", "101", "111", "001", "111"),
}
_SCALE = 6
_MARGIN = 8


def new_code(rng: random.Random, length: int = 4) -> str:
    """A fresh code of `length` digits."""
    return "".join(rng.choice("0123456789") for _ in range(length))


def picture(code: str, rng: random.Random) -> bytes:
    """A grayscale PNG showing `code` (digits only) on a lightly speckled background."""
    cell = 4 * _SCALE
    width = 2 * _MARGIN + cell * len(code)
    height = 2 * _MARGIN + 5 * _SCALE
    pixels = [bytearray(rng.choice((235, 245, 255)) for _ in range(width)) for _ in range(height)]
    for index, digit in enumerate(code):
        left = _MARGIN + index * cell
        top = _MARGIN + rng.randint(-3, 3)
        for row, bits in enumerate(_GLYPHS[digit]):
            for col, bit in enumerate(bits):
                if bit == "1":
                    for y in range(top + row * _SCALE, top + (row + 1) * _SCALE):
                        x = left + col * _SCALE
                        pixels[y][x : x + _SCALE] = bytes([40]) * _SCALE
    raw = b"".join(b"\x00" + bytes(line) for line in pixels)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    chunks = _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
