"""Where Tactful keeps its files, and how they are created (0700 folders, 0600 files)."""

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

APP_NAME = "tactful"


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data folder: --data-dir, else $TACTFUL_DATA_DIR, else the platform's user data dir."""
    chosen = override or os.environ.get("TACTFUL_DATA_DIR")
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) as 0700; tighten it if it already exists."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def write_private_file(path: Path, data: str | bytes, *, private_parent: bool = True) -> None:
    """Atomically write a 0600 file: the content is never readable by others, even briefly.

    The parent folder is made 0700 too, except with private_parent=False: a destination the user
    chose (an export) keeps its permissions, and must exist (a mistyped folder is an error). In a
    folder others can write to, nothing they plant is followed: the temporary file is created
    exclusively under a random name, and a destination that is a symlink is refused (OSError).
    """
    if private_parent:
        ensure_private_dir(path.parent)
    if path.is_symlink():
        raise OSError(errno.ELOOP, "refusing to write through a symbolic link", str(path))
    # mkstemp: O_EXCL, mode 0600, in the destination's folder so the rename below is atomic.
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
