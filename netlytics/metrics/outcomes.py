"""Outcomes: does networking bring results? (docs/spec/METRICS.md sections 3, 5 and 5b).

A seeker none of whose applications has a status other than ``applied`` (LinkedIn's
``Job Applications.csv`` records none) has no outcome evidence: the rates are null and
``recorded`` is False, so that figures and sentences say "outcomes not recorded", never 0%.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.engines.dispatch import dispatchable
from netlytics.metrics._docs import fill
from netlytics.metrics._window import Window, scope
from netlytics.metrics.touches import empty_frame, vocab_order

__all__ = ["outcomes", "NOT_RECORDED"]

#: What to print instead of a rate when a seeker's outcomes are not recorded.
NOT_RECORDED = "outcomes not recorded"

OUTCOME_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "via": "str",
    "applications": "int64",
    "interviews": "int64",
    "offers": "int64",
    "interview_rate": "float64",
    "offer_rate": "float64",
    "recorded": "bool",
}

#: Statuses that mean the application reached an interview.
INTERVIEW_STATUSES: tuple[str, ...] = ("interview", "offer")


@dispatchable
@fill
def outcomes(data: NetworkData | pd.DataFrame, *, as_of=None, since=None) -> pd.DataFrame:
    """Interviews and offers per seeker and application route (``via``).

    Parameters
    ----------
    {data}
    {as_of}
    {since}
    {engine_args}

    Returns
    -------
    pandas.DataFrame
        One row per seeker and ``via`` present in their applications, sorted by seeker and
        ``via`` in the order of :data:`netlytics.schema.VIAS` (online, referral, recruiter,
        network, other): ``seeker``, ``via`` (str), ``applications``, ``interviews`` (status
        interview or offer), ``offers`` (int64), ``interview_rate`` = interviews / applications,
        ``offer_rate`` = offers / applications (float64), ``recorded`` (bool: some application
        of the seeker in the period has a status other than ``applied``; when False both rates
        are null: the outcomes are not recorded, which is not 0%).

        Applications after ``as_of`` or before ``since`` are left out.

    Raises
    ------
    ParameterError
        For a bad ``as_of`` or ``since``.

    See Also
    --------
    netlytics.metrics.applying.networked_before_applying : which applications were warm.

    Notes
    -----
    The current ``status`` is taken at face value: a rejection after an interview counts as no
    interview, because the table keeps only the latest status. Rates are over all of the
    seeker's applications with that ``via``, whatever their age.

    Examples
    --------
    >>> import pandas as pd
    >>> from netlytics.data import NetworkData
    >>> apps = pd.DataFrame({
    ...     "seeker": ["Ana"] * 4, "application_id": ["a1", "a2", "a3", "a4"],
    ...     "applied_at": pd.to_datetime(["2025-03-01"] * 4, utc=True),
    ...     "via": ["online", "online", "referral", "referral"],
    ...     "status": ["rejected", "no_response", "interview", "offer"]})
    >>> outcomes(NetworkData(applications=apps)).drop(columns=["seeker", "applications"])
            via  interviews  offers  interview_rate  offer_rate  recorded
    0    online           0       0             0.0         0.0      True
    1  referral           2       1             1.0         0.5      True
    >>> only_applied = apps.assign(status="applied")
    >>> outcomes(NetworkData(applications=only_applied))[["via", "interview_rate", "recorded"]]
            via  interview_rate  recorded
    0    online             NaN     False
    1  referral             NaN     False
    """
    return _outcomes(scope(data, as_of, since))


def _outcomes(w: Window) -> pd.DataFrame:
    apps = w.data.applications
    if w.as_of is not None:
        apps = apps[~(apps["applied_at"] > w.as_of).to_numpy(bool, na_value=False)]
    if apps.empty:
        return empty_frame(OUTCOME_COLUMNS)
    flags = pd.DataFrame(
        {
            "seeker": apps["seeker"],
            "via": apps["via"],
            "applications": np.ones(len(apps), dtype="int64"),
            "interviews": apps["status"].isin(INTERVIEW_STATUSES).to_numpy(bool).astype("int64"),
            "offers": apps["status"].eq("offer").to_numpy(bool, na_value=False).astype("int64"),
            "_told": apps["status"].ne("applied").to_numpy(bool, na_value=False).astype("int64"),
        }
    )
    g = flags.groupby(["seeker", "via"], sort=False).sum().reset_index()
    g = g.assign(_o=vocab_order(g["via"], schema.VIAS))
    g = g.sort_values(["seeker", "_o", "via"], ignore_index=True).drop(columns="_o")
    n = g["applications"].to_numpy()
    recorded = g.groupby("seeker")["_told"].transform("sum").to_numpy() > 0
    return pd.DataFrame(
        {
            "seeker": g["seeker"].astype("str"),
            "via": g["via"].astype("str"),
            "applications": n.astype("int64"),
            "interviews": g["interviews"].to_numpy().astype("int64"),
            "offers": g["offers"].to_numpy().astype("int64"),
            "interview_rate": np.where(recorded, g["interviews"].to_numpy() / n, np.nan),
            "offer_rate": np.where(recorded, g["offers"].to_numpy() / n, np.nan),
            "recorded": recorded,
        }
    )
