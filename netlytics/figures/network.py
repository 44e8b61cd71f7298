"""The network figure: seekers, their strongest ties, introductions and companies.

:func:`plot_network` draws the graph of :func:`netlytics.graph.build.build_graph` with a seeded
spring layout. Node size grows with touches, node colour shows the tie class (or the giving
balance), and edge colour the dominant channel of the tie (:data:`CHANNEL_COLORS`, as every
other figure). Large networks are cut to the ``top_n`` contacts by tie strength, with a note.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
import plotly.graph_objects as go

from netlytics._checks import check_choice, check_positive_int
from netlytics.data import NetworkData
from netlytics.errors import ParameterError
from netlytics.figures._common import more_note, no_data_figure, resolve_names
from netlytics.figures._docs import fill
from netlytics.figures.theme import CHANNEL_COLORS, apply_layout, display_label, get_theme

__all__ = ["TIE_COLORS", "GL_THRESHOLD", "TOP_N", "plot_network"]

#: Contacts drawn by default: the strongest ties.
TOP_N = 150

#: Node colours per tie class: a dark-to-light blue scale (strong is darkest), dormant grey.
TIE_COLORS: dict[str, str] = {
    "strong": "#08306B",
    "medium": "#2171B5",
    "weak": "#9ECAE1",
    "dormant": "#D9D9D9",
}

#: Above this many drawn points (nodes plus edge vertices), traces use WebGL (``Scattergl``).
GL_THRESHOLD = 3000

_SEEKER_COLOR = "#000000"
_COMPANY_COLOR = "#7F7F7F"
_NO_TOUCH_COLOR = "#CCCCCC"
_INTRO_COLOR = "#000000"
_CHANNELS = list(CHANNEL_COLORS)


def _as_graph(graph_or_data, top_n: int) -> nx.DiGraph:
    if isinstance(graph_or_data, nx.Graph):
        return graph_or_data
    if isinstance(graph_or_data, NetworkData | pd.DataFrame):
        from netlytics.graph.build import build_graph

        return build_graph(graph_or_data, top_n=top_n)
    raise ParameterError(
        "plot_network() expects a networkx graph from netlytics.build_graph(data) or the loaded data; "
        f"got {type(graph_or_data).__name__}."
    )


def _node_frame(graph: nx.Graph) -> pd.DataFrame:
    rows = [
        (
            str(n),
            d.get("type", "contact"),
            d.get("name"),
            d.get("company"),
            d.get("contact_id", n),
            d.get("touches", 0),
            d.get("score"),
            d.get("tie"),
            d.get("gives", 0),
            d.get("receives", 0),
            d.get("balance", 0),
        )
        for n, d in graph.nodes(data=True)
    ]
    cols = ["node", "type", "name", "company", "contact_id", "touches", "score", "tie", "gives", "receives"]
    df = pd.DataFrame(rows, columns=[*cols, "balance"], dtype="object")
    for col in ("touches", "gives", "receives", "balance", "score"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    for col in ("node", "type", "name", "company", "contact_id", "tie"):
        df[col] = df[col].where(df[col].notna()).astype("str")
    return df


def _scatter(gl: bool, **kwargs) -> dict:
    """A scatter trace spec, WebGL for many points (the figure validates all traces at once)."""
    return {"type": "scattergl" if gl else "scatter", **kwargs}


def _segments(pos: dict, pairs: list[tuple[str, str]]) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for u, v in pairs:
        xs += [pos[u][0], pos[v][0], None]
        ys += [pos[u][1], pos[v][1], None]
    return xs, ys


@fill
def plot_network(
    graph_or_data,
    *,
    top_n: int = TOP_N,
    label_top: int | None = None,
    seed: int = 0,
    color_by: str = "tie",
    names=None,
    title: str | None = None,
    labels: Mapping[str, str] | None = None,
    template=None,
) -> go.Figure:
    """Draw the network: seekers, contacts (the ``top_n`` strongest), introductions, companies.

    Parameters
    ----------
    graph_or_data
        A graph from :func:`netlytics.build_graph` (``companies=True`` adds company nodes), or
        the loaded data (the graph of its ``top_n`` strongest contacts is built). Contacts a
        graph built with ``top_n`` left out count in the "and N more" note.
    top_n
        Draw at most this many contacts, the strongest ties first (best tie score, then
        touches); a note says how many are left out. Seekers are always drawn, companies when
        one of the drawn contacts works there.
    label_top
        Write the names of this many of the strongest ties next to their nodes (every node
        has its name on hover); 0 for none. Labels sit on the outer side of their node.
        Default: 12 for one seeker, 0 for a cohort (where clients' contacts crowd together
        and only the clients are labelled).
    seed
        Seed of the spring layout (:func:`networkx.spring_layout`): same seed, same picture.
    color_by
        ``"tie"``: contacts coloured by tie class (:data:`TIE_COLORS`); ``"balance"``: by giving
        balance (gifts given minus gifts received, blue when the seeker gave more, orange when
        they took more).
    {names}
    {style}

    Returns
    -------
    plotly.graph_objects.Figure
        Edge traces first (one per dominant channel, named by the channel; ``Introduction``
        dashed; ``Works at`` for company links), then node traces: ``Job seeker``, one per tie
        class (or one ``Contact`` trace with a colour scale for ``color_by="balance"``),
        ``Company``. Traces are ``scattergl`` when more than :data:`GL_THRESHOLD` points are
        drawn. An empty graph gives a "No data to show" figure.

    Raises
    ------
    ParameterError
        When ``color_by`` is not ``"tie"`` or ``"balance"``, or ``graph`` is not a networkx graph.

    See Also
    --------
    netlytics.build_graph : the graph drawn here.
    netlytics.tie_strength : the tie classes that colour the contacts.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.DiGraph()
    >>> g.add_node("seeker:Ana", type="seeker", name="Ana")
    >>> g.add_node("bo@x.org", type="contact", name="Bo", touches=3, score=0.7, tie="strong")
    >>> g.add_edge("seeker:Ana", "bo@x.org", type="tie", email=3, touches=3)
    >>> fig = plot_network(g)
    >>> [t.name for t in fig.data]
    ['E-mail', 'Job seeker', 'Strong']
    """
    check_choice("color_by", color_by, ("tie", "balance"))
    top_n = check_positive_int("top_n", top_n)
    default_title = "Your network: strongest ties"
    graph = _as_graph(graph_or_data, top_n)
    nodes = _node_frame(graph)
    if nodes.empty:
        return no_data_figure(title=title, labels=labels, template=template, default_title=default_title)
    theme = get_theme(template)
    fig = _draw(graph, nodes, top_n, label_top, seed, color_by, names=names, theme=theme, labels=labels)
    return apply_layout(fig, title=title, labels=labels, template=theme, default_title=default_title)


def _draw(
    graph, nodes: pd.DataFrame, top_n: int, label_top, seed: int, color_by: str, *, names, theme, labels
):
    """The network's traces, axes and "and N more" note (no title or theme yet)."""
    sub, nodes, kept, hidden = _choose(graph, nodes, top_n)
    pos = _positions(sub, seed)
    ties, intro, works = _classify_edges(sub)
    gl = len(nodes) + 3 * (len(ties) + len(intro) + len(works)) > GL_THRESHOLD
    traces: list[dict] = []
    _add_edges(traces, pos, ties, intro, works, gl=gl, theme=theme, labels=labels)
    nodes = nodes.assign(
        x=nodes["node"].map(lambda n: float(pos[n][0])), y=nodes["node"].map(lambda n: float(pos[n][1]))
    )
    n_seekers = _add_seekers(traces, nodes, gl=gl, theme=theme, labels=labels)
    n_label = (12 if n_seekers <= 1 else 0) if label_top is None else int(label_top)
    cs = _contact_frame(nodes, kept, n_label=n_label, names=names, theme=theme, labels=labels)
    if len(cs) and color_by == "tie":
        _add_tie_classes(traces, cs, gl=gl, theme=theme, labels=labels)
    elif len(cs):
        _add_balance(traces, cs, gl=gl, theme=theme, labels=labels)
    _add_companies(traces, nodes, gl=gl, labels=labels)
    layout = {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False, "scaleanchor": "x", "scaleratio": 1},
        "hovermode": "closest",
        # the legend (13 entries) in rows below the graph, as every figure's: a column at the right
        # was cut off at 4:3 and hid the labels of the right-hand nodes. The graph needs a plot
        # about 560 px wide beside those rows: image export lays a narrower image out that wide
        "minreducedwidth": 560,
    }
    fig = go.Figure(data=traces, layout=layout)
    if hidden > 0:
        more_note(fig, hidden, what=f"contacts (showing the {len(kept)} strongest ties)", theme=theme)
    return fig


def _choose(graph: nx.Graph, nodes: pd.DataFrame, top_n: int):
    """The drawn subgraph (string node ids): seekers, the ``top_n`` strongest contacts, their companies.

    Returns ``(subgraph, drawn nodes, kept contacts ranked strongest first, hidden count)``.
    """
    from netlytics.graph.build import strongest_first

    contacts = nodes.loc[nodes["type"] == "contact"]
    kept = contacts.iloc[strongest_first(contacts["score"], contacts["touches"], contacts["node"])[:top_n]]
    # a graph built with build_graph(top_n=...) already left the weaker contacts out
    hidden = len(contacts) - len(kept) + int(graph.graph.get("contacts_left_out", 0) or 0)
    keep = set(kept["node"]) | set(nodes.loc[nodes["type"] == "seeker", "node"])
    companies = {
        v
        for u, v, t in graph.edges(data="type")
        if t == "works_at" and str(u) in keep and graph.nodes[v].get("type") == "company"
    }
    keep |= {str(c) for c in companies}
    by_str = {str(n): n for n in graph.nodes}
    sub = graph.subgraph([by_str[n] for n in keep])
    sub = nx.relabel_nodes(sub, {n: str(n) for n in sub.nodes}, copy=True)
    return sub, nodes.loc[nodes["node"].isin(keep)], kept, hidden


def _positions(sub: nx.Graph, seed: int) -> dict:
    """Seeded spring layout of the undirected version of ``sub``.

    On a DiGraph, spring_layout only pulls a node along its own out-edges, so contacts who never
    wrote back would drift away from their seeker.
    """
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(sorted(sub.nodes))
    layout_graph.add_edges_from(sorted((u, v) if u <= v else (v, u) for u, v in sub.edges))
    if len(sub) > 1:
        return nx.spring_layout(layout_graph, seed=seed)
    return {n: np.zeros(2) for n in sub.nodes}


def _classify_edges(sub: nx.Graph):
    """``(ties: pair -> touches per channel, introductions, works-at links)``; both directions merged."""
    ties: dict[tuple[str, str], np.ndarray] = {}
    intro, works = [], []
    for u, v, d in sub.edges(data=True):
        kind = d.get("type", "tie")
        if kind == "introduced":
            intro.append((u, v))
        elif kind in ("works_at", "target"):
            works.append((u, v))
        else:
            key = (u, v) if u <= v else (v, u)
            counts = np.array([float(d.get(c, 0) or 0) for c in _CHANNELS])
            ties[key] = ties.get(key, np.zeros(len(_CHANNELS))) + counts
    return ties, intro, works


def _add_edges(traces: list, pos: dict, ties, intro, works, *, gl: bool, theme, labels) -> None:
    """Edge traces: one per dominant channel of a tie, then introductions and works-at links."""
    by_channel: dict[str, list] = {}
    for key, counts in sorted(ties.items()):
        channel = _CHANNELS[int(counts.argmax())] if counts.sum() > 0 else "none"
        by_channel.setdefault(channel, []).append(key)
    width = max(1.0, theme.line_width / 2)
    lines = [
        (
            by_channel.get(channel),
            display_label(channel, labels) if channel != "none" else display_label("no_touch", labels),
            {"color": CHANNEL_COLORS.get(channel, _NO_TOUCH_COLOR), "width": width},
        )
        for channel in [*_CHANNELS, "none"]
    ]
    lines.append(
        (
            sorted(intro),
            display_label("introduced", {"introduced": "Introduction", **(labels or {})}),
            {"color": _INTRO_COLOR, "width": width, "dash": "dash"},
        )
    )
    lines.append(
        (
            sorted(works),
            display_label("works_at", {"works_at": "Works at", **(labels or {})}),
            {"color": _COMPANY_COLOR, "width": max(0.5, width / 2), "dash": "dot"},
        )
    )
    for pairs, name, line in lines:
        if pairs:
            xs, ys = _segments(pos, pairs)
            traces.append(_scatter(gl, x=xs, y=ys, mode="lines", name=name, hoverinfo="skip", line=line))


def _add_seekers(traces: list, nodes: pd.DataFrame, *, gl: bool, theme, labels) -> int:
    """The seekers' diamonds, named (pseudonyms with the workshop theme); returns how many."""
    seekers = nodes.loc[nodes["type"] == "seeker"]
    if len(seekers):
        label = resolve_names(
            seekers["name"].fillna(seekers["node"]), names=None, theme=theme, prefix="Client"
        )
        traces.append(
            _scatter(
                gl,
                x=seekers["x"].tolist(),
                y=seekers["y"].tolist(),
                mode="markers+text",
                text=label.tolist(),
                textposition="top center",
                name=display_label("seeker", labels),
                hovertext=[html.escape(s) for s in label],
                hoverinfo="text",
                marker={"color": _SEEKER_COLOR, "size": 22, "symbol": "diamond"},
            )
        )
    return len(seekers)


def _contact_frame(nodes: pd.DataFrame, kept: pd.DataFrame, *, n_label: int, names, theme, labels):
    """The drawn contacts with their display name, marker size, hover text and on-picture label.

    The ``n_label`` strongest ties are named on the picture (the rest on hover), each label on the
    outer side of its node so labels point away from the centre instead of piling up there.
    """
    cs = nodes.loc[nodes["type"] == "contact"]
    if cs.empty:
        return cs
    who = resolve_names(cs["contact_id"].fillna(cs["node"]), names=names, theme=theme)
    size = (8 + 4 * np.sqrt(cs["touches"].fillna(0).clip(lower=0))).clip(upper=40)
    tie_text = cs["tie"].fillna("no tie").map(lambda t: display_label(t, labels))
    score_text = cs["score"].map(lambda s: "" if pd.isna(s) else f" (score {s:.2f})")
    company = cs["company"].fillna("").map(lambda c: f"<br>{html.escape(c)}" if c else "")

    def count(col: str) -> pd.Series:
        return cs[col].fillna(0).astype("int64").astype("str")

    hover = (
        who.map(html.escape)
        + company
        + "<br>Tie: "
        + tie_text
        + score_text
        + "<br>Touches: "
        + count("touches")
        + "<br>Gave "
        + count("gives")
        + ", received "
        + count("receives")
    )
    top = set(kept["node"].head(n_label))
    text = who.where(cs["node"].isin(top), "")
    side = np.where(cs["x"] >= float(nodes["x"].mean()), "middle right", "middle left")
    return cs.assign(_who=who, _size=size, _hover=hover, _text=text, _side=side)


def _contact_points(cs: pd.DataFrame, *, theme) -> dict:
    """The position and label properties of a contact node trace (rows of :func:`_contact_frame`)."""
    return {
        "x": cs["x"].tolist(),
        "y": cs["y"].tolist(),
        "mode": "markers+text" if (cs["_text"] != "").any() else "markers",
        "text": cs["_text"].tolist(),
        "textposition": cs["_side"].tolist(),
        "textfont": {"size": theme.font_size - 2},
    }


def _add_tie_classes(traces: list, cs: pd.DataFrame, *, gl: bool, theme, labels) -> None:
    """One node trace per tie class (:data:`TIE_COLORS`), then contacts with no tie."""
    cls = cs["tie"].where(cs["tie"].isin(list(TIE_COLORS)), "none")
    for tie in [*TIE_COLORS, "none"]:
        part = cs.loc[cls == tie]
        if part.empty:
            continue
        traces.append(
            _scatter(
                gl,
                **_contact_points(part, theme=theme),
                name=display_label(tie, labels) if tie != "none" else display_label("no_tie", labels),
                hovertext=part["_hover"].tolist(),
                hoverinfo="text",
                marker={
                    "color": TIE_COLORS.get(tie, _NO_TOUCH_COLOR),
                    "size": part["_size"].tolist(),
                    "line": {"color": "#FFFFFF", "width": 1},
                },
            )
        )


def _add_balance(traces: list, cs: pd.DataFrame, *, gl: bool, theme, labels) -> None:
    """One node trace of every contact, coloured by giving balance (blue gave more, orange took)."""
    bal = cs["balance"].fillna(0.0)
    lim = max(1.0, float(bal.abs().max()))
    colorbar = {
        "title": {"text": display_label("balance", labels)},
        "orientation": "h",
        "x": 0.0,
        "xanchor": "left",
        "y": -0.02,
        "yanchor": "top",
        "len": 0.45,
        "thickness": 12,
    }
    traces.append(
        _scatter(
            gl,
            **_contact_points(cs, theme=theme),
            name=display_label("contact_id", labels),
            hovertext=(cs["_hover"] + "<br>Balance: " + bal.astype("int64").astype("str")).tolist(),
            hoverinfo="text",
            marker={
                "color": bal.tolist(),
                "colorscale": [[0.0, "#E69F00"], [0.5, "#F2F2F2"], [1.0, "#0072B2"]],
                "cmin": -lim,
                "cmax": lim,
                "size": cs["_size"].tolist(),
                "line": {"color": "#777777", "width": 1},
                "colorbar": colorbar,
            },
        )
    )


def _add_companies(traces: list, nodes: pd.DataFrame, *, gl: bool, labels) -> None:
    """Company squares, named when there are at most 40 of them."""
    comp = nodes.loc[nodes["type"] == "company"]
    if comp.empty:
        return
    text = comp["name"].fillna(comp["node"].str.replace("company:", "", regex=False))
    traces.append(
        _scatter(
            gl,
            x=comp["x"].tolist(),
            y=comp["y"].tolist(),
            mode="markers+text" if len(comp) <= 40 else "markers",
            text=text.tolist(),
            textposition="bottom center",
            name=display_label("company", labels),
            hovertext=[html.escape(t) for t in text],
            hoverinfo="text",
            marker={"color": _COMPANY_COLOR, "size": 12, "symbol": "square"},
        )
    )
