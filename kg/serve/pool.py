"""Worker processes with a time limit per job.

pyoxigraph offers no way to stop a running query, and a thread cannot be stopped either: a query past the limit
would go on eating a core after its client got its error. So each job runs in a worker process, and one that
overruns is killed (SIGKILL) and replaced. Workers are forked from a ``forkserver`` that imported the query code
once: a replacement is ready in milliseconds, and none is forked from the server's threads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from kg.serve.worker import Job, Reply, text_reply, worker_main


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection

    def stop(self, *, kill: bool = False) -> None:
        with contextlib.suppress(OSError, ValueError):
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        with contextlib.suppress(OSError):
            self.conn.close()
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)


class WorkerPool:
    """``size`` workers over the store at ``location``; :meth:`run` gives a job to an idle one and waits at most
    ``time_limit`` seconds in all (waiting for a worker included)."""

    def __init__(self, location: str, *, size: int, time_limit: float) -> None:
        self.location = location
        self.time_limit = time_limit
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["kg.serve.worker", "kg.serve.pages"])
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=worker_main, args=(theirs, self.location), daemon=True,
                                        name="kg-serve-worker")
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def run(self, job: Job) -> Reply:
        deadline = time.monotonic() + self.time_limit
        try:
            worker = self._idle.get(timeout=self.time_limit)
        except queue.Empty:
            return text_reply(503, f"every worker is busy and none was free within {self.time_limit:g} s; "
                                   "try again later", (("Retry-After", "5"),))
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply: Reply = worker.conn.recv()
                if self._closed:
                    worker.stop()
                else:
                    self._idle.put(worker)
                return reply
        except (EOFError, OSError) as exc:
            self._replace(worker)
            return text_reply(500, f"the worker answering the request stopped: {exc or type(exc).__name__}")
        self._replace(worker)
        return text_reply(503, f"the request was stopped: it ran longer than this server's time limit of "
                               f"{self.time_limit:g} s (kg serve --timeout); ask for less, or add LIMIT")

    def _replace(self, worker: _Worker) -> None:
        worker.stop(kill=True)
        if not self._closed:
            self._idle.put(self._start())

    def close(self) -> None:
        """End every worker: idle ones now, busy ones are killed as their request ends."""
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            worker.stop()
