"""Stop the background LanguageTool server once nobody has used it for a while.

`server.start()` runs `python -m copydesk.languagetool.watchdog --pid P --state FILE
--idle-timeout S` detached beside the server. Every S/10 seconds (at most 30) it stops the
server `P` if the state file's mtime (bumped by `server.touch()`) is more than S seconds
old, or if the state file no longer names `P` (the server was replaced or forgotten and
would otherwise run forever). It exits as soon as the server is gone.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from copydesk.languagetool.server import clear_state, is_server_process, read_state, terminate_server


def watch(pid: int, state: Path, idle_timeout: float) -> str:
    """Block until the server `pid` is gone or has been stopped; return why."""
    interval = min(30.0, max(0.5, idle_timeout / 10))
    while True:
        time.sleep(interval)
        if not is_server_process(pid):
            return "server exited"
        info = read_state(state)
        if info is None or info.pid != pid:
            terminate_server(pid)
            return "state file no longer names this server"
        try:
            idle = time.time() - state.stat().st_mtime
        except FileNotFoundError:
            continue  # removed since read_state(): the next round sees it is gone
        if idle > idle_timeout:
            terminate_server(pid)
            clear_state(state, pid)
            return f"idle for {idle:.0f} s"


def main(argv: list[str] | None = None) -> None:
    """Command-line entry point; the reason for stopping goes to the server log."""
    parser = argparse.ArgumentParser(prog="python -m copydesk.languagetool.watchdog")
    parser.add_argument("--pid", type=int, required=True, help="the java process to watch")
    parser.add_argument("--state", type=Path, required=True, help="the server.json naming it")
    parser.add_argument("--idle-timeout", type=float, required=True, help="seconds")
    args = parser.parse_args(argv)
    reason = watch(args.pid, args.state, args.idle_timeout)
    print(f"copydesk watchdog: LanguageTool server {args.pid} stopped or gone ({reason})", flush=True)


if __name__ == "__main__":
    main()
