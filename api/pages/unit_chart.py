"""The chart of virksomme planer per unit over the quarter ends, drawn on the server as SVG.

Only geometry is computed here (where each line and point goes); `pages/_unit_chart.html` writes
the SVG with its text alternative, from the same `QuarterFigures` as the table beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from api.pages.unit_figures import QuarterFigures

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 48
# Line colours with at least 3:1 contrast against white (WCAG 1.4.11), told apart by the legend.
COLOURS = ("#0062ba", "#b41d2c", "#0e6b37", "#8a5a00", "#5b2a86", "#1e2b3c", "#00707a")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: date
    value: int
    plans: int


@dataclass(frozen=True)
class Line:
    unit_id: str
    name: str
    colour: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(
            f"{'M' if i == 0 else 'L'}{p.x:.1f},{p.y:.1f}" for i, p in enumerate(self.points)
        )


@dataclass(frozen=True)
class Tick:
    at: float
    label: str
    sub: str = ""


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    plot: tuple[float, float, float, float]  # left, top, right, bottom


def nice_top(value: int) -> int:
    """A round top for the y axis, at least 4 (so the grid has whole numbers)."""
    for step in (1, 2, 5):
        for scale in (1, 10, 100, 1000, 10000, 100000):
            top = step * scale * 4
            if top >= value:
                return top
    return value


def chart(figures: QuarterFigures) -> Chart:
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    top_value = nice_top(max((g.virksom for row in figures.cells.values() for g in row), default=0))
    count = max(len(figures.dates) - 1, 1)

    def x(i: int) -> float:
        return LEFT + (right - LEFT) * i / count

    def y(value: int) -> float:
        return bottom - (bottom - TOP) * value / top_value

    lines = [
        Line(
            unit,
            figures.units[unit],
            COLOURS[n % len(COLOURS)],
            [
                Point(x(i), y(g.virksom), day, g.virksom, g.plans)
                for i, (day, g) in enumerate(zip(figures.dates, figures.cells[unit], strict=True))
            ],
        )
        for n, unit in enumerate(figures.units)
    ]
    y_ticks = [Tick(y(top_value * k // 4), str(top_value * k // 4)) for k in range(5)]
    x_ticks = [  # the year under the first quarter end and under each year's first quarter
        Tick(x(i), f"K{(day.month + 2) // 3}", str(day.year) if i == 0 or day.month == 3 else "")
        for i, day in enumerate(figures.dates)
    ]
    return Chart(WIDTH, HEIGHT, lines, y_ticks, x_ticks, (LEFT, TOP, right, bottom))
