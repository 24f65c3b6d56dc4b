"""Chunks generated in worker processes, at most a few in flight (memory stays bounded).

Workers are spawned (not forked: the parent holds a database connection and a writer thread) and
each builds its own `World` from a picklable `Spec`. Results come back in submission order.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from eventsourcing.persistence import Mapper

from bench.world import Chunk, Spec, World

_world: World | None = None


def chunks(
    spec: Spec, tasks: Iterable[range], plans: int, workers: int, mapper: Mapper[Any]
) -> Iterator[Chunk]:
    """Generate `tasks` (ranges of plan indexes) here with `mapper`, or in `workers` processes."""
    if workers <= 1:
        world = spec.world(mapper)
        yield from (world.chunk(task, plans) for task in tasks)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, context, initializer=_start, initargs=(spec,)) as pool:
        pending: deque[Future[Chunk]] = deque()
        for task in tasks:
            pending.append(pool.submit(_chunk, task, plans))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _start(spec: Spec) -> None:
    global _world  # noqa: PLW0603  (one world per worker process)
    _world = spec.world()


def _chunk(task: range, plans: int) -> Chunk:
    assert _world is not None, "worker not started"
    return _world.chunk(task, plans)
