"""The Windows version resource of curator's executables (Properties > Details), from curator.__version__.

Kept out of curator.spec so a test can build it and read the bytes back on any platform; PyInstaller
embeds it only when building on Windows.
"""

from __future__ import annotations

import re

from PyInstaller.utils.win32.versioninfo import (
    FixedFileInfo,
    StringFileInfo,
    StringStruct,
    StringTable,
    VarFileInfo,
    VarStruct,
    VSVersionInfo,
)

FRENCH_UNICODE = "040C04B0"  # language 0x040C (French, France), code page 1200 (UTF-16)


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); '1.2.3rc1' -> (1, 2, 3, 1): the four 16-bit fields Windows shows."""
    numbers = [int(n) for n in re.findall(r"\d+", version)[:4]]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def windows_version_info(version: str, executable: str) -> VSVersionInfo:
    numbers = version_numbers(version)
    strings = [
        StringStruct("CompanyName", "curator"),
        StringStruct("FileDescription", "curator: offline curation of health-data exports"),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", executable),
        StringStruct("OriginalFilename", f"{executable}.exe"),
        StringStruct("ProductName", "curator"),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[StringFileInfo([StringTable(FRENCH_UNICODE, strings)]),
              VarFileInfo([VarStruct("Translation", [0x040C, 1200])])],
    )
