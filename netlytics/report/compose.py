"""What the seeker's and the coach's pages share: settings, the shown data, the page frame.

Both reports (:mod:`netlytics.report.html`, :mod:`netlytics.report.cohort`) go through the same
steps: resolve the theme once, pseudonymise the data when the theme says so
(:func:`shown_data`), compute one :class:`~netlytics.metrics.measures.Measures`, open a
:class:`~netlytics.report.page.Page` that says which period it judges, add the sections one by
one (reporting progress) and write the file atomically. Those steps live here, once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.metrics.measures import Measures
from netlytics.report.page import Page

__all__ = [
    "Prepared",
    "Settings",
    "check_html_path",
    "check_theme",
    "footer_text",
    "open_page",
    "period_line",
    "prepare",
    "render_sections",
    "seeker_label",
    "shown_data",
    "write_html",
]

PathLike = str | os.PathLike

#: A section of a page: (anchor, heading, blocks of the context, CSS class).
SectionSpec = tuple[str, str, Callable[[object], list[dict]], str]


def shown_data(data: NetworkData, *, theme) -> NetworkData:
    """The data as a page or chart shows it: pseudonymised when the theme pseudonymises people.

    With a theme that pseudonymises (``"workshop"``), every person is renamed by
    :func:`netlytics.pseudonymize` before anything is computed, so the aliases ("Client 01",
    "Contact 0042") are the same in every figure, table and sentence, and file names, problem
    values and free text are neutralised too. Metrics are unchanged by pseudonymisation. The
    salt is a SHA-256 digest of all the data's seeker and contact ids: the same data always gets
    the same aliases, and nobody without the whole data set can recompute them.

    Parameters
    ----------
    data : NetworkData
        The loaded data.
    theme : str, Theme or plotly template
        The figure theme (see :func:`netlytics.figures.theme.get_theme`).

    Returns
    -------
    NetworkData
        ``data`` itself, or its pseudonymised copy.

    Raises
    ------
    ParameterError
        For an unknown theme.

    See Also
    --------
    netlytics.pseudonymize : the renaming itself.

    Examples
    --------
    >>> ix = pd.DataFrame({"seeker": "Ana Li", "interaction_id": ["1"], "contact_id": ["bo@x.org"],
    ...     "at": pd.to_datetime(["2025-03-03"], utc=True), "channel": "email",
    ...     "direction": "outbound", "kind": "message"})
    >>> shown = shown_data(NetworkData(interactions=ix), theme="workshop")
    >>> shown.seekers, shown.interactions["contact_id"].tolist()
    (['Client 01'], ['contact-0001@example.invalid'])
    >>> shown_data(NetworkData(interactions=ix), theme="default").seekers
    ['Ana Li']
    """
    import hashlib

    from netlytics.figures.theme import get_theme

    if not get_theme(theme).pseudonymize:
        return data
    from netlytics.pseudonymize import pseudonymize

    ids = pd.concat(
        [
            pd.Series(data.seekers, dtype="str"),
            data.contacts["contact_id"],
            data.interactions["contact_id"],
            data.applications["contact_id"],
        ],
        ignore_index=True,
    ).dropna()
    digest = hashlib.sha256("\x00".join(sorted(ids.astype("str").unique().tolist())).encode("utf-8"))
    return pseudonymize(data, salt=digest.digest())


def footer_text(as_of) -> str:
    """The page footer: version, as_of, and the offline promise.

    Parameters
    ----------
    as_of : timestamp-like or None
        The moment the numbers look from (None: data without any date).

    Returns
    -------
    str
        One sentence.

    See Also
    --------
    open_page : the page frame that carries it.

    Examples
    --------
    >>> footer_text(None).split(". ")[1]
    'Numbers as of no data'
    """
    from netlytics import __version__

    when = pd.Timestamp(as_of).strftime("%Y-%m-%d %H:%M UTC") if as_of is not None else "no data"
    return (
        f"Made with netlytics {__version__}. Numbers as of {when}. This file is self-contained "
        "and works offline: nothing in it is sent anywhere."
    )


def check_theme(theme) -> None:
    """Raise ParameterError early for an unknown theme.

    Parameters
    ----------
    theme : str, Theme or plotly template
        As :func:`netlytics.figures.theme.get_theme` takes it.

    Raises
    ------
    ParameterError
        For an unknown theme (with a suggestion).

    See Also
    --------
    prepare : resolves the theme once for a page.
    """
    from netlytics.figures.theme import get_theme

    get_theme(theme)


def check_html_path(path: PathLike, what: str, example: str = "report.html") -> Path:
    """``path`` as a Path; ParameterError unless it ends in .html or .htm.

    Parameters
    ----------
    path : str or path-like
        The file to write.
    what : str
        What the file is, for the message ("report", "cohort report").
    example : str
        An example name for the hint.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ParameterError
        When the suffix is not ``.html`` or ``.htm``.

    See Also
    --------
    write_html : writes the file.

    Examples
    --------
    >>> check_html_path("r.HTML", "report").name
    'r.HTML'
    """
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(
            f"The {what} is an HTML file; got {str(path)!r} (suffix {path.suffix!r}); expected a .html or .htm file.",
            hint=f"Give a path ending in .html, e.g. {example}.",
        )
    return path


def seeker_label(seekers: Sequence[str]) -> str:
    """'Ana', 'Ana, Ben' or 'Ana, Ben, Cy and 4 more'.

    Parameters
    ----------
    seekers : sequence of str
        The seekers' names.

    Returns
    -------
    str
        At most three names, then how many more.

    See Also
    --------
    open_page : the page title uses it.

    Examples
    --------
    >>> seeker_label(["Ana", "Ben", "Cy", "Dee", "Eve"])
    'Ana, Ben, Cy and 2 more'
    """
    return ", ".join(seekers[:3]) + (f" and {len(seekers) - 3} more" if len(seekers) > 3 else "")


def period_line(m) -> str:
    """The sentence naming the period the report judges.

    Parameters
    ----------
    m : Measures
        The shared measures (their ``period_label``).

    Returns
    -------
    str
        "Judging the last 12 months: ... Contacts and connections of any date count; ..."

    See Also
    --------
    open_page : the page's subtitle starts with it.
    """
    label = getattr(m, "period_label", "") or "all history"
    return f"Judging {label}. Contacts and connections of any date count; touches, triggers and applications only inside it."


@dataclass(frozen=True)
class Settings:
    """What a page judges and how it looks (the options both reports take).

    Parameters
    ----------
    as_of : timestamp-like, optional
        The moment the page looks from (default: the latest timestamp in the data).
    since : timestamp-like, "all" or None
        Start of the scoring period (default: the last 12 months).
    stale_days : float
        Unanswered triggers older than this are stale loops.
    theme : str, Theme or plotly template
        The figure theme (``"workshop"`` pseudonymises people).
    title : str, optional
        The page title (default: one naming the seeker or the cohort).

    See Also
    --------
    prepare : applies the settings to the data.
    """

    as_of: object = None
    since: object = None
    stale_days: float = 60
    theme: object = "default"
    title: str | None = None


@dataclass
class Prepared:
    """The shown data, its measures and the resolved theme of one page.

    Parameters
    ----------
    data : NetworkData
        The data as shown (pseudonymised under the workshop theme).
    m : Measures
        Its measures, computed once.
    theme : Theme
        The resolved theme.

    See Also
    --------
    prepare : builds it.
    """

    data: NetworkData
    m: Measures
    theme: object


def prepare(data, settings: Settings) -> Prepared:
    """Resolve the theme once, pseudonymise when it says so, compute the measures once.

    Parameters
    ----------
    data : NetworkData or DataFrame
        The loaded data.
    settings : Settings
        The page's options.

    Returns
    -------
    Prepared
        The data as shown, its :class:`Measures` and the :class:`~netlytics.figures.theme.Theme`.

    Raises
    ------
    ParameterError
        For an unknown theme or a bad ``as_of``, ``since`` or ``stale_days``.

    See Also
    --------
    shown_data : the pseudonymisation.
    """
    from netlytics.figures.theme import get_theme
    from netlytics.metrics._common import as_data

    theme = get_theme(settings.theme)  # once: figures get the Theme itself
    data = shown_data(as_data(data), theme=theme)
    m = Measures.compute(data, as_of=settings.as_of, since=settings.since, stale_days=settings.stale_days)
    m.window.prepare()  # every report needs the touches and the follow-up timeline
    return Prepared(data, m, theme)


def open_page(m: Measures, title: str, facts: Iterable[str]) -> Page:
    """A page titled ``title`` whose subtitle names the period, as_of and ``facts``.

    Parameters
    ----------
    m : Measures
        The shared measures (period and ``as_of``).
    title : str
        The page title.
    facts : iterable of str
        Counts shown after "As of <day>" ("1,234 contacts", ...).

    Returns
    -------
    Page
        The empty page, with its footer.

    See Also
    --------
    render_sections : fills and renders it.
    """
    when = m.as_of.strftime("%A %d %B %Y") if m.as_of is not None else "no data"
    return Page(
        title=title,
        subtitle=[period_line(m), " · ".join([f"As of {when}", *facts])],
        footer=footer_text(m.as_of),
    )


def render_sections(
    page: Page,
    sections: Iterable[SectionSpec],
    context,
    progress: Callable[[str], object] | None,
    steps: Callable[[str], str] = str,
) -> str:
    """Add every section's blocks to ``page`` (calling ``progress`` before each) and render it.

    Parameters
    ----------
    page : Page
        The page (from :func:`open_page`).
    sections : iterable of (anchor, heading, blocks, CSS class)
        ``blocks(context)`` returns the section's blocks.
    context : object
        What the sections read (the report's measures, data and theme).
    progress : callable or None
        Called with a step name before each section and before rendering; None for the
        library's own display (:func:`netlytics.progress.steps`: a transient line in a
        terminal or notebook, nothing in a pipe).
    steps : callable
        The step name of a section's anchor.

    Returns
    -------
    str
        The HTML page.

    See Also
    --------
    netlytics.report.page.Page.render : the rendering itself.
    """
    if progress is None:
        from netlytics.progress import steps as shown

        with shown("Report") as update:
            return render_sections(page, sections, context, update, steps)
    for key, heading, blocks, css in sections:
        progress(steps(key))
        page.section(key, heading, blocks(context), css_class=css)
    progress("rendering")
    return page.render()


def write_html(path: Path, text: str, inputs: Iterable[PathLike] | None) -> Path:
    """Write ``text`` to ``path`` atomically, never over one of ``inputs``.

    Parameters
    ----------
    path : pathlib.Path
        The file to write (its folder must exist).
    text : str
        The page.
    inputs : iterable of path-like or None
        Paths the data was loaded from.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    OutputError
        When ``path`` is one of the inputs or cannot be written.

    See Also
    --------
    netlytics.export.atomic_write : the atomic write.
    """
    from netlytics.export import atomic_write

    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), inputs=inputs)
