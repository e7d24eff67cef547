"""Reports over bookings. One query still reads the dropped slot table."""
from sqlalchemy import text

# A metric name that merely contains the table's name is fine.
METRIC = "db_table_availability_slots_reads"

WEEKLY = text(
    "SELECT instructor_id, count(*) FROM availability_slots GROUP BY instructor_id"
)
