"""Output streams that never fail on encoding.

On a Chinese Windows, output redirected to a file is encoded in the ANSI code page (GBK): a center name
with a character outside it (an emoji, •, ✓) would stop the run with UnicodeEncodeError. Text written to
stdout/stderr replaces what the stream cannot encode; the JSON document is written as UTF-8 bytes, which
is its contract.
"""

from __future__ import annotations

import contextlib
import io
import sys


def safe_streams() -> None:
    """Make sys.stdout and sys.stderr replace characters their encoding cannot represent."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, AttributeError):
                stream.reconfigure(errors="replace")
