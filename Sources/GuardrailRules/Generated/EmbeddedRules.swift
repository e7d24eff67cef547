// Generated from Rules/*/rule.yml — do not edit.
// Regenerate: GUARDRAIL_UPDATE_GOLDEN=1 swift test --filter EmbeddedRulesTests

/// The built-in rule pack: `Rules/<id>/rule.yml`, embedded so the binary works
/// from any directory. A test fails when this file is stale.
public enum EmbeddedRules {
    public static let files: [(id: String, yaml: String)] = [
        ("slot-era-import", #"""
id: slot-era-import
severity: error
languages: [python, typescript]
summary: Import of a slot-era symbol or module (`AvailabilitySlot`, `SlotManager`, `availability_slot(s)`, `slot_manager`)
why: |
  Availability moved from one row per slot (`AvailabilitySlot`, the
  `availability_slots` table, `SlotManager`) to one bitmap per instructor-day.
  The slot-era models and services are gone; importing them again brings back
  the hybrid state the migration removed ("ghost saves", midnight bugs), or
  fails at import time in production. An alias does not make it safe:
  `from app.models import AvailabilitySlot as S` is still the old model.
help: read and write availability through the bitmap day repository instead
example: |
  from app.models.availability import AvailabilitySlot
  import { SlotManager as Manager } from "@/services/slot_manager";
use_instead: |
  from app.repositories.availability_day_repository import AvailabilityDayRepository
  import { fetchWeekBits } from "@/lib/availability/bitmap";
check:
  kind: banned-import
  names: [AvailabilitySlot, SlotManager]
  modules: [availability_slot, availability_slots, slot_manager]
  message: import of slot-era `{name}`
  module_message: import of slot-era module `{name}`

"""#),
        ("slot-era-symbol", #"""
id: slot-era-symbol
severity: error
languages: [python, typescript]
summary: Code naming a slot-era API (`AvailabilitySlot`, `SlotManager`, `get_week_slots`, …)
why: |
  The slot-era repository and service methods (`get_slots_by_date`,
  `get_week_slots`, `get_slots_with_booking_status`, `slot_exists`, …) read
  and write the dropped `availability_slots` table. A definition keeps a dead
  path alive for someone to call; a call fails at run time or, worse, reads
  stale rows. Comments and strings that mention them are fine and never flagged.
help: use the bitmap availability API (windows per day) instead of the slot-era one
example: |
  slots = repo.get_week_slots(instructor_id, week_start)
use_instead: |
  windows = availability_service.get_week_availability(instructor_id, week_start)
check:
  kind: banned-symbol
  names:
    - AvailabilitySlot
    - SlotManager
    - get_slots_by_date
    - delete_slots_by_dates
    - get_week_slots
    - get_slots_with_booking_status
    - slots_created
    - slot_exists
    - count_available_slots
    - get_slots_for_date
  message: slot-era API `{name}`
  # Import statements are `slot-era-import`'s to report, once.
  leave_imports:
    names: [AvailabilitySlot, SlotManager]
    modules: [availability_slot, availability_slots, slot_manager]

"""#),
    ]
}
