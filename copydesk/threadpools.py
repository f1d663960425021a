"""Thread pools that belong to one process: a worker forked from the CLI starts its own, as the
threads of the pools it inherits did not come with it."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

_pools: dict[str, tuple[int, ThreadPoolExecutor]] = {}


def thread_pool(name: str, workers: int) -> ThreadPoolExecutor:
    """This process's pool `name` of `workers` threads (named copydesk-NAME), started on first use
    and kept for the process's life."""
    found = _pools.get(name)
    if found is None or found[0] != os.getpid():
        found = _pools[name] = (os.getpid(), ThreadPoolExecutor(workers, thread_name_prefix=f"copydesk-{name}"))
    return found[1]
