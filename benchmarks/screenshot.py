"""Screenshot of a network view for the README: ``python -m benchmarks.screenshot [STORE] [PNG]``.

Writes the whole-graph view of ``STORE`` (default ``out/store``, as ``aikg demo`` builds it from
``corpus/sample``), opens it in headless Chromium, clicks the most central entity so the picture
shows the highlight and the evidence panel, and saves ``docs/view.png``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from aikg.graph.views.render import write_view

__all__ = ["screenshot"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def screenshot(store: Path, png: Path, *, title: str = "aikg: corpus/sample", width: int = 1500,
               height: int = 900) -> Path:
    """Render the view of ``store`` and save a PNG of it, with the top entity selected."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="aikg-shot-") as work:
        page_file = write_view(store, Path(work) / "graph.html", title=title)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(page_file.as_uri())
            page.wait_for_selector("body[data-ready]", state="attached", timeout=60_000)
            page.evaluate("""() => {
                const nodes = aikgView.info.nodes;
                let top = 0;
                nodes.forEach((n, i) => { if (n.score > nodes[top].score) top = i; });
                aikgView.select(top, false);
                aikgView.network.focus(top, { scale: 1.15, animation: false });
            }""")
            page.wait_for_timeout(400)
            png.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(png))
            browser.close()
    return png


if __name__ == "__main__":
    store_arg = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out/store")
    png_arg = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("docs/view.png")
    print(screenshot(store_arg, png_arg))
