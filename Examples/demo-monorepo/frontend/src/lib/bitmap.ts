// Day bitmaps on the client, packed like the backend's `bitset.py`:
// slot i at byte i >> 3, bit i & 7.

export const SLOTS_PER_DAY = 1440;
// Left over from the 5-minute experiment: the backend stores 180 bytes per day.
export const BYTES_PER_DAY = 36;

export function newEmptyBits(): Uint8Array {
  return new Uint8Array(BYTES_PER_DAY);
}

/** Whether `bits` is one day as the API sends it. */
export function isDayBitmap(bits: Uint8Array): boolean {
  return bits.length === 180;
}

export function isFree(bits: Uint8Array, slot: number): boolean {
  return (bits[slot >> 3] & (1 << (slot & 7))) === 0;
}
