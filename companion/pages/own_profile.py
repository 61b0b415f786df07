"""The user's own profile, remembered locally (own_profile.json, 0600) so hints can find overlaps
with a recipient. A partial sighting fills gaps and never erases what a full one taught.
"""

import logging
from pathlib import Path

from protocol.page import Profile

from companion.paths import write_private_file

log = logging.getLogger(__name__)
FILE_NAME = "own_profile.json"


def path_in(data_dir: Path) -> Path:
    return Path(data_dir) / FILE_NAME


def load(data_dir: Path) -> Profile | None:
    """The remembered own profile, or None (missing or unreadable file: logged, not raised)."""
    path = path_in(data_dir)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("own profile: cannot read %s (%s)", path, type(exc).__name__)
        return None
    try:
        return Profile.model_validate_json(raw)
    except ValueError:  # not JSON, or not a profile (pydantic's ValidationError is a ValueError)
        log.warning("own profile: %s is not valid; ignoring it", path)
        return None


def save(data_dir: Path, profile: Profile) -> Profile:
    """Merge `profile` into the remembered one (another account's replaces it) and write it (0600);
    returns the merged profile, also when the write fails (logged)."""
    old = load(data_dir)
    if old is None or (old.slug and profile.slug and old.slug != profile.slug):
        merged = profile.model_copy(update={"is_self": True})
    else:
        seen = {key: value for key, value in profile.model_dump().items() if value is not None and value != []}
        merged = Profile.model_validate({**old.model_dump(), **seen, "is_self": True})
    try:
        if merged != old:  # classic pages carry the viewer on every snapshot: write only what changed
            write_private_file(path_in(data_dir), merged.model_dump_json(exclude_none=True, indent=1))
    except OSError as exc:  # a full disk must not fail the page: the session still knows the profile
        log.warning("own profile not saved: %s", type(exc).__name__)
    return merged
