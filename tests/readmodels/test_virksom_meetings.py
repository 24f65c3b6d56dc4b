"""The days a meeting leaves the evaluation window, found by bisection, are those of the
definition: every meeting day d with d + interval + 1 strictly inside (lo, hi), in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from projections.virksom_sums import Meetings


@given(
    days=st.lists(st.integers(0, 400), max_size=40),
    lo=st.integers(-100, 500),
    hi=st.integers(-100, 800),
    interval=st.integers(0, 400),
)
def test_leaving_days_are_the_definitions(days: list[int], lo: int, hi: int, interval: int) -> None:
    meetings = Meetings([])
    meetings.days = sorted(days)
    expected = [d + interval + 1 for d in sorted(days) if lo < d + interval + 1 < hi]
    assert meetings.leaving(lo, hi, interval) == expected
