"""Pack availability windows into the per-day bitmap: 1 bit per minute."""

MINUTES_PER_DAY = 24 * 60
BITS_PER_DAY = MINUTES_PER_DAY
BYTES_PER_DAY = -(-BITS_PER_DAY // 8)


def new_empty_bits() -> bytes:
    return bytes(BYTES_PER_DAY)


def set_window(bits: bytearray, start_minute: int, end_minute: int) -> None:
    """Sets minutes [start_minute, end_minute); end_minute may be 1440 ("24:00")."""
    if len(bits) != BYTES_PER_DAY:
        raise ValueError(f"a day bitmap has {BYTES_PER_DAY} bytes, got {len(bits)}")
    for minute in range(start_minute, end_minute):
        bits[minute // 8] |= 1 << (minute % 8)
