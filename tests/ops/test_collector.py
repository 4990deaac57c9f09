"""An instance settles the garbage collector once started: what exists then is frozen out of
its generations, and the young ones are collected less often."""

from __future__ import annotations

import gc

from taskmate.ops.collector import GC_THRESHOLDS, settle_after_startup


def test_startup_objects_are_frozen_and_thresholds_raised() -> None:
    settle_after_startup()
    assert gc.get_threshold() == GC_THRESHOLDS
    assert gc.get_freeze_count() > 0
