"""The scenarios of tests/extension_scenarios.json in real Chromium and in real Firefox, each against
its own real companion process on a free port. Chromium loads the unpacked source tree; Firefox
installs the Firefox build (extension/scripts/build.py) as a temporary add-on, as a user would.

With TACTFUL_UPDATE_SCREENSHOTS=1 the Firefox screenshots go to docs/img/firefox-*.png."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extension_scenarios import (
    FIREFOX, FIREFOX_DRIVER, SCENARIOS, ChromiumDriver, FirefoxDriver, Player, publish_screenshots,
)
from extension_support import CHROMIUM, REPO, Browser, Companion, pw  # noqa: F401 - fixture

BROWSERS = {
    "chromium": [pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM}")],
    "firefox": [
        pytest.mark.skipif(not Path(FIREFOX).exists(), reason=f"no Firefox at {FIREFOX} (apt install firefox-esr)"),
        pytest.mark.skipif(shutil.which("node") is None, reason="no node"),
        pytest.mark.skipif(not (FIREFOX_DRIVER.parent / "node_modules" / "puppeteer-core").is_dir(),
                           reason="puppeteer-core missing: npm ci in tests/firefox"),
    ],
}
CASES = [pytest.param(browser, name, marks=[pytest.mark.browser, *marks], id=f"{browser}-{name}")
         for name in SCENARIOS for browser, marks in BROWSERS.items()]


@pytest.fixture(scope="module")
def firefox_build(tmp_path_factory):
    """The Firefox build, made by the build script the release uses."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(REPO / "extension" / "scripts" / "build.py"), "--out", str(out)],
                   check=True, capture_output=True, cwd=REPO)
    return out / "firefox"


def browser_install(data_dir: Path, *args: str, env: dict | None = None) -> None:
    """`tactful browser install` for the companion serving data_dir (the host may not start one)."""
    out = subprocess.run([sys.executable, "-m", "companion", "browser", "install", "--no-start", "--data-dir",
                          str(data_dir), *args], capture_output=True, text=True, cwd=REPO, env=env, timeout=30)
    assert out.returncode == 0, out.stderr


@pytest.fixture
def driver_for(request, tmp_path):
    made = []

    def make(browser: str, native: Path | None = None):
        """The browser's driver; with `native` (a companion's data dir) the native host is registered
        first: in the Chromium profile's NativeMessagingHosts (Chromium reads no other folder when
        Playwright sets --user-data-dir), in a fake HOME's ~/.mozilla for Firefox."""
        home = tmp_path / "home" if native else None
        if browser == "chromium":
            profile = tmp_path / "chromium-profile"
            if native:
                browser_install(native, "--browser", "chromium", "--dir", str(profile / "NativeMessagingHosts"))
            driver = ChromiumDriver(Browser(request.getfixturevalue("pw"), profile))
        else:
            if native:
                browser_install(native, "--browser", "firefox", env=dict(os.environ, HOME=str(home)))
            driver = FirefoxDriver(request.getfixturevalue("firefox_build"), tmp_path / "firefox", home=home)
        made.append(driver)
        return driver

    yield make
    for driver in made:
        driver.close()


@pytest.mark.parametrize("browser,scenario", CASES)
def test_scenario(browser, scenario, driver_for, tmp_path):
    companion = Companion(tmp_path / "companion-data").start()
    try:
        native = SCENARIOS[scenario].get("native")
        loaded = time.monotonic()
        driver = driver_for(browser, native=companion.data_dir if native else None)
        shots = tmp_path / "shots"
        player = Player(driver, companion, shots)
        player.play(SCENARIOS[scenario])
        if native and player.first_feedback:  # reported, never asserted (pytest -s shows it)
            print(f"\n{browser}: load extension -> first feedback, paired through the browser: "
                  f"{player.first_feedback - loaded:.2f} s")
        if browser == "firefox":
            publish_screenshots(shots, "firefox", REPO / "docs" / "img")
    finally:
        companion.stop()
