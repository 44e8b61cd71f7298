"""Scorecard tiles."""

import pandas as pd

from netlytics.figures.scorecard import format_value, plot_scorecard
from netlytics.figures.theme import STATUS_COLORS


def card(seeker="Ana", statuses=("mistake", "watch", "ok", "not_measured")):
    return pd.DataFrame(
        {
            "seeker": seeker,
            # deliberately not in MISTAKES order: tiles are
            "mistake": ["follow_up", "giving", "priority", "channel"],
            "metric": ["on_time_share", "give_share", "longest_gap_days", "written_share"],
            "value": [0.4, 0.3, 12.0, None],
            "status": list(statuses),
            "evidence": [8, 30, 30, 30],
            "advice": [
                "Answer within two days.",
                "Offer an introduction.",
                "Block time.",
                "Not enough data.",
            ],
        }
    )


def test_tiles_in_mistake_order_with_status_colours():
    fig = plot_scorecard(card())
    # channel (not_measured), priority (ok), giving (watch), follow_up (mistake)
    assert [s.fillcolor for s in fig.layout.shapes] == [
        STATUS_COLORS["not_measured"],
        STATUS_COLORS["ok"],
        STATUS_COLORS["watch"],
        STATUS_COLORS["mistake"],
    ]
    tiles: dict[str, str] = {}
    for a in fig.layout.annotations:  # several annotations per tile, named after the tile
        tiles[a.name] = tiles.get(a.name, "") + " " + a.text.replace("<br>", " ")
    texts = list(tiles.values())
    assert list(tiles) == [f"tile:Ana:{m}" for m in ("channel", "priority", "giving", "follow_up")]
    assert "–" in texts[0] and "12" in texts[1] and "30%" in texts[2] and "40%" in texts[3]
    assert (
        "Answer within two days." in texts[3]
        and "based on 8 triggers" in texts[3]
        and "based on 30 touches" in texts[1]
    )
    x0 = [s.x0 for s in fig.layout.shapes]
    assert x0 == sorted(x0)


def test_one_row_per_seeker_and_cap():
    two = pd.concat([card(), card("Ben")])
    fig = plot_scorecard(two, names="pseudonyms")
    assert len(fig.layout.shapes) == 8
    heads = [a.text for a in fig.layout.annotations if a.name == "tile:Ben:channel"]
    assert heads[0].startswith("<b>Client 02:")
    capped = plot_scorecard(two, max_seekers=1)
    assert len(capped.layout.shapes) == 4
    assert any(a.text == "and 1 more seekers" for a in capped.layout.annotations)


def test_format_value():
    assert format_value("give_share", 0.255) == "26%"
    assert format_value("touches_per_week", 2.25) == "2.2"


def test_tile_text_stacks_without_overlap_and_wraps():
    long = card().assign(
        advice="Book two coffees or calls this week with people you have only e-mailed so far."
    )
    fig = plot_scorecard(long)
    parts = [a for a in fig.layout.annotations if a.name == "tile:Ana:channel"]
    # heading + status, the big number, then the body; each starts below the previous one ends
    assert [a.yanchor for a in parts] == ["top"] * 3 and [a.xanchor for a in parts] == ["center"] * 3
    shifts = [a.yshift for a in parts]
    assert shifts == sorted(shifts, reverse=True)
    head_lines = parts[0].text.count("<br>") + 1
    assert shifts[1] - shifts[0] <= -head_lines * 1.3 * parts[0].font.size
    assert parts[1].font.size > parts[0].font.size  # the key number is large
    body = parts[2].text.split("<br>")
    assert max(len(line) for line in body if not line.startswith("<i>")) <= 30  # wrapped
    # the tile is tall enough for its text: the body's last line ends inside the tile
    shape = fig.layout.shapes[0]
    plot_px = fig.layout.height - 80 - 50  # default theme margins
    body_px = len(body) * 1.3 * parts[2].font.size
    assert -shifts[2] + body_px <= (shape.y1 - shape.y0) * plot_px + 1
