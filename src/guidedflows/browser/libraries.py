"""Missing system libraries: read the dynamic loader's complaint in an error text, and name the package to install.

On a minimal Linux (slim containers, fresh CI runners, debootstrap's minbase) Playwright's Node driver or the browser
can exist and still not start, because a shared library it links against is not installed (issue 14: the driver's
`node` needs libatomic.so.1). The loader then prints, and Playwright passes on in the browser's launch log:

    …/playwright/driver/node: error while loading shared libraries: libatomic.so.1: cannot open shared object file: …
"""

from __future__ import annotations

import os
import re
import shutil

LOADER_ERROR = re.compile(r"error while loading shared libraries: ([^\s:]+): cannot open shared object file")

# Debian/Ubuntu packages of the libraries Playwright's driver and Chromium link against (Playwright's own
# lib2package table for Debian 12, plus the driver's). Ubuntu 24.04 renamed some (libasound2t64, …): apt-get
# installs those when asked for the old name.
PACKAGES = {
    "libatomic.so.1": "libatomic1",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
    "libasound.so.2": "libasound2",
    "libatk-1.0.so.0": "libatk1.0-0",
    "libatk-bridge-2.0.so.0": "libatk-bridge2.0-0",
    "libatspi.so.0": "libatspi2.0-0",
    "libcairo.so.2": "libcairo2",
    "libcups.so.2": "libcups2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libdrm.so.2": "libdrm2",
    "libexpat.so.1": "libexpat1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgbm.so.1": "libgbm1",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libnspr4.so": "libnspr4",
    "libnss3.so": "libnss3",
    "libnssutil3.so": "libnss3",
    "libsmime3.so": "libnss3",
    "libpango-1.0.so.0": "libpango-1.0-0",
    "libX11.so.6": "libx11-6",
    "libxcb.so.1": "libxcb1",
    "libXcomposite.so.1": "libxcomposite1",
    "libXdamage.so.1": "libxdamage1",
    "libXext.so.6": "libxext6",
    "libXfixes.so.3": "libxfixes3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libXrandr.so.2": "libxrandr2",
}


def missing_library(text: str) -> str | None:
    """The library the dynamic loader could not find, if `text` holds its error."""
    match = LOADER_ERROR.search(text)
    return match.group(1) if match else None


def package_for(library: str) -> str:
    """The Debian/Ubuntu package that ships `library`: from the table, else by Debian's naming rule (policy 8.1:
    libfoo.so.3 is in libfoo3, libfoo2.so.1 in libfoo2-1)."""
    if library in PACKAGES:
        return PACKAGES[library]
    match = re.fullmatch(r"(lib[\w+.\-]+?)\.so(?:\.(\d+))?(?:\.\d+)*", library)
    if not match:
        return library
    name, soversion = match.group(1).lower().replace("_", "-"), match.group(2) or ""
    joiner = "-" if name[-1:].isdigit() and soversion else ""
    return f"{name}{joiner}{soversion}"


def install_advice(library: str) -> str:
    """What to run to get `library`, in this system's words as far as we can tell."""
    package = package_for(library)
    if shutil.which("apt-get"):
        sudo = "sudo " if _needs_sudo() else ""
        known = "" if library in PACKAGES else f" (the usual package name; `apt-file search {library}` says for sure)"
        return f"install it with `{sudo}apt-get install {package}`{known}"
    return f"install the package that provides it (Debian/Ubuntu: {package}; Fedora/RHEL: `dnf provides '*/{library}'`)"


def missing_library_sentence(what: str, text: str) -> str | None:
    """'WHAT cannot start: the system library L is missing; install it with …', or None if `text` is not that."""
    library = missing_library(text)
    if library is None:
        return None
    return f"{what} cannot start: the system library {library} is missing; {install_advice(library)}"


def _needs_sudo() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() != 0 and shutil.which("sudo") is not None
