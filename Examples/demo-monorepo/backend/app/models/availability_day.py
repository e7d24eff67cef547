from sqlalchemy import Column, Date, String
from sqlalchemy.dialects.postgresql import BIT

from app.utils.bitset import BITS_PER_DAY


class AvailabilityDay:
    """One row per instructor and date; `minutes_bitmap` holds 1440 bits."""

    __tablename__ = "availability_days"

    instructor_id = Column(String, primary_key=True)
    day_date = Column(Date, primary_key=True)
    minutes_bitmap = Column(BIT(BITS_PER_DAY))
