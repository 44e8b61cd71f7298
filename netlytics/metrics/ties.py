"""Tie strength: how strong each seeker-contact relationship is, and who the weak ties are.

The heuristic follows the dimensions of the tie-strength literature (Granovetter 1973, "The
Strength of Weak Ties"; Gilbert and Karahalios 2009, "Predicting tie strength with social
media"): how often (frequency), how recently (recency), for how long (duration), whether both
sides give (reciprocity) and how rich the contact is (richness: the live share of touches).
Each dimension is scaled to [0, 1] with a transform that can be explained in one sentence
(see :data:`SCALES`), and ``score`` is their weighted mean with the weights in
:data:`WEIGHTS`. See docs/graph.md for the reasoning and docs/spec/METRICS.md section 4 for the
contract. Computed with pandas alone: the graph layer (:mod:`netlytics.graph`) uses these tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._docs import fill
from netlytics.metrics._pairs import coded_pair_table
from netlytics.metrics._window import Window, scope
from netlytics.metrics.reciprocity import DEFAULT_WEIGHTS, decoded_gifts
from netlytics.metrics.touches import codes_in, empty_frame

__all__ = [
    "WEIGHTS",
    "SCALES",
    "CUTOFFS",
    "TIE_CLASSES",
    "WINDOW_DAYS",
    "tie_strength",
    "tie_summary",
]

#: Weights of the five dimensions in ``score`` (they sum to 1).
WEIGHTS: dict[str, float] = {
    "frequency": 0.25,
    "recency": 0.25,
    "richness": 0.20,
    "reciprocity": 0.15,
    "duration": 0.15,
}

#: Scale constants: frequency = min(touches_180 / 12, 1); recency = exp(-days / 90);
#: duration = min(days known / 365, 1).
SCALES: dict[str, float] = {"frequency_touches": 12.0, "recency_days": 90.0, "duration_days": 365.0}

#: ``score`` cut-offs: strong when score >= 0.6, medium when >= 0.35, else weak. A tie with no
#: touch in the last :data:`WINDOW_DAYS` days is dormant, whatever its score.
CUTOFFS: dict[str, float] = {"strong": 0.6, "medium": 0.35}

#: Tie classes, strongest first.
TIE_CLASSES: tuple[str, ...] = ("strong", "medium", "weak", "dormant")

#: The frequency window and the dormancy threshold, in days.
WINDOW_DAYS = 180

_NS_PER_DAY = 86_400 * 10**9

TIE_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "contact_id": "str",
    "name": "str",
    "company": "str",
    "touches": "int64",
    "touches_180": "int64",
    "outbound_touches_180": "int64",
    "live_touches": "int64",
    "gives": "int64",
    "receives": "int64",
    "first_at": schema.TIMESTAMP,
    "last_at": schema.TIMESTAMP,
    "connected_on": schema.TIMESTAMP,
    "days_since_last": "float64",
    "days_known": "float64",
    "frequency": "float64",
    "recency": "float64",
    "duration": "float64",
    "reciprocity": "float64",
    "richness": "float64",
    "score": "float64",
    "tie": "str",
}

SUMMARY_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "outbound_touches_180": "int64",
    "weak_tie_touches_180": "int64",
    "weak_tie_share": "float64",
    "strong": "int64",
    "medium": "int64",
    "weak": "int64",
    "dormant": "int64",
}


def _days(delta: pd.Series) -> pd.Series:
    """A timedelta Series as float days."""
    return (
        delta.astype("timedelta64[ns]").astype("int64").astype("float64").where(delta.notna()) / _NS_PER_DAY
    )


def _gifts(data: NetworkData, as_of: pd.Timestamp | None) -> pd.DataFrame:
    """Per (seeker, contact_id): ``gives`` and ``receives`` (counts of outbound and inbound
    gift-kind interactions, as in docs/spec/METRICS.md section 3, reciprocity) and ``give_value``,
    ``receive_value`` (weighted with the reciprocity metric's default weights)."""
    return decoded_gifts(Window(data, as_of, None), dict(DEFAULT_WEIGHTS))


def directional_touches(t: pd.DataFrame, as_of: pd.Timestamp | None) -> pd.DataFrame:
    """Touches aggregated per (seeker, contact_id, outbound), in one pass over the touches.

    ``t`` is the touches table (contract C2); touches after ``as_of`` are dropped. Columns:
    ``seeker``, ``contact_id``, ``outbound``, ``touches``, ``interactions``, one column per
    channel (touch counts, in :data:`netlytics.schema.CHANNELS` order), ``live_touches``,
    ``touches_180`` (in ``[as_of - 180 days, as_of]``), ``first_at``, ``last_at``.
    """
    if as_of is not None:
        t = t.loc[t["at"] <= as_of]
    channels = list(schema.CHANNELS)
    cols = {
        "seeker": "str",
        "contact_id": "str",
        "outbound": "bool",
        "touches": "int64",
        "interactions": "int64",
    }
    cols |= {c: "int64" for c in channels}
    cols |= {
        "live_touches": "int64",
        "touches_180": "int64",
        "first_at": schema.TIMESTAMP,
        "last_at": schema.TIMESTAMP,
    }
    if t.empty:
        return empty_frame(cols)
    s_codes, s_uniq = pd.factorize(t["seeker"])
    c_codes, c_uniq = pd.factorize(t["contact_id"])
    outbound = t["outbound"].to_numpy(dtype=bool)
    key = (s_codes.astype("int64") * len(c_uniq) + c_codes) * 2 + outbound
    codes, uniq = pd.factorize(key)
    k = len(uniq)
    ch = pd.Categorical(t["channel"], categories=channels).codes.astype("int64")
    ch = np.where(ch < 0, channels.index("other"), ch)
    counts = np.bincount(codes * len(channels) + ch, minlength=k * len(channels)).reshape(k, len(channels))
    at = t["at"].astype(schema.TIMESTAMP).array.asi8
    if as_of is not None:
        recent = at >= (as_of - pd.Timedelta(days=WINDOW_DAYS)).value
    else:
        recent = np.zeros(len(at), dtype=bool)
    span = pd.Series(at).groupby(codes, sort=False).agg(["min", "max"]).reindex(range(k))
    pair = uniq // 2
    out = pd.DataFrame(
        {
            "seeker": pd.Series(s_uniq.take(pair // len(c_uniq)), dtype="str"),
            "contact_id": pd.Series(c_uniq.take(pair % len(c_uniq)), dtype="str"),
            "outbound": (uniq % 2).astype(bool),
            "touches": counts.sum(axis=1).astype("int64"),
            "interactions": np.bincount(codes, weights=t["interactions"].to_numpy(), minlength=k).astype(
                "int64"
            ),
        }
    )
    for i, c in enumerate(channels):
        out[c] = counts[:, i].astype("int64")
    out["live_touches"] = out[list(schema.LIVE_CHANNELS)].sum(axis=1).astype("int64")
    out["touches_180"] = np.bincount(codes, weights=recent, minlength=k).astype("int64")
    out["first_at"] = pd.to_datetime(span["min"].to_numpy(), utc=True).astype(schema.TIMESTAMP)
    out["last_at"] = pd.to_datetime(span["max"].to_numpy(), utc=True).astype(schema.TIMESTAMP)
    return out


def pair_table(
    data: NetworkData, t: pd.DataFrame, as_of: pd.Timestamp | None, *, by_dir: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per (seeker, contact) statistics behind :func:`tie_strength` and the graph's edges.

    ``t`` is the touches table (or ``by_dir``, its :func:`directional_touches`, when already
    computed); only touches and interactions up to ``as_of`` (inclusive) count. Pairs come from
    the contacts table (connected on or before ``as_of``, or with no date) and from any
    interaction up to ``as_of``. :func:`netlytics.metrics._pairs.coded_pair_table` computes the
    same table from a window's integer codes.
    """
    d = directional_touches(t, as_of) if by_dir is None else by_dir
    d = d.assign(outbound_touches_180=d["touches_180"].where(d["outbound"], 0))
    agg = d.groupby(["seeker", "contact_id"], as_index=False, sort=False).agg(
        touches=("touches", "sum"),
        touches_180=("touches_180", "sum"),
        outbound_touches_180=("outbound_touches_180", "sum"),
        live_touches=("live_touches", "sum"),
        first_at=("first_at", "min"),
        last_at=("last_at", "max"),
    )

    c = data.contacts
    if as_of is not None:
        c = c.loc[c["connected_on"].isna() | (c["connected_on"] <= as_of)]
    c = c.drop_duplicates(["seeker", "contact_id"])[
        ["seeker", "contact_id", "name", "company", "connected_on"]
    ]

    inter = data.interactions
    ikeep = inter["contact_id"].notna()
    if as_of is not None:
        ikeep &= inter["at"] <= as_of
    ipairs = inter.loc[ikeep, ["seeker", "contact_id"]].drop_duplicates()

    pairs = pd.concat([c[["seeker", "contact_id"]], ipairs], ignore_index=True).drop_duplicates()
    out = pairs.merge(c, on=["seeker", "contact_id"], how="left")
    out = out.merge(agg, on=["seeker", "contact_id"], how="left")
    out = out.merge(_gifts(data, as_of), on=["seeker", "contact_id"], how="left")
    for col in ("touches", "touches_180", "outbound_touches_180", "live_touches", "gives", "receives"):
        out[col] = out[col].fillna(0).astype("int64")
    for col in ("give_value", "receive_value"):
        out[col] = out[col].fillna(0.0).astype("float64")
    return out


@dispatchable
@fill
def tie_strength(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """Tie strength per seeker and contact, from five explainable dimensions.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per (seeker, contact) that is in the contacts table or has an interaction,
        sorted by seeker, score (strongest first) and contact_id, with columns:

        - ``seeker``, ``contact_id``, ``name``, ``company``;
        - ``touches`` (all touches up to as_of, both directions), ``touches_180`` (touches in
          the window ``[as_of - 180 days, as_of]``), ``outbound_touches_180``, ``live_touches``;
        - ``gives``, ``receives``: outbound and inbound gift-kind interactions (as reciprocity);
        - ``first_at``, ``last_at`` (first and last touch), ``connected_on``;
        - ``days_since_last`` (float days from the last touch to as_of; null if never
          touched), ``days_known`` (days since the first touch or the connection, whichever is
          earlier; null if neither is known);
        - the five dimensions in [0, 1]:
          ``frequency`` = min(touches_180 / 12, 1);
          ``recency`` = exp(-days_since_last / 90) (0 if never touched);
          ``duration`` = min(days_known / 365, 1) (0 if unknown);
          ``reciprocity`` = 1 if both gave, 0.5 if one side gave, 0 otherwise;
          ``richness`` = live_touches / touches (0 if never touched);
        - ``score``: the weighted mean of the dimensions with :data:`WEIGHTS`;
        - ``tie``: ``dormant`` when touches_180 is 0, else ``strong`` (score >= 0.6),
          ``medium`` (score >= 0.35) or ``weak``.

    Raises
    ------
    ParameterError
        For a bad ``as_of`` or ``since``.

    See Also
    --------
    tie_summary : weak-tie share and tie counts per seeker.
    netlytics.graph.build_graph : the graph whose edges carry these statistics.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana", "Ana"], "interaction_id": ["1", "2"], "contact_id": ["bo", "bo"],
    ...     "at": pd.to_datetime(["2025-01-01", "2025-03-02"], utc=True),
    ...     "channel": ["in_person", "email"], "direction": ["outbound", "inbound"],
    ...     "kind": ["meeting", "help"]})
    >>> ties = tie_strength(inter, as_of="2025-03-02")
    >>> ties[["contact_id", "touches_180", "frequency", "recency", "richness", "tie"]].round(3)
      contact_id  touches_180  frequency  recency  richness     tie
    0         bo            2      0.167      1.0       0.5  medium
    """
    return _tie_strength(scope(data, as_of, since))


def _tie_strength(w: Window) -> pd.DataFrame:
    if w.as_of is None:
        return empty_frame(TIE_COLUMNS)
    pairs = coded_pair_table(w, WINDOW_DAYS)
    if pairs is None:  # an empty seeker or contact somewhere: the text path
        pairs = pair_table(w.data, w.touch_frame(), w.as_of)
    scored = score_pairs(pairs, w.as_of)
    return scored[list(TIE_COLUMNS)].astype(TIE_COLUMNS)


def score_pairs(p: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Add the dimensions, ``score`` and ``tie`` to a :func:`pair_table` (all columns kept)."""
    if p.empty:
        return empty_frame({**TIE_COLUMNS, "give_value": "float64", "receive_value": "float64"})
    days_since_last = _days(as_of - p["last_at"]).clip(lower=0)
    start = p[["first_at", "connected_on"]].min(axis=1)
    days_known = _days(as_of - start).clip(lower=0)
    frequency = (p["touches_180"] / SCALES["frequency_touches"]).clip(upper=1.0)
    recency = np.exp(-days_since_last / SCALES["recency_days"]).fillna(0.0)
    duration = (days_known / SCALES["duration_days"]).clip(upper=1.0).fillna(0.0)
    gave, got = p["gives"] > 0, p["receives"] > 0
    reciprocity = (gave & got).astype("float64") + 0.5 * (gave ^ got).astype("float64")
    richness = (p["live_touches"] / p["touches"].where(p["touches"] > 0)).fillna(0.0)
    dims = {
        "frequency": frequency,
        "recency": recency,
        "duration": duration,
        "reciprocity": reciprocity,
        "richness": richness,
    }
    score = sum(WEIGHTS[k] * v for k, v in dims.items()) / sum(WEIGHTS.values())
    tie = np.select(
        [p["touches_180"].eq(0), score >= CUTOFFS["strong"], score >= CUTOFFS["medium"]],
        ["dormant", "strong", "medium"],
        default="weak",
    )
    out = p.assign(days_since_last=days_since_last, days_known=days_known, **dims, score=score, tie=tie)
    out = out.sort_values(["seeker", "score", "contact_id"], ascending=[True, False, True], kind="stable")
    return out.reset_index(drop=True)


@dispatchable
@fill
def tie_summary(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """Per seeker: how much outbound effort goes to weak and medium ties, and tie counts.

    Moderately weak ties carry most job moves (Rajkumar et al., Science 2022); a seeker whose
    recent outbound touches all go to strong ties is not using their network's reach.

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker (every seeker in the data), sorted by seeker, with columns
        ``seeker``; ``outbound_touches_180`` (outbound touches in ``[as_of - 180 days, as_of]``);
        ``weak_tie_touches_180`` (those going to weak or medium ties); ``weak_tie_share``
        (their ratio, null when the seeker has no outbound touch in the window); ``strong``,
        ``medium``, ``weak``, ``dormant`` (number of contacts in each tie class).

    Raises
    ------
    ParameterError
        For a bad ``as_of`` or ``since``.

    See Also
    --------
    tie_strength : the per-contact scores.

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({
    ...     "seeker": ["Ana", "Ana"], "interaction_id": ["1", "2"], "contact_id": ["bo", "cy"],
    ...     "at": pd.to_datetime(["2025-03-01", "2024-01-01"], utc=True),
    ...     "channel": ["email", "email"], "direction": ["outbound", "outbound"],
    ...     "kind": ["message", "message"]})
    >>> tie_summary(inter, as_of="2025-03-02")[["seeker", "weak_tie_share", "weak", "dormant"]]
      seeker  weak_tie_share  weak  dormant
    0    Ana             1.0     1        1
    """
    return summarise_ties(scope(data, as_of, since))


def summarise_ties(w: Window, ties: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`tie_summary` of a window (``ties``: its :func:`tie_strength` table, if computed)."""
    seekers = pd.Series(w.seekers, dtype="str", name="seeker")
    if ties is None:
        ties = _tie_strength(w)
    s = codes_in(ties["seeker"], seekers)
    keep = s >= 0
    s = s[keep]
    n = len(seekers)
    tie = codes_in(ties["tie"], TIE_CLASSES)[keep]
    recent = ties["outbound_touches_180"].to_numpy("int64")[keep]
    weakish = np.isin(tie, [TIE_CLASSES.index("weak"), TIE_CLASSES.index("medium")])
    out = pd.DataFrame(
        {
            "seeker": seekers,
            "outbound_touches_180": np.bincount(s, weights=recent, minlength=n).astype("int64"),
            "weak_tie_touches_180": np.bincount(s, weights=recent * weakish, minlength=n).astype("int64"),
        }
    )
    counts = np.bincount(
        s * len(TIE_CLASSES) + np.maximum(tie, 0), weights=tie >= 0, minlength=n * len(TIE_CLASSES)
    )
    for i, name in enumerate(TIE_CLASSES):
        out[name] = counts.reshape(n, len(TIE_CLASSES))[:, i].astype("int64")
    denom = out["outbound_touches_180"].where(out["outbound_touches_180"] > 0)
    out["weak_tie_share"] = out["weak_tie_touches_180"] / denom
    return out[list(SUMMARY_COLUMNS)].astype(SUMMARY_COLUMNS).reset_index(drop=True)
