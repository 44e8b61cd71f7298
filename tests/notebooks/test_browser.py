"""The notebooks in a real browser: JupyterLab, an untrusted executed copy, the HTML export, Voila.

Playwright drives the system Chromium (``/usr/bin/chromium``; ``playwright install`` needs the
network). One JupyterLab server on 127.0.0.1 serves a copy of ``notebooks/`` beside a link to
``data/``. Every test records the browser's requests and fails if one leaves the machine.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]-*.ipynb"))
CHROMIUM = "/usr/bin/chromium"
PLOTLY = "application/vnd.plotly.v1+json"
LOCAL = {"127.0.0.1", "localhost", ""}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_http(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def _wait_port(port: int, proc: subprocess.Popen, timeout: float = 120) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.5)
    raise TimeoutError(port)


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    """A copy of notebooks/ beside a link to data/ (what a user has after cloning)."""
    root = tmp_path_factory.mktemp("lab")
    (root / "data").symlink_to(REPO / "data")
    (root / "notebooks").mkdir()
    for path in NOTEBOOKS:
        shutil.copy(path, root / "notebooks" / path.name)
    return root


def _env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    return env


@pytest.fixture(scope="module")
def lab(root, tmp_path_factory):
    """One JupyterLab server for every test: (base url, token). Cells are not virtualised, so
    that every figure is in the page once run."""
    settings = tmp_path_factory.mktemp("settings")
    tracker = settings / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    (settings / "@jupyterlab" / "apputils-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    port, token = _free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={settings / 'ws'}",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_http(f"{base}/api/status?token={token}", proc)
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.skip(f"no system Chromium at {CHROMIUM}")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield b
        b.close()


class Page:
    """A browser page that records every request and every page error."""

    def __init__(self, browser) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def external(self) -> list[str]:
        out = []
        for url in self.requests:
            u = urlparse(url)
            if u.scheme in ("data", "blob", "file", "about") or u.hostname in LOCAL:
                continue
            out.append(url)
        return out

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def page(browser):
    p = Page(browser)
    yield p
    p.close()


def _count_drawn(pg) -> int:
    """Figures plotly has drawn (an svg inside each plot)."""
    return pg.locator(".js-plotly-plot .main-svg").count() and pg.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".filter(e => e.querySelector('.main-svg')).length"
    )


def _error_outputs(pg) -> int:
    return pg.locator('[data-mime-type="application/vnd.jupyter.error"]').count()


def _open(page: Page, lab, path: str):
    base, token = lab
    pg = page.page
    pg.goto(f"{base}/lab/tree/{path}?token={token}&reset")  # reset: no tab of an earlier test
    pg.wait_for_selector(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook .jp-Cell", timeout=120_000)
    pg.wait_for_selector("#jp-main-statusbar >> text=Idle", timeout=120_000)
    return pg


def _run_all(pg, timeout_s: float = 600) -> None:
    pg.get_by_role("menuitem", name="Run").click()
    pg.get_by_text("Run All Cells", exact=True).click()
    time.sleep(2)
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        busy = pg.evaluate(
            "() => Array.from(document.querySelectorAll('.jp-InputPrompt')).some(e => e.textContent.includes('*'))"
        )
        if not busy:
            return
        time.sleep(1)
    raise TimeoutError("cells still running")


def _client_views(pg) -> list[str]:
    """The text of each output the picker drives (scorecard, strips, cadence, open loops)."""
    return pg.evaluate(
        "() => Array.from(document.querySelectorAll('.widget-output'))"
        ".map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
    )


#: the picker's four views are drawn
_VIEWS = (
    "() => { const o = document.querySelectorAll('.widget-output');"
    " return o.length >= 4 && Array.from(o).every(e => e.textContent.trim().length > 0); }"
)
#: ... or a widget output failed to find its model
_VIEWS_OR_RACE = f"() => ({_VIEWS})() || document.body.innerText.includes('model not found')"


def _picker_drives_every_client_view(pg) -> None:
    """The picker lists client names (not file names) and every client view follows it: pick
    Emerson (27 follow-ups owed) after Jordan (6, the default: most mistakes)."""
    select = pg.locator(".widget-dropdown select")
    options = [o.replace("\xa0", " ") for o in select.locator("option").all_inner_texts()]
    assert len(options) == 12
    assert not [o for o in options if re.search(r"client-\d", o)]
    assert options[0].startswith("Jordan (") and "Harper Sample (" in " ".join(options)
    pg.wait_for_function(_VIEWS, timeout=600_000)  # outputs come as they are rendered
    before = _client_views(pg)
    assert len(before) == 4 and "Scorecard: Jordan" in before[0], [v[:80] for v in before]
    index = next(i for i, o in enumerate(options) if o.startswith("Emerson ("))
    select.select_option(index=index)
    pg.wait_for_selector(".js-plotly-plot >> text=Scorecard: Emerson", timeout=60_000)
    pg.wait_for_function(
        "() => Array.from(document.querySelectorAll('.widget-output')).slice(0, 3)"
        ".every(e => e.textContent.includes('Emerson'))",
        timeout=60_000,
    )
    after = _client_views(pg)
    assert "Scorecard: Emerson" in after[0]
    assert "Emerson" in after[1]  # the strips mark the picked client by name
    assert "week by week: Emerson" in after[2]
    assert after[3] != before[3]  # Emerson's open loops, not Jordan's


def _screenshot(pg, name: str) -> None:
    """With ``NETLYTICS_SCREENSHOTS=folder``, the whole page as ``folder/name.png`` (the window
    grown to the height of what scrolls in it: every cell on screen), for a person to look at."""
    folder = os.environ.get("NETLYTICS_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    size = pg.viewport_size
    height = pg.evaluate(
        "() => Math.max(...Array.from(document.querySelectorAll('body, body *')).map(e => e.scrollHeight))"
    )
    pg.set_viewport_size({"width": 1400, "height": min(int(height) + 100, 30_000)})
    pg.wait_for_timeout(3000)
    pg.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    pg.wait_for_timeout(1000)
    pg.screenshot(path=str(Path(folder) / f"{name}.png"))
    pg.set_viewport_size(size)


def _expected_figures(path: Path) -> int:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return sum(PLOTLY in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)


@pytest.mark.parametrize("stem", [p.stem for p in NOTEBOOKS])
def test_jupyterlab_runs_all_cells_and_draws_every_figure(lab, page, root, stem):
    pg = _open(page, lab, f"notebooks/{stem}.ipynb")
    _run_all(pg)
    pg.wait_for_timeout(3000)
    assert _error_outputs(pg) == 0
    drawn = _count_drawn(pg)
    assert drawn >= {"01-explore-my-network": 10, "02-coach-a-cohort": 6, "03-workshop-charts": 5}[stem]
    _screenshot(pg, f"lab-{stem}")
    if stem == "02-coach-a-cohort":
        _picker_drives_every_client_view(pg)
    assert page.external() == []
    assert not page.errors


@pytest.fixture(scope="module")
def executed(root, tmp_path_factory) -> dict[str, Path]:
    """Copies executed by nbconvert (untrusted: nobody ran them in this browser)."""
    out = {}
    for path in NOTEBOOKS:
        target = root / "notebooks" / f"untrusted-{path.name}"
        subprocess.run(
            [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
             "--ExecutePreprocessor.timeout=900", f"--output={target.name}", str(root / "notebooks" / path.name)],
            check=True, env=_env(), cwd=root / "notebooks", capture_output=True,
        )  # fmt: skip
        out[path.stem] = target
    return out


@pytest.mark.parametrize("stem", [p.stem for p in NOTEBOOKS])
def test_untrusted_executed_copy_draws_in_jupyterlab(lab, page, executed, stem):
    path = executed[stem]
    expected = _expected_figures(path)
    pg = _open(page, lab, f"notebooks/{path.name}")
    pg.wait_for_function(
        "n => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(e => e.querySelector('.main-svg')).length >= n",
        arg=expected,
        timeout=120_000,
    )
    assert _error_outputs(pg) == 0
    assert page.external() == []
    _screenshot(pg, f"untrusted-{stem}")


@pytest.mark.parametrize("stem", [p.stem for p in NOTEBOOKS])
def test_html_export_draws_every_figure_offline(page, executed, stem):
    """``jupyter nbconvert --to netlytics.notebook.OfflineHTMLExporter``: the untrusted executed
    copy as one page that draws every figure and asks nothing of the internet."""
    path = executed[stem]
    subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "netlytics.notebook.OfflineHTMLExporter", path.name],
        check=True, env=_env(), cwd=path.parent, capture_output=True,
    )  # fmt: skip
    html = path.with_suffix(".html")
    pg = page.page
    pg.goto(html.as_uri())
    expected = _expected_figures(path)
    pg.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n",
        arg=expected,
        timeout=60_000,
    )
    assert _count_drawn(pg) == expected
    assert page.external() == []
    assert not page.errors
    _screenshot(pg, f"html-{stem}")
    if stem == "02-coach-a-cohort":  # the widgets' static stand-ins: the default client
        assert pg.locator("text=Scorecard: Jordan").count() >= 1
        assert pg.locator("text=Client: Jordan").count() == 1


def test_voila_dashboard_with_the_picker(root, page):
    """``voila notebooks/02-coach-a-cohort.ipynb`` as documented: the notebook's metadata picks
    netlytics' template (here found in the repository's share/, as an installed package puts it
    in the environment's share/jupyter/), nothing leaves the machine, the picker drives every
    client view."""
    port = _free_port()
    env = _env()
    env["JUPYTER_PATH"] = os.pathsep.join([str(REPO / "share" / "jupyter"), env.get("JUPYTER_PATH", "")])
    cmd = [sys.executable, "-m", "voila", "notebooks/02-coach-a-cohort.ipynb", "--no-browser",
           f"--port={port}", "--Voila.ip=127.0.0.1"]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_port(port, proc)  # not an HTTP request: each one to / would start a kernel
        pg = page.page
        for _ in range(3):  # each load is a new kernel
            pg.goto(f"http://127.0.0.1:{port}/", timeout=600_000)
            pg.locator(".widget-dropdown select").wait_for(timeout=600_000)
            pg.wait_for_function(
                "() => document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6", timeout=120_000
            )
            pg.wait_for_function(_VIEWS_OR_RACE, timeout=600_000)
            if "model not found" not in pg.inner_text("body"):
                break
            # jupyterlab_widgets' renderer can meet a widget output before its model is restored
            # and then never retries (ipywidgets issue 4026); a reload is the documented way out
            page.errors.clear()
        assert "model not found" not in pg.inner_text("body")
        assert "nb.setup()" not in pg.content()  # a dashboard: no code
        _screenshot(pg, "voila-02")
        _picker_drives_every_client_view(pg)
        _screenshot(pg, "voila-02-emerson")
        pg.wait_for_timeout(2000)
        assert page.external() == []
        # jupyterlab-plotly stores a PNG of each drawn figure in its output model (model.setData),
        # which Voila's output models lack: the figure is drawn, the PNG is not kept.
        assert [e for e in page.errors if "setData is not a function" not in e] == []
    finally:
        proc.terminate()
        proc.wait(timeout=30)
