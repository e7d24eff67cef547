"""Week availability, read and written as bitmaps."""
from datetime import date

from app.models.availability import AvailabilitySlot  # a regression: the slot-era model is back
from app.repositories.availability_day_repository import AvailabilityDayRepository


class AvailabilityService:
    def __init__(self, repo: AvailabilityDayRepository) -> None:
        self.repo = repo

    def get_week(self, instructor_id: str, week_start: date):
        # The old code called repo.get_week_slots(); this comment must not be flagged.
        rows = self.repo.get_week_slots(instructor_id, week_start)
        return [AvailabilitySlot(**row) for row in rows]
