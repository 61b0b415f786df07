"""scripts/audit_run.py, the harness the audits of docs/quality.md judge: drafts with their page and their log
(times relative to now) run through the CLI's own context building, on this checkout's coach."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "fixtures" / "linkedin" / "sdui_profile_2nd.html"


def test_drafts_run_with_their_page_and_a_log_whose_times_are_relative(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "profile.html").write_bytes(PAGE.read_bytes())
    log = {"format": "tactful-outreach-log", "version": 1, "recipients": [{
        "slug": "dana-lee", "url": "https://www.linkedin.com/in/dana-lee/", "name": "Dana Lee", "company": "Acme",
        "state": "asked", "messages": [{"surface": "message", "sent_at": "-9d",
                                        "text": "Hi Dana, could you refer me for the Data Analyst role (job 4471)?"}],
        "replies": []}]}
    (tmp_path / "log.json").write_text(json.dumps(log), encoding="utf-8")
    drafts = [
        {"id": "t-01", "kind": "first", "surface": None, "text": "Hi, could you refer me? Thanks",
         "page": "pages/profile.html"},
        {"id": "t-02", "kind": "later", "surface": "follow_up", "recipient": "Dana Lee", "log": "log.json",
         "text": "Hi Dana, just following up on my note about the Data Analyst role. No worries if not. Thanks!"},
    ]
    (tmp_path / "drafts.jsonl").write_text("\n".join(map(json.dumps, drafts)) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit_run.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    results = {r["id"]: r["feedback"] for r in map(json.loads, (tmp_path / "results.jsonl").read_text().splitlines())}
    first = {f["code"] for f in results["t-01"]["findings"]}
    assert "ask.role-missing" in first and "personal.greeting" in first  # the page's person is known
    [ok] = [f for f in results["t-02"]["findings"] if f["code"] == "followup.ok"]
    assert "9 days" in ok["message"]  # "-9d" in the log is nine days before the run
    assert "===== t-02 (later, follow_up) =====" in (tmp_path / "results.txt").read_text()


def test_a_folder_without_drafts_is_a_clear_error(tmp_path):
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "audit_run.py"), str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "drafts.jsonl not found" in done.stderr
