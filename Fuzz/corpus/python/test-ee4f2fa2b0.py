from app.models.availability_slot import AvailabilitySlot as S, Other  # note
