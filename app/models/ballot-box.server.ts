// The published ballot box of a poll, as one document: what the box page shows and what its
// JSON download holds, so that anyone can recount (scripts/recount.mjs). Only after publication;
// before, nothing but "n of N have voted" (progress in polls.server.ts). It names the candidates
// and the organisations that voted (not how); it never breaks results down by kind of organisation.
import { prisma } from "#app/utils/db.server";
import { seedMatchesCommitment } from "#app/votes/lots.server";

import type { PollResult } from "./poll-tally.server";
import { ballotBox, votedOrganisations } from "./polls.server";
import { paperTotalsState } from "./polls.server";

export const BOX_FORMAT = "maillage-ballot-box-v1";

/** The box of a published poll of this assembly, or null when the poll is not (or not yet) published. */
export async function publishedBox(assemblyId: string, pollId: string) {
  const poll = await prisma.poll.findFirst({
    where: { id: pollId, assemblyId },
    select: {
      id: true,
      title: true,
      kind: true,
      status: true,
      majorityRule: true,
      base: true,
      choiceSet: true,
      seats: true,
      rules: true,
      lotsCommitment: true,
      lotsSeed: true,
      publishedAt: true,
      result: true,
      agendaItem: { select: { title: true } },
      candidates: { select: { organisationId: true, college: true, organisation: { select: { name: true } } }, orderBy: { organisationId: "asc" } },
    },
  });
  if (!poll || poll.status !== "published") return null;
  const [ballots, voted, paper] = await Promise.all([ballotBox(poll.id), votedOrganisations(poll.id), paperTotalsState(poll.id)]);
  const names = await prisma.organisation.findMany({ where: { id: { in: voted } }, select: { id: true, name: true } });
  const result = poll.result as unknown as PollResult;
  return {
    format: BOX_FORMAT,
    poll: {
      id: poll.id,
      title: poll.title,
      question: poll.agendaItem?.title ?? null,
      kind: poll.kind as "resolution" | "election",
      majorityRule: poll.majorityRule,
      base: poll.base,
      choiceSet: poll.choiceSet,
      seats: poll.seats,
      tieRule: (poll.rules as { tieRule?: string } | null)?.tieRule ?? null,
      colleges: (poll.rules as { colleges?: { name: string; minSeats: number; maxSeats: number | null }[] } | null)?.colleges ?? [],
      publishedAt: poll.publishedAt?.toISOString() ?? null,
    },
    candidates: poll.candidates.map((c) => ({ id: c.organisationId, name: c.organisation.name, college: c.college })),
    ballots: ballots.map((b) => ({ tracker: b.tracker, choices: b.choices as string[], nonce: b.nonce })),
    paperTotals: paper.state === "agree" ? { ballots: paper.ballots, totals: paper.totals } : null,
    lots: poll.lotsCommitment
      ? { commitment: poll.lotsCommitment, seed: poll.lotsSeed, matches: !!poll.lotsSeed && seedMatchesCommitment(poll.lotsSeed, poll.lotsCommitment) }
      : null,
    votedOrganisations: names.map((o) => ({ id: o.id, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, "fr")),
    result,
  };
}

export type PublishedBox = NonNullable<Awaited<ReturnType<typeof publishedBox>>>;
