from __future__ import annotations

from dataclasses import dataclass, field, replace

from ionqkit.runtime import RetryPolicy


@dataclass
class FakeTime:
    """Sleeps that only advance a counter, so retry and polling tests run instantly."""

    now: float = 1_000_000.0
    sleeps: list[float] = field(default_factory=list)

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def clock(self) -> float:
        return self.now

    def policy(self, **overrides: object) -> RetryPolicy:
        policy = RetryPolicy(
            sleep=self.sleep,
            async_sleep=self.async_sleep,
            clock=self.clock,
            monotonic=self.clock,
            random=lambda: 0.5,
        )
        return replace(policy, **overrides)  # type: ignore[arg-type]
