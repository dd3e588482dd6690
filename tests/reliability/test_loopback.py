"""R7 server sockets: everything guidedflows listens on is loopback — the storefront a `check` starts for itself, and
`guidedflows serve` — unless `serve --host` names another address, which needs `--allow-remote` and warns.

R8 traversal is tested where the server is: tests/storefront/test_server.py sends 37 probes (dot segments, every
encoding of them, backslashes, NUL bytes, symlinks out of the root, dotfiles, overlong paths) at a copy of the store
with a canary file outside its root: each is answered 400 or 404 and the canary is never served. The last test here
only keeps that count honest."""

from __future__ import annotations

import ipaddress
import os
import re
import signal
import socket

import pytest

from scale.scalekit import Command, marked_processes, run

LISTEN = "0A"


def listening(marker: str) -> list[str]:
    """The addresses the marked processes listen on (TCP, IPv4 and IPv6), read from /proc."""
    inodes = set()
    for pid, _ in marked_processes(marker):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                target = os.readlink(f"/proc/{pid}/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
        except OSError:
            continue
    found = []
    for table, family in (("tcp", 4), ("tcp6", 6)):
        with open(f"/proc/net/{table}") as lines:
            for line in list(lines)[1:]:
                fields = line.split()
                if fields[3] == LISTEN and fields[9] in inodes:
                    found.append(_address(fields[1], family))
    return found


def _address(hex_address: str, family: int) -> str:
    host, port = hex_address.split(":")
    raw = bytes.fromhex(host)
    if family == 4:
        return f"{socket.inet_ntop(socket.AF_INET, raw[::-1])}:{int(port, 16)}"
    words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
    return f"[{socket.inet_ntop(socket.AF_INET6, words)}]:{int(port, 16)}"


def is_loopback(address: str) -> bool:
    host = address.rsplit(":", 1)[0].strip("[]")
    return ipaddress.ip_address(host).is_loopback


def served_url(command: Command) -> tuple[str, str]:
    """What `serve` printed up to its URL line, and the URL."""
    seen = ""
    for line in command.process.stdout:
        seen += line
        match = re.search(r"Serving the storefront at (\S+)", line)
        if match:
            return seen, match.group(1)
    raise AssertionError(f"serve printed no URL:\n{seen}")


def stop(command: Command) -> tuple[int, str]:
    os.killpg(command.process.pid, signal.SIGINT)
    return command.finish(timeout=30)


@pytest.mark.browser
def test_a_check_run_listens_on_loopback_only(tmp_path):
    flow = tmp_path / "home.yaml"
    flow.write_text("flow: Home\nsteps:\n  - click: Account\n  - expect: {role: menuitem, name: My Orders}\n")
    command = Command(["check", str(flow), "--output", str(tmp_path / "out")])  # starts its own storefront
    for line in command.process.stdout:
        if line.startswith("home "):
            break
    addresses = listening(command.marker)
    code, printed = command.finish(timeout=120)
    assert code == 0, printed
    assert addresses and all(is_loopback(address) for address in addresses), addresses


def test_serve_listens_on_loopback_only():
    command = Command(["serve"])
    _, url = served_url(command)
    addresses = listening(command.marker)
    assert url.startswith("http://127.0.0.1:")
    assert addresses == [url.removeprefix("http://").rstrip("/")]
    code, printed = stop(command)
    assert code == 0 and "Stopped." in printed


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.0.2.10"])
def test_serve_on_another_address_needs_allow_remote(host):
    code, printed = run(["serve", "--host", host])
    assert code == 2
    assert printed.strip() == (
        f"error: refusing to serve the storefront on {host}: it binds to loopback only (127.0.0.1); to serve it "
        "elsewhere anyway, pass --allow-remote (allow_remote=True in Python)"
    )


def test_serve_on_all_addresses_with_allow_remote_warns_first():
    command = Command(["serve", "--host", "0.0.0.0", "--allow-remote"])
    before, url = served_url(command)
    assert before.startswith("warning: serving on 0.0.0.0: anyone who can reach this machine can read the store\n")
    assert listening(command.marker) == [f"0.0.0.0:{url.rsplit(':', 1)[1].rstrip('/')}"]
    assert stop(command)[0] == 0


def test_the_traversal_probes_are_enough():
    from storefront.test_server import PROBES

    assert len(PROBES) >= 20
