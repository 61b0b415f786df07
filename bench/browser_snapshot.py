"""Page snapshot cost in the browser: the content script's serializer on real LinkedIn pages.

    /work/venv/bin/python bench/browser_snapshot.py            # 20 rounds per page
    /work/venv/bin/python bench/browser_snapshot.py -n 100

Pages: the saved real pages in ../shared/fixtures/linkedin/ (skipped when absent) and the
made-up ones in tests/fixtures/extension/, each served by route interception to Debian's
Chromium (no extension needed: extension/src/content/serialize.js is injected as a page script,
the same code the sensor runs). Prints the page's HTML size, the trimmed snapshot's size, the
median and p99 serialize time (ms), and whether the companion's parser still finds the profile's
name in the trimmed snapshot (the trimming must not lose what the parser reads).
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "fixtures" / "linkedin"
OWN = ROOT / "tests" / "fixtures" / "extension"
CHROMIUM = "/usr/bin/chromium"


def pages() -> list[tuple[str, Path]]:
    found = []
    if SHARED.is_dir():
        found += [(p.name, p) for p in sorted(SHARED.glob("*.html"))]
    found += [(p.name, p) for p in sorted(OWN.glob("*profile*.html"))]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="serialize rounds per page")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    from companion.pages import parse_snapshot

    serializer = (ROOT / "extension" / "src" / "content" / "serialize.js").read_text()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        context = browser.new_context(bypass_csp=True)  # saved pages carry a Trusted Types CSP
        context.route("**/*", lambda route: route.abort() if not route.request.url.startswith(
            "https://www.linkedin.com/in/bench/") else route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=context.current_html))
        print(f"{'page':<42}{'html KB':>9}{'snapshot KB':>13}{'median ms':>11}{'p99 ms':>9}  parsed name")
        for name, path in pages():
            html = path.read_text(encoding="utf-8", errors="replace")
            context.current_html = html
            page = context.new_page()
            page.goto("https://www.linkedin.com/in/bench/")
            page.add_script_tag(content=serializer)
            times = page.evaluate("""(n) => {
                const out = [];
                for (let i = 0; i < n; i++) {
                    const t = performance.now();
                    __tactful.serialize(document);
                    out.push(performance.now() - t);
                }
                return out;
            }""", args.n)
            snap = page.evaluate("() => __tactful.serialize(document).html")
            page.close()
            result = parse_snapshot("https://www.linkedin.com/in/bench/", snap)
            original = parse_snapshot("https://www.linkedin.com/in/bench/", html)
            got = result.profile.name if result.profile else None
            want = original.profile.name if original.profile else None
            verdict = f"{got!r}, same as the full page" if got == want else f"DIFFERS: {got!r} vs {want!r}"
            p99 = sorted(times)[max(0, round(0.99 * (len(times) - 1)))]
            print(f"{name:<42}{len(html.encode()) / 1024:>9.0f}{len(snap.encode()) / 1024:>13.0f}"
                  f"{statistics.median(times):>11.2f}{p99:>9.2f}  {verdict}")
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
