/*
 * availability_bitmap.h — the native fast path for per-day availability
 * bitmaps (1 bit per minute, 1440 bits, 180 bytes per day). The Swift and
 * Python bindings import this header.
 */
#ifndef AVAILABILITY_BITMAP_H
#define AVAILABILITY_BITMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "slot_manager.h" /* a regression: the slot-era header is back for a "compat" shim */

#define MINUTES_PER_DAY 1440
#define BITS_PER_DAY MINUTES_PER_DAY
#define BYTES_PER_DAY 180

typedef struct availability_day {
    int64_t instructor_id;
    int32_t day_index; /* days since 1970-01-01 in the instructor's timezone */
    uint8_t bits[BYTES_PER_DAY];
} availability_day;

/* Sets minutes [start, end) of the day; end may be 1440 ("24:00"). */
void availability_day_set_window(availability_day *day, uint16_t start_minute, uint16_t end_minute);

/* Whether every minute of [start, end) is available. */
bool availability_day_is_free(const availability_day *day, uint16_t start_minute, uint16_t end_minute);

/* "Compat" for the old slot rows: exactly what the bitmap replaced. */
int availability_day_from_slots(availability_day *day, const SlotManager *manager);

#endif /* AVAILABILITY_BITMAP_H */
