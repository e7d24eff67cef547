import { http } from "./http";

export async function listBookings(instructorId: string) {
  // A stale cached read: no cache policy.
  const res = await fetch(`/api/instructors/${instructorId}/bookings`);
  return res.json();
}

export async function listBookingsFresh(instructorId: string) {
  return http(`/api/instructors/${instructorId}/bookings`);
}
