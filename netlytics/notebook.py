"""Helpers for the notebooks in ``notebooks/``: offline figures, captions, tables, links, widgets.

The notebooks hold no logic of their own; what they need lives here so it is tested once:

- :func:`setup`: figures as the plotly mimetype (``application/vnd.plotly.v1+json``) only, which
  JupyterLab (jupyterlab-plotly), VS Code and Voila draw without running any script, so figures
  also draw in an untrusted notebook (executed by nbconvert, CI or a colleague). No CDN, no
  MathJax.
- :func:`show`: a figure with its "how to read this" caption from the figure registry
  (:mod:`netlytics.figures.registry`, the captions of the HTML report).
- :func:`table`: a table as a reader wants it: shares as percentages, days with one decimal,
  dates in local time.
- :func:`output_dir` and :func:`link`: files written next to the notebook, shown as links.
- :func:`linked`: a control (a client picker, a week slider) driving several views, each view
  with a static rendering of the default state in the same output (what an HTML export or an
  untrusted notebook shows).
- :func:`clear_outputs`: "clear outputs before sharing" in one line.
- :func:`export_html`: the executed notebook as one offline HTML page (plotly.js inlined once,
  no require.js, MathJax or widget scripts from a CDN).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from netlytics.deck.cohort import RULE_NAMES
from netlytics.notebook_html import PLOTLY_MIME, export_html

__all__ = [
    "RULE_NAMES",
    "OfflineHTMLExporter",  # noqa: F822 (built on first access, see __getattr__)
    "PLOTLY_MIME",
    "clear_outputs",
    "export_html",
    "link",
    "linked",
    "output_dir",
    "client_labels",
    "setup",
    "show",
    "show_caption",
    "table",
]

PathLike = str | os.PathLike


#: Column name patterns and how :func:`table` formats them.
_SHARE = re.compile(r"(share|rate)$")
_DAYS = re.compile(r"(days|_lag|lead_days|days_overdue)$")
#: Differences of shares (a mistake threshold's margin), shown in percentage points, in words.
_POINTS = re.compile(r"margin$")
#: Columns of vocabulary values (``thank_you``, ``mistake``), shown with their display labels.
_VOCABULARY = re.compile(r"^(trigger|channel|direction|kind|via|status|metric|mistake)$|_status$")


def setup() -> None:
    """Show figures as the plotly mimetype only (no HTML, no scripts, no CDN, no MathJax).

    Returns
    -------
    None

    See Also
    --------
    export_html : the executed notebook as an offline page that draws these figures.

    Examples
    --------
    >>> import plotly.io as pio
    >>> setup(); pio.renderers.default
    'plotly_mimetype'
    """
    import plotly.io as pio

    pio.renderers.default = "plotly_mimetype"


def figure_bundle(fig) -> dict:
    """The plotly mimetype bundle of a figure (what :func:`setup`'s renderer displays).

    Examples
    --------
    >>> import plotly.graph_objects as go
    >>> sorted(figure_bundle(go.Figure(go.Bar(y=[1])))[PLOTLY_MIME])
    ['config', 'data', 'layout']
    """
    spec = json.loads(fig.to_json())
    return {PLOTLY_MIME: {"data": spec.get("data", []), "layout": spec.get("layout", {}), "config": {}}}


def caption_text(name: str) -> str:
    """The registry's "how to read this" caption of figure ``name``, as Markdown.

    Examples
    --------
    >>> caption_text("channel_mix").startswith("**How to read this:** How your touches")
    True
    """
    from netlytics.figures.registry import get

    return f"**How to read this:** {get(name).caption}"


def show_caption(name: str) -> None:
    """Display the caption of registry figure ``name`` (under a figure drawn by a widget).

    Parameters
    ----------
    name
        A figure name of :mod:`netlytics.figures.registry`.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        An unknown figure name.

    See Also
    --------
    show : a figure and its caption.
    """
    from IPython.display import Markdown, display

    display(Markdown(caption_text(name)))


def show(fig, name: str) -> None:
    """Display ``fig`` and, under it, the caption of registry figure ``name``.

    Parameters
    ----------
    fig
        A plotly figure.
    name
        Its figure name in :mod:`netlytics.figures.registry`.

    Returns
    -------
    None

    Raises
    ------
    ParameterError
        An unknown figure name.

    See Also
    --------
    show_caption : the caption alone.
    """
    from IPython.display import display

    display(fig)
    show_caption(name)


def client_labels(data) -> dict[str, str]:
    """``seeker -> label`` for a client picker: the client's own name where the data has it
    (the ``owner`` table's name rows, e.g. a LinkedIn export's profile), else a name read from
    the client's file name (``client-08-jordan.csv`` -> ``Jordan``: words other than
    "client" and numbers, capitalised), else the seeker as loaded.

    Parameters
    ----------
    data
        A cohort (:class:`netlytics.data.NetworkData` of several seekers).

    Returns
    -------
    dict
        One label per seeker, all different.

    Examples
    --------
    >>> from netlytics.data import NetworkData
    >>> ix = pd.DataFrame({"seeker": ["c-01-ana", "client-02-bo_chen", "07"], "interaction_id": ["1", "2", "3"],
    ...     "contact_id": ["x", "y", "z"], "channel": "email", "direction": "outbound", "kind": "message",
    ...     "at": pd.to_datetime(["2025-03-03", "2025-03-04", "2025-03-05"], utc=True)})
    >>> owner = pd.DataFrame({"seeker": ["c-01-ana"], "kind": ["name"], "value": ["Ana Li"], "source": ["t.xlsx"]})
    >>> client_labels(NetworkData(interactions=ix, owner=owner))
    {'07': '07', 'c-01-ana': 'Ana Li', 'client-02-bo_chen': 'Bo Chen'}
    """
    seekers = list(data.seekers)
    labels = {s: _name_from_file(s) for s in seekers}
    owner = getattr(data, "owner", None)
    if owner is not None and len(owner):
        names = owner.loc[owner["kind"] == "name"].drop_duplicates("seeker")
        labels.update({s: v for s, v in zip(names["seeker"], names["value"], strict=True) if s in labels})
    taken = pd.Series(labels).value_counts()
    return {s: v if taken[v] == 1 else f"{v} ({s})" for s, v in labels.items()}


def _name_from_file(seeker: str) -> str:
    """``client-08-jordan`` -> ``Jordan``; the seeker itself when no word is left."""
    words = [w for w in re.split(r"[-_.\s]+", str(seeker)) if w and not w.isdigit() and w.lower() != "client"]
    return " ".join(w[:1].upper() + w[1:] for w in words) or str(seeker)


def _local(values: pd.Series, tz) -> pd.Series:
    if values.dt.tz is None:
        return values
    return values.dt.tz_convert(tz) if tz else values.dt.tz_convert(None)


def table(
    df: pd.DataFrame, *, tz: str | None = None, columns: Mapping[str, str] | None = None, max_rows: int = 20
):
    """A readable table: shares and rates as percentages, days with one decimal, local dates.

    Parameters
    ----------
    df
        Any metric table.
    tz
        Time zone of the dates shown (e.g. ``"Europe/Paris"``); default: the zone of this
        computer.
    columns
        Columns to keep and their display names (default: all, ``written_share`` ->
        ``Written share``).
    max_rows
        Rows shown (the first ones).

    Returns
    -------
    pandas.io.formats.style.Styler

    Examples
    --------
    >>> t = pd.DataFrame({"seeker": ["Ana"], "written_share": [0.823697], "lead_days": [205.555556],
    ...     "applied_at": pd.to_datetime(["2025-03-03 23:30"], utc=True), "worst_margin": [-0.14],
    ...     "trigger": ["thank_you"], "touched_before": [True]})
    >>> s = table(t, tz="Europe/Paris")
    >>> s.data.iloc[0].tolist()
    ['Ana', '82.4%', '205.6', '04 Mar 2025 00:30', '14 pts to spare', 'Thank-you', 'Yes']
    >>> list(s.data.columns)
    ['Job seeker', 'Written share', 'Lead (days)', 'Applied', 'Worst margin', 'Trigger', 'Touched before applying']
    >>> card = pd.DataFrame({"metric": ["written_share", "longest_gap_days"], "value": [0.823697, 12.25]})
    >>> table(card).data.values.tolist()
    [['Written share', '82.4%'], ['Longest gap (days)', '12.2']]
    """
    from netlytics.figures.scorecard import MISTAKE_TITLES
    from netlytics.figures.theme import display_label

    t = df.head(max_rows).copy()
    if columns is not None:
        t = t[list(columns)]
    tz = tz or _local_zone()
    text = []  # columns of words, aligned left
    for col in t.columns:
        s, name = t[col], str(col)
        if pd.api.types.is_datetime64_any_dtype(s):
            local = _local(s, tz)
            fmt = "%d %b %Y" if (local.dropna().dt.normalize() == local.dropna()).all() else "%d %b %Y %H:%M"
            t[col] = local.dt.strftime(fmt).fillna("–")
        elif pd.api.types.is_bool_dtype(s):
            t[col] = s.map({True: "Yes", False: "No"})
        elif pd.api.types.is_numeric_dtype(s):
            if "metric" in t.columns and name == "value":  # a scorecard: each row its own measure
                t[col] = [_number(str(m), v) for m, v in zip(t["metric"], s, strict=True)]
            elif _SHARE.search(name) or _DAYS.search(name) or _POINTS.search(name):
                t[col] = s.map(lambda v, name=name: _number(name, v))
        else:
            text.append(display_label(col, columns))
            if _VOCABULARY.search(name):
                words = MISTAKE_TITLES if name == "mistake" else {}  # the scorecard tiles' headings
                t[col] = s.map(lambda v, words=words: v if pd.isna(v) else words.get(v) or display_label(v))
    t = t.rename(columns={c: (columns or {}).get(c) or display_label(c) for c in t.columns})
    styler = t.style.hide(axis="index")
    return styler.set_properties(subset=text, **{"text-align": "left"}) if text else styler


def _number(name: str, v) -> str:
    """``v``, a value of measure ``name``: a share as a percentage, days with one decimal, a
    margin in points."""
    if pd.isna(v):
        return "–"
    if _SHARE.search(name):
        return f"{v:.1%}"
    if _POINTS.search(name):
        return _points(v)
    return f"{v:.1f}" if _DAYS.search(name) or not float(v).is_integer() else f"{v:.0f}"


def _points(v) -> str:
    """A margin (difference of shares) in words, as the attention chart shows it."""
    if pd.isna(v):
        return "–"
    return f"{v * 100:.0f} pts past it" if v > 0 else f"{-v * 100:.0f} pts to spare"


def _local_zone() -> str | None:
    """This computer's time zone name (``TZ``, or /etc/localtime), None for UTC."""
    if os.environ.get("TZ"):
        return os.environ["TZ"]
    try:
        target = os.path.realpath("/etc/localtime")
        return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else None
    except OSError:  # pragma: no cover - no zone information: UTC
        return None


def output_dir(name: str = "outputs") -> Path:
    """A folder next to the notebook (the kernel's working folder) for the files it writes.

    Parameters
    ----------
    name
        The folder's name.

    Returns
    -------
    pathlib.Path
        The folder (created if missing).

    See Also
    --------
    link : a clickable link to a file written there.

    Examples
    --------
    >>> import tempfile
    >>> old = os.getcwd(); _ = os.chdir(tempfile.mkdtemp())
    >>> output_dir().name, output_dir().is_dir()
    ('outputs', True)
    >>> os.chdir(old)
    """
    out = Path.cwd() / name
    out.mkdir(parents=True, exist_ok=True)
    return out


def link(path: PathLike, text: str | None = None):
    """A clickable link to a file written next to the notebook (relative, so it opens in
    JupyterLab's file browser and still works when the folder is moved).

    Parameters
    ----------
    path
        The file.
    text
        The link's text; default the relative path.

    Returns
    -------
    IPython.display.HTML

    See Also
    --------
    output_dir : where the notebooks write their files.

    Examples
    --------
    >>> link(Path.cwd() / "outputs" / "report.html")._repr_html_()
    '<a href="outputs/report.html" target="_blank">outputs/report.html</a>'
    """
    from html import escape

    from IPython.display import HTML

    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        rel = p.as_posix()
    return HTML(f'<a href="{escape(rel)}" target="_blank">{escape(text or rel)}</a>')


class _WithFallback:
    """A widget displayed with a static rendering of its default state in the same output.

    JupyterLab and Voila draw the widget (live kernel); an HTML export or an untrusted notebook
    shows the static rendering (a plotly figure, or HTML such as a table).
    """

    def __init__(self, widget, static) -> None:
        self.widget, self.static = widget, static

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self.widget._repr_mimebundle_())
        if hasattr(self.static, "to_plotly_json"):
            bundle.update(figure_bundle(self.static))
        elif hasattr(self.static, "_repr_html_"):
            bundle["text/html"] = self.static._repr_html_()
        elif isinstance(self.static, str):
            bundle["text/html"] = self.static
        return bundle


def linked(
    control,
    views: Sequence[Callable[[object], object]],
    *,
    describe: Callable[[object], str] | None = None,
    captions: Sequence[str | None] | None = None,
) -> None:
    """Show ``control`` (an ipywidgets control) and one output per view, all driven by it.

    Each view is called with the control's value and returns what to show (a figure, a table,
    a Styler, Markdown). The current value's views are drawn at once; changing the control
    redraws every view. Every output carries a static rendering of the default state, which
    is what an HTML export or an untrusted notebook shows.

    Parameters
    ----------
    control
        An ipywidgets value widget (``Dropdown``, ``SelectionRangeSlider``...).
    views
        Callables ``value -> displayable``.
    describe
        ``value -> text`` for the static stand-in of the control (default: the value).
    captions
        One registry figure name per view (or None): its "how to read this" caption is shown
        under that view.

    Returns
    -------
    None
        (Nothing for the cell to print under the views.)

    Raises
    ------
    ParameterError
        An unknown figure name in ``captions``.

    See Also
    --------
    show : a figure and its caption, without a control.
    """
    from html import escape

    import ipywidgets as widgets
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.display import display

    outs = [widgets.Output() for _ in views]

    fmt = InteractiveShell.instance().display_formatter.format

    def draw(value) -> list:
        # each view set as its Output widget's state (what JupyterLab, Voila and an export with
        # widget state all read), not captured from the kernel's output messages
        shown = [view(value) for view in views]
        for out, obj in zip(outs, shown, strict=True):
            # a figure displays itself (_ipython_display_): the formatter would return nothing
            data, metadata = (figure_bundle(obj), {}) if hasattr(obj, "to_plotly_json") else fmt(obj)
            out.outputs = ({"output_type": "display_data", "data": data, "metadata": metadata},)
        return shown

    static = draw(control.value)
    control.observe(lambda change: draw(change["new"]), names="value")
    label = describe(control.value) if describe else str(control.value)
    stand_in = f"<p><b>{escape(str(control.description or 'Showing'))}:</b> {escape(label)}</p>"
    display(_WithFallback(control, stand_in))
    for out, obj, caption in zip(outs, static, captions or [None] * len(outs), strict=True):
        display(_WithFallback(out, obj))
        if caption is not None:
            show_caption(caption)


def clear_outputs(notebook: PathLike) -> Path:
    """Remove every output and execution count of a notebook file, in place, before sharing.

    Outputs of these notebooks show contacts' names, companies and dates: clear them before a
    notebook leaves your computer. Widget state saved in the notebook is removed too.

    Parameters
    ----------
    notebook
        The ``.ipynb`` file.

    Returns
    -------
    pathlib.Path
        ``notebook``.

    Raises
    ------
    InputError
        The file does not exist or is not a notebook.

    See Also
    --------
    export_html : the executed notebook as an offline page (keeps the outputs).

    Examples
    --------
    >>> import nbformat, tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1",
    ...     outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)],
    ...     execution_count=1)])
    >>> p = Path(tempfile.mkdtemp()) / "n.ipynb"; nbformat.write(nb, p)
    >>> nbformat.read(clear_outputs(p), as_version=4).cells[0].outputs
    []
    """
    import nbformat

    from netlytics.errors import InputError

    path = Path(notebook).expanduser()
    try:
        nb = nbformat.read(path, as_version=4)
    except (OSError, ValueError, nbformat.reader.NotJSONError) as err:
        raise InputError(f"Cannot read the notebook {str(path)!r}: {err}") from err
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return path


def __getattr__(name: str):
    """``OfflineHTMLExporter`` (:mod:`netlytics.notebook_html`) is built on first access, so that
    importing this module does not import nbconvert."""
    if name == "OfflineHTMLExporter":
        from netlytics.notebook_html import OfflineHTMLExporter

        return OfflineHTMLExporter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
