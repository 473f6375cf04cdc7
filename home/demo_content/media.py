"""Demo images drawn with Pillow and small demo documents, all made offline and deterministically.

Images are simple illustrated scenes (sky, hills, buildings, people). Text is drawn only when a CJK font is
installed; without one the scenes are drawn without lettering.
"""

import csv
import io
import math
import random
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 800
SCALE = 2  # draw at twice the size, then downsample for smooth edges
W, H = WIDTH * SCALE, HEIGHT * SCALE

FONT_CANDIDATES = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
]

SKIN = [(241, 200, 160), (230, 185, 145), (222, 172, 130)]
SHIRTS = [(214, 60, 50), (40, 110, 190), (250, 190, 40), (60, 160, 90), (240, 240, 240), (120, 80, 170)]


@cache
def _font_path():
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    for pattern in ("*CJK*", "wqy*", "*Hei*", "*Song*"):
        for folder in ("/usr/share/fonts", "/usr/local/share/fonts"):
            for path in sorted(Path(folder).glob(f"**/{pattern}")) if Path(folder).is_dir() else []:
                if path.suffix.lower() in (".ttc", ".ttf", ".otf"):
                    return str(path)
    return None


def font(size):
    """A CJK font at ``size`` pixels, or None when the machine has none."""
    path = _font_path()
    if path is None:
        return None
    try:
        return ImageFont.truetype(path, size)
    except OSError:
        return None


def _lerp(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _gradient(draw, top, bottom, y0=0, y1=H):
    span = max(y1 - y0 - 1, 1)
    for y in range(y0, y1):
        draw.line([(0, y), (W, y)], fill=_lerp(top, bottom, (y - y0) / span))


def _text(draw, xy, text, size, fill, anchor="mm"):
    face = font(size)
    if face is not None:
        draw.text(xy, text, font=face, fill=fill, anchor=anchor)


def _hills(draw, rng, base, height, colour, peaks=7):
    points = [(0, H)]
    step = W / peaks
    for i in range(peaks + 1):
        x = i * step + rng.uniform(-step / 4, step / 4)
        points.append((x, base - rng.uniform(0.35, 1.0) * height))
        if i < peaks:
            points.append((x + step / 2, base - rng.uniform(0.0, 0.3) * height))
    points.append((W, H))
    draw.polygon(points, fill=colour)


def _sun(draw, x, y, r, colour=(255, 236, 170)):
    draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)


def _tree(draw, x, ground, size, leaf=(54, 128, 70)):
    draw.rectangle([x - size * 0.08, ground - size * 0.9, x + size * 0.08, ground], fill=(110, 78, 50))
    for dx, dy, r in ((0, -1.25, 0.55), (-0.35, -0.95, 0.42), (0.35, -0.95, 0.42)):
        cx, cy = x + dx * size, ground + dy * size
        draw.ellipse([cx - r * size, cy - r * size, cx + r * size, cy + r * size], fill=leaf)


def _person(draw, rng, x, ground, size, shirt=None, arm_up=False):
    shirt = shirt or rng.choice(SHIRTS)
    head = size * 0.16
    body_top = ground - size * 0.78
    draw.line(
        [(x - size * 0.07, ground - size * 0.4), (x - size * 0.09, ground)],
        fill=(50, 50, 70),
        width=int(size * 0.07),
    )
    draw.line(
        [(x + size * 0.07, ground - size * 0.4), (x + size * 0.09, ground)],
        fill=(50, 50, 70),
        width=int(size * 0.07),
    )
    draw.rounded_rectangle(
        [x - size * 0.16, body_top, x + size * 0.16, ground - size * 0.36], radius=size * 0.06, fill=shirt
    )
    if arm_up:
        draw.line(
            [(x + size * 0.14, body_top + size * 0.06), (x + size * 0.24, body_top - size * 0.2)],
            fill=shirt,
            width=int(size * 0.07),
        )
    draw.ellipse([x - head, body_top - head * 2.1, x + head, body_top - head * 0.1], fill=rng.choice(SKIN))
    draw.chord(
        [x - head, body_top - head * 2.15, x + head, body_top - head * 0.6], 180, 360, fill=(35, 30, 30)
    )


def _crowd(draw, rng, y_rows, size, count, x0=0, x1=W):
    for row, ground in enumerate(y_rows):
        scale = size * (1 + 0.12 * row)
        for i in range(count):
            x = x0 + (i + 0.5) * (x1 - x0) / count + rng.uniform(-scale * 0.1, scale * 0.1)
            _person(draw, rng, x, ground, scale)


def _building(draw, rng, x0, y0, x1, y1, wall, roof, floors=4, window=(170, 205, 235)):
    draw.rectangle([x0, y0, x1, y1], fill=wall)
    draw.rectangle([x0 - 20, y0 - 40, x1 + 20, y0], fill=roof)
    columns = max(int((x1 - x0) / 150), 3)
    floor_h = (y1 - y0) / floors
    for f in range(floors):
        for c in range(columns):
            wx = x0 + (c + 0.2) * (x1 - x0) / columns
            wy = y0 + f * floor_h + floor_h * 0.22
            lit = rng.random() < 0.15
            draw.rectangle(
                [wx, wy, wx + (x1 - x0) / columns * 0.6, wy + floor_h * 0.5],
                fill=(255, 230, 160) if lit else window,
                outline=(255, 255, 255),
                width=4,
            )


def _flag(draw, x, ground, height):
    draw.rectangle([x - 6, ground - height, x + 6, ground], fill=(200, 200, 205))
    top = ground - height
    draw.polygon(
        [(x + 6, top), (x + 6 + height * 0.32, top + height * 0.05), (x + 6, top + height * 0.21)],
        fill=(220, 30, 30),
    )


def _bunting(draw, rng, y, sag=60):
    draw.line([(0, y), (W / 2, y + sag), (W, y)], fill=(90, 90, 90), width=4)
    for i in range(24):
        t = (i + 0.5) / 24
        x = t * W
        yy = y + sag * (1 - abs(2 * t - 1))
        draw.polygon([(x - 30, yy), (x + 30, yy), (x, yy + 70)], fill=SHIRTS[i % len(SHIRTS)])


def _sky_and_hills(draw, rng, horizon, top=(120, 180, 235), bottom=(215, 235, 250)):
    _gradient(draw, top, bottom, 0, horizon)
    _sun(draw, rng.uniform(W * 0.6, W * 0.9), rng.uniform(150, 350), 110)
    _hills(draw, rng, horizon, 420, (130, 170, 160))
    _hills(draw, rng, horizon + 40, 260, (90, 145, 110))


def scene_campus(draw, rng, snow=False):
    horizon = int(H * 0.55)
    if snow:
        _gradient(draw, (190, 200, 215), (235, 238, 242), 0, horizon)
        _hills(draw, rng, horizon, 420, (205, 212, 222))
        _hills(draw, rng, horizon + 40, 260, (225, 230, 236))
        ground = (244, 246, 250)
    else:
        _sky_and_hills(draw, rng, horizon)
        ground = (112, 170, 90)
    draw.rectangle([0, horizon, W, H], fill=ground)
    _building(draw, rng, 300, horizon - 520, 1500, horizon + 80, (240, 232, 215), (190, 70, 50))
    _building(draw, rng, 1600, horizon - 360, 2250, horizon + 80, (230, 225, 235), (70, 110, 170), floors=3)
    if snow:
        draw.rectangle([280, horizon - 565, 1520, horizon - 535], fill=(255, 255, 255))
        draw.rectangle([1580, horizon - 405, 2270, horizon - 375], fill=(255, 255, 255))
    _text(draw, (900, horizon - 480), "湘西自治州特殊教育学校", 64, (160, 30, 30))
    draw.polygon([(1000, H), (1400, H), (1020, horizon + 80), (880, horizon + 80)], fill=(215, 205, 185))
    _flag(draw, 1580, horizon + 120, 520)
    for x in (120, 2300, 180, 2420):
        _tree(
            draw,
            x + rng.uniform(-30, 30),
            horizon + 260,
            rng.uniform(220, 300),
            (235, 240, 245) if snow else (54, 128, 70),
        )
    if snow:
        for _ in range(260):
            x, y, r = rng.uniform(0, W), rng.uniform(0, H), rng.uniform(3, 8)
            draw.ellipse([x - r, y - r, x + r, y + r], fill=(255, 255, 255))
    else:
        for _ in range(6):
            _person(draw, rng, rng.uniform(700, 1700), rng.uniform(H - 280, H - 60), 260)


def scene_building(draw, rng):
    horizon = int(H * 0.72)
    _gradient(draw, (90, 160, 230), (200, 225, 245), 0, horizon)
    _sun(draw, 2100, 220, 120)
    draw.rectangle([0, horizon, W, H], fill=(190, 190, 185))
    _building(draw, rng, 200, 260, 2200, horizon, (245, 238, 222), (180, 60, 45), floors=5)
    draw.rectangle([950, horizon - 260, 1450, horizon], fill=(120, 90, 70))
    draw.rectangle([980, horizon - 240, 1420, horizon], fill=(170, 205, 230))
    draw.rectangle([820, 180, 1580, 250], fill=(200, 40, 40))
    _text(draw, (1200, 215), "教学楼", 56, (255, 230, 120))
    for i in range(4):
        draw.rectangle(
            [880 - i * 40, horizon + i * 40, 1520 + i * 40, horizon + i * 40 + 40], fill=(215, 212, 205)
        )
    for x in (90, 2310):
        _tree(draw, x, horizon + 40, 320)


def scene_sports(draw, rng):
    horizon = int(H * 0.35)
    _sky_and_hills(draw, rng, horizon)
    draw.rectangle([0, horizon, W, H], fill=(90, 150, 80))
    cx, cy = W / 2, horizon + (H - horizon) * 0.62
    for i, colour in enumerate(((196, 74, 60), (210, 90, 70))):
        rx, ry = W * (0.62 - 0.03 * i), (H - horizon) * (0.7 - 0.05 * i)
        draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=colour)
    rx, ry = W * 0.45, (H - horizon) * 0.45
    draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=(100, 170, 85))
    for lane in range(1, 6):
        k = 0.47 + lane * 0.025
        draw.ellipse(
            [cx - W * k, cy - (H - horizon) * (k + 0.02), cx + W * k, cy + (H - horizon) * (k + 0.02)],
            outline=(250, 250, 250),
            width=4,
        )
    _bunting(draw, rng, 80)
    for i in range(6):
        _person(draw, rng, 500 + i * 260, H - 90 - (i % 2) * 30, 300, arm_up=i % 2 == 0)
    draw.rectangle([0, horizon - 10, W, horizon + 60], fill=(70, 90, 140))


def scene_ceremony(draw, rng):
    _gradient(draw, (110, 175, 235), (220, 235, 250), 0, H)
    draw.rectangle([0, H * 0.62, W, H], fill=(175, 170, 160))
    draw.rectangle([400, 220, 2000, 900], fill=(190, 30, 35))
    draw.rectangle([480, 300, 1920, 470], fill=(250, 215, 90))
    _text(draw, (1200, 385), "新学期开学典礼", 110, (190, 30, 35))
    draw.rectangle([350, 900, 2050, 1000], fill=(120, 80, 60))
    for i in range(5):
        _person(draw, rng, 700 + i * 250, 900, 300)
    _flag(draw, 2250, 1000, 800)
    _crowd(draw, rng, (1300, 1450, 1620), 220, 11)


def scene_rehab(draw, rng):
    draw.rectangle([0, 0, W, H * 0.6], fill=(250, 238, 210))
    draw.rectangle([0, H * 0.6, W, H], fill=(205, 160, 110))
    for x in range(0, W, 160):
        draw.line([(x, H * 0.6), (x - 300, H)], fill=(190, 145, 95), width=4)
    draw.rectangle([1500, 150, 2200, 650], fill=(180, 215, 240), outline=(255, 255, 255), width=16)
    draw.line([(1850, 150), (1850, 650)], fill=(255, 255, 255), width=12)
    for i in range(9):
        draw.rectangle([120 + i * 55, 220, 135 + i * 55, 960], fill=(200, 150, 90))
    for j in range(10):
        draw.line([(110, 260 + j * 70), (580, 260 + j * 70)], fill=(190, 140, 80), width=12)
    mats = [(250, 79, 90), (90, 170, 240), (250, 200, 60), (100, 200, 120)]
    for i, colour in enumerate(mats):
        draw.rectangle([500 + i * 430, 1150, 900 + i * 430, 1400], fill=colour)
    for x, y, r, colour in (
        (900, 1050, 130, (240, 90, 70)),
        (1650, 1100, 170, (80, 150, 230)),
        (2150, 1300, 110, (250, 200, 60)),
    ):
        draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
        draw.arc(
            [x - r * 0.7, y - r * 0.7, x + r * 0.7, y + r * 0.7], 200, 320, fill=(255, 255, 255), width=10
        )
    draw.rectangle([700, 960, 1500, 1000], fill=(150, 100, 60))
    _person(draw, rng, 1250, 960, 300, arm_up=True)
    _person(draw, rng, 1450, 1450, 420, shirt=(240, 240, 240))


def scene_classroom(draw, rng):
    draw.rectangle([0, 0, W, H], fill=(236, 232, 215))
    draw.rectangle([0, H * 0.72, W, H], fill=(190, 160, 120))
    draw.rectangle([420, 120, 1980, 640], fill=(40, 90, 65), outline=(140, 100, 60), width=24)
    _text(draw, (1200, 260), "生活语文", 90, (245, 245, 235))
    for i in range(4):
        draw.line(
            [(560, 400 + i * 55), (1200 + rng.uniform(0, 500), 400 + i * 55)], fill=(225, 230, 220), width=6
        )
    _person(draw, rng, 300, 1150, 520, shirt=(80, 120, 170), arm_up=True)
    for row in range(2):
        for col in range(4):
            x = 700 + col * 420 + row * 60
            y = 1080 + row * 300
            _person(draw, rng, x, y, 300 + row * 40)
            draw.polygon(
                [(x - 180, y - 90), (x + 180, y - 90), (x + 200, y), (x - 200, y)], fill=(215, 180, 120)
            )


def scene_library(draw, rng):
    draw.rectangle([0, 0, W, H], fill=(240, 230, 210))
    draw.rectangle([0, H * 0.75, W, H], fill=(170, 120, 80))
    colours = [(190, 60, 50), (50, 100, 170), (240, 190, 60), (70, 150, 90), (150, 90, 160), (230, 120, 50)]
    for shelf in range(3):
        x0 = 100 + shelf * 780
        draw.rectangle([x0, 150, x0 + 700, 1200], fill=(140, 95, 60))
        for level in range(5):
            y = 180 + level * 200
            x = x0 + 30
            while x < x0 + 660:
                width = rng.randint(28, 55)
                height = rng.randint(130, 175)
                draw.rectangle([x, y + 180 - height, x + width, y + 180], fill=rng.choice(colours))
                x += width + 4
            draw.rectangle([x0, y + 180, x0 + 700, y + 195], fill=(110, 75, 45))
    draw.rectangle([500, 1280, 1900, 1340], fill=(160, 110, 70))
    for x in (750, 1200, 1650):
        _person(draw, rng, x, 1520, 380)


def scene_homevisit(draw, rng):
    horizon = int(H * 0.5)
    _gradient(draw, (140, 190, 230), (225, 238, 245), 0, horizon)
    for i, colour in enumerate(((150, 180, 170), (110, 155, 120), (80, 130, 90))):
        _hills(draw, rng, horizon + i * 150, 600 - i * 150, colour, peaks=5 + i)
    for i in range(5):
        y = horizon + 300 + i * 90
        draw.arc([-400 + i * 60, y - 200, 1300 + i * 60, y + 200], 0, 180, fill=(150, 185, 90), width=30)
    draw.polygon([(1300, H), (1700, H), (1520, horizon + 350), (1460, horizon + 350)], fill=(200, 190, 170))
    hx, hy = 1750, horizon + 420
    for x in (hx + 20, hx + 300, hx + 580):
        draw.rectangle([x, hy, x + 20, hy + 180], fill=(90, 60, 40))
    draw.rectangle([hx, hy - 320, hx + 620, hy], fill=(150, 100, 60))
    draw.polygon([(hx - 80, hy - 320), (hx + 310, hy - 520), (hx + 700, hy - 320)], fill=(60, 60, 65))
    draw.rectangle([hx + 80, hy - 250, hx + 220, hy - 100], fill=(230, 210, 160))
    draw.rectangle([hx + 400, hy - 250, hx + 540, hy - 40], fill=(90, 60, 40))
    for i in range(3):
        _person(draw, rng, 1250 + i * 160, H - 120 - i * 20, 340, shirt=(240, 240, 240) if i == 0 else None)


def scene_party(draw, rng):
    draw.rectangle([0, 0, W, H], fill=(245, 238, 225))
    draw.rectangle([200, 120, 2200, 760], fill=(200, 30, 35))
    draw.rectangle([200, 760, 2200, 800], fill=(160, 20, 25))
    _text(draw, (1200, 440), "主题党日活动", 150, (255, 220, 80))
    draw.rectangle([0, H * 0.78, W, H], fill=(180, 150, 120))
    for row in range(2):
        for i in range(7):
            _person(
                draw,
                rng,
                360 + i * 280 + row * 120,
                1240 + row * 230,
                380 + row * 40,
                shirt=(245, 245, 245),
                arm_up=True,
            )


def scene_art(draw, rng):
    draw.rectangle([0, 0, W, H], fill=(200, 160, 110))
    for _ in range(900):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        draw.point((x, y), fill=(170, 130, 90))
    palette = [
        (240, 90, 90),
        (250, 200, 60),
        (90, 170, 240),
        (120, 200, 120),
        (220, 130, 220),
        (255, 150, 60),
    ]
    for row in range(3):
        for col in range(5):
            x = 260 + col * 470 + rng.uniform(-40, 40)
            y = 280 + row * 500 + rng.uniform(-40, 40)
            kind = (row * 5 + col) % 3
            colour = rng.choice(palette)
            draw.rectangle([x - 180, y - 180, x + 180, y + 180], fill=(252, 250, 245))
            if kind == 0:
                for k in range(6):
                    dx = [0, 70, 70, 0, -70, -70][k]
                    dy = [-80, -40, 40, 80, 40, -40][k]
                    draw.ellipse([x + dx - 55, y + dy - 55, x + dx + 55, y + dy + 55], fill=colour)
                draw.ellipse([x - 45, y - 45, x + 45, y + 45], fill=(250, 220, 80))
            elif kind == 1:
                star = []
                for k in range(10):
                    r = 140 if k % 2 == 0 else 60
                    angle = math.pi / 2 + k * math.pi / 5
                    star.append((x + r * math.cos(angle), y - r * math.sin(angle)))
                draw.polygon(star, fill=colour)
            else:
                draw.ellipse([x - 120, y - 110, x + 10, y + 20], fill=colour)
                draw.ellipse([x - 10, y - 110, x + 120, y + 20], fill=colour)
                draw.polygon([(x - 118, y - 30), (x + 118, y - 30), (x, y + 140)], fill=colour)
            draw.ellipse([x - 14, y - 200, x + 14, y - 172], fill=(200, 40, 40))


def scene_parents(draw, rng):
    draw.rectangle([0, 0, W, H], fill=(232, 236, 240))
    draw.rectangle([0, H * 0.7, W, H], fill=(160, 150, 140))
    draw.rectangle([700, 100, 1700, 640], fill=(250, 250, 250), outline=(90, 90, 100), width=12)
    _text(draw, (1200, 250), "家长会", 110, (40, 90, 160))
    for i in range(3):
        draw.rectangle([820, 380 + i * 70, 1580 - i * 180, 410 + i * 70], fill=(180, 200, 225))
    _person(draw, rng, 450, 1050, 520, shirt=(60, 110, 170), arm_up=True)
    _crowd(draw, rng, (1240, 1420, 1600), 260, 8, x0=300, x1=W)


SCENES = {
    "campus": scene_campus,
    "building": scene_building,
    "sports": scene_sports,
    "ceremony": scene_ceremony,
    "rehab": scene_rehab,
    "classroom": scene_classroom,
    "library": scene_library,
    "homevisit": scene_homevisit,
    "party": scene_party,
    "art": scene_art,
    "parents": scene_parents,
    "snow": lambda draw, rng: scene_campus(draw, rng, snow=True),
}


def draw_image(key, seed):
    """The scene ``key`` as JPEG bytes, the same for the same seed."""
    rng = random.Random(f"{seed}-{key}")
    canvas = Image.new("RGB", (W, H), (255, 255, 255))
    SCENES[key](ImageDraw.Draw(canvas), rng)
    buffer = io.BytesIO()
    canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS).save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


# Documents ------------------------------------------------------------------------------------------


def form_pdf(title, rows):
    """A one-page A4 form (a drawn image wrapped in a PDF) with a title and labelled rows."""
    page = Image.new("RGB", (827, 1169), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    face, small = font(34), font(22)
    if face is not None:
        draw.text((413, 110), title, font=face, fill=(0, 0, 0), anchor="mm")
    top, left, right, row_h = 180, 80, 747, 64
    for i, label in enumerate(rows):
        y = top + i * row_h
        draw.rectangle([left, y, right, y + row_h], outline=(0, 0, 0), width=2)
        draw.line([(left + 200, y), (left + 200, y + row_h)], fill=(0, 0, 0), width=2)
        if small is not None:
            draw.text((left + 100, y + row_h / 2), label, font=small, fill=(0, 0, 0), anchor="mm")
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=100.0, title=title)
    return buffer.getvalue()


def csv_bytes(rows):
    """UTF-8 CSV with a byte-order mark, so spreadsheet programs read the Chinese correctly."""
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" + text.getvalue()).encode("utf-8")


def text_bytes(text):
    return text.strip().replace("\n", "\r\n").encode("utf-8") + b"\r\n"
