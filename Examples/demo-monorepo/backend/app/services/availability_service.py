"""Week availability, read and written as bitmaps."""
from datetime import date, time

from app.models.availability import AvailabilitySlot  # a regression: the slot-era model is back
from app.repositories.availability_day_repository import AvailabilityDayRepository


class AvailabilityService:
    def __init__(self, repo: AvailabilityDayRepository) -> None:
        self.repo = repo

    def get_week(self, instructor_id: str, week_start: date):
        # The old code called repo.get_week_slots(); this comment must not be flagged.
        rows = self.repo.get_week_slots(instructor_id, week_start)
        return [AvailabilitySlot(**row) for row in rows]

    def save_window(self, window: dict) -> int:
        # "24:00" is a valid end: this raises on midnight windows.
        end = time.fromisoformat(window["end_time"])
        start = time.fromisoformat(window["start_time"])  # guardrail: ignore[midnight-unsafe-time-parse] -- start is never 24:00
        return end.hour * 60 + end.minute - (start.hour * 60 + start.minute)

    def is_editable(self, day: date) -> bool:
        return day >= date.today()
