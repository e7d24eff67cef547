"""The blessed time helpers: minute arithmetic that understands 24:00."""
from datetime import time


def time_to_minutes(value: time, *, is_end: bool = False) -> int:
    minutes = value.hour * 60 + value.minute
    return 1440 if is_end and minutes == 0 else minutes
