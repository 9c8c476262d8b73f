"""Run an ionqkit command until it stops itself at a named point (src/ionqkit/pausepoints.py).

The test then does what it wants to the stopped process (SIGKILL, Ctrl-C, or changes on disk and
SIGCONT): no wall-clock delay chooses the moment, so these tests give the same result on an idle
machine and on a busy one.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

IONQKIT = (sys.executable, "-m", "ionqkit")


class Paused:
    """A child process stopped at `point`; stderr is what it wrote after the announcement."""

    def __init__(self, process: subprocess.Popen[bytes], point: str) -> None:
        self.process = process
        self.point = point

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self) -> None:
        """SIGKILL, as a crash or `kill -9` would, and reap it."""
        self.process.kill()
        self.process.wait()

    def interrupt(self) -> tuple[int, str]:
        """Ctrl-C: SIGINT to the whole process group, as a terminal sends it; then let it run on.
        Returns (exit code, the rest of stderr)."""
        os.killpg(self.process.pid, signal.SIGINT)
        return self.resume()

    def resume(self) -> tuple[int, str]:
        """Let it run on to its end; (exit code, the rest of stderr)."""
        os.kill(self.process.pid, signal.SIGCONT)
        assert self.process.stderr is not None
        rest = self.process.stderr.read().decode()
        return self.process.wait(timeout=300), rest

    def children(self) -> list[int]:
        """PIDs of its child processes (Linux /proc)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    found.append(int(stat.parent.name))
        return found


def start_paused(
    args: Sequence[str | Path], point: str, *, cwd: Path | None = None, new_session: bool = False
) -> Paused:
    """`ionqkit ARGS` with IONQKIT_PAUSE_AT=point, returned once it has stopped there."""
    env = {**os.environ, "IONQKIT_PAUSE_AT": point}
    process = subprocess.Popen(
        [*IONQKIT, *map(str, args)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        start_new_session=new_session,
    )
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # blocks until the announcement or the end of the process
        if line.startswith(b"IONQKIT_PAUSED "):
            # The announcement comes just before SIGSTOP: wait until the stop has happened.
            os.waitid(os.P_PID, process.pid, os.WSTOPPED | os.WNOWAIT)
            assert line.decode().strip() == f"IONQKIT_PAUSED {point}", line
            return Paused(process, point)
        seen.append(line.decode())
    code = process.wait()
    raise AssertionError(f"the command never reached {point} (exit {code}):\n{''.join(seen)[-2000:]}")


@contextlib.contextmanager
def paused(
    args: Sequence[str | Path], point: str, *, cwd: Path | None = None, new_session: bool = False
) -> Iterator[Paused]:
    """start_paused(), and the process killed on the way out whatever the test did."""
    run = start_paused(args, point, cwd=cwd, new_session=new_session)
    try:
        yield run
    finally:
        if run.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                run.process.kill()
            run.process.wait()
        assert run.process.stderr is not None
        run.process.stderr.close()


def wait_for_exit(pids: Sequence[int], timeout: float = 120) -> list[int]:
    """Block until every process in `pids` has exited (pidfd, not polling); those still running
    after `timeout` seconds, a bound far above any real wait, are returned."""
    alive = []
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            ready, _, _ = select.select([fd], [], [], timeout)
            if not ready:
                alive.append(pid)
        finally:
            os.close(fd)
    return alive
