"""A run against the last committed one: every figure that got worse by more than 20 %, and the
short table at the end of bench/results/README.md. Full runs are compared with full runs and quick
runs with quick runs (the sizes differ)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

WORSE = 0.20
HIGHER_IS_BETTER = ("_per_s", "speedup")
TABLE_START = "<!-- last run: written by bench/compare.py -->"


def figures(run: dict[str, Any]) -> dict[str, float]:
    """Every comparable number of a run, by dotted path (latency, throughput, memory)."""
    return dict(_walk(run.get("datasets", {}), "")) | {
        f"growth.{name}.p99": factors["p99"]
        for name, factors in run.get("growth", {}).items()
        if "p99" in factors
    }


def _walk(node: Any, path: str) -> Iterator[tuple[str, float]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("generation", "targets", "builds", "machine"):
                continue
            yield from _walk(value, f"{path}.{key}" if path else str(key))
    elif isinstance(node, int | float) and not isinstance(node, bool) and _kept(path):
        yield path, float(node)


def _kept(path: str) -> bool:
    leaf = path.rsplit(".", 1)[-1]
    return leaf.endswith(("_ms", "_per_s", "_mb", "speedup", "ratio")) and "mean" not in leaf


def last_committed(results: Path, quick: bool) -> Path | None:
    """The newest results file git knows, of the same kind (quick or full)."""
    listed = subprocess.run(
        ["git", "ls-files", "*.json"],  # noqa: S607
        cwd=results,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    same = sorted(name for name in listed if name.endswith("-quick.json") == quick)
    return results / same[-1] if same else None


def worse(now: dict[str, float], before: dict[str, float]) -> list[dict[str, Any]]:
    found = []
    for key, value in sorted(now.items()):
        old = before.get(key)
        if not old or old <= 0:
            continue
        higher = key.endswith(HIGHER_IS_BETTER)
        change = (old - value) / old if higher else (value - old) / old
        if change > WORSE:
            found.append({"figure": key, "before": old, "now": value, "worse_by": round(change, 3)})
    return found


def compare(run: dict[str, Any], results: Path, quick: bool) -> dict[str, Any]:
    previous = last_committed(results, quick)
    if previous is None:
        return {"with": None, "worse": []}
    before = json.loads(previous.read_text())
    return {"with": previous.name, "worse": worse(figures(run), figures(before))}


TABLE_ROWS = (
    ("plan page, largest plan", "plan_page_largest_plan"),
    ("history page, largest plan", "history_page_largest_plan"),
    ("whole history (pages of 500)", "plan_history"),
    ("plan as of an instant", "plan_as_of"),
    ("plan as of, a new instant each time", "plan_as_of_varied"),
    ("events, pages of 500", "plan_events"),
    ("evidence pack, largest plan", "evidence_pack_largest_plan"),
    ("plan on a date", "plan_on_date_largest_plan"),
)


def table(run: dict[str, Any], name: str) -> str:
    """The short table: p50 / p99 per dataset for the reads, the growth factor, what got worse."""
    datasets = run["datasets"]
    head = " | ".join(f"{d} p50 / p99 ms" for d in datasets)
    lines = [
        TABLE_START,
        f"## Last run: `{name}` ({run['date'][:10]}, {run['machine']['cores']} cores, "
        f"load average {_load(run['machine'])}: shared, figures inflated by other work above "
        f"{run['machine']['cores']})",
        "",
        f"| read | {head} | growth p99 (per event) | growth server CPU | p99 ≤ 2 x p50 |",
        "|---|" + "---|" * (len(datasets) + 3),
    ]
    for label, key in TABLE_ROWS:
        cells = []
        steady = True
        for data in datasets.values():
            figure = data.get("latency", {}).get("requests", {}).get(key)
            if not figure or "p50_ms" not in figure:
                cells.append("-")
                continue
            cells.append(f"{figure['p50_ms']:.1f} / {figure['p99_ms']:.1f}")
            steady = steady and figure["p99_ms"] <= 2 * figure["p50_ms"]
        grown = _growth(run.get("growth", {}).get(key, {}))
        lines.append(f"| {label} | {' | '.join(cells)} | {grown} | {'yes' if steady else 'no'} |")
    lines += _read_log_lines(run)
    lines += ["", _worse_line(run.get("compared", {}))]
    return "\n".join(lines) + "\n"


def _load(machine: dict[str, Any]) -> str:
    began = machine.get("load_average_1_5_15", [0.0])[0]
    ended = machine.get("load_average_at_end", [began])[0]
    return f"{began:.1f} at the start, {ended:.1f} at the end"


def _growth(growth: dict[str, float]) -> str:
    if not growth:
        return "- | -"
    return f"{growth['p99']:.2f}x ({growth['p99_per_event']:.2f}x) | {growth['server_cpu']:.2f}x"


def _read_log_lines(run: dict[str, Any]) -> list[str]:
    lines = []
    for name, data in run["datasets"].items():
        log = data.get("read_log")
        if log:
            ratios = ", ".join(f"{k} {v['ratio']:.2f}" for k, v in log["reads"].items())
            lines.append(f"\nRead log ({name}): with ÷ without its record, p50: {ratios}.")
            over_http = data.get("read_log_http", {}).get("reads", {})
            if over_http:
                ratios = ", ".join(
                    f"{k} {v['with_record']['p50_ms']:.1f} / {v['without_record']['p50_ms']:.1f}"
                    f" ms = {v['ratio']:.2f}"
                    for k, v in over_http.items()
                )
                lines.append(f"Over HTTP, with / without, p50: {ratios}.")
            behind = log.get("behind_plan_writes")
            if behind:
                alone, queued = behind["alone"], behind["with_writes"]
                lines.append(
                    f"The record alone p50 / p99 {alone['p50_ms']:.2f} / {alone['p99_ms']:.2f} ms; "
                    f"behind a writer holding the events table's lock half the time "
                    f"{queued['p50_ms']:.2f} / {queued['p99_ms']:.2f} ms."
                )
    return lines


def _worse_line(compared: dict[str, Any]) -> str:
    if not compared.get("with"):
        return "No earlier committed run of this kind to compare with."
    worse_ones = compared.get("worse", [])
    if not worse_ones:
        return f"Nothing got worse by more than 20 % against `{compared['with']}`."
    named = ", ".join(f"`{w['figure']}` (+{w['worse_by']:.0%})" for w in worse_ones[:12])
    more = f" and {len(worse_ones) - 12} more" if len(worse_ones) > 12 else ""
    return f"Worse by more than 20 % against `{compared['with']}`: {named}{more}."


def write_table(readme: Path, text: str) -> None:
    current = readme.read_text() if readme.exists() else ""
    kept = current.split(TABLE_START, 1)[0].rstrip("\n")
    readme.write_text(f"{kept}\n\n{text}")
