"""The comparison with the last committed run names what got worse by more than 20 %, in the
right direction for each kind of figure, and the README keeps its text above the table."""

from __future__ import annotations

from pathlib import Path

from bench import compare


def test_slower_reads_and_slower_rebuilds_are_named_and_small_changes_are_not() -> None:
    before = {"a.p99_ms": 10.0, "b.events_per_s": 1000.0, "c.p50_ms": 10.0, "d.peak_rss_mb": 100}
    now = {"a.p99_ms": 12.5, "b.events_per_s": 700.0, "c.p50_ms": 11.0, "d.peak_rss_mb": 90}
    assert [w["figure"] for w in compare.worse(now, before)] == ["a.p99_ms", "b.events_per_s"]


def test_figures_are_the_comparable_numbers_of_a_run() -> None:
    run = {
        "datasets": {
            "municipality": {
                "generation": {"seconds": 3.0},
                "latency": {"requests": {"plan": {"p50_ms": 1.0, "requests": 100}}},
                "batch_runner": {"events_per_s": 5.0, "seconds": 2.0},
            }
        },
        "growth": {"plan": {"p50": 1.1, "p99": 1.2}},
    }
    assert compare.figures(run) == {
        "municipality.latency.requests.plan.p50_ms": 1.0,
        "municipality.batch_runner.events_per_s": 5.0,
        "growth.plan.p99": 1.2,
    }


def test_the_table_replaces_the_last_one_and_keeps_the_text(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# Results\n\nWhat the keys mean.\n")
    compare.write_table(readme, f"{compare.TABLE_START}\nfirst\n")
    compare.write_table(readme, f"{compare.TABLE_START}\nsecond\n")
    text = readme.read_text()
    assert text.startswith("# Results\n\nWhat the keys mean.\n")
    assert "second" in text
    assert "first" not in text
