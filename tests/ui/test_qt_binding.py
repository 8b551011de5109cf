"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 dropped a reference to True on every
signal emitted to a connected slot, so that a long session (or the test suite) ended in CPython's
"bool_dealloc: deallocating True or False" abort. pyproject.toml excludes that release."""

from __future__ import annotations

import gc
import sys


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_none_alone(qapp):
    from ui.qt import QObject, Signal

    class Sender(QObject):
        fired = Signal()
        flagged = Signal(bool)

    class Receiver(QObject):
        calls = 0

        def slot(self, *_args: object) -> None:
            self.calls += 1

    sender, receiver = Sender(), Receiver()
    sender.fired.connect(receiver.slot)
    sender.flagged.connect(receiver.slot)
    gc.collect()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        sender.fired.emit()
        sender.flagged.emit(True)
    gc.collect()
    assert receiver.calls == 400
    # A few references may come and go with the interpreter's own work; 400 lost ones would not.
    assert abs(sys.getrefcount(True) - before[0]) < 50 and abs(sys.getrefcount(None) - before[1]) < 50
