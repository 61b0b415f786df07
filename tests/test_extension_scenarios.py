"""The scenarios of tests/extension_scenarios.json in real Chromium and in real Firefox, each against
its own real companion process on a free port. Chromium loads the unpacked source tree; Firefox
installs the Firefox build (extension/scripts/build.py) as a temporary add-on, as a user would.

With TACTFUL_UPDATE_SCREENSHOTS=1 the Firefox screenshots go to docs/img/firefox-*.png."""

import shutil
import subprocess
import sys
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


@pytest.fixture
def driver_for(request, tmp_path):
    made = []

    def make(browser: str):
        if browser == "chromium":
            driver = ChromiumDriver(Browser(request.getfixturevalue("pw"), tmp_path / "chromium-profile"))
        else:
            driver = FirefoxDriver(request.getfixturevalue("firefox_build"), tmp_path / "firefox")
        made.append(driver)
        return driver

    yield make
    for driver in made:
        driver.close()


@pytest.mark.parametrize("browser,scenario", CASES)
def test_scenario(browser, scenario, driver_for, tmp_path):
    companion = Companion(tmp_path / "companion-data").start()
    try:
        driver = driver_for(browser)
        shots = tmp_path / "shots"
        Player(driver, companion, shots).play(SCENARIOS[scenario])
        if browser == "firefox":
            publish_screenshots(shots, "firefox", REPO / "docs" / "img")
    finally:
        companion.stop()
