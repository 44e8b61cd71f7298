"""Progress for long stages, shown where a person is watching and silent elsewhere.

- In a terminal (standard error is a TTY): a transient rich line or bar on standard error,
  erased when the stage ends.
- In a Jupyter notebook: a transient line of text in the cell's output (a display handle,
  replaced as the work goes on and emptied when it ends). Not a widget: a widget that closes
  leaves a reference to a model that no longer exists in the saved notebook, in Voila ("Error
  displaying widget: model not found") and in an HTML export.
- Otherwise (a pipe, a file, a test, CI): nothing at all, so that output stays clean.

Use :func:`steps` for a stage made of named steps (loading, scorecard, rendering...) and
:func:`track` for a loop over many items (files of a cohort, charts). Both stop their display
cleanly when the work raises, Ctrl-C (``KeyboardInterrupt``) included: the command line then
exits with code 130 and one line (:func:`netlytics.cli.main`).
"""

from __future__ import annotations

import contextlib
import html
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

__all__ = ["steps", "track", "display"]

T = TypeVar("T")


def display() -> str:
    """Where progress would show now: ``"terminal"``, ``"notebook"`` or ``"none"``.

    Returns
    -------
    str
        ``"notebook"`` inside a Jupyter kernel, ``"terminal"`` when standard error is a
        terminal (as rich sees it), else ``"none"``.

    Examples
    --------
    >>> display() in ("terminal", "notebook", "none")
    True
    """
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
        return "notebook"
    from rich.console import Console

    return "terminal" if Console(stderr=True).is_terminal else "none"


@contextlib.contextmanager
def steps(description: str) -> Iterator[Callable[[str], None]]:
    """Show ``description: <step>`` while a stage runs; yield ``update(step)``.

    Parameters
    ----------
    description : str
        What the stage does ("Report", "Loading").

    Yields
    ------
    callable
        ``update(step)``: show the step now running (a short phrase such as "scorecard").

    Examples
    --------
    >>> with steps("Report") as update:  # silent here: doctests do not run in a terminal
    ...     update("loading tracker.xlsx")
    """
    where = display()
    if where == "none":
        yield lambda step: None
        return
    if where == "notebook":
        line = _NotebookLine(description)
        try:
            yield lambda step: line.show(f"{description}: {step}")
        finally:
            line.close()
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description)
        yield lambda step: bar.update(task, description=f"{description}: {step}")


def track(items: Iterable[T], description: str, *, total: int | None = None) -> Iterator[T]:
    """Yield ``items`` while showing a bar of how many are done.

    Parameters
    ----------
    items : iterable
        The work items (files, seekers, charts).
    description : str
        What is being done to them.
    total : int, optional
        Their number, when ``items`` has no ``len()``.

    Yields
    ------
    object
        Each item of ``items``, in order.

    Examples
    --------
    >>> [x * 2 for x in track([1, 2, 3], "Doubling")]
    [2, 4, 6]
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    where = display()
    if where == "none":
        yield from items
        return
    if where == "notebook":
        line = _NotebookLine(description)
        try:
            for done, item in enumerate(items, 1):
                yield item
                line.show(f"{description}: {done}/{total}" if total else f"{description}: {done}")
        finally:
            line.close()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)
        for item in items:
            yield item
            bar.advance(task)


class _NotebookLine:
    """One line of grey text in the running cell's output, replaced at most five times a
    second and emptied by :meth:`close` (an IPython display handle: nothing stays behind)."""

    def __init__(self, text: str) -> None:
        from IPython.display import display as show

        self.handle = show(self._bundle(text), raw=True, display_id=True)
        self.shown = time.monotonic()

    @staticmethod
    def _bundle(text: str) -> dict:
        return {"text/plain": text, "text/html": f'<div style="color:#6b7280">{html.escape(text)}</div>'}

    def show(self, text: str) -> None:
        now = time.monotonic()
        if now - self.shown >= 0.2:
            self.handle.update(self._bundle(text), raw=True)
            self.shown = now

    def close(self) -> None:
        self.handle.update({"text/plain": ""}, raw=True)
