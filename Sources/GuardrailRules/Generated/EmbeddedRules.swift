// Generated from Rules/*/rule.yml — do not edit.
// Regenerate: GUARDRAIL_UPDATE_GOLDEN=1 swift test --filter EmbeddedRulesTests

/// The built-in rule pack: `Rules/<id>/rule.yml`, embedded so the binary works
/// from any directory. A test fails when this file is stale.
public enum EmbeddedRules {
    public static let files: [(id: String, yaml: String)] = [
        ("adhoc-time-to-minutes", #"""
id: adhoc-time-to-minutes
severity: warning
languages: [python]
summary: "`X.hour * 60 + Y.minute` — use the project's `time_to_minutes()` helper"
why: |
  Ad-hoc minute arithmetic on `time` objects forgets the midnight rules of the
  bitmap era: a window may end at `24:00`, which is minute 1440, and a
  `time` cannot hold it, so an end at midnight arrives as `time(0, 0)` and
  `end.hour * 60 + end.minute` turns it into 0: the window becomes empty or
  negative and the day's last slot is lost. `time_to_minutes()` is the one
  place that knows these rules, so every conversion goes through it. The rule
  matches the expression in any spacing and with any operands (`self.start`,
  `rows[0].end`, `get_time()`), also commuted (`60 * X.hour + Y.minute`,
  `Y.minute + X.hour * 60`), across lines and comments; never in comments,
  strings or docstrings.
help: use `time_to_minutes()` from `app.utils.time_helpers`
example: |
  start_min = start.hour * 60 + start.minute
  end_min = end.hour * 60 + end.minute        # 0 for an end at midnight
use_instead: |
  from app.utils.time_helpers import time_to_minutes
  start_min = time_to_minutes(start)
  end_min = time_to_minutes(end)
check:
  kind: token-pattern
  patterns:
    - "$A.hour * 60 + $B.minute"
    - "60 * $A.hour + $B.minute"
    - "$B.minute + $A.hour * 60"
    - "$B.minute + 60 * $A.hour"
  message: "ad-hoc `.hour * 60 + .minute` arithmetic"

"""#),
        ("bitmap-geometry", #"""
id: bitmap-geometry
severity: error
languages: [python, typescript, c]
summary: A bitmap geometry constant (`BYTES_PER_DAY`, `SLOTS_PER_DAY`, …) defined with a value the configured geometry does not have
why: |
  Availability is stored as one bitmap per instructor-day: one bit per slot,
  slots × minutes per slot = 1440, bytes = ceil(bits / 8). By default a slot
  is one minute (1440 bits, 180 bytes, the seed's `BIT(1440)`); deployments
  changed the resolution (30-minute slots: 48 bits / 6 bytes; 5-minute: 288 /
  36). Backend, frontend and native code each define the geometry, and when
  one of them keeps an old value the others read garbage: a 6-byte day where
  180 bytes are stored, the wrong half-hour lit up, a bitmap rejected as
  "wrong length". A definition of `MINUTES_PER_DAY`, `MINUTES_PER_SLOT`,
  `SLOTS_PER_DAY`, `BITS_PER_DAY` or `BYTES_PER_DAY` (or a name configured
  under `bitmap.aliases`) is checked against `bitmap.minutes_per_slot` in
  `.guardrail.yml`: Python module-level assignments, TS/JS `const`, C macros,
  enum constants and `const` integers. Literal values and simple constant
  expressions are evaluated (`24 * 60`, `-(-SLOTS_PER_DAY // 8)`,
  `Math.ceil(BITS_PER_DAY / 8)`, `180u`), with the other geometry constants
  at their configured values, so the one wrong definition is reported, not
  everything derived from it. Anything else is not evaluated and not
  reported. The message names the definitions of the same constant in other
  files and languages that disagree with the flagged one.
help: give it the configured value, or change `bitmap.minutes_per_slot` in `.guardrail.yml` if the deployment's resolution really changed
example: |
  # backend/app/utils/bitset.py (the configured geometry: 1-minute slots)
  SLOTS_PER_DAY = 48
  BYTES_PER_DAY = 6
use_instead: |
  MINUTES_PER_SLOT = 1
  SLOTS_PER_DAY = 24 * 60 // MINUTES_PER_SLOT
  BYTES_PER_DAY = -(-SLOTS_PER_DAY // 8)
check:
  kind: bitmap-geometry
  message: "`{name}` is {value}, but the configured bitmap geometry ({geometry}) needs {expected}"

"""#),
        ("bitmap-magic-number", #"""
id: bitmap-magic-number
severity: warning
languages: [python, typescript, c]
summary: A literal bytes-per-day or bits-per-day number (`bytes(180)`, `len(bits) != 180`, `BIT(1440)`) where a bitmap is sized or checked
why: |
  When the bitmap's resolution changed, code that said `BYTES_PER_DAY` kept
  working and code that said `bytes(6)` or `new Uint8Array(6)` silently
  built days of the old size. A number equal to the configured bytes per day
  or bits per day (`bitmap.minutes_per_slot` in `.guardrail.yml`: 180 and
  1440 by default) is flagged where it sizes or checks a bitmap: the first
  argument of `bytes(…)`, `bytearray(…)`, `BIT(…)` column types and
  `new Uint8Array(…)`; either side of `len(x) == N` / `!=` (Python) and
  `x.length === N` / `!==` / `==` / `!=` (TS/JS); a C or C++ byte or bool
  array's size (`uint8_t bits[180]`). Other numbers, other uses of the same
  number, comments and strings are not flagged.
help: use the named constant (`BYTES_PER_DAY` / `BITS_PER_DAY`), defined once per language
example: |
  if len(bits) != 180:
      raise ValueError("bad bitmap")
  empty = new Uint8Array(180);
use_instead: |
  if len(bits) != BYTES_PER_DAY:
      raise ValueError("bad bitmap")
  empty = new Uint8Array(BYTES_PER_DAY);
check:
  kind: bitmap-magic-number
  calls: [bytes, bytearray, BIT]
  constructors: [Uint8Array]
  c_element_types: [uint8_t, unsigned char, char, signed char, int8_t, bool, _Bool]
  message: "`{literal}` is the bitmap's {what}: use `{constant}`"

"""#),
        ("bitmap-window-literal", #"""
id: bitmap-window-literal
severity: error
languages: [python, typescript, json, yaml]
summary: A literal availability window (`("09:00", "24:00")`, `{start_time, end_time}`) that the bitmap domain rejects
why: |
  Windows are `[start, end)` in whole minutes of one day: `HH:MM` or
  `HH:MM:SS` with zero seconds, start before end, `24:00` valid only as an
  end (midnight closing the day), and both ends on the configured slot grid
  (`bitmap.minutes_per_slot`: `09:07` cannot be stored in 30-minute slots).
  A literal window that breaks one of these rules — in code, a test, or a
  JSON/YAML seed file — fails at run time, or worse, is silently rounded or
  dropped when packed into the bitmap. Checked: two-element tuples/arrays of
  time strings in Python and TS/JS (not call arguments), `start_time` /
  `end_time` in dict and object literals and Python keyword arguments (a
  lone one is checked on its own), `start_time` / `end_time` mappings in JSON
  and YAML, and `[start, end]` pairs below a JSON/YAML key containing
  `window`. The check is the domain model's own (`Window.parse`), so the rule
  and the code agree on what a valid window is.
# Configuration and lock files never hold windows; big lock files are not worth reading.
exclude: ["**/.guardrail.yml", "**/package-lock.json", "**/pnpm-lock.yaml"]
help: write a window the domain accepts (`HH:MM`, start before end, `24:00` only as an end, on the slot grid)
example: |
  OVERNIGHT = ("24:00", "06:00")
  seed = {"start_time": "10:00", "end_time": "09:00"}
use_instead: |
  LATE = ("18:00", "24:00")
  seed = {"start_time": "09:00", "end_time": "10:00"}
check:
  kind: bitmap-window-literal
  start_keys: [start_time]
  end_keys: [end_time]
  pair_key_contains: window
  message: "invalid availability window: {problem}"

"""#),
        ("midnight-unsafe-time-parse", #"""
id: midnight-unsafe-time-parse
severity: error
languages: [python]
summary: A time-of-day parse that raises on `"24:00"` (`time.fromisoformat`, time-only `strptime`, `time(24, …)`)
why: |
  Availability windows end at `24:00` — the end of the day, minute 1440.
  `datetime.time` has no hour 24: `time.fromisoformat("24:00")`,
  `datetime.strptime("24:00", "%H:%M")` and `time(24, 0)` all raise
  `ValueError`, which is how midnight windows crashed week saves before the
  overhaul. Parse windows with the project's helper, which maps `24:00` to
  minute 1440, or keep them as minutes.
help: parse with `app.utils.time_helpers` (it maps `24:00` to minute 1440) instead
example: |
  from datetime import time
  end = time.fromisoformat(window["end_time"])      # raises on "24:00"
  start = datetime.strptime(raw, "%H:%M").time()
use_instead: |
  from app.utils.time_helpers import parse_window_minutes
  start_min, end_min = parse_window_minutes(window["start_time"], window["end_time"])
check:
  kind: banned-call
  triggers: [fromisoformat, strptime, "24"]
  calls:
    - callee: datetime.time.fromisoformat
      message: "`time.fromisoformat` raises on `24:00`, a valid window end"
    - callee: datetime.datetime.strptime
      argument: 2
      keyword: format
      contains: ["%H"]
      lacks: ["%d", "%m", "%y", "%Y", "%j", "%U", "%W", "%a", "%A", "%b", "%B", "%c", "%x", "%G", "%V", "%u", "%w", "%D", "%F", "%h"]
      message: "time-only `strptime` with `%H` raises on `24:00`, a valid window end"
    - callee: datetime.time
      argument: 1
      keyword: hour
      equals: "24"
      message: "`time(24, …)` raises: hour 24 does not exist; use minute 1440"

"""#),
        ("naive-today", #"""
id: naive-today
severity: warning
languages: [python]
summary: "\"Today\" or \"now\" from the server's clock (`date.today()`, `datetime.now()` without `tz`, `datetime.utcnow()`)"
why: |
  Instructors and students live in their own timezones. `date.today()` and a
  naive `datetime.now()` answer for the server's timezone, so around midnight
  "today" is the wrong day for half the users: availability for the wrong day
  is shown or edited. `datetime.utcnow()` returns a naive datetime that is
  easily mistaken for local time (and is deprecated). Compute "today" in the
  user's timezone.
help: compute it in the user's timezone, e.g. `datetime.now(ZoneInfo(user_tz)).date()`
example: |
  today = date.today()
  now = datetime.now()
use_instead: |
  today = get_user_today(user)                 # the project's timezone-aware helper
  now = datetime.now(timezone.utc)
check:
  kind: banned-call
  triggers: [today, now, utcnow]
  calls:
    - callee: datetime.date.today
      message: "`date.today()` uses the server's timezone"
    - callee: datetime.datetime.now
      missing: {argument: 1, keyword: tz}
      message: "`datetime.now()` without `tz` uses the server's timezone"
    - callee: datetime.datetime.utcnow
      message: "`datetime.utcnow()` returns a naive datetime"

"""#),
        ("slot-era-import", #"""
id: slot-era-import
severity: error
languages: [python, typescript, c]
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
  #include "legacy/slot_manager.h"
use_instead: |
  from app.repositories.availability_day_repository import AvailabilityDayRepository
  import { fetchWeekBits } from "@/lib/availability/bitmap";
  #include "availability_bitmap.h"
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
languages: [python, typescript, c]
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
        ("slot-era-table", #"""
id: slot-era-table
severity: error
languages: [python, typescript, c]
summary: A string that uses the dropped `availability_slots` table as SQL or declares it as an ORM table
why: |
  The `availability_slots` table was dropped in the bitmap migration; one
  row per instructor-day in `availability_days` replaced it. Raw SQL or an ORM
  declaration naming it brings the slot era back through a side door that
  import guards do not see — and fails at run time against the new schema.
  A header or metric name that merely contains the word (the runtime guard's
  `x-db-table-availability_slots` header) is fine and not flagged.
help: query `availability_days` (one bitmap per instructor-day) instead
example: |
  rows = db.execute(text("SELECT * FROM availability_slots WHERE instructor_id = :id"))
  class AvailabilitySlot(Base):
      __tablename__ = "availability_slots"
use_instead: |
  rows = db.execute(text("SELECT bits FROM availability_days WHERE instructor_id = :id"))
check:
  kind: string-literal-pattern
  word: availability_slots
  sql_keywords: [FROM, JOIN, INTO, UPDATE, TABLE, EXISTS]   # EXISTS: `TABLE IF [NOT] EXISTS name`
  assignments: [__tablename__]
  first_argument_of: [Table, table, create_table]
  prefix_argument_of: [ForeignKey]
  sql_message: SQL on the dropped `{word}` table (after `{keyword}`)
  declaration_message: ORM declaration of the dropped `{word}` table (`{form}`)

"""#),
        ("uncached-fetch", #"""
id: uncached-fetch
severity: error
languages: [typescript]
summary: A `fetch` call with no explicit cache policy (`cache:` option)
why: |
  Reads must be fresh. The availability overhaul's "ghost saves" came from
  stale cached reads: a week was saved, re-read through a cached `fetch`, and
  the old bits came back and were saved over the new ones. Next.js and
  browsers cache `fetch` by default in ways that differ between server,
  client and build, so every `fetch` states its policy: `cache: 'no-store'`
  for reads that must be current, or another explicit `cache` value where a
  cached read is really wanted. A call is flagged when it has no second
  argument, when the second argument is an object literal without a `cache`
  key (shorthand, quoted and `["cache"]` keys count) and without a spread, or
  when it is a name that every `const`/`let` binding in the file binds to such
  a literal. Spreads, calls and other expressions are not known and are left
  alone; `this.fetch`, `obj.fetch`, `refetch` and methods named `fetch` are
  not this `fetch`.
help: "pass `cache: 'no-store'` (or another explicit policy)"
example: |
  const res = await fetch(`/api/instructors/${id}/availability`);
  const res2 = await fetch(url, { credentials: "include" });
use_instead: |
  const res = await fetch(`/api/instructors/${id}/availability`, { cache: "no-store" });
  const res2 = await fetch(url, { credentials: "include", cache: "no-store" });
check:
  kind: required-call-option
  callees: [fetch, window.fetch, globalThis.fetch, self.fetch]
  argument: 2
  key: cache
  message: "`{callee}` call with no explicit `cache` policy"

"""#),
    ]
}
