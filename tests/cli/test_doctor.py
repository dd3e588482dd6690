"""`doctor` and `--version`, and a driver or browser that cannot load a shared library (issue 14): the real driver
and the real browser are run with one library hidden from the dynamic loader (hide_library.c), so the texts read
are the loader's and Playwright's own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from guidedflows.browser.libraries import missing_library, package_for
from guidedflows.browser.session import BrowserChoice, _launch_problem, driver_executable
from guidedflows.cli.commands import main
from helpers import run_cli, write_flow

pytestmark = pytest.mark.browser  # every test here starts the driver or the browser

# Verbatim, as printed on a debootstrap minbase Debian 12 (the driver) and by Playwright 1.65 launching Debian's
# chromium without libnss3 (the launch log, shortened only in the command line).
DRIVER_TEXT = (
    "/work/.venv/lib/python3.11/site-packages/playwright/driver/node: error while loading shared libraries: "
    "libatomic.so.1: cannot open shared object file: No such file or directory"
)
LAUNCH_TEXT = """BrowserType.launch: Target page, context or browser has been closed
Browser logs:

<launching> /usr/bin/chromium --disable-field-trial-config --headless --no-sandbox --remote-debugging-pipe
<launched> pid=25930
[pid=25930][err] /usr/bin/chromium: 9: [: 25276502016: unexpected operator
[pid=25930][err] /usr/lib/chromium/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory
Call log:
  - <launching> /usr/bin/chromium --disable-field-trial-config --headless --no-sandbox --remote-debugging-pipe
  - <launched> pid=25930
  - [pid=25930][err] /usr/lib/chromium/chromium: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory
  - [pid=25930] <process did exit: exitCode=127, signal=null>
"""
FLOW = "flow: Greeting\nsteps:\n  - click: Press me\n"


def test_version(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("guidedflows 0.1.0, Playwright 1.")


def test_doctor_starts_the_browser_and_says_the_versions(capsys):
    assert run_cli(["doctor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("guidedflows 0.1.0, Playwright 1.")
    assert f"driver: {driver_executable()}\n" in out
    assert "\nbrowser version: Chromium " in out
    assert "\nlaunch: started the browser, opened a page and closed it in " in out
    said = dict(line.split(": ", 1) for line in out.splitlines() if ": " in line)
    headed = said["with a window (guide mode, --headed)"]  # a full browser, or the headless one when it is the same
    assert headed == "the same browser" or (
        Path(headed.split(" (")[0]).is_file() and headed.split(" (")[0] != said["browser"] and "(" in headed
    )


def test_doctor_warns_when_no_font_is_installed(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("guidedflows.browser.doctor.FONT_FOLDERS", (str(tmp_path),))
    assert run_cli(["doctor"]) == 0
    assert "warning: no fonts are installed" in capsys.readouterr().out


def test_the_loader_texts_name_the_library_and_its_package():
    assert missing_library(DRIVER_TEXT) == "libatomic.so.1"
    assert missing_library(LAUNCH_TEXT) == "libnss3.so"
    assert missing_library("BrowserType.launch: Timeout 30000ms exceeded.") is None
    assert [package_for(name) for name in ("libatomic.so.1", "libnss3.so", "libXrandr.so.2")] == [
        "libatomic1", "libnss3", "libxrandr2",
    ]
    assert package_for("libfoo.so.3") == "libfoo3"  # Debian policy 8.1, for libraries not in the table
    assert package_for("libfoo2.so.1") == "libfoo2-1"


def test_a_launch_log_becomes_the_library_and_the_command(monkeypatch):
    monkeypatch.setattr("guidedflows.browser.libraries._needs_sudo", lambda: False)
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    choice = BrowserChoice("/usr/bin/chromium", "a system browser found on the PATH as `chromium`")
    message = _launch_problem(choice, True, Exception(LAUNCH_TEXT))
    assert message == (
        "the browser /usr/bin/chromium (a system browser found on the PATH as `chromium`) cannot start: "
        "the system library libnss3.so is missing; install it with `apt-get install libnss3`"
    )


@pytest.fixture(scope="session")
def hide_library(tmp_path_factory) -> Path:
    """hide_library.c built as an LD_AUDIT library (glibc's loader and a C compiler needed)."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if not compiler or not hasattr(os, "confstr") or "glibc" not in (os.confstr("CS_GNU_LIBC_VERSION") or ""):
        pytest.skip("hiding a library from the loader needs glibc and a C compiler")
    built = tmp_path_factory.mktemp("audit") / "hide_library.so"
    source = Path(__file__).with_name("hide_library.c")
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(built), str(source)], check=True)
    return built


def without(library: str, hide_library: Path, argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """`guidedflows ARGV` run with `library` hidden from the loader of it and of everything it starts."""
    env = dict(os.environ, LD_AUDIT=str(hide_library), HIDDEN_LIBRARIES=library)
    return subprocess.run(
        [sys.executable, "-m", "guidedflows", *argv], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize("command", ["doctor", "check"])
def test_a_driver_without_libatomic_is_named_with_the_fix(tmp_path, hide_library, command):
    node = driver_executable()
    probe = without("libatomic.so.1", hide_library, ["--version"], tmp_path)  # Python itself does not need it
    assert probe.returncode == 0, probe.stderr
    ldd = subprocess.run(["ldd", node], capture_output=True, text=True).stdout if shutil.which("ldd") else ""
    if "libatomic.so.1" not in ldd:
        pytest.skip("this Playwright's Node.js does not link libatomic")
    argv = [command] if command == "doctor" else ["check", str(write_flow(tmp_path, FLOW)), "--base-url", "http://127.0.0.1:9"]
    ran = without("libatomic.so.1", hide_library, argv, tmp_path)
    assert ran.returncode == 3, ran.stderr
    assert f"{node}: error while loading shared libraries: libatomic.so.1: cannot open shared object file" in ran.stderr
    said = f"error: Playwright's driver ({node}) cannot start: the system library libatomic.so.1 is missing; "
    if shutil.which("apt-get"):
        sudo = "sudo " if os.geteuid() != 0 and shutil.which("sudo") else ""
        assert ran.stderr.rstrip().endswith(said + f"install it with `{sudo}apt-get install libatomic1`")
    else:
        assert said in ran.stderr
    assert "internal error" not in ran.stderr and "Traceback" not in ran.stderr


@pytest.mark.parametrize("command", ["doctor", "check"])
def test_a_browser_without_libnss3_is_named_with_the_fix(tmp_path, hide_library, command):
    argv = [command] if command == "doctor" else ["check", str(write_flow(tmp_path, FLOW)), "--base-url", "http://127.0.0.1:9"]
    ran = without("libnss3.so", hide_library, argv, tmp_path)
    assert ran.returncode == 3, ran.stderr
    error = ran.stderr.strip().splitlines()[-1]
    assert error.startswith("error: the browser ")
    assert "cannot start: the system library libnss3.so is missing; install it with `" in error
    assert "apt-get install libnss3`" in error or "Debian/Ubuntu: libnss3" in error
    assert "internal error" not in ran.stderr and "Traceback" not in ran.stderr
    if command == "doctor":  # what was found is said before the launch that failed
        assert "\nbrowser: " in ran.stdout and "\nlaunch: " not in ran.stdout


@pytest.mark.parametrize("library, said", [
    ("libatomic.so.1", "guidedflows: Playwright's driver ("),
    ("libnss3.so", "guidedflows: the browser cannot start: "),
])
def test_the_pytest_plugin_says_the_same(tmp_path, hide_library, library, said):
    (tmp_path / "flows").mkdir()
    write_flow(tmp_path / "flows", FLOW, "greeting.yaml")
    env = dict(os.environ, LD_AUDIT=str(hide_library), HIDDEN_LIBRARIES=library)
    ran = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--base-url", "http://127.0.0.1:9"],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert ran.returncode == 1, ran.stdout
    assert said in ran.stdout and f"the system library {library} is missing; install it with" in ran.stdout
    assert "Connection closed while reading from the driver" not in ran.stdout and "Traceback" not in ran.stdout
