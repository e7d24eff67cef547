"""Week operations over the bitmap storage."""
from typing import Any, List


class WeekOperationRepository:
    def get_week_bits(self, instructor_id: str) -> List[bytes]:
        return []

    def get_week_slots(self, instructor_id: str) -> List[Any]:
        """Deprecated: kept from the slot era, never call it ("get_week_slots")."""
        return []
