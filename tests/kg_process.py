"""Running the installed `kg` (beside this Python, wherever it was installed) as users do: on a pipe, or on a
terminal (a pseudo-terminal, which is what `isatty()` sees in a user's shell)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))


def on_terminal(*args: str, env: dict[str, str], stdout: bool = True, timeout: float = 120) -> tuple[int, bytes, str]:
    """Run kg with its standard output (``stdout``) or standard error on a terminal: the exit code, what the
    terminal showed, and what went to the other stream (a pipe)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([KG, *args], env=env, stdin=subprocess.DEVNULL,
                            stdout=follower if stdout else subprocess.PIPE, stderr=subprocess.PIPE if stdout else follower)
    os.close(follower)
    shown = b""
    while select.select([leader], [], [], timeout)[0]:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        shown += chunk
    other = (proc.stderr if stdout else proc.stdout).read().decode("utf-8", errors="replace")  # type: ignore[union-attr]
    proc.wait(timeout=timeout)
    os.close(leader)
    return proc.returncode, shown, other
