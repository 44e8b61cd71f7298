"""Every mistyped command line ends in the framework's usage paragraph and exit code 2, never in
a traceback (issue 18): a misspelt command, a bogus option, a missing argument, an option
without its value, and a missing input file, for every registered command."""

from __future__ import annotations

import importlib.util

import pytest
import typer

from netlytics.cli import INTERRUPTED, app, main

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")


def _commands() -> dict:
    return dict(typer.main.get_command(app).commands)


COMMANDS = sorted(_commands())
#: commands whose first argument is an output, not an input: no "missing file" case
WRITES_ONLY = {"sample"}


def _usage_paragraph(err: str, command: str | None) -> None:
    """The click usage paragraph: Usage line, Try line, blank line, Error line; nothing else."""
    assert "Traceback" not in err
    lines = err.rstrip("\n").splitlines()
    where = f"netlytics {command}" if command else "netlytics"
    assert lines[0].startswith(f"Usage: {where} "), err
    assert lines[1] == f"Try '{where} --help' for help.", err
    assert lines[2] == "" and lines[3].startswith("Error: ") and len(lines) == 4, err


def test_every_command_is_registered():
    assert {"report", "cohort", "charts", "summary", "plan", "inspect", "validate", "anonymize",
            "sample"} <= set(COMMANDS)  # fmt: skip
    if importlib.util.find_spec("netlytics.cli.slides") is not None:
        assert "slides" in COMMANDS


@pytest.mark.parametrize("command", COMMANDS)
def test_misspelt_command(command, capsys):
    wrong = command[:-1] + ("z" if command[-1] != "z" else "y")
    rc = main([wrong, "x"])
    err = capsys.readouterr().err
    assert rc == 2
    _usage_paragraph(err, None)
    assert f"Error: No such command '{wrong}'." in err


@pytest.mark.parametrize("command", COMMANDS)
def test_bogus_option(command, capsys):
    rc = main([command, "--bogus"])
    err = capsys.readouterr().err
    assert rc == 2
    _usage_paragraph(err, command)
    assert "Error: No such option: --bogus" in err


@pytest.mark.parametrize("command", COMMANDS)
def test_missing_argument(command, capsys):
    required = [p for p in _commands()[command].params if p.required]
    if not required:  # every argument has a default (report, inspect, sample, slides)
        assert command in {"report", "inspect", "sample", "slides"}
        return
    rc = main([command])
    err = capsys.readouterr().err
    assert rc == 2
    _usage_paragraph(err, command)
    assert "Error: Missing " in err and (required[0].metavar or required[0].name).lower() in err.lower()


@pytest.mark.parametrize("command", COMMANDS)
def test_option_without_its_value(command, capsys):
    valued = [
        p for p in _commands()[command].params
        if p.param_type_name == "option" and not p.is_flag and p.name != "help"
    ]  # fmt: skip
    assert valued, f"{command} has no option taking a value"
    option = max(valued[0].opts, key=len)
    rc = main([command, option])
    err = capsys.readouterr().err
    assert rc == 2
    _usage_paragraph(err, command)
    assert f"Error: Option '{option}' requires an argument." in err


def _required_rest(command: str, tmp_path) -> list[str]:
    """Values for the other required parameters (so that only the missing file is wrong)."""
    out: list[str] = []
    params = [p for p in _commands()[command].params if p.required]
    for p in params[1:]:
        if p.param_type_name == "argument":
            out.append(str(tmp_path / f"out-{p.name}.xlsx"))
        else:
            out += [max(p.opts, key=len), "fictional value"]
    return out


@pytest.mark.parametrize("command", [c for c in COMMANDS if c not in WRITES_ONLY])
def test_missing_file(command, tmp_path, capsys):
    missing = tmp_path / "no-such-export.zip"
    rc = main([command, str(missing), *_required_rest(command, tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines[0].startswith("netlytics: error: ") and "no-such-export.zip" in lines[0], err
    assert len(lines) <= 2 and all(line.startswith(("netlytics: error: ", "hint: ")) for line in lines)
    assert not any(p.name.startswith("out-") for p in tmp_path.iterdir())  # nothing written


def test_no_arguments_prints_help_and_exits_2(capsys):
    assert main([]) == 2
    out = capsys.readouterr()
    assert "Usage: netlytics" in out.out + out.err and "Traceback" not in out.err


def test_ctrl_c_exits_130_with_one_line(tmp_path, capsys, monkeypatch):
    import netlytics.loaders

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(netlytics.loaders, "load", interrupted)
    monkeypatch.setattr("netlytics.load", interrupted, raising=False)
    (tmp_path / "t.csv").write_text("Date,Who,How\n2025-01-06,Test Person,coffee\n")
    rc = main(["inspect", str(tmp_path / "t.csv")])
    err = capsys.readouterr().err
    assert rc == INTERRUPTED == 130
    assert err == "netlytics: interrupted\n"


def test_debug_reraises_usage_errors():
    with pytest.raises(Exception, match="No such option"):
        main(["--debug", "report", "--bogus"])


def test_the_command_line_starts_without_pandas():
    # --help and usage errors answer at once, and Ctrl-C during start-up hits main(), not an
    # import: pandas (about a second to import) is loaded only by a command that needs it
    import subprocess
    import sys

    code = "import sys, netlytics.cli; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_real_sigint_during_a_command(tmp_path):
    # the signal itself (not a raised exception): the process exits 130 with one line and
    # writes nothing
    import subprocess
    import sys

    tracker = tmp_path / "t.csv"
    tracker.write_text("Date,Who,How\n2025-01-06,Test Person,coffee\n")
    code = (
        "import os, signal, sys, time, netlytics\n"
        "from netlytics.cli import main\n"
        "def load(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    time.sleep(30)\n"
        "netlytics.load = load\n"
        f"sys.exit(main(['report', {str(tracker)!r}, '-o', {str(tmp_path / 'r.html')!r}]))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 130, run.stderr
    assert run.stderr == "netlytics: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]
