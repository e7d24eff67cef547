// Fetch wrappers: every availability read carries an explicit cache policy.
export async function getWeek(instructorId: string): Promise<Response> {
  return fetch(`/api/instructors/${instructorId}/availability/week`, { cache: "no-store" });
}
