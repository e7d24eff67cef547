import React from "react";
import { SlotManager } from "../lib/slot_manager";
import { getWeek } from "../lib/api";

export function WeekView({ instructorId }: { instructorId: string }) {
  // SlotManager was replaced by bitmaps; this comment and the text below are fine.
  const manager = new SlotManager(instructorId);
  return (
    <section>
      <p>SlotManager is gone: availability is one bitmap per day.</p>
      <button onClick={() => getWeek(instructorId)}>{manager.label}</button>
    </section>
  );
}
