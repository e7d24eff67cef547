# Ignored by .gitignore: guardrail never reads it.
from app.models.availability import AvailabilitySlot
