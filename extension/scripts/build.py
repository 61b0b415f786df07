"""Build the extension for Chrome and Firefox: extension/dist/{chrome,firefox}/ and a zip of each.

The source tree is the Chrome build (MV3, service worker, side panel). Firefox gets the same files
with a rewritten manifest: background scripts instead of a service worker, `sidebar_action`
instead of `side_panel`, a gecko id, a content security policy without `upgrade-insecure-requests`
(so the WebSocket to the companion stays ws://), and no Chrome-only keys. The build refuses to run when
src/protocol.js is out of date with protocol/schema.json.

Usage: python extension/scripts/build.py [--out DIR]
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import sys
import zipfile
from pathlib import Path

EXT = Path(__file__).resolve().parent.parent
SHIPPED = ["manifest.json", "src", "icons"]  # everything else (scripts, schema, tests) stays out
GECKO_ID = "tactful@tactful.app"
FIREFOX_MIN = "128.0"
FIREFOX_CSP = "script-src 'self';"
FIREFOX_SUFFIX = ".firefox.js"
ZIP_TIME = (2026, 1, 1, 0, 0, 0)  # fixed timestamps: the same sources give the same zip


def firefox_manifest(chrome: dict) -> dict:
    """The Chrome manifest rewritten for Firefox (MV3)."""
    m = copy.deepcopy(chrome)
    for key in ("key", "minimum_chrome_version", "side_panel"):
        m.pop(key, None)
    m["permissions"] = [p for p in m.get("permissions", []) if p != "sidePanel"]
    m["background"] = {"scripts": [chrome["background"]["service_worker"]], "type": "module"}
    m["sidebar_action"] = {
        "default_panel": chrome["side_panel"]["default_path"],
        "default_title": "Tactful",
        "default_icon": chrome["action"]["default_icon"],
        "open_at_install": False,
    }
    commands = m.get("commands", {})
    if "_execute_action" in commands:
        commands["_execute_sidebar_action"] = commands.pop("_execute_action")
    # Firefox's default MV3 policy for extension pages adds `upgrade-insecure-requests`, which
    # turns the background's ws://127.0.0.1 into wss:// (a TLS hello the companion cannot read).
    m["content_security_policy"] = {"extension_pages": FIREFOX_CSP}
    m["browser_specific_settings"] = {
        "gecko": {
            "id": GECKO_ID,
            "strict_min_version": FIREFOX_MIN,
            # Tactful sends nothing to its developers: page data goes only to the local companion.
            "data_collection_permissions": {"required": ["none"]},
        }
    }
    return m


def _copy_tree(dest: Path, target: str) -> None:
    """Copies the shipped files; `x.firefox.js` replaces `x.js` in the Firefox build and is left
    out of the Chrome one (for the few calls that differ, e.g. how the sidebar opens)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in SHIPPED:
        src = EXT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(".*", "*~", f"*{FIREFOX_SUFFIX}"))
        else:
            shutil.copy2(src, dest / name)
    if target == "firefox":
        for variant in (EXT / "src").rglob(f"*{FIREFOX_SUFFIX}"):
            base = variant.with_name(variant.name.removesuffix(FIREFOX_SUFFIX) + ".js")
            shutil.copy2(variant, dest / base.relative_to(EXT))


def _zip(folder: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())


def build(out: Path) -> dict[str, Path]:
    """Builds both targets into `out`; returns {"chrome": dir, "firefox": dir, "*_zip": file}."""
    sys.path.insert(0, str(EXT / "scripts"))
    import gen_protocol

    if gen_protocol.main(["--check"]) != 0:
        raise SystemExit(1)
    chrome = json.loads((EXT / "manifest.json").read_text(encoding="utf-8"))
    version = chrome["version"]
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, Path] = {}
    for target in ("chrome", "firefox"):
        folder = out / target
        _copy_tree(folder, target)
        if target == "firefox":
            manifest = firefox_manifest(chrome)
            (folder / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        archive = out / f"tactful-{target}-{version}.zip"
        _zip(folder, archive)
        result[target] = folder
        result[f"{target}_zip"] = archive
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=EXT / "dist")
    args = parser.parse_args(argv)
    for name, path in build(args.out).items():
        print(f"{name}: {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
