"""The shared frontier in Redis: scrapy-redis's queue and seen-set, plus in-flight tracking.

scrapy-redis pops a request off the shared queue and forgets it: a worker killed with -9
takes every request it had popped but not finished with it. Here a pop is the reliable-queue
pattern instead: one Lua script takes the best request off the queue (a sorted set, as
scrapy-redis's priority queue) and files it in the worker's in-flight hash under a fresh
token, atomically, so a request is always in exactly one of the two. The worker deletes the
token (``ack``) only when the page's outcome is written (record, error, listing links
queued, redirect queued). Every worker refreshes its ``alive`` key (a TTL) and any worker
``recover``s the in-flight hash of a worker whose key has expired: its requests go back on
the queue and are fetched again by the living (the sinks make the repeat harmless).

The crawl is over when the queue is empty and no worker has anything in flight (``quiet``):
dead workers' requests count as in flight until they are recovered.

Keys, all under ``<prefix>:<source>:``: ``queue`` (sorted set), ``seen`` (the dupefilter's
set of request fingerprints), ``run`` (the run id the seed set), ``token`` (a counter),
``workers`` (set of worker ids), ``alive:<worker>``, ``inflight:<worker>`` (hash token ->
"<score> <request>").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import redis

# KEYS: queue, inflight, token counter, alive, workers. ARGV: worker, heartbeat ms.
# Returns {token, data} or false. Popping also registers the worker and refreshes its
# heartbeat, so no request is ever in flight at a worker the others do not know is alive.
_POP = """
local popped = redis.call('ZPOPMIN', KEYS[1])
if #popped == 0 then return false end
local token = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], token, popped[2] .. ' ' .. popped[1])
redis.call('SET', KEYS[4], '1', 'PX', ARGV[2])
redis.call('SADD', KEYS[5], ARGV[1])
return {token, popped[1]}
"""

# KEYS: queue, inflight, alive, workers. ARGV: worker, force ("1": even if alive). Moves a
# dead (or cleanly stopping) worker's requests back; -1 when the worker is alive.
_RECOVER = """
if ARGV[2] ~= '1' and redis.call('EXISTS', KEYS[3]) == 1 then return -1 end
local entries = redis.call('HGETALL', KEYS[2])
local moved = 0
for i = 2, #entries, 2 do
  local value = entries[i]
  local space = string.find(value, ' ', 1, true)
  redis.call('ZADD', KEYS[1], tonumber(string.sub(value, 1, space - 1)),
             string.sub(value, space + 1))
  moved = moved + 1
end
redis.call('DEL', KEYS[2])
redis.call('SREM', KEYS[4], ARGV[1])
return moved
"""


@dataclass(frozen=True)
class FrontierKeys:
    prefix: str
    source: str

    @property
    def base(self) -> str:
        return f"{self.prefix}:{self.source}"

    @property
    def queue(self) -> str:
        return f"{self.base}:queue"

    @property
    def seen(self) -> str:
        return f"{self.base}:seen"

    @property
    def run(self) -> str:
        return f"{self.base}:run"

    @property
    def token(self) -> str:
        return f"{self.base}:token"

    @property
    def workers(self) -> str:
        return f"{self.base}:workers"

    def alive(self, worker: str) -> str:
        return f"{self.base}:alive:{worker}"

    def inflight(self, worker: str) -> str:
        return f"{self.base}:inflight:{worker}"


@dataclass(frozen=True)
class Popped:
    token: str
    data: bytes


@dataclass(frozen=True)
class FrontierState:
    queued: int
    in_flight: int
    workers: int
    seen: int

    @property
    def quiet(self) -> bool:
        return self.queued == 0 and self.in_flight == 0


class Frontier:
    """One source's frontier as one worker sees it (``worker`` names its in-flight hash)."""

    def __init__(self, server: redis.Redis, keys: FrontierKeys, worker: str,
                 heartbeat_ttl: float = 10.0) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.heartbeat_ttl = heartbeat_ttl
        self._pop = server.register_script(_POP)
        self._recover = server.register_script(_RECOVER)

    # -- queue ---------------------------------------------------------------------

    def push(self, data: bytes, priority: int = 0) -> None:
        self.server.zadd(self.keys.queue, {data: -priority})

    def pop(self) -> Popped | None:
        """The best queued request, filed as in flight for this worker (None: queue empty)."""
        result = self._pop(keys=[self.keys.queue, self.keys.inflight(self.worker),
                                 self.keys.token, self.keys.alive(self.worker),
                                 self.keys.workers],
                           args=[self.worker, int(self.heartbeat_ttl * 1000)])
        if not result:
            return None
        token, data = result
        return Popped(_text(token), data if isinstance(data, bytes) else data.encode())

    def ack(self, token: str) -> None:
        """The request's outcome is written: forget it."""
        self.server.hdel(self.keys.inflight(self.worker), token)

    def queued(self) -> int:
        return int(self.server.zcard(self.keys.queue))

    def mark_seen(self, fingerprint: str) -> bool:
        """Add ``fingerprint`` to the shared seen-set; False when it was there already."""
        return bool(self.server.sadd(self.keys.seen, fingerprint))

    # -- workers -------------------------------------------------------------------

    def heartbeat(self) -> None:
        pipe = self.server.pipeline()
        pipe.set(self.keys.alive(self.worker), "1", px=int(self.heartbeat_ttl * 1000))
        pipe.sadd(self.keys.workers, self.worker)
        pipe.execute()

    def release(self) -> int:
        """On a clean stop: give this worker's unfinished requests back to the queue."""
        moved = self._recover_worker(self.worker, force=True)
        self.server.delete(self.keys.alive(self.worker))
        return moved

    def recover(self) -> int:
        """Requeue the in-flight requests of every worker whose heartbeat has expired."""
        return sum(max(0, self._recover_worker(worker)) for worker in self.workers())

    def _recover_worker(self, worker: str, force: bool = False) -> int:
        return int(self._recover(keys=[self.keys.queue, self.keys.inflight(worker),
                                       self.keys.alive(worker), self.keys.workers],
                                 args=[worker, "1" if force else "0"]))

    def workers(self) -> list[str]:
        return sorted(_text(w) for w in self.server.smembers(self.keys.workers))

    def live_workers(self) -> list[str]:
        workers = self.workers()
        if not workers:
            return []
        alive = self.server.mget([self.keys.alive(w) for w in workers])
        return [w for w, flag in zip(workers, alive, strict=True) if flag is not None]

    # -- the whole frontier ------------------------------------------------------------

    def state(self) -> FrontierState:
        workers = self.workers()
        pipe = self.server.pipeline()
        pipe.zcard(self.keys.queue)
        pipe.scard(self.keys.seen)
        for worker in workers:
            pipe.hlen(self.keys.inflight(worker))
        queued, seen, *in_flight = pipe.execute()
        return FrontierState(int(queued), int(sum(in_flight)), len(workers), int(seen))

    def run_id(self) -> str | None:
        value = self.server.get(self.keys.run)
        return _text(value) if value is not None else None

    def start_run(self, run_id: str) -> None:
        """Forget the previous run's queue, seen-set and workers; name the new run."""
        stale = [self.keys.queue, self.keys.seen, self.keys.token, self.keys.workers]
        stale += list(self._worker_keys())
        self.server.delete(*stale)
        self.server.set(self.keys.run, run_id)

    def clear(self) -> None:
        """Delete every key of this source's frontier."""
        self.server.delete(self.keys.queue, self.keys.seen, self.keys.token,
                           self.keys.workers, self.keys.run, *self._worker_keys())

    def _worker_keys(self) -> Iterator[str]:
        for pattern in (f"{self.keys.base}:alive:*", f"{self.keys.base}:inflight:*"):
            for key in self.server.scan_iter(match=pattern, count=500):
                yield _text(key)


def _text(value: bytes | str | int) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8")
    return str(value)
