// The kinds of durable job and what each carries. A kind is a name stored in Job.kind: renaming
// one strands the jobs already queued under the old name, so add a new kind instead.
export type JobPayloads = {
  /** Look the address up; if it has an account, create a reset link and e-mail it (account.server.ts). */
  "account.passwordReset": { email: string };
};

export type JobKind = keyof JobPayloads;

/** How many times a job is tried before it is left as failed. */
export const MAX_ATTEMPTS: Record<JobKind, number> = {
  "account.passwordReset": 5,
};
