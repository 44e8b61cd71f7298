"""Outcomes: does networking bring results? (METRICS.md sections 3 and 5)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from netlytics import schema
from netlytics.data import NetworkData
from netlytics.metrics._common import as_data
from netlytics.metrics.touches import empty_frame, vocab_order

__all__ = ["outcomes"]

OUTCOME_COLUMNS: dict[str, str] = {
    "seeker": "str",
    "via": "str",
    "applications": "int64",
    "interviews": "int64",
    "offers": "int64",
    "interview_rate": "float64",
    "offer_rate": "float64",
}

#: Statuses that mean the application reached an interview.
INTERVIEW_STATUSES: tuple[str, ...] = ("interview", "offer")


def outcomes(data: NetworkData | pd.DataFrame) -> pd.DataFrame:
    """Interviews and offers per seeker and application route (``via``).

    Parameters
    ----------
    data
        The loaded data (an interactions DataFrame alone has no applications and gives an
        empty result).

    Returns
    -------
    pandas.DataFrame
        One row per seeker and ``via`` present in their applications, sorted by seeker and
        ``via`` in the order of :data:`netlytics.schema.VIAS` (online, referral, recruiter,
        network, other): ``seeker``, ``via`` (str), ``applications``, ``interviews`` (status
        interview or offer), ``offers`` (int64), ``interview_rate`` = interviews / applications,
        ``offer_rate`` = offers / applications (float64).

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
    >>> outcomes(NetworkData(applications=apps)).drop(columns="seeker")
            via  applications  interviews  offers  interview_rate  offer_rate
    0    online             2           0       0             0.0         0.0
    1  referral             2           2       1             1.0         0.5
    """
    data = as_data(data)
    apps = data.applications
    if apps.empty:
        return empty_frame(OUTCOME_COLUMNS)
    flags = pd.DataFrame(
        {
            "seeker": apps["seeker"],
            "via": apps["via"],
            "applications": np.ones(len(apps), dtype="int64"),
            "interviews": apps["status"].isin(INTERVIEW_STATUSES).to_numpy(bool).astype("int64"),
            "offers": apps["status"].eq("offer").to_numpy(bool, na_value=False).astype("int64"),
        }
    )
    g = flags.groupby(["seeker", "via"], sort=False).sum().reset_index()
    g = g.assign(_o=vocab_order(g["via"], schema.VIAS))
    g = g.sort_values(["seeker", "_o", "via"], ignore_index=True).drop(columns="_o")
    n = g["applications"].to_numpy()
    return pd.DataFrame(
        {
            "seeker": g["seeker"].astype("str"),
            "via": g["via"].astype("str"),
            "applications": n.astype("int64"),
            "interviews": g["interviews"].to_numpy().astype("int64"),
            "offers": g["offers"].to_numpy().astype("int64"),
            "interview_rate": g["interviews"].to_numpy() / n,
            "offer_rate": g["offers"].to_numpy() / n,
        }
    )
