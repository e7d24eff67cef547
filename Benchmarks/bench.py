#!/usr/bin/env python3
"""Guardrail benchmark: a synthetic Python/TypeScript monorepo, timed.

Generates a deterministic, monorepo-like tree (``backend/app/...py``,
``frontend/src/...ts/.tsx``) of a given size with a known number of planted
slot-era violations and look-alike decoys, then measures, per tree (median
wall time over ``--runs`` rounds, each timing every tool once in a shuffled
order; CPU, per-run peak RSS, files/s, MB/s, lines/s):

* guardrail, all rules, cold cache: ``guardrail check TREE --format json``
  with an empty result cache before every run (the run writes it);
* guardrail, warm cache: the same with the cache a previous run left;
* ``rg -c -F`` with the rules' trigger words (the byte-search floor) and the
  ``\\b`` ripgrep guard Guardrail replaces, where ``rg`` is installed;
* ``ruff check --no-cache`` with only ``flake8-tidy-imports`` banned-api
  (TID251) configured as the equivalent of ``slot-era-import`` +
  ``midnight-unsafe-time-parse``, on the same tree, where ruff is installed
  (``--ruff PATH`` or on PATH; ``pip install ruff`` in a venv);

and prints the ratios. ``--tree PATH`` benchmarks an existing tree (e.g. the
InstaInstru monorepo at its newest commit, extracted to a scratch folder);
``--scale 1,4,16`` generates the synthetic tree at multiples of the base size
and prints how time grows. Both may be given in one run.

Python 3 standard library only. See Benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------
# Words and rules (extend here when rules are added)
# --------------------------------------------------------------------------

#: Literal trigger words of the built-in rules (the prefilter's words, see
#: each check's ``triggers``): the byte-search floor is ``rg -F`` searching
#: for exactly these.
TRIGGER_WORDS = [
    "AvailabilitySlot", "SlotManager", "availability_slot", "availability_slots",
    "slot_manager", "get_slots_by_date", "delete_slots_by_dates", "get_week_slots",
    "get_slots_with_booking_status", "slots_created", "slot_exists",
    "count_available_slots", "get_slots_for_date", "fromisoformat", "strptime", "24",
    "today", "now", "utcnow", "fetch", "minute", "SLOTS_PER_DAY", "BITS_PER_DAY",
    "BYTES_PER_DAY", "MINUTES_PER_DAY", "MINUTES_PER_SLOT", "180", "1440", "1_440", "1'440",
    *[f":{d}" for d in range(10)], "guardrail:",
]

#: ruff's banned-api (TID251) entries equivalent to ``slot-era-import`` +
#: ``midnight-unsafe-time-parse`` for the module layouts of InstaInstru and
#: of the synthetic tree.
RUFF_BANNED_API = {
    "app.models.AvailabilitySlot": "import of slot-era `AvailabilitySlot`",
    "app.models.availability.AvailabilitySlot": "import of slot-era `AvailabilitySlot`",
    "app.models.availability_slot": "import of slot-era module `availability_slot`",
    "app.repositories.availability_slot_repository": "slot-era repository",
    "app.services.slot_manager": "import of slot-era module `slot_manager`",
    "app.services.slot_manager.SlotManager": "import of slot-era `SlotManager`",
    "datetime.time.fromisoformat": "`time.fromisoformat` raises on `24:00`",
    "datetime.datetime.strptime": "time-only `strptime` raises on `24:00`",
}

#: Slot-era API names: the ripgrep guard that Guardrail replaces.
SLOT_ERA_NAMES = [
    "AvailabilitySlot", "SlotManager", "get_slots_by_date",
    "delete_slots_by_dates", "get_week_slots", "get_slots_with_booking_status",
    "slots_created", "slot_exists", "count_available_slots",
    "get_slots_for_date",
]
RG_GUARD_PATTERN = r"\b(" + "|".join(SLOT_ERA_NAMES) + r")\b"

#: Rules whose findings the planted violations are counted against.
PLANTED_RULES = ("slot-era-import", "slot-era-symbol")

#: Python/TS extensions (used for --tree byte/line counts).
SOURCE_EXTENSIONS = ["py", "pyi", "ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"]
#: Every extension Guardrail reads (Language.forPath): rg searches the same files.
READ_EXTENSIONS = SOURCE_EXTENSIONS + ["h", "c", "hh", "hpp", "hxx", "json", "yaml", "yml"]
SKIP_DIRS = {".git", "node_modules", ".venv", "venv", "__pycache__"}

PYTHON_LINE_SHARE = 0.55
PYTHON_FILE_SHARE = 0.50
FILES_PER_DIR = 30
IMPORT_RATE = 0.04   # share of files that get a planted slot-era import
SYMBOL_RATE = 0.08   # share of files that get planted slot-era symbol uses
DECOY_RATE = 0.15    # share of blocks followed by a look-alike decoy


def log(message: str) -> None:
    """Progress goes to stderr so that stdout stays a pasteable table."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Vocabulary for generated code
# --------------------------------------------------------------------------

DOMAINS = [
    "booking", "instructor", "student", "payment", "lesson", "review",
    "notification", "search", "calendar", "profile", "availability", "pricing",
    "referral", "message", "auth", "analytics", "payout", "catalog",
    "location", "favorite", "invoice", "coupon", "webhook", "report",
]
NOUNS = [
    "day", "week", "summary", "record", "window", "entry", "event", "item",
    "detail", "status", "request", "session", "rate", "profile", "bundle",
    "batch", "policy", "total", "note", "history", "snapshot", "quota",
]
VERBS = [
    "get", "load", "list", "find", "build", "create", "update", "delete",
    "sync", "refresh", "compute", "resolve", "validate", "apply", "merge",
    "render", "publish", "archive", "count", "export",
]
FIELDS = [
    "status", "amount", "currency", "starts_at", "ends_at", "title",
    "duration", "timezone", "rating", "email", "city", "label", "priority",
    "notes", "source", "version",
]
SENTENCES = [
    "Keeps the write path idempotent so retries are safe",
    "Reads go through the repository; no raw SQL here",
    "The caller owns the transaction",
    "Times are stored in UTC and shown in the user's timezone",
    "Results are sorted by start time, then by id",
    "Cache entries expire after five minutes",
    "Raises NotFoundError when the row is missing",
    "Used by the nightly job and by the admin screens",
    "Keep this in sync with the frontend types",
    "Week boundaries follow ISO 8601 (Monday first)",
]
PY_AREAS = ["models", "schemas", "services", "repositories", "routes",
            "tasks", "utils", "core", "integrations", "tests"]
TS_AREAS = ["components", "features", "hooks", "lib", "services", "pages",
            "types", "utils", "api", "store"]


def camel(name: str) -> str:
    """``booking_day`` -> ``BookingDay``."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def lower_camel(name: str) -> str:
    """``get_booking_day`` -> ``getBookingDay``."""
    text = camel(name)
    return text[:1].lower() + text[1:]


# --------------------------------------------------------------------------
# Planted violations and decoys
# --------------------------------------------------------------------------

# Each planted line yields exactly one finding of PLANTED_RULES.
PY_PLANTED_IMPORTS = [
    "from app.models import AvailabilitySlot",
    "from app.models.availability import AvailabilitySlot as LegacySlot",
    "from app.services.slot_manager import SlotManager",
    "from ..services import slot_manager",
    "import app.models.availability_slot",
]
PY_PLANTED_SYMBOLS = [  # one code token naming a slot-era API each
    "rows = self.repo.get_week_slots(instructor_id, week_start)",
    "rows = self.repo.get_slots_by_date(instructor_id, week_start)",
    "deleted = self.repo.delete_slots_by_dates(instructor_id, [week_start])",
    "rows = self.repo.get_slots_with_booking_status(instructor_id, week_start)",
    "rows = [r for r in self.repo.get_slots_for_date(instructor_id, week_start)]",
    "if not self.repo.slot_exists(instructor_id, week_start):\n            return []\n        rows = []",
    "total = count_available_slots(instructor_id, week_start)\n        rows = [total]",
    "metrics.record(slots_created=0)\n        rows = []",
]
TS_PLANTED_IMPORTS = [
    'import { SlotManager } from "./services/slot_manager";',
    'import { AvailabilitySlot } from "@/types/availability";',
    'import type { AvailabilitySlot as LegacySlot } from "../models";',
    'import { slotManager } from "@/lib/slot_manager";',
]
TS_PLANTED_SYMBOLS = [
    "const rows = await client.get_week_slots(instructorId, weekStart);",
    "const rows = await client.get_slots_for_date(instructorId, weekStart);",
    "const rows = await api.get_slots_by_date(instructorId, weekStart);",
    "const rows = (await client.count_available_slots(instructorId)) ? [] : [];",
]

PY_DECOYS = [
    "# AvailabilitySlot was removed in the bitmap migration; see AvailabilityDay.",
    "# The old SlotManager.get_week_slots() path is gone; do not bring it back.",
    'LEGACY_NAMES = ("get_week_slots", "slot_exists", "AvailabilitySlot")',
    'logger.debug("get_slots_for_date replaced by bitmap reads")',
    '_MIGRATION_NOTE = """\nThe availability_slots table and SlotManager were dropped in 2024.\n"""',
    'ERROR_HINT = f"{__name__}: count_available_slots is gone, use the day bitmap"',
    "week_slots_total = 0  # not a slot-era name: a different identifier",
]
TS_DECOYS = [
    "// SlotManager was retired; use the bitmap helpers instead.",
    "/** Replaces get_week_slots from the slot-era API. */",
    'export const LEGACY_KEY = "get_week_slots";',
    "const legacyNote = `${Date.now()}: AvailabilitySlot rows are gone`;",
    "/* AvailabilitySlot, slot_exists and delete_slots_by_dates: removed */",
    "export const weekSlotsTotal = 0; // not a slot-era name",
]


# --------------------------------------------------------------------------
# Code shapes
# --------------------------------------------------------------------------

@dataclass
class Names:
    """Names one generated file is about."""

    domain: str
    noun: str
    model: str = field(init=False)

    def __post_init__(self) -> None:
        self.model = camel(f"{self.domain}_{self.noun}")


def py_header(rng: random.Random, names: Names, planted_import: str | None) -> list[str]:
    """Module docstring and import block."""
    d, m = names.domain, names.model
    lines = [
        f'"""{camel(d)} {names.noun} {rng.choice(PY_AREAS[:-1])}.',
        "",
        f"{rng.choice(SENTENCES)}. {rng.choice(SENTENCES)}.",
        '"""',
        "from __future__ import annotations",
        "",
        "import logging",
        "from dataclasses import dataclass, field",
        "from datetime import date, datetime, timedelta, timezone",
        "from typing import Any, Optional",
        "",
        "from app.core.config import settings",
        "from app.core.metrics import metrics",
        f"from app.models.{d} import {m}",
        f"from app.repositories.{d}_repository import {m}Repository",
    ]
    if planted_import:
        lines.append(planted_import)
    lines += ["", "logger = logging.getLogger(__name__)", "",
              f"{d.upper()}_{names.noun.upper()}_LIMIT = {rng.randint(10, 500)}", "", ""]
    return lines


def py_class(rng: random.Random, names: Names) -> list[str]:
    """A service class with a few methods."""
    m, n = names.model, names.noun
    kind = rng.choice(["Service", "Manager", "Builder", "Handler", "Reader"])
    lines = [
        f"class {m}{kind}:",
        f'    """{rng.choice(SENTENCES)}."""',
        "",
        f"    def __init__(self, repo: {m}Repository, *, limit: int = {rng.randint(5, 200)}) -> None:",
        "        self.repo = repo",
        "        self.limit = limit",
        "        self._cache: dict[str, Any] = {}",
        "",
    ]
    for _ in range(rng.randint(2, 5)):
        lines += py_method(rng, names)
    return lines


def py_method(rng: random.Random, names: Names) -> list[str]:
    """One method body in one of a few shapes."""
    verb, noun, fld = rng.choice(VERBS), rng.choice(NOUNS), rng.choice(FIELDS)
    arg = rng.choice(["instructor", "student", "booking", "user"])
    shape = rng.randrange(4)
    head = [
        f"    def {verb}_{noun}(self, {arg}_id: str, when: date) -> list[dict[str, Any]]:",
        f'        """{camel(verb)} the {noun} rows of one {arg} for a day.',
        "",
        "        Args:",
        f"            {arg}_id: the {arg} to read.",
        "            when: the local day.",
        '        """',
    ]
    if shape == 0:
        body = [
            f"        # {rng.choice(SENTENCES)}.",
            f"        rows = self.repo.{verb}_{noun}({arg}_id, when)",
            "        result = []",
            "        for row in rows:",
            f'            if row.get("{fld}") is None:',
            "                continue",
            f'            result.append({{"id": row["id"], "{fld}": row["{fld}"], '
            f"\"label\": f\"{arg} {{row['id']}} on {{when:%Y-%m-%d}}\"}})",
            f'        logger.info("loaded %d %s rows", len(result), "{noun}")',
            "        return result",
        ]
    elif shape == 1:
        body = [
            f'        key = f"{names.domain}:{{{arg}_id}}:{{when.isoformat()}}"',
            "        if key in self._cache:",
            "            return self._cache[key]",
            "        try:",
            f"            rows = self.repo.{verb}_{noun}({arg}_id, when)",
            "        except LookupError:",
            f'            logger.warning("no {noun} for %s", {arg}_id)',
            "            return []",
            f'        self._cache[key] = [dict(r, {fld}=r.get("{fld}", None)) for r in rows]',
            "        return self._cache[key]",
        ]
    elif shape == 2:
        body = [
            "        started = datetime.now(timezone.utc)",
            f"        window = timedelta(hours={rng.randint(1, 48)})",
            f"        rows = self.repo.{verb}_{noun}({arg}_id, when)",
            "        fresh = [r for r in rows if r[\"updated_at\"] >= started - window]",
            f'        metrics.timing("{names.domain}.{verb}_{noun}", datetime.now(timezone.utc) - started)',
            "        return sorted(fresh, key=lambda r: (r[\"starts_at\"], r[\"id\"]))",
        ]
    else:
        body = [
            f"        totals: dict[str, int] = {{}}",
            f"        for row in self.repo.{verb}_{noun}({arg}_id, when):",
            f'            bucket = row.get("{fld}") or "unknown"',
            "            totals[bucket] = totals.get(bucket, 0) + 1",
            "        if len(totals) > self.limit:",
            f'            raise ValueError(f"too many {noun} buckets: {{len(totals)}}")',
            "        return [{\"bucket\": k, \"count\": v} for k, v in sorted(totals.items())]",
        ]
    return head + body + [""]


def py_planted_method(symbol_line: str, index: int) -> list[str]:
    """A legacy method that still calls a slot-era API."""
    return [
        f"    def legacy_week_{index}(self, instructor_id: str, week_start: date) -> list[Any]:",
        '        """Kept for the admin export until the bitmap port lands."""',
        f"        {symbol_line}",
        "        return list(rows)",
        "",
    ]


def py_dataclass(rng: random.Random, names: Names) -> list[str]:
    """A dataclass / schema-like block."""
    fields = rng.sample(FIELDS, rng.randint(3, 7))
    lines = ["@dataclass(frozen=True)", f"class {names.model}{rng.choice(['Row', 'Out', 'In', 'View'])}:",
             f'    """{rng.choice(SENTENCES)}."""', "", "    id: str"]
    lines += [f"    {f}: Optional[str] = None" for f in fields]
    lines += ["    tags: list[str] = field(default_factory=list)", "", ""]
    return lines


def py_function(rng: random.Random, names: Names) -> list[str]:
    """A module-level helper or route."""
    verb, noun = rng.choice(VERBS), rng.choice(NOUNS)
    if rng.random() < 0.5:
        return [
            f'@router.get("/api/v1/{names.domain}/{{item_id}}/{noun}")',
            f"async def {verb}_{noun}_route(item_id: str, day: Optional[str] = None) -> dict[str, Any]:",
            f"    when = date.fromisoformat(day) if day else date.today()",
            f"    service = get_{names.domain}_service()",
            f"    rows = await service.{verb}_{noun}(item_id, when)",
            '    return {"items": rows, "count": len(rows), "day": when.isoformat()}',
            "", "",
        ]
    return [
        f"def {verb}_{noun}_minutes(value: datetime) -> int:",
        f'    """Minutes since local midnight of ``value`` ({rng.choice(SENTENCES).lower()})."""',
        "    local = value.astimezone(timezone.utc)",
        "    return local.hour * 60 + local.minute",
        "", "",
    ]


PY_BLOCKS = [(py_class, 3), (py_dataclass, 2), (py_function, 3)]


def ts_header(rng: random.Random, names: Names, jsx: bool, planted_import: str | None) -> list[str]:
    """Import block and a couple of types."""
    m, d = names.model, names.domain
    lines = []
    if jsx:
        lines.append('import React, { useEffect, useMemo, useState } from "react";')
    lines += [
        f'import type {{ {m}, {m}Status }} from "@/types/{d}";',
        f'import {{ apiClient as client, api }} from "@/lib/api/{d}";',
        'import { formatInTimeZone } from "date-fns-tz";',
    ]
    if jsx:
        lines.append(f'import styles from "./{m}.module.css";')
    if planted_import:
        lines.append(planted_import)
    fields = rng.sample(FIELDS, rng.randint(3, 6))
    lines += ["", f"/** {rng.choice(SENTENCES)}. */", f"export interface {m}View {{", "  id: string;"]
    lines += [f"  {lower_camel(f)}?: {rng.choice(['string', 'number', 'boolean'])};" for f in fields]
    lines += ["}", "", f'export type {m}Filter = "all" | "active" | "archived";', ""]
    return lines


def ts_function(rng: random.Random, names: Names) -> list[str]:
    """An async loader, a pure helper or a hook."""
    fn = lower_camel(f"{rng.choice(VERBS)}_{rng.choice(NOUNS)}")
    m, d = names.model, names.domain
    shape = rng.randrange(3)
    if shape == 0:
        return [
            f"export async function {fn}(id: string, signal?: AbortSignal): Promise<{m}View[]> {{",
            f"  const res = await fetch(`/api/v1/{d}/${{id}}/{rng.choice(NOUNS)}`, {{ cache: \"no-store\", signal }});",
            "  if (!res.ok) {",
            f"    throw new Error(`{fn} failed: ${{res.status}} ${{res.statusText}}`);",
            "  }",
            f"  const body = (await res.json()) as {{ items: {m}View[] }};",
            "  return body.items.filter((item) => item.id !== \"\");",
            "}",
            "",
        ]
    if shape == 1:
        return [
            f"export function {fn}(items: {m}View[], tz: string): Record<string, number> {{",
            "  const out: Record<string, number> = {};",
            "  for (const item of items) {",
            "    const key = formatInTimeZone(new Date(), tz, \"yyyy-MM-dd\");",
            "    out[key] = (out[key] ?? 0) + 1;",
            "  }",
            f"  // {rng.choice(SENTENCES)}.",
            "  return out;",
            "}",
            "",
        ]
    return [
        f"export function use{camel(fn)}(id: string) {{",
        f"  const [items, setItems] = useState<{m}View[]>([]);",
        "  const [error, setError] = useState<string | null>(null);",
        "  useEffect(() => {",
        "    const controller = new AbortController();",
        f"    client.get(`/{d}/${{id}}`, {{ signal: controller.signal }})",
        "      .then((rows) => setItems(rows))",
        "      .catch((err: Error) => setError(err.message));",
        "    return () => controller.abort();",
        "  }, [id]);",
        "  return { items, error };",
        "}",
        "",
    ]


def ts_component(rng: random.Random, names: Names) -> list[str]:
    """A React component with JSX."""
    comp = camel(f"{names.domain}_{rng.choice(NOUNS)}_{rng.choice(['card', 'list', 'panel', 'row'])}")
    m = names.model
    return [
        f"export function {comp}({{ items, onSelect }}: {{ items: {m}View[]; onSelect: (id: string) => void }}) {{",
        "  const sorted = useMemo(() => [...items].sort((a, b) => a.id.localeCompare(b.id)), [items]);",
        "  return (",
        f'    <section className={{styles.root}} aria-label="{names.domain} {rng.choice(NOUNS)}">',
        f"      <h2>{camel(names.domain)} {rng.choice(NOUNS)}s</h2>",
        "      {sorted.length === 0 ? (",
        "        <p className={styles.empty}>Nothing here yet.</p>",
        "      ) : (",
        "        <ul>",
        "          {sorted.map((item) => (",
        "            <li key={item.id}>",
        "              <button type=\"button\" onClick={() => onSelect(item.id)}>",
        "                {`#${item.id}`}",
        "              </button>",
        "            </li>",
        "          ))}",
        "        </ul>",
        "      )}",
        "    </section>",
        "  );",
        "}",
        "",
    ]


def ts_planted_function(symbol_line: str, index: int) -> list[str]:
    """A legacy loader that still calls a slot-era API."""
    return [
        f"export async function legacyWeek{index}(instructorId: string, weekStart: string) {{",
        f"  {symbol_line}",
        "  return rows;",
        "}",
        "",
    ]


# --------------------------------------------------------------------------
# Tree generation
# --------------------------------------------------------------------------

@dataclass
class TreeStats:
    """What a tree holds: counts used for the rates and the sanity check."""

    files: int = 0
    bytes: int = 0
    lines: int = 0
    py_lines: int = 0
    ts_lines: int = 0
    planted_imports: int = 0
    planted_symbols: int = 0
    decoys: int = 0
    seconds: float = 0.0

    @property
    def planted(self) -> int:
        return self.planted_imports + self.planted_symbols


def directories(prefix: str, areas: list[str], count: int) -> list[str]:
    """``count`` deterministic directories like ``backend/app/services/booking``."""
    out = []
    for k in range(count):
        area = areas[k % len(areas)]
        domain = DOMAINS[(k // len(areas)) % len(DOMAINS)]
        generation = k // (len(areas) * len(DOMAINS))
        path = f"{prefix}/{area}/{domain}" + (f"/v{generation + 1}" if generation else "")
        out.append(path)
    return out


def file_sizes(rng: random.Random, count: int, total_lines: int) -> list[int]:
    """Target line counts for ``count`` files: long-tailed, summing to ``total_lines``."""
    weights = [rng.lognormvariate(0.0, 0.7) for _ in range(count)]
    scale = total_lines / sum(weights)
    return [max(12, round(w * scale)) for w in weights]


def build_python_file(rng: random.Random, names: Names, target: int, stats: TreeStats) -> str:
    """One Python module of about ``target`` lines."""
    planted_import = None
    if rng.random() < IMPORT_RATE:
        planted_import = rng.choice(PY_PLANTED_IMPORTS)
        stats.planted_imports += 1
    lines = py_header(rng, names, planted_import)
    symbols = rng.randint(1, 2) if rng.random() < SYMBOL_RATE else 0
    makers = [f for f, w in PY_BLOCKS for _ in range(w)]
    in_class = False
    while len(lines) < target - 8:
        maker = rng.choice(makers)
        block = maker(rng, names)
        lines += block
        in_class = maker is py_class
        if in_class and symbols:
            lines[-1:] = py_planted_method(rng.choice(PY_PLANTED_SYMBOLS), symbols)
            symbols -= 1
            stats.planted_symbols += 1
        if rng.random() < DECOY_RATE:
            decoy = rng.choice(PY_DECOYS)
            lines += [decoy, ""]
            stats.decoys += 1
    while symbols:  # the file never got a class: add one to hold the call
        lines += py_class(rng, names)[:-1] + py_planted_method(rng.choice(PY_PLANTED_SYMBOLS), symbols)
        symbols -= 1
        stats.planted_symbols += 1
    return "\n".join(lines) + "\n"


def build_ts_file(rng: random.Random, names: Names, jsx: bool, target: int, stats: TreeStats) -> str:
    """One TypeScript (or TSX) module of about ``target`` lines."""
    planted_import = None
    if rng.random() < IMPORT_RATE:
        planted_import = rng.choice(TS_PLANTED_IMPORTS)
        stats.planted_imports += 1
    lines = ts_header(rng, names, jsx, planted_import)
    symbols = rng.randint(1, 2) if rng.random() < SYMBOL_RATE else 0
    makers = [ts_function, ts_function] + ([ts_component, ts_component] if jsx else [])
    while len(lines) < target - 8 or symbols:
        lines += rng.choice(makers)(rng, names)
        if symbols:
            lines += ts_planted_function(rng.choice(TS_PLANTED_SYMBOLS), symbols)
            symbols -= 1
            stats.planted_symbols += 1
        if rng.random() < DECOY_RATE:
            lines += [rng.choice(TS_DECOYS), ""]
            stats.decoys += 1
    return "\n".join(lines) + "\n"


def unique_name(used: set[str], stem: str, ext: str) -> str:
    """``stem.ext``, or ``stem_2.ext`` ... when taken in this directory."""
    name, n = f"{stem}.{ext}", 1
    while name in used:
        n += 1
        name = f"{stem}_{n}.{ext}"
    used.add(name)
    return name


def generate_tree(root: Path, files: int, lines: int, seed: int) -> TreeStats:
    """Write a deterministic synthetic monorepo under ``root``; return its stats."""
    started = time.perf_counter()
    rng = random.Random(seed)
    stats = TreeStats()
    root.mkdir(parents=True, exist_ok=True)
    # The tree is its own project root (SPEC §4), wherever --out points.
    (root / ".guardrail.yml").write_text("# generated by Benchmarks/bench.py\n")
    (root / ".gitignore").write_text("node_modules/\n__pycache__/\ndist/\n")

    py_files = round(files * PYTHON_FILE_SHARE)
    ts_files = files - py_files
    py_dirs = max(1, -(-py_files // FILES_PER_DIR))
    ts_dirs = max(1, -(-ts_files // FILES_PER_DIR))
    py_lines = round(lines * PYTHON_LINE_SHARE)
    # Each Python directory's first file is a one-line __init__.py.
    py_sizes = iter(file_sizes(rng, py_files - py_dirs, py_lines - py_dirs))
    ts_sizes = iter(file_sizes(rng, ts_files, lines - py_lines))

    def emit(rel_dir: str, name: str, text: str) -> None:
        path = root / rel_dir / name
        data = text.encode()
        path.write_bytes(data)
        count = text.count("\n")
        stats.files += 1
        stats.bytes += len(data)
        stats.lines += count
        if name.endswith(".py"):
            stats.py_lines += count
        else:
            stats.ts_lines += count

    for prefix, count, ndirs, sizes, areas, is_py in (
        ("backend/app", py_files, py_dirs, py_sizes, PY_AREAS, True),
        ("frontend/src", ts_files, ts_dirs, ts_sizes, TS_AREAS, False),
    ):
        dirs = directories(prefix, areas, ndirs)
        for d in dirs:
            (root / d).mkdir(parents=True, exist_ok=True)
        used: dict[str, set[str]] = {d: set() for d in dirs}
        carry = 0  # lines written beyond the targets so far: later files shrink to match
        for i in range(count):
            rel_dir = dirs[i // FILES_PER_DIR]
            names = Names(rel_dir.split("/")[3], rng.choice(NOUNS))
            if is_py and i % FILES_PER_DIR == 0:
                used[rel_dir].add("__init__.py")
                emit(rel_dir, "__init__.py", f'"""{camel(names.domain)} package."""\n')
                continue
            target = next(sizes)
            goal = max(12, target - carry)
            if is_py:
                kind = rng.choice(["service", "repository", "schema", "model", "utils", "tasks"])
                stem = f"{names.domain}_{names.noun}_{kind}"
                if rel_dir.split("/")[2] == "tests":
                    stem = "test_" + stem
                text = build_python_file(rng, names, goal, stats)
                emit(rel_dir, unique_name(used[rel_dir], stem, "py"), text)
            else:
                jsx = rng.random() < 0.5
                stem = camel(f"{names.domain}_{names.noun}") + rng.choice(["", "View", "Panel", "Api", "Store"])
                if not jsx:
                    stem = lower_camel(stem)
                text = build_ts_file(rng, names, jsx, goal, stats)
                emit(rel_dir, unique_name(used[rel_dir], stem, "tsx" if jsx else "ts"), text)
            carry += text.count("\n") - target
    stats.seconds = time.perf_counter() - started
    return stats


def scan_tree(root: Path) -> TreeStats:
    """Files, bytes and lines of the source files Guardrail would check in ``root``.

    Uses ``rg --files`` (which honours .gitignore, like Guardrail) when it is
    installed, else walks the tree skipping the always-skipped directories.
    """
    stats = TreeStats()
    if shutil.which("rg"):
        out = subprocess.run(["rg", "--files", *rg_globs(), str(root)],
                             capture_output=True, check=False).stdout
        paths = [Path(p) for p in out.decode(errors="replace").splitlines()]
    else:
        paths = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in SKIP_DIRS]
            paths += [Path(dirpath, f) for f in filenames
                      if f.rpartition(".")[2] in SOURCE_EXTENSIONS]
    for path in paths:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        stats.files += 1
        stats.bytes += len(data)
        stats.lines += data.count(b"\n")
    return stats


# --------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------

@dataclass
class Measurement:
    """One tool's runs over one tree."""

    tool: str
    walls: list[float]      # seconds
    cpus: list[float]       # user + system CPU seconds
    peaks: list[int]        # peak RSS of each run, bytes
    exit_codes: list[int]

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks)


GNU_TIME = "/usr/bin/time"


def gnu_time() -> bool:
    """Whether ``/usr/bin/time`` is GNU time (it reports a command's own peak RSS)."""
    if not hasattr(gnu_time, "cached"):
        try:
            out = subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True,
                                 text=True, check=False).stderr.split()
            gnu_time.cached = bool(out) and out[-1].isdigit()
        except OSError:
            gnu_time.cached = False
        if not gnu_time.cached:
            log("note: no GNU /usr/bin/time (apt-get install -y time): peak RSS comes from "
                "os.wait4 and may include this script's own RSS")
    return gnu_time.cached


def run_once(cmd: list[str], cwd: Path | None = None,
             env: dict[str, str] | None = None) -> tuple[float, float, int, int]:
    """Run ``cmd`` once, output discarded: (wall s, CPU s, peak RSS bytes, exit code).

    CPU time (user + system) is the ``os.wait4`` rusage of the child, which
    includes the children it reaped. Peak RSS comes from GNU time
    (``/usr/bin/time -f %M``) when it is installed: the command's own
    high-water mark, per run. Without it, it is wait4's ``ru_maxrss`` (per
    child, not the cumulative RUSAGE_CHILDREN maximum), which on Linux also
    counts this Python process's RSS at spawn time (exec keeps the old
    address space's high-water mark), so it is then an upper bound.
    """
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        wrapped = [GNU_TIME, "-q", "-f", "%M", "-o", report.name, *cmd] if gnu_time() else cmd
        started = time.perf_counter()
        proc = subprocess.Popen(wrapped, cwd=cwd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env={**os.environ, **env} if env else None)
        # Read stderr before reaping so a chatty child cannot block on a full pipe.
        err = proc.stderr.read() if proc.stderr else b""
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.stderr:
            proc.stderr.close()
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{cmd[0]} exited {proc.returncode}: {err.decode(errors='replace').strip()}")
        peak_kb = int(report.read().split()[-1]) if gnu_time() else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, peak_kb * 1024, proc.returncode


@dataclass
class Spec:
    """One command to measure alongside others (see ``measure_together``)."""
    tool: str
    cmd: list[str]
    cwd: Path | None = None
    env: dict[str, str] | None = None
    before: object = None
    warmup: int = 0


def measure_together(specs: list[Spec], runs: int, seed: int = 0) -> list[Measurement]:
    """Median-able samples of several commands, interleaved: each spec's
    untimed warm-up runs (``before()``, untimed, before every run), then
    ``runs`` rounds that time every command once,
    in an order shuffled per round. The machine's speed drifts within a
    run; timed in blocks, one tool would get a fast spell and another a slow
    one, and which one ran right after which would bias them too."""
    for spec in specs:
        for _ in range(spec.warmup):
            if spec.before:
                spec.before()
            run_once(spec.cmd, spec.cwd, spec.env)
    results = [Measurement(spec.tool, [], [], [], []) for spec in specs]
    order = list(range(len(specs)))
    rng = random.Random(seed)
    for _ in range(runs):
        rng.shuffle(order)
        for i in order:
            spec = specs[i]
            if spec.before:
                spec.before()
            wall, cpu, peak, code = run_once(spec.cmd, spec.cwd, spec.env)
            results[i].walls.append(wall)
            results[i].cpus.append(cpu)
            results[i].peaks.append(peak)
            results[i].exit_codes.append(code)
    for result in results:
        log(f"  {result.tool}: " + ", ".join(f"{w * 1000:.0f} ms" for w in result.walls)
            + f"; CPU {result.cpu:.2f} s; peak RSS {result.peak / 1e6:.1f} MB")
    return results


def rg_globs() -> list[str]:
    """rg over the files Guardrail reads: ``-g`` for every extension it
    checks, ``--hidden`` (Guardrail enters hidden folders) minus the folders
    it never enters (``.git``, ``node_modules``, …), and ``--no-require-git``
    so that rg honours ``.gitignore`` outside a git checkout as Guardrail
    does."""
    skipped = [arg for name in (".git", "node_modules", ".venv", "venv", "__pycache__", ".guardrail_cache")
               for arg in ("-g", f"!{name}/")]
    return ["--hidden", "--no-require-git", *[arg for ext in READ_EXTENSIONS for arg in ("-g", f"*.{ext}")], *skipped]


def guardrail_command(binary: Path, tree: Path, output: str, extra: list[str]) -> list[str]:
    """``guardrail check TREE --format json --output OUTPUT``."""
    return [str(binary), "check", str(tree), "--format", "json", "--output", output, *extra]


def guardrail_extra_flags(binary: Path) -> list[str]:
    """Extra flags for every guardrail run (none: the cache is steered by
    ``GUARDRAIL_CACHE_DIR``)."""
    return []


def ruff_binary(args: argparse.Namespace) -> str | None:
    """``--ruff PATH``, else ``ruff`` on PATH."""
    if args.ruff is not None:
        return str(args.ruff)
    return shutil.which("ruff")


def ruff_config(directory: Path) -> Path:
    """A ruff.toml with only TID251 (banned-api) and RUFF_BANNED_API."""
    path = directory / "ruff.toml"
    lines = ["[lint]", 'select = ["TID251"]', "", "[lint.flake8-tidy-imports.banned-api]"]
    for name, message in RUFF_BANNED_API.items():
        lines.append(f'"{name}".msg = {json.dumps(message)}')
    path.write_text("\n".join(lines) + "\n")
    return path


def sanity_check(binary: Path, tree: Path, extra: list[str], planted: int | None) -> dict:
    """Run guardrail once with a real JSON report and count its findings per rule."""
    with tempfile.NamedTemporaryFile(suffix=".json") as report:
        run_once(guardrail_command(binary, tree, report.name, [*extra, "--no-cache"]), tree)
        data = json.loads(Path(report.name).read_text())
    per_rule: dict[str, int] = {}
    for finding in data.get("findings", []):
        per_rule[finding["rule"]] = per_rule.get(finding["rule"], 0) + 1
    found = sum(per_rule.get(rule, 0) for rule in PLANTED_RULES)
    return {"files": data.get("summary", {}).get("files"), "per_rule": per_rule,
            "found": found, "planted": planted}


def rg_guard_matches(tree: Path) -> int:
    """How many lines the \\b-alternation ripgrep guard reports (decoys included)."""
    out = subprocess.run(["rg", "-c", "--no-filename", *rg_globs(), RG_GUARD_PATTERN, str(tree)],
                         capture_output=True, text=True, check=False).stdout
    return sum(int(n) for n in out.split())


def benchmark_tree(binary: Path, tree: Path, stats: TreeStats, args: argparse.Namespace,
                   extra: list[str], synthetic: bool = False) -> tuple[list[Measurement], dict]:
    """All tools over one tree, plus the sanity check."""
    log(f"sanity check on {tree} ...")
    sanity = sanity_check(binary, tree, extra, stats.planted if synthetic else None)
    if sanity["planted"] is not None:
        verdict = "OK" if sanity["found"] == sanity["planted"] else "MISMATCH"
        log(f"  planted {sanity['planted']} ({stats.planted_imports} imports, "
            f"{stats.planted_symbols} symbol uses), {stats.decoys} decoys; guardrail found "
            f"{sanity['found']} ({', '.join(f'{k}: {v}' for k, v in sorted(sanity['per_rule'].items()))}) -> {verdict}")
    else:
        log(f"  guardrail findings per rule: {sanity['per_rule']}")
    if sanity["files"] is not None and sanity["files"] != stats.files:
        log(f"  note: guardrail checked {sanity['files']} files, the tree has {stats.files}")

    scratch = Path(tempfile.mkdtemp(prefix="guardrail-bench-cache-"))
    cold_dir, warm_dir = scratch / "cold", scratch / "warm"
    command = guardrail_command(binary, tree, "/dev/null", extra)
    specs = [
        Spec("guardrail, all rules, cold cache", command, tree, {"GUARDRAIL_CACHE_DIR": str(cold_dir)},
             before=lambda: shutil.rmtree(cold_dir, ignore_errors=True), warmup=args.warmup),
        # The warm-up run fills the cache; the timed runs reuse it.
        Spec("guardrail, all rules, warm cache", command, tree, {"GUARDRAIL_CACHE_DIR": str(warm_dir)},
             warmup=max(args.warmup, 1)),
    ]
    ruff = ruff_binary(args)
    if ruff:
        config = ruff_config(scratch)
        specs.append(Spec("ruff, TID251 banned-api (slot-era-import + midnight)",
                          [ruff, "check", "--no-cache", "--config", str(config), "--output-format",
                           "concise", "--quiet", str(tree)], tree, warmup=args.warmup))
    else:
        log("  ruff not found: no ruff comparison (pip install ruff in a venv; --ruff PATH)")
    if shutil.which("rg"):
        floor = ["rg", "-c", "-F", *rg_globs()]
        for word in TRIGGER_WORDS:
            floor += ["-e", word]
        specs.append(Spec("rg -F on the trigger words", floor + [str(tree)], warmup=args.warmup))
        specs.append(Spec("rg \\b slot-era guard", ["rg", "-c", *rg_globs(), RG_GUARD_PATTERN, str(tree)],
                          warmup=args.warmup))
    else:
        log("  rg not on PATH: no ripgrep comparison (apt-get install -y ripgrep)")
    results = measure_together(specs, args.runs)
    if ruff:
        out = subprocess.run([ruff, "check", "--no-cache", "--config", str(config), "--output-format",
                              "concise", str(tree)], capture_output=True, text=True, check=False).stdout
        sanity["ruff_findings"] = sum(1 for line in out.splitlines() if "TID251" in line)
        log(f"  ruff reports {sanity['ruff_findings']} TID251 findings")
    if shutil.which("rg"):
        sanity["rg_guard_lines"] = rg_guard_matches(tree)
        note = (f" (planted findings {sanity['planted']}, the rest are decoys)"
                if sanity["planted"] is not None else "")
        log(f"  rg guard reports {sanity['rg_guard_lines']} matching lines{note}")
    shutil.rmtree(scratch, ignore_errors=True)
    return results, sanity


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

def machine_line() -> str:
    """``nproc``, CPU model, RAM and kernel, for pasting next to the table."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"Machine: nproc {nproc}, {cpu}, RAM {ram}, kernel {platform.release()} "
            f"(1-min load average {load:.1f} at the end of the run)")


def tool_versions(binary: Path, ruff: str | None = None) -> str:
    """One line naming the guardrail, rg and ruff versions used."""
    parts = []
    for cmd in ([str(binary), "--version"], ["rg", "--version"], *([[ruff, "--version"]] if ruff else [])):
        if shutil.which(cmd[0]) or Path(cmd[0]).exists():
            out = subprocess.run(cmd, capture_output=True, text=True, check=False).stdout
            parts.append(out.splitlines()[0].strip() if out else cmd[0])
    return "Tools: " + "; ".join(parts) + f"; Python {platform.python_version()}"


def results_table(results: list[Measurement], stats: TreeStats) -> str:
    """The Markdown table: one row per tool over the same tree."""
    base, base_cpu = results[0].wall, results[0].cpu
    mb = stats.bytes / 1e6
    rows = [
        "| tool | files | MB | lines | wall ms (median) | CPU s | files/s | MB/s | lines/s | peak RSS MB "
        "| guardrail ÷ tool (wall) | guardrail ÷ tool (CPU) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for m in results:
        cpu_ratio = f"{base_cpu / m.cpu:.2f}×" if m.cpu > 0 else "–"
        rows.append(
            f"| {m.tool} | {stats.files:,} | {mb:.1f} | {stats.lines:,} | {m.wall * 1000:.0f} | {m.cpu:.2f} "
            f"| {stats.files / m.wall:,.0f} | {mb / m.wall:.1f} | {stats.lines / m.wall:,.0f} "
            f"| {m.peak / 1e6:.1f} | {base / m.wall:.2f}× | {cpu_ratio} |")
    return "\n".join(rows)


def verdicts(results: list[Measurement]) -> str:
    """The issue's bars, as measured: cold vs ruff and rg, warm vs cold, memory."""
    by_tool = {m.tool: m for m in results}
    cold = results[0]
    lines = []
    warm = by_tool.get("guardrail, all rules, warm cache")
    if warm:
        lines.append(f"- warm ÷ cold (wall): {warm.wall / cold.wall:.2f} (bar: ≤ 0.33)")
    for m in results:
        if m.tool.startswith("ruff"):
            lines.append(f"- cold ÷ ruff (wall): {cold.wall / m.wall:.2f} (bar: < 1)")
        if m.tool == "rg -F on the trigger words":
            lines.append(f"- cold ÷ rg -F trigger words (wall): {cold.wall / m.wall:.2f} (bar: ≤ 1.5)")
        if m.tool.startswith("rg \\b"):
            lines.append(f"- cold ÷ rg \\b guard (wall): {cold.wall / m.wall:.2f}")
    peak = max(m.peak for m in results if m.tool.startswith("guardrail"))
    lines.append(f"- guardrail peak RSS: {peak / 1e6:.1f} MB (bar: < 150)")
    return "\n".join(lines)


def scale_table(entries: list[tuple[int, TreeStats, Measurement]]) -> str:
    """How guardrail's time and memory grow with the tree."""
    _, stats1, m1 = entries[0]
    rows = [
        "| scale | files | lines | MB | guardrail wall ms | CPU s | time ÷ 1× | per-line time ÷ 1× | peak RSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for scale, stats, m in entries:
        ratio = m.wall / m1.wall
        per_line = (m.wall / stats.lines) / (m1.wall / stats1.lines)
        rows.append(f"| {scale}× | {stats.files:,} | {stats.lines:,} | {stats.bytes / 1e6:.1f} "
                    f"| {m.wall * 1000:.0f} | {m.cpu:.2f} | {ratio:.2f} | {per_line:.2f} | {m.peak / 1e6:.1f} |")
    return "\n".join(rows)


# --------------------------------------------------------------------------
# Build and main
# --------------------------------------------------------------------------

def package_root() -> Path:
    """The Swift package root: the parent of this script's folder."""
    return Path(__file__).resolve().parent.parent


def build_release() -> Path:
    """``swift build -c release --static-swift-stdlib --scratch-path .build-bench``;
    return the binary. The Swift runtime and Foundation are linked in, as for
    an installed guardrail (README, "Quick start"): a run starts ~10 ms sooner
    than with a dozen shared libraries to bind."""
    root = package_root()
    cmd = ["swift", "build", "-c", "release", "--static-swift-stdlib", "--scratch-path", ".build-bench",
           "--product", "guardrail"]
    log(f"building: {' '.join(cmd)} (in {root})")
    for attempt in range(1, 4):
        # A source file edited mid-build fails the build ("modified during the build"): retry.
        if subprocess.run(cmd, cwd=root, check=False, stdout=sys.stderr).returncode == 0:
            break
        if attempt == 3:
            raise SystemExit("swift build failed; pass --binary PATH to use an existing build")
        log(f"build failed, retrying ({attempt}/3) ...")
    bin_dir = subprocess.run(cmd[:-2] + ["--show-bin-path"], cwd=root, check=True,
                             capture_output=True, text=True).stdout.strip()
    return Path(bin_dir) / "guardrail"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Benchmark `guardrail check` on a synthetic (or given) tree, against ripgrep.")
    parser.add_argument("--files", type=int, default=5000, help="files in the 1x tree (default 5000)")
    parser.add_argument("--lines", type=int, default=1_000_000, help="lines in the 1x tree (default 1,000,000)")
    parser.add_argument("--scale", default="1",
                        help="comma-separated multiples of the base size, e.g. 1,4,16 (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="generation seed (default 1)")
    parser.add_argument("--out", type=Path, help="where to write generated trees (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated trees")
    parser.add_argument("--binary", type=Path, help="guardrail binary (default: build a release one)")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per tool; the median is reported (default 3)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs per tool first (default 1)")
    parser.add_argument("--tree", type=Path, help="benchmark this existing tree instead of generating one")
    parser.add_argument("--generate-only", action="store_true", help="write the tree(s) and stop")
    parser.add_argument("--ruff", type=Path, help="ruff binary (default: ruff on PATH)")
    args = parser.parse_args(argv)
    args.scale_given = args.scale != "1" or "--scale" in (argv if argv is not None else sys.argv)
    try:
        args.scales = [int(s) for s in args.scale.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--scale: expected integers like 1,4,16, got {args.scale!r}")
    if not args.scales or min(args.scales) < 1:
        parser.error("--scale: multiples must be 1 or more")
    if args.tree is not None and not args.tree.is_dir():
        parser.error(f"--tree: not a directory: {args.tree}")
    if args.runs < 1 or args.files < 2 or args.lines < args.files:
        parser.error("need --runs >= 1, --files >= 2 and --lines >= --files")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.generate_only:
        binary = None
    else:
        binary = args.binary.resolve() if args.binary else build_release()
        if not binary.exists():
            log(f"no guardrail binary at {binary}")
            return 2
        extra = guardrail_extra_flags(binary)

    if args.tree is not None:
        tree = args.tree.resolve()
        stats = scan_tree(tree)
        log(f"tree {tree}: {stats.files:,} files, {stats.lines:,} lines, {stats.bytes / 1e6:.1f} MB")
        results, sanity = benchmark_tree(binary, tree, stats, args, extra)
        print(f"## {tree.name}: {stats.files:,} files, {stats.lines:,} lines, median of {args.runs}\n")
        print(results_table(results, stats))
        print("\n" + verdicts(results))
        print(f"\nguardrail findings per rule (cold run): {sanity['per_rule']}"
              + (f"; ruff TID251 findings: {sanity['ruff_findings']}" if "ruff_findings" in sanity else "") + "\n")
        if not args.scale_given:
            print(f"{machine_line()}\n{tool_versions(binary, ruff_binary(args))}")
            return 0

    out = args.out.resolve() if args.out else Path(tempfile.mkdtemp(prefix="guardrail-bench-"))
    scale_entries: list[tuple[int, TreeStats, Measurement]] = []
    sections: list[str] = []
    try:
        for scale in args.scales:
            tree = out / f"tree-seed{args.seed}-x{scale}"
            if tree.exists():
                shutil.rmtree(tree)
            log(f"generating {scale}x: {args.files * scale:,} files, ~{args.lines * scale:,} lines in {tree} ...")
            stats = generate_tree(tree, args.files * scale, args.lines * scale, args.seed)
            log(f"  {stats.files:,} files, {stats.lines:,} lines ({stats.py_lines / stats.lines:.0%} Python), "
                f"{stats.bytes / 1e6:.1f} MB in {stats.seconds:.1f} s; "
                f"planted {stats.planted} ({stats.planted_imports} imports, {stats.planted_symbols} symbol uses), "
                f"{stats.decoys} decoys")
            if args.generate_only:
                continue
            results, sanity = benchmark_tree(binary, tree, stats, args, extra, synthetic=True)
            verdict = "OK" if sanity["found"] == sanity["planted"] else "MISMATCH"
            section = [
                f"## {scale}× — {stats.files:,} files, {stats.lines:,} lines "
                f"({stats.py_lines / stats.lines:.0%} Python / {stats.ts_lines / stats.lines:.0%} TS), "
                f"seed {args.seed}, median of {args.runs}\n",
                results_table(results, stats),
                "\n" + verdicts(results),
                f"\nPlanted slot-era findings: {sanity['planted']} ({stats.planted_imports} imports, "
                f"{stats.planted_symbols} symbol uses) plus {stats.decoys} decoys; guardrail "
                f"{' + '.join(PLANTED_RULES)}: {sanity['found']} ({verdict})"
                + (f"; rg guard matching lines: {sanity['rg_guard_lines']}" if "rg_guard_lines" in sanity else "")
                + ".",
            ]
            sections.append("\n".join(section))
            print(sections[-1] + "\n", flush=True)
            scale_entries.append((scale, stats, results[0]))
            if not args.keep and args.out is None:
                shutil.rmtree(tree, ignore_errors=True)
    finally:
        if not args.keep and args.out is None:
            shutil.rmtree(out, ignore_errors=True)
        elif args.generate_only or args.keep:
            log(f"trees kept under {out}")
    if args.generate_only:
        return 0
    if len(scale_entries) > 1:
        print("## Scaling (guardrail)\n")
        print(scale_table(scale_entries))
        print()
    print(machine_line())
    print(tool_versions(binary, ruff_binary(args)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
