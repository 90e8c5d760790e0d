"""The HTML reports in a real browser: headless Chromium screenshots at two widths, layout probes, axe-core.

Chromium (Debian package ``chromium``) and axe-core (npm) are installed by ``.ci/run``; without them these
tests are skipped with the reason. A probe script appended to a copy of the page measures what is on screen
and writes it into the DOM, which Chromium prints (``--dump-dom``); screenshots are checked with Pillow.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from bitext.model import SEVERITY_COLOURS, Alignment
from bitext.report import run_batch, write_document_report
from bitext.report.batch import DocumentInput

CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
AXE = Path(os.environ.get("BITEXT_AXE", Path.home() / ".cache/bitext-test/node_modules/axe-core/axe.min.js"))
# A laptop, and a narrow window (headless Chromium will not lay out narrower than 500 px; the probe checks
# that the page really got the width asked for).
WIDTHS = ((1280, 900), (540, 800))

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium; .ci/run does it)"
)


def _chromium(args: list[str], profile: Path) -> str:
    assert CHROMIUM is not None
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--hide-scrollbars",
        "--no-first-run",
        "--disable-extensions",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


PROBE_WRAPPER = """
<script>
window.addEventListener('load', function () {
  setTimeout(function () {
    var result;
    try { result = (function () { %s })(); } catch (e) { result = {error: String(e)}; }
    var pre = document.createElement('pre');
    pre.id = 'probe-result';
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  }, 50);
});
</script>
"""

# Shared helpers for the probes: where an element is, and whether it takes any room on screen.
HELPERS = """
function box(el) { if (!el) return null; var r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height}; }
// checkVisibility: a row inside a closed <details> keeps a box but is not rendered.
function shown(el) { var b = box(el);
  return !!b && b.width > 0 && b.height > 0 && el.checkVisibility({visibilityProperty: true}); }
function rows(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }
function ids(list) { return list.map(function (r) { return +r.dataset.link; }); }
function visibleLinks() { return ids(rows('tr.link').filter(shown)); }
function pick(id) { var e = document.getElementById(id); e.click(); }
"""


def probe(
    page: Path,
    js: str,
    tmp: Path,
    *,
    width: int = 1280,
    height: int = 900,
    keep_script: bool = True,
    hash: str = "",
) -> Any:
    """Run ``js`` (a function body returning JSON-able data) in ``page`` after load; return its result.

    ``keep_script=False`` removes the report's own script, to see the page as a reader without JavaScript
    does (the probe itself still runs).
    """
    html = page.read_text(encoding="utf-8")
    if not keep_script:
        start = html.index("<script>")
        html = html[:start] + html[html.index("</script>", start) + len("</script>") :]
    copy = page.with_name(f".probe-{page.stem}-{width}-{int(keep_script)}.html")
    copy.write_text(html.replace("</body>", PROBE_WRAPPER % (HELPERS + js) + "</body>"), encoding="utf-8")
    dom = _chromium(
        [f"--window-size={width},{height}", "--virtual-time-budget=5000", "--dump-dom", copy.as_uri() + hash],
        tmp / "profile",
    )
    found = lxml.html.fromstring(dom).xpath('//pre[@id="probe-result"]/text()')
    assert found, "the probe did not run"
    result = json.loads(found[0])
    assert "error" not in result, result
    return result


def screenshot(page: Path, tmp: Path, width: int, height: int) -> Any:
    from PIL import Image

    shot = tmp / f"{page.stem}-{width}.png"
    _chromium([f"--window-size={width},{height}", f"--screenshot={shot}", page.as_uri()], tmp / "profile")
    return Image.open(shot).convert("RGB")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


@pytest.fixture
def report(tmp_path: Path, reviewed_alignment: Alignment) -> Path:
    out = tmp_path / "reports"
    write_document_report(reviewed_alignment, out, "treaty", generated="2026-12-01 09:00 UTC")
    return out / "treaty.html"


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_first_screen_shows_the_majors_and_nothing_overflows(
    report: Path, tmp_path: Path, width: int, height: int
) -> None:
    image = screenshot(report, tmp_path, width, height)
    assert image.size == (width, height)
    # The major-flags box (major-red border and badges) is on the first screen, whatever the width.
    major = _rgb(SEVERITY_COLOURS["major"])
    reds = sum(1 for px in image.get_flattened_data() if px == major)
    assert reds > 200, f"{reds} major-red pixels on the first screen"

    facts = probe(
        report,
        """
        var majors = document.querySelector('.majors');
        var first = document.querySelector('#links-table tbody tr.link');
        return {
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          width: window.innerWidth,
          majors: box(majors), inner: window.innerHeight,
          firstRow: +first.dataset.link,
          folded: rows('#unaligned-table tr.link').filter(shown).length,
          unaligned: rows('#unaligned-table tr.link').length,
          shown: document.getElementById('shown').textContent,
          sortVisible: shown(document.getElementById('sort')),
          mapWidth: box(document.querySelector('svg.alignment-map')).width,
        };
        """,
        tmp_path,
        width=width,
        height=height,
    )
    assert facts["width"] == width
    assert facts["overflow"] <= 0, f"the page is {facts['overflow']} px wider than a {width} px window"
    assert facts["majors"]["top"] < facts["inner"], "the major flags are below the first screen"
    assert facts["firstRow"] == 22  # the confirmed major comes first in the links table
    assert facts["unaligned"] == 43 and facts["folded"] == 0  # folded away until asked for
    assert facts["shown"] == "showing 48 of 48 links"
    assert facts["sortVisible"] is True
    assert 0 < facts["mapWidth"] <= width


def test_filters_work_with_javascript_off(report: Path, tmp_path: Path) -> None:
    facts = probe(
        report,
        """
        var out = {all: visibleLinks().length};
        pick('flt-sev-major'); out.major = visibleLinks();
        pick('flt-status-confirmed'); out.majorConfirmed = visibleLinks();
        pick('flt-sev-any'); pick('flt-status-noted'); out.noted = visibleLinks();
        pick('flt-status-any'); pick('flt-kind-name'); out.name = visibleLinks();
        out.sortVisible = shown(document.getElementById('sort'));
        return out;
        """,
        tmp_path,
        keep_script=False,
    )
    assert facts["all"] == 5  # the folded unaligned rows take no room
    assert sorted(facts["major"]) == [22, 40]
    assert facts["majorConfirmed"] == [22]  # filters combine
    assert sorted(facts["noted"]) == [4, 10]
    assert facts["name"] == [40]
    assert facts["sortVisible"] is False  # no script, no sort control to tease


def test_sort_and_count_with_javascript(report: Path, tmp_path: Path) -> None:
    facts = probe(
        report,
        """
        var sort = document.getElementById('sort');
        sort.value = 'score-asc'; sort.dispatchEvent(new Event('change'));
        var order = ids(rows('#links-table tbody tr.link'));
        pick('flt-sev-minor');
        return {order: order, shown: document.getElementById('shown').textContent};
        """,
        tmp_path,
    )
    assert facts["order"] == [40, 23, 22, 10, 4]  # scores 0.51, 0.61, 0.71, 0.81, 0.91
    assert facts["shown"] == "showing 2 of 48 links"


def test_map_mark_opens_the_folded_row_it_points_at(report: Path, tmp_path: Path) -> None:
    facts = probe(
        report,
        """
        var row = document.getElementById('link-7');
        return {open: row.closest('details').open, shown: shown(row), top: box(row).top,
                marks: rows('svg.alignment-map a').length};
        """,
        tmp_path,
        hash="#link-7",
    )
    assert facts["open"] is True and facts["shown"] is True
    assert -1 <= facts["top"] < 900  # scrolled to it
    assert facts["marks"] == 48


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_index_fits_the_window(
    tmp_path: Path, reviewed_alignment: Alignment, width: int, height: int
) -> None:
    docs = [DocumentInput(f"document-with-a-long-name-{i}", (Path(f"d{i}.md"),), "single") for i in range(3)]
    result = run_batch(docs, tmp_path / "reports", align=lambda d: reviewed_alignment, generated="2026-12-01")
    image = screenshot(result.index, tmp_path, width, height)
    assert image.size == (width, height)
    facts = probe(
        result.index,
        """
        var cells = rows('table.index tbody tr:first-child td.files a');
        var scroller = document.querySelector('.scroll');
        return {overflow: document.documentElement.scrollWidth - window.innerWidth,
                filesRight: Math.max.apply(null, cells.map(function (a) { return box(a).right; })),
                scrollerRight: box(scroller).right, inner: window.innerWidth, links: cells.length};
        """,
        tmp_path,
        width=width,
        height=height,
    )
    assert facts["overflow"] <= 0
    assert facts["links"] == 4
    if width >= 1280:
        assert facts["filesRight"] <= facts["inner"], "the last column is cut off"


@pytest.mark.skipif(
    not AXE.is_file(), reason=f"axe-core not found at {AXE} (npm install axe-core; .ci/run does it)"
)
@pytest.mark.parametrize("which", ["document", "index"])
def test_axe_finds_no_wcag_aa_violations(tmp_path: Path, reviewed_alignment: Alignment, which: str) -> None:
    result = run_batch(
        [DocumentInput("treaty", (Path("t.md"),), "single")],
        tmp_path / "reports",
        align=lambda d: reviewed_alignment,
        generated="2026-12-01",
    )
    page = result.index if which == "index" else result.index.with_name("treaty.html")
    html = page.read_text(encoding="utf-8")
    # Open the folded rows so that axe checks their contrast too.
    html = html.replace('<details class="unaligned">', '<details class="unaligned" open>')
    html = html.replace("</head>", f"<script>{AXE.read_text(encoding='utf-8')}</script></head>")
    page.write_text(html, encoding="utf-8")
    async_js = """
    <script>
    window.addEventListener('load', function () {
      axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
        .then(function (r) {
          var pre = document.createElement('pre'); pre.id = 'axe-result';
          pre.textContent = JSON.stringify(r.violations.map(function (v) {
            return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) {
              return n.target.join(' ') + ' :: ' + n.failureSummary; })}; }));
          document.body.appendChild(pre);
        });
    });
    </script>
    """
    page.write_text(html.replace("</body>", async_js + "</body>"), encoding="utf-8")
    dom = _chromium(
        ["--window-size=1280,900", "--virtual-time-budget=20000", "--dump-dom", page.as_uri()],
        tmp_path / "profile",
    )
    found = lxml.html.fromstring(dom).xpath('//pre[@id="axe-result"]/text()')
    assert found, "axe did not finish"
    violations = json.loads(found[0])
    assert violations == [], json.dumps(violations, indent=1, ensure_ascii=False)
