// The kinds of durable job and what each carries. A kind is a name stored in Job.kind: renaming
// one strands the jobs already queued under the old name, so add a new kind instead.
export type JobPayloads = {
  /** Look the address up; if it has an account, create a reset link and e-mail it (account.server.ts). */
  "account.passwordReset": { email: string };
  /** One delivery round of the outbox (email.server.ts), queued by the "outbox.deliver" schedule. */
  "outbox.deliver": Record<string, never>;
  /** The charter renewal reminder rounds that are due (adhesion.server.ts). */
  "charter.reminders": Record<string, never>;
  /** The meeting reminders that are due, two days before each meeting (meetings.server.ts). */
  "meeting.reminders": Record<string, never>;
  /** Deletes finished jobs past their retention (queue.server.ts). */
  "jobs.purge": Record<string, never>;
};

export type JobKind = keyof JobPayloads;

/**
 * How many times a job is tried before it is left as failed. A scheduled round is tried once or
 * a few times only: the next slot of its schedule is a new try anyway.
 */
export const MAX_ATTEMPTS: Record<JobKind, number> = {
  "account.passwordReset": 5,
  "outbox.deliver": 1,
  "charter.reminders": 3,
  "meeting.reminders": 3,
  "jobs.purge": 1,
};
