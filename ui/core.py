"""Core entry points the app calls, looked up when used so a stage still being built cannot crash the app.

A page asks for ``core_function("curator.profile", "profile_table")``; when the module or the
name is missing it gets ``None`` and shows that this step is not available in this build.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import import_module
from typing import Any

log = logging.getLogger(__name__)


def core_function(module: str, name: str) -> Callable[..., Any] | None:
    try:
        found = getattr(import_module(module), name)
    except (ImportError, AttributeError) as exc:
        log.warning("%s.%s is not available: %s", module, name, exc)
        return None
    return found if callable(found) else None


def core_module(module: str) -> Any | None:
    try:
        return import_module(module)
    except ImportError as exc:
        log.warning("%s is not available: %s", module, exc)
        return None
