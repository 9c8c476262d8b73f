"""How many cores this process may use: for the linter's -j 0 and the generator's helper process."""

from __future__ import annotations

import os


def available_cores() -> int:
    """Cores this process may run on (taskset, cgroup cpusets), not all the machine has."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
