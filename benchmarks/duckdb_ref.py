"""A DuckDB SQL implementation of netlytics' core definitions, for benchmarks only.

It is an independent second reading of METRICS.md sections 2, 3 and 5 (touches, channel
mix, reciprocity, follow-up triggers and lags), used to time netlytics against a columnar
SQL engine in the same run and to check that both give the same answers. It is not part of
the package and nothing in ``netlytics`` imports it.

Input order matters for ties ("when two interactions have the same timestamp, 'after'
follows input order"), so every query works on ``pos``: the row's rank within its seeker by
(at, input order).

DuckDB timestamps have microsecond precision: inputs with finer timestamps would be truncated
(the benchmark generator uses whole seconds). Lags are differences of integer microseconds
divided by the microseconds of a day, so they equal pandas' nanosecond lags bit for bit.
"""

from __future__ import annotations

import duckdb
import pandas as pd

ONE_CLICK = "('endorsement', 'recommendation', 'invitation')"
GIFTS = "('lead', 'referral', 'introduction', 'help', 'endorsement', 'recommendation')"
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


def connect(interactions: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding ``interactions`` as table ``i`` with a ``pos`` column."""
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    cols = interactions[
        ["seeker", "interaction_id", "contact_id", "at", "channel", "direction", "kind", "ref"]
    ].rename(columns={"at": "ts"})  # AT is an SQL keyword
    con.register("raw", cols)
    con.execute(
        """
        CREATE TABLE i AS
        SELECT *, row_number() OVER (PARTITION BY seeker ORDER BY ts, ord) AS pos
        FROM (SELECT *, row_number() OVER () AS ord FROM raw)
        """
    )
    con.unregister("raw")
    return con


def touches(con) -> pd.DataFrame:
    return con.execute(
        f"""
        SELECT seeker, contact_id, channel,
               date_trunc('day', ts) AS day,
               min(ts) AS "at",
               bool_or(direction = 'outbound' OR kind IN ('meeting', 'event')) AS outbound,
               count(*) AS interactions
        FROM i
        WHERE contact_id IS NOT NULL AND kind NOT IN {ONE_CLICK}
        GROUP BY seeker, contact_id, channel, date_trunc('day', ts)
        ORDER BY seeker, "at", contact_id, channel
        """
    ).df()


def channel_mix(con) -> pd.DataFrame:
    return con.execute(
        f"""
        WITH t AS (
            SELECT DISTINCT seeker, contact_id, channel, date_trunc('day', ts) AS day
            FROM i WHERE contact_id IS NOT NULL AND kind NOT IN {ONE_CLICK}
        )
        SELECT seeker, channel, count(*) AS touches,
               count(*) / sum(count(*)) OVER (PARTITION BY seeker) AS share
        FROM t GROUP BY seeker, channel ORDER BY seeker, channel
        """
    ).df()


def reciprocity(con, weights: dict[str, float] | None = None) -> pd.DataFrame:
    w = {**DEFAULT_WEIGHTS, **(weights or {})}
    case = " ".join(f"WHEN '{k}' THEN {v}" for k, v in w.items())
    return (
        con.execute(
            f"""
        SELECT seeker, contact_id,
               count(*) FILTER (WHERE direction = 'outbound') AS gives,
               count(*) FILTER (WHERE direction = 'inbound') AS receives,
               coalesce(sum(CASE kind {case} END) FILTER (WHERE direction = 'outbound'), 0) AS give_value,
               coalesce(sum(CASE kind {case} END) FILTER (WHERE direction = 'inbound'), 0) AS receive_value
        FROM i
        WHERE kind IN {GIFTS} AND contact_id IS NOT NULL
        GROUP BY seeker, contact_id
        ORDER BY seeker, contact_id
        """
        )
        .df()
        .assign(balance=lambda d: d["give_value"] - d["receive_value"])
    )


def follow_up(con, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per trigger: seeker, trigger, trigger_id, contact_id, trigger_at, response_id,
    response_at, lag_days, censored, on_time."""
    con.execute(f"SET VARIABLE as_of = TIMESTAMPTZ '{as_of.isoformat()}'")
    return con.execute(
        f"""
        WITH x AS (SELECT * FROM i WHERE ts <= getvariable('as_of')),
        ty AS (  -- outbound thank-yous
            SELECT seeker, contact_id, pos, interaction_id, ts FROM x
            WHERE kind = 'thank_you' AND direction = 'outbound' AND contact_id IS NOT NULL
        ),
        thank_trig AS (
            SELECT seeker, contact_id, pos, interaction_id, ts FROM x
            WHERE contact_id IS NOT NULL AND (kind IN ('meeting', 'event')
                  OR (direction = 'inbound' AND kind IN ('lead', 'referral', 'introduction', 'help',
                                                         'recommendation')))
        ),
        thank AS (
            SELECT 'thank_you' AS trigger, t.seeker, t.contact_id, t.interaction_id AS trigger_id,
                   t.ts AS trigger_at, a.interaction_id AS response_id, a.ts AS response_at
            FROM thank_trig t ASOF LEFT JOIN ty a
              ON t.seeker = a.seeker AND t.contact_id = a.contact_id AND a.pos > t.pos
        ),
        lead_trig AS (
            SELECT seeker, contact_id, pos, interaction_id, ts FROM x
            WHERE direction = 'inbound' AND kind IN ('lead', 'referral', 'introduction')
              AND contact_id IS NOT NULL
        ),
        by_ref AS (
            SELECT t.seeker, t.interaction_id AS trigger_id,
                   arg_min(o.interaction_id, o.pos) AS response_id, min(o.ts) AS response_at
            FROM lead_trig t JOIN x o
              ON o.seeker = t.seeker AND o.ref = t.interaction_id AND o.pos > t.pos
                 AND o.direction = 'outbound'
            GROUP BY t.seeker, t.interaction_id
        ),
        outb AS (
            SELECT seeker, contact_id, pos, interaction_id, ts FROM x
            WHERE direction = 'outbound' AND kind NOT IN ('endorsement', 'invitation')
              AND contact_id IS NOT NULL
        ),
        by_contact AS (
            SELECT t.seeker, t.interaction_id AS trigger_id, a.interaction_id AS response_id,
                   a.ts AS response_at
            FROM lead_trig t ASOF LEFT JOIN outb a
              ON t.seeker = a.seeker AND t.contact_id = a.contact_id AND a.pos > t.pos
        ),
        lead AS (
            SELECT 'lead' AS trigger, t.seeker, t.contact_id, t.interaction_id AS trigger_id,
                   t.ts AS trigger_at,
                   coalesce(r.response_id, c.response_id) AS response_id,
                   CASE WHEN r.response_id IS NOT NULL THEN r.response_at ELSE c.response_at END
                       AS response_at
            FROM lead_trig t
            LEFT JOIN by_ref r ON r.seeker = t.seeker AND r.trigger_id = t.interaction_id
            LEFT JOIN by_contact c ON c.seeker = t.seeker AND c.trigger_id = t.interaction_id
        ),
        msg AS (
            SELECT seeker, contact_id, pos, interaction_id, ts, direction,
                   lag(direction) OVER (PARTITION BY seeker, contact_id ORDER BY pos) AS prev_dir
            FROM x WHERE kind = 'message' AND contact_id IS NOT NULL
        ),
        reply_trig AS (
            SELECT * FROM msg
            WHERE direction = 'inbound' AND (prev_dir IS NULL OR prev_dir = 'outbound')
        ),
        out_msg AS (SELECT * FROM msg WHERE direction = 'outbound'),
        reply AS (
            SELECT 'reply' AS trigger, t.seeker, t.contact_id, t.interaction_id AS trigger_id,
                   t.ts AS trigger_at, a.interaction_id AS response_id, a.ts AS response_at
            FROM reply_trig t ASOF LEFT JOIN out_msg a
              ON t.seeker = a.seeker AND t.contact_id = a.contact_id AND a.pos > t.pos
        ),
        allt AS (SELECT * FROM thank UNION ALL SELECT * FROM lead UNION ALL SELECT * FROM reply)
        SELECT *,
               (epoch_us(coalesce(response_at, getvariable('as_of'))) - epoch_us(trigger_at))
                   / 86400000000.0 AS lag_days,
               response_id IS NULL AS censored,
               response_id IS NOT NULL AND epoch_us(response_at) - epoch_us(trigger_at) <=
                   CASE trigger WHEN 'thank_you' THEN {US_DAY * DUE_DAYS["thank_you"]}
                                WHEN 'lead' THEN {US_DAY * DUE_DAYS["lead"]}
                                ELSE {US_DAY * DUE_DAYS["reply"]} END
                   AS on_time
        FROM allt
        ORDER BY seeker, trigger, trigger_id
        """
    ).df()
