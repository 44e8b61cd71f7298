"""Reports: the job seeker's HTML report, the coach's cohort report and chart export.

- :func:`write_report`: one self-contained, offline HTML page for a job seeker (a section per
  networking mistake, with figures, key numbers and the scorecard's advice).
- :func:`write_cohort_report`: the coach's page for a cohort (who needs attention, small
  multiples, distribution strips, the weekly trend, per-client scorecards).
- :func:`export_charts`: every chart as PNG, SVG or HTML files, for slides.

All three write atomically and refuse to overwrite an input (see :func:`netlytics.export.atomic_write`).
"""

from __future__ import annotations

from netlytics.report.charts import export_charts
from netlytics.report.cohort import write_cohort_report
from netlytics.report.html import write_report

__all__ = ["export_charts", "write_cohort_report", "write_report"]
