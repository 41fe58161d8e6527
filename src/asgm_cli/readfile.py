"""Read a profile file's bytes safely: a regular file of bounded size, never a FIFO or device.

Kept apart from ``yamlsafe``: a run whose profile is in the cache reads the file (its hash is the
cache key) but parses nothing, and should not pay for importing the parser.
"""

from __future__ import annotations

import os
import stat

from asgm_cli.errors import DataError

MAX_BYTES = 1_048_576  # 1 MiB: a profile is a few KB


def read_bytes(path: str, head: int | None = None) -> bytes:
    """Read a regular file of at most MAX_BYTES; FIFOs, devices and directories are refused.

    With ``head``, only the first ``head`` bytes are read, and a larger file is not an error.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        why = "dangling symbolic link" if os.path.islink(path) else "no such file"
        raise DataError(path, None, None, "", why) from None
    except PermissionError:
        raise DataError(path, None, None, "", "permission denied") from None
    except OSError as e:
        raise DataError(path, None, None, "", e.strerror or str(e)) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise DataError(path, None, None, "", "is a directory, not a profile file")
        if not stat.S_ISREG(st.st_mode):
            raise DataError(path, None, None, "", "not a regular file")
        if head is not None:
            return os.read(fd, head)
        if st.st_size > MAX_BYTES:
            raise DataError(path, None, None, "", f"file is {st.st_size:,} bytes; the limit is {MAX_BYTES:,}")
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 65536)
            if not chunk:
                break
            total += len(chunk)
            if total > MAX_BYTES:
                raise DataError(path, None, None, "", f"file is over the limit of {MAX_BYTES:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)
    except IsADirectoryError:
        raise DataError(path, None, None, "", "is a directory, not a profile file") from None
    except OSError as e:
        raise DataError(path, None, None, "", e.strerror or str(e)) from None
    finally:
        os.close(fd)
