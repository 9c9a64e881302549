"""Async test code run in an event loop of its own, in a thread of its own: the browser tests
keep Playwright's loop running in the main thread, where a second loop cannot start."""

from __future__ import annotations

import functools
import threading
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import anyio

T = TypeVar("T")


def in_own_loop(function: Callable[..., Awaitable[T]], *args: Any) -> T:
    """`await function(*args)` in a new event loop in a new thread; its result or its error."""
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = anyio.run(function, *args)
        except BaseException as error:  # handed back to the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


def own_loop(test: Callable[..., Awaitable[None]]) -> Callable[..., None]:
    """An async test run by `in_own_loop` (pytest sees the signature, so fixtures still work)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        in_own_loop(functools.partial(test, *args, **kwargs))

    return run
