"""Channel figures on hand-checked inputs."""

import numpy as np
import pandas as pd
import pytest

from netlytics.figures.channel import plot_channel_mix, plot_channel_weekly


def test_donut_values_equal_the_shares():
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "channel": ["email", "linkedin", "in_person"],
            "touches": [5, 3, 2],
            "share": [0.5, 0.3, 0.2],
        }
    )
    pie = plot_channel_mix(t).data[0]
    # schema.CHANNELS order: in_person, email, linkedin
    assert list(pie.labels) == ["In person", "E-mail", "LinkedIn"]
    assert list(pie.values) == [0.2, 0.5, 0.3]
    assert list(pie.customdata) == [2, 5, 3]


def test_centre_shows_written_share_and_total():
    t = pd.DataFrame(
        {"seeker": "Ana", "channel": ["email", "video"], "touches": [3, 1], "share": [0.75, 0.25]}
    )
    pie = plot_channel_mix(t).data[0]
    # the pie's own title: plotly.js scales it to fit the hole, so it never overflows the donut
    assert pie.title.position == "middle center"
    assert pie.title.text.startswith("75%") and "4 touches" in pie.title.text
    assert pie.showlegend is False and pie.textposition == "outside" and pie.automargin


@pytest.mark.parametrize("template", [None, "workshop"])
def test_centre_text_fits_the_hole_at_notebook_size(template):
    # JupyterLab showed the centre text running into the ring: at full size (unscaled by
    # plotly.js) the text must fit the hole of a donut drawn 450 px high (plotly's default
    # height, the notebook's). Text box: 0.6 em per character (wider than Arial, Verdana's
    # average), 1.3 em per line; hole: the plot area's height x the domain's x the hole.
    import re

    t = pd.DataFrame(
        {"seeker": "Ana", "channel": ["email", "video"], "touches": [12000, 345], "share": [0.97, 0.03]}
    )
    fig = plot_channel_mix(t, template=template)
    pie = fig.data[0]
    big = pie.title.font.size
    small = int(re.search(r"font-size:(\d+)px", pie.title.text).group(1))
    lines = re.sub(r"<[^>]+>", "\n", pie.title.text.replace("<br>", "\n")).split("\n")
    lines = [x for x in lines if x]
    assert lines == ["97%", "written share", "12345 touches"]
    width = max(len(lines[0]) * 0.6 * big, *(len(x) * 0.6 * small for x in lines[1:]))
    height = 1.3 * (big + 2 * small)
    margin = fig.layout.template.layout.margin
    plot_h = (450 - margin.t - margin.b) * (pie.domain.y[1] - pie.domain.y[0])
    assert (width**2 + height**2) ** 0.5 <= 0.9 * plot_h * pie.hole
    assert small >= 12  # still readable: 12345 touches fit at 15 px (workshop), 12 (default)


def test_cohort_is_pooled_from_counts():
    # Ana: email 3, in_person 1; Ben: email 1, in_person 3 -> pooled 4 and 4 of 8 = 0.5 each
    t = pd.DataFrame(
        {
            "seeker": ["Ana", "Ana", "Ben", "Ben"],
            "channel": ["email", "in_person", "email", "in_person"],
            "touches": [3, 1, 1, 3],
            "share": [0.75, 0.25, 0.25, 0.75],
        }
    )
    assert list(plot_channel_mix(t).data[0].values) == pytest.approx([0.5, 0.5])
    assert list(plot_channel_mix(t, seeker="Ben").data[0].values) == [0.75, 0.25]


def test_weekly_area_fills_missing_channels_and_written_line():
    # week 1: email 3, video 1 -> written 0.75; week 2: email 2 -> written 1.0, video 0
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "period": pd.to_datetime(["2025-03-10", "2025-03-03", "2025-03-03"], utc=True),
            "channel": ["email", "email", "video"],
            "touches": [2, 3, 1],
            "share": [1.0, 0.75, 0.25],
        }
    )
    fig = plot_channel_weekly(t)
    video, email, written = fig.data
    assert video.name == "Video" and video.stackgroup == "touches"
    assert [str(x)[:10] for x in video.x] == ["2025-03-03", "2025-03-10"]
    assert list(video.y) == [1, 0]
    assert list(email.y) == [3, 2]
    assert list(written.y) == [0.75, 1.0]
    assert written.yaxis == "y2"


def test_weekly_fills_quiet_weeks_with_zero_and_reads_plainly():
    # touches in the weeks of 3 Mar and 17 Mar only: the week of 10 Mar is drawn as 0 (the
    # stacked area must not bridge it) and its written share is a gap, not 0%
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "period": pd.to_datetime(["2025-03-03", "2025-03-17"], utc=True),
            "channel": ["email", "in_person"],
            "touches": [2, 1],
            "share": [1.0, 1.0],
        }
    )
    fig = plot_channel_weekly(t)
    email = next(tr for tr in fig.data if tr.name == "E-mail")
    assert list(email.y) == [2, 0, 0]
    written = fig.data[-1].y
    assert written[0] == 1.0 and np.isnan(written[1]) and written[2] == 0.0
    assert fig.layout.xaxis.title.text == "Week"
    assert "_" not in fig.layout.yaxis.title.text and "_" not in fig.layout.yaxis2.title.text
    assert fig.layout.yaxis2.tickformat == ".0%" and list(fig.layout.yaxis2.tickvals) == [
        0,
        0.25,
        0.5,
        0.75,
        1,
    ]
    assert fig.layout.legend.traceorder == "normal"


def test_mix_slices_show_whole_percentages():
    t = pd.DataFrame(
        {"seeker": "Ana", "channel": ["email", "video"], "touches": [2, 1], "share": [2 / 3, 1 / 3]}
    )
    pie = plot_channel_mix(t).data[0]
    assert pie.texttemplate == "%{label} %{percent:.0%}"  # one line: half the height to place
    assert pie.rotation == 90  # small first and last slices labelled on the right, clear of the title


def test_donut_labels_never_meet_a_legend():
    # issue 17: outside labels collided with the legend ("Other 3%" cut in the PNG); every slice
    # is now labelled beside it, the margins grow to fit the labels, and no legend is drawn
    t = pd.DataFrame(
        {
            "seeker": "Ana",
            "channel": ["in_person", "email", "linkedin", "other"],
            "touches": [10, 60, 27, 3],
            "share": [0.1, 0.6, 0.27, 0.03],
        }
    )
    for template in ("default", "workshop"):
        pie = plot_channel_mix(t, template=template).data[0]
        assert pie.showlegend is False
        assert pie.textposition == "outside"
        assert pie.automargin is True
