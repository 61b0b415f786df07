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


def merge(old: Profile | None, new: Profile) -> Profile:
    """`new` over `old` for the same person; a different person replaces the old one entirely."""
    if old is None or (old.slug and new.slug and old.slug != new.slug):
        return new.model_copy(update={"is_self": True})
    seen = {key: value for key, value in new.model_dump().items() if value is not None and value != []}
    return Profile.model_validate({**old.model_dump(), **seen, "is_self": True})


def save(data_dir: Path, profile: Profile) -> Profile:
    """Merge `profile` into the remembered one and write it (0600). Returns what is stored."""
    old = load(data_dir)
    merged = merge(old, profile)
    if merged != old:  # classic pages carry the viewer on every snapshot: write only what changed
        write_private_file(path_in(data_dir), merged.model_dump_json(exclude_none=True, indent=1))
    return merged
