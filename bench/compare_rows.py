"""Compare the rows of every read model between two rebuilds (old code against new code).

    python -m bench.compare_rows dump  DATABASE_URL var/rows-before   # digest of the live builds
    python -m bench.compare_rows diff  var/rows-before var/rows-after # exit 1 if any row differs

`dump` reads every table of the active build of each read model (through its stable view) and
writes, per table, the sorted md5 of each row's text with the row's first 300 characters, so that
a difference can be shown without keeping the whole model. Row text is PostgreSQL's own rendering
(jsonb is canonical), so a dict's key order in Python does not count as a difference.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import psycopg
from psycopg import sql

from adapters.readmodels import registry
from adapters.readmodels.catalog import SPECS

EXAMPLES = 5


def dump(url: str, out: Path) -> dict[str, int]:
    """Write a digest of each read model table to `out/<model>.<table>.tsv`; return row counts."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    with psycopg.connect(url) as conn:
        for model, specs in SPECS.items():
            for table in specs:
                view = sql.Identifier(registry.stable_view(model, table))
                query = sql.SQL("SELECT md5(t::text) AS h, left(t::text, 300) FROM {} t ORDER BY h")
                rows = conn.execute(query.format(view)).fetchall()
                lines = (f"{digest}\t{text}" for digest, text in rows)
                (out / f"{model}.{table}.tsv").write_text("\n".join(lines) + "\n")
                counts[f"{model}.{table}"] = len(rows)
    (out / "counts.json").write_text(json.dumps(counts, indent=1, sort_keys=True))
    return counts


def _rows(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines() if path.exists() else []
    return dict(line.split("\t", 1) for line in lines if line)


def diff(before: Path, after: Path) -> dict[str, dict[str, object]]:
    """Tables whose rows differ: how many rows only before, only after, and a few of each."""
    names = sorted({p.name for p in [*before.glob("*.tsv"), *after.glob("*.tsv")]})
    counts = [json.loads((d / "counts.json").read_text()) for d in (before, after)]
    found: dict[str, dict[str, object]] = {}
    for name in names:
        old, new = _rows(before / name), _rows(after / name)
        gone, added = old.keys() - new.keys(), new.keys() - old.keys()
        table = name.removesuffix(".tsv")
        sizes = [count.get(table) for count in counts]
        if gone or added or sizes[0] != sizes[1]:
            found[table] = {
                "rows_before": sizes[0],
                "rows_after": sizes[1],
                "only_before": [old[k] for k in sorted(gone)[:EXAMPLES]],
                "only_after": [new[k] for k in sorted(added)[:EXAMPLES]],
            }
    return found


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "dump":
        print(json.dumps(dump(args[0], Path(args[1])), indent=1))
        return 0
    differences = diff(Path(args[0]), Path(args[1]))
    print(json.dumps(differences, indent=1, default=str) if differences else "identical")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
