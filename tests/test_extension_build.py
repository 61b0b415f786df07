"""The extension's manifest, its generated protocol constants, and the Chrome/Firefox builds."""

import base64
import hashlib
import importlib.util
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from protocol.schema import build_schema, render

REPO = Path(__file__).resolve().parent.parent
EXT = REPO / "extension"


def _load(name):
    spec = importlib.util.spec_from_file_location(name, EXT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_protocol = _load("gen_protocol")
build_script = _load("build")


def manifest() -> dict:
    return json.loads((EXT / "manifest.json").read_text())


def test_protocol_js_matches_the_models():
    """protocol/*.py -> schema -> protocol.js: a change to the models without regenerating fails."""
    expected = gen_protocol.render(build_schema())
    assert (EXT / "src" / "protocol.js").read_text() == expected, \
        "run: python -m protocol.schema && python extension/scripts/gen_protocol.py"


def test_committed_schema_is_what_protocol_js_was_made_from():
    assert (EXT / "protocol" / "schema.json").read_text() == render()
    assert gen_protocol.main(["--check"]) == 0


def test_protocol_js_drift_is_detected(tmp_path, monkeypatch):
    out = tmp_path / "protocol.js"
    out.write_text((EXT / "src" / "protocol.js").read_text().replace("PROTOCOL_VERSION = 1", "PROTOCOL_VERSION = 2"))
    monkeypatch.setattr(gen_protocol, "OUT", out)
    assert gen_protocol.main(["--check"]) == 1


def test_content_script_surfaces_are_protocol_surfaces():
    surfaces = set(build_schema()["constants"]["surfaces"])
    text = "".join(p.read_text() for p in (EXT / "src" / "content").glob("*.js"))
    import re

    used = set(re.findall(r'surface = "([a-z_]+)"', text))
    for pair in re.findall(r'surface = [^;]*\? "([a-z_]+)" : "([a-z_]+)"', text):
        used |= set(pair)
    assert {"connection_note", "message", "inmail"} <= used <= surfaces, used - surfaces


def test_manifest_is_minimal_mv3():
    m = manifest()
    assert m["manifest_version"] == 3
    assert m["minimum_chrome_version"] == "116"
    assert m["host_permissions"] == ["https://www.linkedin.com/*"]
    assert "web_accessible_resources" not in m
    assert set(m["permissions"]) == {"nativeMessaging", "sidePanel", "storage"}  # nativeMessaging: pairing with no code
    assert m["content_scripts"][0]["matches"] == ["https://www.linkedin.com/*"]
    assert m["side_panel"]["default_path"] == "src/panel/panel.html"
    assert m["commands"]["_execute_action"]["suggested_key"]["default"]
    for path in [m["background"]["service_worker"], m["side_panel"]["default_path"], m["options_ui"]["page"],
                 *m["content_scripts"][0]["js"], *m["icons"].values()]:
        assert (EXT / path).is_file(), path


def test_key_gives_the_stable_extension_id():
    der = base64.b64decode(manifest()["key"])
    ext_id = "".join(chr(ord("a") + int(c, 16)) for c in hashlib.sha256(der).hexdigest()[:32])
    assert ext_id == "lejjfdkkilgackldcppcmhcgpokokfek"


def test_build_produces_both_targets_and_zips(tmp_path):
    out = build_script.build(tmp_path / "dist")
    chrome = json.loads((out["chrome"] / "manifest.json").read_text())
    firefox = json.loads((out["firefox"] / "manifest.json").read_text())
    assert chrome == manifest()
    assert firefox["background"] == {"scripts": ["src/background/main.js"], "type": "module"}
    assert firefox["sidebar_action"]["default_panel"] == "src/panel/panel.html"
    assert firefox["browser_specific_settings"]["gecko"]["id"] == "tactful@tactful.app"
    assert "_execute_sidebar_action" in firefox["commands"] and "_execute_action" not in firefox["commands"]
    for key in ("key", "side_panel", "minimum_chrome_version"):
        assert key not in firefox
    assert "sidePanel" not in firefox["permissions"] and "nativeMessaging" in firefox["permissions"]
    # Firefox's default MV3 policy upgrades ws://127.0.0.1 to wss://: the build must replace it
    # (tests/test_extension_scenarios.py pairs in real Firefox to prove the effect).
    assert firefox["content_security_policy"] == {"extension_pages": "script-src 'self';"}
    assert "content_security_policy" not in chrome
    # Each build opens the sidebar its browser's way; neither ships the Firefox variant's source.
    sidebar = "src/background/sidebar.js"
    assert (out["chrome"] / sidebar).read_text() == (EXT / sidebar).read_text()
    assert (out["firefox"] / sidebar).read_text() == (EXT / "src/background/sidebar.firefox.js").read_text()
    assert not list(tmp_path.rglob("*.firefox.js"))
    for target in ("chrome", "firefox"):
        names = set(zipfile.ZipFile(out[f"{target}_zip"]).namelist())
        assert "manifest.json" in names and "src/background/main.js" in names and "src/protocol.js" in names
        assert not any(n.startswith(("scripts/", "node_modules/", "protocol/")) for n in names)
    # Same sources, same bytes: the zips are reproducible.
    again = build_script.build(tmp_path / "dist2")
    assert again["chrome_zip"].read_bytes() == out["chrome_zip"].read_bytes()


def _web_ext() -> Path | None:
    local = EXT / "node_modules" / ".bin" / "web-ext"
    return local if local.exists() else None


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")
def test_web_ext_lint_passes_on_the_firefox_build(tmp_path):
    web_ext = _web_ext()
    if web_ext is None:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--silent"], cwd=EXT, check=True, timeout=600)
        web_ext = _web_ext()
    out = build_script.build(tmp_path / "dist")
    proc = subprocess.run([str(web_ext), "lint", "--source-dir", str(out["firefox"]), "--output", "json",
                           "--no-config-discovery"], capture_output=True, text=True, timeout=300)
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == 0, report["errors"]
    assert report["summary"]["warnings"] == 0, report["warnings"]
    assert proc.returncode == 0
