"""netlytics makes no network connection: load, metrics, report and charts run with every
socket connection refused except AF_UNIX (local) sockets.

How kaleido 1.x reaches Chromium: through choreographer, which starts Chromium with
``--remote-debugging-pipe`` and speaks the DevTools protocol over two OS pipes (file
descriptors), not a TCP port (choreographer's websocket channel is not implemented). The only
sockets the Python process opens are asyncio's internal ``socketpair()`` (AF_UNIX) for its
event loop. So the guard below allows AF_UNIX and refuses everything else, loopback included.
(The guard covers this Python process; the Chromium child is started by kaleido with its own
headless flags and is given only local data.)
"""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

import netlytics
from tests.reliability import record

pytestmark = pytest.mark.filterwarnings("ignore::netlytics.errors.NetlyticsWarning")

ROOT = Path(__file__).parents[2]
COHORT = ROOT / "data" / "sample" / "cohort"
EXPORT = next((ROOT / "data" / "sample" / "linkedin").glob("*.zip"), None)
AS_OF = "2026-04-01"


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Refuse every non-AF_UNIX connection, DNS lookup and UDP send; record attempts."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def _check(sock, address):
        if sock.family != getattr(socket, "AF_UNIX", object()):
            attempts.append(repr(address))
            raise NetworkUsed(f"network connection attempted to {address!r}")

    def connect(self, address):
        _check(self, address)
        return real_connect(self, address)

    def connect_ex(self, address):
        _check(self, address)
        return real_connect_ex(self, address)

    def refuse(*args, **kwargs):
        attempts.append(repr(args[:1]))
        raise NetworkUsed(f"network use attempted: {args[:1]!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket.socket, "sendto", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield attempts
    assert attempts == [], f"network used: {attempts}"


def test_the_guard_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.invalid", 80))
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkUsed):
            s.connect(("127.0.0.1", 9))
    finally:
        s.close()
    a, b = socket.socketpair()  # AF_UNIX: allowed (asyncio's self-pipe)
    a.close()
    b.close()
    no_network.clear()


@pytest.mark.skipif(not COHORT.is_dir() or EXPORT is None, reason="sample data not generated")
@pytest.mark.slow
def test_load_metrics_and_report_offline(tmp_path, no_network):
    export = netlytics.load(EXPORT, content=True)
    cohort = netlytics.load_cohort(COHORT, future_after=AS_OF, progress=False)
    for data in (export, cohort):
        netlytics.touches(data)
        netlytics.summary(data, as_of=AS_OF)
        netlytics.scorecard(data, as_of=AS_OF)
        netlytics.follow_up(data, as_of=AS_OF)
        netlytics.tie_summary(data, as_of=AS_OF)
    from netlytics.report import write_report
    from netlytics.report.charts import export_charts

    one = cohort.for_seekers(cohort.seekers[0])
    report = write_report(one, tmp_path / "report.html", as_of=AS_OF)
    html = report.read_text(encoding="utf-8")
    assert '<script src="http' not in html and '<link href="http' not in html  # nothing fetched
    assert export_charts(one, tmp_path / "charts-html", format="html", as_of=AS_OF)
    record("load, metrics, HTML report and HTML charts with sockets refused", "no connection")


@pytest.mark.skipif(not COHORT.is_dir(), reason="sample data not generated")
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs the system Chromium")
@pytest.mark.browser
@pytest.mark.slow
def test_png_charts_offline_through_kaleido(tmp_path, no_network):
    cohort = netlytics.load_cohort(COHORT, future_after=AS_OF, progress=False)
    one = cohort.for_seekers(cohort.seekers[0])
    from netlytics.report.charts import export_charts

    written = export_charts(one, tmp_path / "charts", format="png", as_of=AS_OF)
    assert written and all(p.stat().st_size > 0 for p in written)
    record("PNG charts through kaleido/Chromium with sockets refused", "no connection")
