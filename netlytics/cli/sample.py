"""``netlytics sample OUT_DIR``: regenerate the fictional sample data (seeded, no clock)."""

from __future__ import annotations

from pathlib import Path

import typer

__all__ = ["register"]


def sample(
    out_dir: Path = typer.Argument(Path("data/sample"), help="Folder to write the sample into (created)."),
    seed: int = typer.Option(
        20260101, "--seed", help="Seed of every random choice; the committed sample uses the default."
    ),
) -> None:
    """Write the sample LinkedIn export, tracker, empty template and 12-client cohort into OUT_DIR.

    The same seed always gives byte-identical files. Everyone in them is fictional.
    """
    from netlytics.sample import generate_sample

    files = generate_sample(out_dir, seed=seed)
    total = sum(p.stat().st_size for p in files)
    for p in files:
        typer.echo(str(p))
    typer.echo(f"Wrote {len(files)} files ({total / 1024:.0f} KiB) into {out_dir}.")


def register(app: typer.Typer) -> None:
    app.command("sample")(sample)
