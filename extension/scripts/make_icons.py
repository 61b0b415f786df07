"""Draw the toolbar icons (a blue rounded square with a white speech bubble) as PNGs, stdlib only.

Usage: python extension/scripts/make_icons.py   (writes extension/icons/icon{16,32,48,128}.png)
"""

import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "icons"


def _png(size: int, pixel) -> bytes:
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y, size)) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _pixel(x: int, y: int, n: int):
    u, v = (x + 0.5) / n, (y + 0.5) / n
    r = 0.22  # corner radius of the square, as a fraction of the size
    cx = min(max(u, r), 1 - r)
    cy = min(max(v, r), 1 - r)
    if (u - cx) ** 2 + (v - cy) ** 2 > r * r:
        return (0, 0, 0, 0)
    bubble = ((u - 0.5) / 0.30) ** 2 + ((v - 0.45) / 0.22) ** 2 <= 1
    tail = 0.30 <= u <= 0.45 and 0.60 <= v <= 0.78 and (u - 0.30) >= (v - 0.60) * 0.8
    return (255, 255, 255, 255) if bubble or tail else (10, 88, 202, 255)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for size in (16, 32, 48, 128):
        (OUT / f"icon{size}.png").write_bytes(_png(size, _pixel))


if __name__ == "__main__":
    main()
