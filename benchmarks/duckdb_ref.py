"""The yardstick: netlytics' summary definitions written as a DuckDB engineer would, in SQL.

An independent second reading of docs/spec/METRICS.md (sections 2, 3, 5 and 5b) for the
benchmarks only: set-based SQL (window functions, ASOF joins for "the first answer after the
trigger" and "the first touch after the window opens", conditional aggregates for the pivot,
no Python per group or per row). It covers every column of ``netlytics.summary`` that is a
measurement: touches and channel mix, cadence, networked before applying, reciprocity and
gifts, and for each of the three follow-up triggers its count, answered and on-time shares,
Kaplan-Meier median lag, open and stale loops. (``weak_tie_share`` and the four statuses are
thresholds and tie scores on top of these and are not re-implemented.) It agrees exactly with
netlytics (``benchmarks/agreement.py``, ``tests/benchmarks/test_duckdb_agreement.py``); nothing
in ``netlytics`` imports it.

Usage::

    con = connect(data, as_of=None, since="all")   # builds the period's tables once
    summary(con)                                    # one row per seeker
    touches(con); channel_mix(con); reciprocity(con); follow_up(con)

Notes on exactness:

- "After" with equal timestamps follows input order: every interaction carries its input row
  number ``ord``, and ``k`` = (timestamp in microseconds, ord) packed in a HUGEINT orders the
  rows; ASOF joins compare ``k``.
- DuckDB timestamps hold microseconds: inputs with finer timestamps would be truncated (the
  benchmark generator uses whole seconds). Lags are differences of integer microseconds
  divided by the microseconds of a day, so they equal netlytics' nanosecond lags bit for bit.
- Company keys (METRICS section 5) are computed in SQL with RE2 regular expressions, whose
  ``\\w`` and ``\\s`` are ASCII: exact for ASCII company names (the generator's), which is what
  the benchmark needs.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from netlytics.data import NetworkData
from netlytics.identity import LEGAL_SUFFIXES

ONE_CLICK = ("endorsement", "recommendation", "invitation")
GIFTS = ("lead", "referral", "introduction", "help", "endorsement", "recommendation")
THANKED_GIFTS = ("lead", "referral", "introduction", "help", "recommendation")
LEAD_KINDS = ("lead", "referral", "introduction")
LIVE = ("in_person", "video", "phone")
WRITTEN = ("email", "linkedin", "text")
TRIGGERS = ("thank_you", "lead", "reply")
DEFAULT_WEIGHTS = {
    "referral": 3.0,
    "introduction": 3.0,
    "lead": 2.0,
    "recommendation": 2.0,
    "help": 1.0,
    "endorsement": 0.5,
}
DUE_DAYS = {"thank_you": 1, "lead": 3, "reply": 2}
US_DAY = 86_400_000_000  # lags are computed on integer microseconds, like pandas on nanoseconds
HALF = 0.5 + 1e-9  # the Kaplan-Meier median: the first event time with S(t) <= 0.5


def _sql_list(values) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def connect(
    data: NetworkData | pd.DataFrame,
    *,
    as_of=None,
    since=None,
    stale_days: float = 60,
    window_weeks: int = 8,
    window_days: float = 90,
    threads: int | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding the period's tables, built once.

    ``data`` is a NetworkData or an interactions frame. ``as_of`` defaults to the latest
    timestamp in the data; ``since`` is a timestamp or None / "all" (all history). The tables:
    ``seekers``, ``x`` (interactions in ``[since, as_of]`` with the ordering key ``k``), ``t``
    (touches), ``fu`` (follow-up triggers), ``apps`` (applications of the period with their
    company key) and ``contacts_k`` (contacts with their company key).
    """
    if isinstance(data, pd.DataFrame):
        data = NetworkData(interactions=data)
    as_of = data.latest_timestamp() if as_of is None else pd.Timestamp(as_of)
    if isinstance(since, str) and since == "all":
        since = None
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    ix = data.interactions
    con.register(
        "raw_i",
        ix[["seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "ref"]]
        .rename(columns={"at": "ts"})  # AT is an SQL keyword
        .assign(ord=np.arange(len(ix), dtype="int64")),
    )
    con.register("raw_c", data.contacts[["seeker", "contact_id", "company"]])
    con.register("raw_a", data.applications[["seeker", "application_id", "company", "applied_at"]])
    con.register("raw_f", data.follows[["seeker"]])
    as_of_day = as_of.value // (US_DAY * 1000)
    window_start = as_of_day - (as_of_day + 3) % 7 - 7 * (window_weeks - 1)  # a Monday, in epoch days
    params = {
        "as_of": as_of.value // 1000,  # microseconds since the epoch
        "since": pd.Timestamp(since).value // 1000 if since is not None else "NULL::BIGINT",
        "stale_us": round(stale_days * US_DAY),
        "window_us": round(window_days * US_DAY),
        "as_of_day": as_of_day,
        "window_start": window_start,
        "weeks": window_weeks,
    }
    for name, value in params.items():
        con.execute(f"SET VARIABLE {name} = {value}")
    for statement in _SETUP:
        con.execute(statement)
    return con


_COMPANY_KEY = (
    "CREATE MACRO ck(s) AS nullif(regexp_replace(trim(regexp_replace("
    "regexp_replace(replace(lower(s), '&', ' and '), '[^\\w\\s]|_', ' ', 'g'), '\\s+', ' ', 'g')), "
    f"'( (?:{'|'.join(sorted(LEGAL_SUFFIXES))}))+$', ''), '')"
)

_SETUP = [
    _COMPANY_KEY,
    """
    CREATE TEMP TABLE seekers AS
    SELECT DISTINCT seeker FROM (
        SELECT seeker FROM raw_i UNION ALL SELECT seeker FROM raw_c
        UNION ALL SELECT seeker FROM raw_a UNION ALL SELECT seeker FROM raw_f
    ) WHERE seeker IS NOT NULL
    """,
    """
    CREATE TEMP TABLE x AS
    SELECT * EXCLUDE (ts), us::HUGEINT * 4294967296 + ord AS k
    FROM (SELECT *, epoch_us(ts) AS us FROM raw_i)
    WHERE us <= getvariable('as_of')
      AND (getvariable('since') IS NULL OR us >= getvariable('since'))
    """,
    # a touch: (seeker, contact, channel, UTC day); at = its first interaction
    f"""
    CREATE TEMP TABLE t AS
    SELECT seeker, contact_id, channel, us // {US_DAY} AS day, min(us) AS us,
           bool_or(direction = 'outbound' OR kind IN ('meeting', 'event')) AS outbound,
           count(*) AS interactions
    FROM x
    WHERE contact_id IS NOT NULL AND kind NOT IN {_sql_list(ONE_CLICK)}
    GROUP BY seeker, contact_id, channel, us // {US_DAY}
    """,
    """
    CREATE TEMP TABLE contacts_k AS
    SELECT DISTINCT seeker, contact_id, ck(company) AS ckey FROM raw_c WHERE ck(company) IS NOT NULL
    """,
    """
    CREATE TEMP TABLE apps AS
    SELECT seeker, application_id, epoch_us(applied_at) AS applied_us, ck(company) AS ckey FROM raw_a
    WHERE epoch_us(applied_at) <= getvariable('as_of')
      AND (getvariable('since') IS NULL OR epoch_us(applied_at) >= getvariable('since'))
    """,
]


def _follow_up_sql() -> str:
    """The follow-up table: every trigger and its answer, from one window pass over each
    (seeker, contact) conversation in time order (the next answer of each kind after a row, the
    last inbound and outbound message before it), plus a hash join for answers by ``ref``."""
    due = " ".join(f"WHEN '{t}' THEN {US_DAY * d}" for t, d in DUE_DAYS.items())
    return f"""
    CREATE TEMP TABLE fu AS
    WITH
    w AS (
        SELECT seeker, contact_id, interaction_id, us, k, kind, direction,
               min(CASE WHEN kind = 'thank_you' AND direction = 'outbound' THEN k END) OVER next AS ty_k,
               min(CASE WHEN direction = 'outbound' AND kind NOT IN ('endorsement', 'invitation') THEN k END)
                   OVER next AS out_k,
               min(CASE WHEN kind = 'message' AND direction = 'outbound' THEN k END) OVER next AS msg_k,
               max(CASE WHEN kind = 'message' AND direction = 'outbound' THEN k END) OVER prev AS prev_out,
               max(CASE WHEN kind = 'message' AND direction = 'inbound' THEN k END) OVER prev AS prev_in
        FROM x WHERE contact_id IS NOT NULL
        WINDOW next AS (PARTITION BY seeker, contact_id ORDER BY k ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING),
               prev AS (PARTITION BY seeker, contact_id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
    ),
    lead_trig AS (
        SELECT * FROM w WHERE direction = 'inbound' AND kind IN {_sql_list(LEAD_KINDS)}
    ),
    by_ref AS (  -- the first outbound interaction, with anyone, that names the lead in ``ref``
        SELECT t.seeker, t.k AS t_k, min(o.k) AS ref_k
        FROM lead_trig t JOIN x o
          ON o.seeker = t.seeker AND o.ref = t.interaction_id AND o.k > t.k AND o.direction = 'outbound'
        GROUP BY t.seeker, t.k
    ),
    trig AS (
        SELECT 'thank_you' AS trigger, seeker, contact_id, interaction_id, us, k, ty_k AS r_k FROM w
        WHERE kind IN ('meeting', 'event') OR (direction = 'inbound' AND kind IN {_sql_list(THANKED_GIFTS)})
        UNION ALL
        SELECT 'lead', t.seeker, contact_id, interaction_id, us, k, coalesce(r.ref_k, t.out_k)
        FROM lead_trig t LEFT JOIN by_ref r ON r.seeker = t.seeker AND r.t_k = t.k
        UNION ALL  -- an inbound message that starts a run: the previous message was outbound, or none
        SELECT 'reply', seeker, contact_id, interaction_id, us, k, msg_k FROM w
        WHERE kind = 'message' AND direction = 'inbound' AND (prev_in IS NULL OR prev_out > prev_in)
    ),
    allt AS (
        SELECT *, CASE trigger {due} END AS due_us, (r_k // 4294967296)::BIGINT AS r_us FROM trig
    )
    SELECT seeker, trigger, interaction_id AS trigger_id, contact_id, us AS t_us, us + due_us AS due_us,
           r_k, r_us,
           (coalesce(r_us, getvariable('as_of')) - us) / {float(US_DAY)} AS lag_days,
           r_k IS NULL AS censored,
           r_k IS NOT NULL AND r_us - us <= due_us AS on_time,
           r_k IS NULL AND getvariable('as_of') - us > getvariable('stale_us') AS stale,
           r_k IS NULL AND us + due_us < getvariable('as_of')
               AND NOT (getvariable('as_of') - us > getvariable('stale_us')) AS open_loop
    FROM allt
    """


def _ensure_follow_up(con) -> None:
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'fu'").fetchone()[0]:
        con.execute(_follow_up_sql())


# --- the tables the agreement check compares ---------------------------------------------------


def touches(con) -> pd.DataFrame:
    """One row per touch: seeker, contact_id, channel, day, at, outbound, interactions."""
    return con.execute(
        f"SELECT seeker, contact_id, channel, make_timestamptz(day * {US_DAY}) AS day, "
        'make_timestamptz(us) AS "at", outbound, interactions FROM t ORDER BY seeker, us, contact_id, channel'
    ).df()


def channel_mix(con) -> pd.DataFrame:
    """Touches and share per seeker and channel."""
    return con.execute(
        """
        SELECT seeker, channel, count(*) AS touches,
               count(*) / sum(count(*)) OVER (PARTITION BY seeker) AS share
        FROM t GROUP BY seeker, channel ORDER BY seeker, channel
        """
    ).df()


def _value_case(weights: dict[str, float] | None) -> str:
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    return "CASE kind " + " ".join(f"WHEN '{k}' THEN {float(v)}" for k, v in w.items()) + " END"


def reciprocity(con, weights: dict[str, float] | None = None) -> pd.DataFrame:
    """Per seeker and contact: gifts given and received, their values and the balance."""
    return con.execute(
        f"""
        SELECT seeker, contact_id,
               count(*) FILTER (WHERE direction = 'outbound') AS gives,
               count(*) FILTER (WHERE direction = 'inbound') AS receives,
               coalesce(sum({_value_case(weights)}) FILTER (WHERE direction = 'outbound'), 0) AS give_value,
               coalesce(sum({_value_case(weights)}) FILTER (WHERE direction = 'inbound'), 0) AS receive_value,
               give_value - receive_value AS balance
        FROM x
        WHERE kind IN {_sql_list(GIFTS)} AND contact_id IS NOT NULL
        GROUP BY seeker, contact_id
        ORDER BY seeker, contact_id
        """
    ).df()


def follow_up(con) -> pd.DataFrame:
    """One row per trigger: trigger, ids, times, lag_days, censored, on_time, open_loop, stale."""
    _ensure_follow_up(con)
    return con.execute(
        """
        SELECT fu.* EXCLUDE (t_us, due_us, r_k, r_us), x.interaction_id AS response_id,
               make_timestamptz(t_us) AS trigger_at, make_timestamptz(due_us) AS due_at,
               make_timestamptz(r_us) AS response_at
        FROM fu LEFT JOIN x ON x.k = fu.r_k
        ORDER BY fu.seeker, trigger, trigger_id
        """
    ).df()


# --- the summary ---------------------------------------------------------------------------------


_FU_STATS = ("n", "answered_share", "on_time_share", "median_lag_days", "open_loops", "stale_loops")
_FU_COUNTS = ("n", "open_loops", "stale_loops")  # 0, not null, for a seeker without such triggers


def _trigger_columns() -> str:
    """The pivot: one column per trigger and statistic (conditional aggregates)."""
    return ",\n".join(
        f"any_value(f.{s}) FILTER (WHERE f.trigger = '{t}') AS {t}_{s}" for t in TRIGGERS for s in _FU_STATS
    )


def _trigger_select() -> str:
    return ",\n".join(
        f"coalesce(fw.{t}_{s}, 0) AS {t}_{s}" if s in _FU_COUNTS else f"fw.{t}_{s}"
        for t in TRIGGERS
        for s in _FU_STATS
    )


def _activity_ctes() -> str:
    """Channel mix and cadence (the window's outbound days and the gaps between them)."""
    return f"""
        ch AS (
            SELECT seeker, count(*) AS touches,
                   count(*) FILTER (WHERE channel IN {_sql_list(LIVE)}) / count(*) AS live_share,
                   count(*) FILTER (WHERE channel = 'in_person') / count(*) AS in_person_share,
                   count(*) FILTER (WHERE channel IN {_sql_list(WRITTEN)}) / count(*) AS written_share
            FROM t GROUP BY seeker
        ),
        days AS (  -- outbound touches per day of the cadence window (0 = its first Monday)
            SELECT seeker, day - getvariable('window_start') AS d, count(*) AS n
            FROM t WHERE outbound AND day >= getvariable('window_start')
            GROUP BY ALL
        ),
        gaps AS (
            SELECT seeker, d, n, d - coalesce(lag(d) OVER (PARTITION BY seeker ORDER BY d), -1) - 1 AS gap
            FROM days
        ),
        cad AS (
            SELECT seeker,
                   count(DISTINCT d // 7) / getvariable('weeks') AS active_week_share,
                   sum(n) / getvariable('weeks') AS touches_per_week,
                   greatest(max(gap), getvariable('as_of_day') - getvariable('window_start') - max(d))
                       AS longest_gap_days
            FROM gaps GROUP BY seeker
        ),
"""


def _networking_ctes() -> str:
    """Networked before applying (an ASOF join per application) and reciprocity."""
    return f"""
        out_k AS (  -- outbound touches with a contact, keyed by the contact's company
            SELECT t.seeker, c.ckey, t.us FROM t JOIN contacts_k c USING (seeker, contact_id) WHERE t.outbound
        ),
        first_touch AS (  -- ASOF: the first such touch at or after the window opens
            SELECT a.seeker, a.application_id, a.applied_us, o.us AS touch_us
            FROM (SELECT *, applied_us - getvariable('window_us') AS lo FROM apps) a
            ASOF LEFT JOIN out_k o ON a.seeker = o.seeker AND a.ckey = o.ckey AND o.us >= a.lo
        ),
        net AS (
            SELECT seeker, count(*) AS applications,
                   count(*) FILTER (WHERE touch_us < applied_us) / count(*) AS networked_share
            FROM first_touch GROUP BY seeker
        ),
        rec_c AS (
            SELECT seeker, contact_id,
                   coalesce(sum({_value_case(None)}) FILTER (WHERE direction = 'outbound'), 0) AS give,
                   coalesce(sum({_value_case(None)}) FILTER (WHERE direction = 'inbound'), 0) AS receive,
                   count(*) FILTER (WHERE direction IN ('outbound', 'inbound')) AS gifts
            FROM x WHERE kind IN {_sql_list(GIFTS)} AND contact_id IS NOT NULL GROUP BY ALL
        ),
        rec AS (
            SELECT seeker, CASE WHEN sum(give) + sum(receive) > 0
                                THEN sum(give) / (sum(give) + sum(receive)) END AS give_share,
                   count(*) FILTER (WHERE receive > 0 AND give = 0) AS take_only_contacts,
                   sum(gifts)::BIGINT AS gifts
            FROM rec_c GROUP BY seeker
        ),
"""


def _follow_up_ctes() -> str:
    """Per seeker and trigger: counts, shares, open and stale loops, Kaplan-Meier median."""
    return f"""
        km_t AS (  -- Kaplan-Meier: one row per (seeker, trigger, distinct lag)
            SELECT seeker, trigger, lag_days AS time, count(*) AS n,
                   count(*) FILTER (WHERE NOT censored) AS events
            FROM fu GROUP BY ALL
        ),
        km AS (
            SELECT *, product(1.0 - events / at_risk) OVER (
                       PARTITION BY seeker, trigger ORDER BY time ROWS UNBOUNDED PRECEDING) AS survival
            FROM (SELECT *, sum(n) OVER (PARTITION BY seeker, trigger ORDER BY time
                                         ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS at_risk
                  FROM km_t)
        ),
        med AS (
            SELECT seeker, trigger, min(time) FILTER (WHERE survival <= {HALF} AND events > 0)
                   AS median_lag_days
            FROM km GROUP BY ALL
        ),
        fs AS (
            SELECT seeker, trigger, count(*) AS n,
                   count(*) FILTER (WHERE NOT censored) / count(*) AS answered_share,
                   CASE WHEN count(*) FILTER (WHERE NOT censored OR due_us < getvariable('as_of')) > 0
                        THEN count(*) FILTER (WHERE on_time)
                             / count(*) FILTER (WHERE NOT censored OR due_us < getvariable('as_of'))
                   END AS on_time_share,
                   count(*) FILTER (WHERE open_loop) AS open_loops,
                   count(*) FILTER (WHERE stale) AS stale_loops
            FROM fu GROUP BY ALL
        ),
        f AS (SELECT * FROM fs JOIN med USING (seeker, trigger)),
        fw AS (SELECT seeker, {_trigger_columns()} FROM f GROUP BY seeker)
"""


def summary(con) -> pd.DataFrame:
    """One row per seeker with every measured column of ``netlytics.summary`` (same names)."""
    _ensure_follow_up(con)
    return con.execute(
        f"""
        WITH {_activity_ctes()} {_networking_ctes()} {_follow_up_ctes()}
        SELECT s.seeker,
               coalesce(ch.touches, 0) AS touches, ch.live_share, ch.in_person_share, ch.written_share,
               coalesce(cad.active_week_share, 0.0) AS active_week_share,
               coalesce(cad.touches_per_week, 0.0) AS touches_per_week,
               coalesce(cad.longest_gap_days,
                        getvariable('as_of_day') - getvariable('window_start') + 1) AS longest_gap_days,
               coalesce(net.applications, 0) AS applications, net.networked_share,
               rec.give_share, coalesce(rec.take_only_contacts, 0) AS take_only_contacts,
               coalesce(rec.gifts, 0) AS gifts,
               {_trigger_select()}
        FROM seekers s
        LEFT JOIN ch USING (seeker) LEFT JOIN cad USING (seeker) LEFT JOIN net USING (seeker)
        LEFT JOIN rec USING (seeker) LEFT JOIN fw USING (seeker)
        ORDER BY s.seeker
        """
    ).df()
