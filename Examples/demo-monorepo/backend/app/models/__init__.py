"""Models of the availability system: one bitmap per instructor-day.

The slot-era `AvailabilitySlot` model was removed in the overhaul.
"""
from .availability_day import AvailabilityDay  # noqa: F401
