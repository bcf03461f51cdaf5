"""Render resources/icon.svg into the PNG set, a Windows .ico and a macOS .icns (no Pillow)."""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "resources" / "icon.svg"
OUT_DIR = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # an .ico entry is at most 256 px
# macOS icon types that hold a PNG, and the pixel size each one wants (retina types included).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)
ICO_NAME = "backupviewer.ico"
ICNS_NAME = "backupviewer.icns"


def png_name(size: int) -> str:
    return f"icon-{size}.png"


def expected_files() -> list[Path]:
    """Every file `main` writes, for callers that only need to know whether they exist."""
    names = [png_name(size) for size in PNG_SIZES] + [ICO_NAME, ICNS_NAME]
    return [OUT_DIR / name for name in names]


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    """Render the SVG once per size, antialiased on a transparent square; PNG bytes by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # kept alive while painting
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    pngs = {}
    for size in sorted(sizes):
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
            raise SystemExit(f"cannot encode the {size} px PNG")
        buffer.close()
        pngs[size] = bytes(data.data())
    app.processEvents()
    return pngs


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO container whose entries are PNG images (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        data = pngs[size]
        dim = 0 if size >= 256 else size  # 0 stands for 256
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(images)


def icns_bytes(entries: list[tuple[bytes, bytes]]) -> bytes:
    """An ICNS container of (type, PNG) entries; lengths are big-endian and count headers."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in entries)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    sizes = set(PNG_SIZES) | {size for _, size in ICNS_TYPES}
    pngs = render_pngs(SOURCE, sizes)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        (OUT_DIR / png_name(size)).write_bytes(pngs[size])
    (OUT_DIR / ICO_NAME).write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    (OUT_DIR / ICNS_NAME).write_bytes(icns_bytes([(kind, pngs[size]) for kind, size in ICNS_TYPES]))
    for path in expected_files():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
