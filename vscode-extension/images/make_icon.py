"""Draw images/icon.png (128x128): a rounded gradient tile with a white "${}" in a pixel font.

Pure standard library (zlib + struct), so it runs anywhere: python3 images/make_icon.py
"""

import struct
import zlib
from pathlib import Path

SIZE = 128
GLYPHS = {  # 5x7 pixel glyphs
    "$": ["..#..", ".####", "#.#..", ".###.", "..#.#", "####.", "..#.."],
    "{": ["...##", "..#..", "..#..", ".#...", "..#..", "..#..", "...##"],
    "}": ["##...", "..#..", "..#..", "...#.", "..#..", "..#..", "##..."],
}
TEXT = "${}"
SCALE = 7
TOP = (74, 42, 140)  # purple
BOTTOM = (28, 122, 140)  # teal


def inside_rounded(x: float, y: float, r: float = 22.0) -> float:
    """Coverage (0..1) of pixel (x, y) by the rounded square, 4x4 supersampled."""
    hits = 0
    for sy in range(4):
        for sx in range(4):
            px, py = x + (sx + 0.5) / 4, y + (sy + 0.5) / 4
            cx = min(max(px, r), SIZE - r)
            cy = min(max(py, r), SIZE - r)
            hits += (px - cx) ** 2 + (py - cy) ** 2 <= r * r
    return hits / 16


def text_mask() -> set[tuple[int, int]]:
    cols = len(TEXT) * 5 + (len(TEXT) - 1)
    x0 = (SIZE - cols * SCALE) // 2
    y0 = (SIZE - 7 * SCALE) // 2
    on = set()
    for i, ch in enumerate(TEXT):
        for row, bits in enumerate(GLYPHS[ch]):
            for col, b in enumerate(bits):
                if b == "#":
                    gx = x0 + (i * 6 + col) * SCALE
                    gy = y0 + row * SCALE
                    for dy in range(SCALE):
                        for dx in range(SCALE):
                            on.add((gx + dx, gy + dy))
    return on


def main() -> None:
    mask = text_mask()
    raw = bytearray()
    for y in range(SIZE):
        raw.append(0)  # filter: none
        t = y / (SIZE - 1)
        bg = [round(a + (b - a) * t) for a, b in zip(TOP, BOTTOM, strict=True)]
        for x in range(SIZE):
            alpha = round(255 * inside_rounded(x, y))
            rgb = (255, 255, 255) if (x, y) in mask else tuple(bg)
            raw.extend((*rgb, alpha))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    png = b"\x89PNG\r\n\x1a\n"
    png += chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw), 9))
    png += chunk(b"IEND", b"")
    Path(__file__).with_name("icon.png").write_bytes(png)


if __name__ == "__main__":
    main()
