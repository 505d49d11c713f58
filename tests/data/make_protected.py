"""Save a password-protected copy of a quirk file with LibreOffice (needs LibreOffice and its Python 'uno').

Run from the repository root with the Python that has uno (often /usr/bin/python3):
    python3 tests/data/make_protected.py
It writes tests/data/quirks/bad-protected.xls (Excel 97-2003, password "secret") and a copy of it named
bad-protected-ole.xlsx: an encrypted .xlsx is such an OLE2 container too, not a zip.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

QUIRKS = Path(__file__).resolve().parent / "quirks"
PORT = 2099


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main() -> None:
    """Open yearly-income.xlsx in a headless LibreOffice and store it encrypted."""
    office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore",
                               f"--accept=socket,host=localhost,port={PORT};urp;"])
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        for _ in range(60):
            try:
                ctx = resolver.resolve(f"uno:socket,host=localhost,port={PORT};urp;StarOffice.ComponentContext")
                break
            except Exception:  # LibreOffice is still starting
                time.sleep(0.5)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        source = uno.systemPathToFileUrl(str(QUIRKS / "yearly-income.xlsx"))
        doc = desktop.loadComponentFromURL(source, "_blank", 0, (_prop("Hidden", True),))
        target = QUIRKS / "bad-protected.xls"
        doc.storeToURL(uno.systemPathToFileUrl(str(target)), (_prop("FilterName", "MS Excel 97"), _prop("Password", "secret")))
        doc.close(True)
        shutil.copyfile(target, QUIRKS / "bad-protected-ole.xlsx")
    finally:
        time.sleep(1)
        office.terminate()


if __name__ == "__main__":
    main()
