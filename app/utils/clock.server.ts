// The time the app believes it is: every rule that reads "now" or "today" reads it here, never the
// machine's or the database's clock directly, so tests move it (setNow) to check expiry and "open now",
// and CI runs the suite a year ahead (faketime) to catch a path that reads the machine's date.
// Prisma's @default(now()) and @updatedAt stay on the machine's clock: they record when a row was
// written and order rows of a test by creation even when the test froze this clock; a timestamp a
// rule compares with now() (nextAttemptAt, respondedAt, a meeting's or an adhesion's createdAt…)
// is written explicitly from here.
let frozen: Date | undefined;
export function now(): Date {
  return frozen ? new Date(frozen) : new Date();
}
export function setNow(date: Date | undefined) {
  frozen = date;
}

/**
 * Runs `fn` as if it were `at`, then gives the clock back as it was. Only for replaying the past
 * through the app's own rules: the demo seed holds its past general assembly this way, before the
 * server listens (prisma/seed/demo-assemblies.server.ts).
 */
export async function atTime<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  const previous = frozen;
  frozen = new Date(at);
  try {
    return await fn();
  } finally {
    frozen = previous;
  }
}
