// Candidacies of an election (issue 12): the titular delegate of an organisation of the roll
// declares or withdraws its own candidacy while the poll is a draft and before the deadline; the
// coordinator enters or withdraws any candidate of the roll while it is a draft, even after the
// deadline; nobody else, and nobody once the poll is ready.
import { describe, expect, test } from "vitest";

import { addCandidate, createPoll, markReady, removeCandidate } from "#app/models/polls.server";
import { now, setNow } from "#app/utils/clock.server";
import { prisma } from "#app/utils/db.server";
import { assemblySetting } from "#tests/assembly-helpers";
import { createUser, makeDelegate } from "#tests/factories";

const HOUR = 3_600_000;
const key = (k: string) => ({ key: k });

async function election() {
  const s = await assemblySetting({ members: 4 });
  const poll = await createPoll(s.assembly.id, s.coordinator.id, {
    kind: "election",
    title: "Comité",
    seats: 2,
    candidaciesUntil: new Date(+now() + 2 * HOUR),
  });
  return { s, poll };
}

describe("candidacies", () => {
  test("the deadline is kept for an election only", async () => {
    const { s, poll } = await election();
    expect(poll.candidaciesUntil).toBeInstanceOf(Date);
    const resolution = await createPoll(s.assembly.id, s.coordinator.id, { kind: "resolution", title: "Budget", candidaciesUntil: new Date() });
    expect(resolution.candidaciesUntil).toBeNull();
  });

  test("a titular delegate declares and withdraws its own organisation's candidacy before the deadline", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, a.titularId, { organisationId: a.id });
    expect(await prisma.candidate.findMany({ where: { pollId: poll.id }, select: { organisationId: true, declaredById: true } })).toEqual([
      { organisationId: a.id, declaredById: a.titularId },
    ]);
    // Not another organisation's, not as a substitute.
    await expect(addCandidate(poll.id, a.titularId, { organisationId: b.id })).rejects.toMatchObject(key("error.forbidden"));
    await expect(addCandidate(poll.id, b.substituteId, { organisationId: b.id })).rejects.toMatchObject(key("error.forbidden"));
    await expect(removeCandidate(poll.id, b.titularId, a.id)).rejects.toMatchObject(key("error.forbidden"));
    await removeCandidate(poll.id, a.titularId, a.id);
    expect(await prisma.candidate.count({ where: { pollId: poll.id } })).toBe(0);
    await expect(removeCandidate(poll.id, a.titularId, a.id)).rejects.toMatchObject(key("assemblies.error.poll.notCandidate"));
    const actions = await prisma.auditLog.findMany({ where: { entityId: poll.id }, orderBy: { createdAt: "asc" }, select: { action: true } });
    expect(actions.map((x) => x.action)).toEqual(["poll.create", "poll.candidate.add", "poll.candidate.remove"]);
  });

  test("an applicant's delegate cannot declare: not on the roll", async () => {
    const { s, poll } = await election();
    const applicantDelegate = await createUser();
    await makeDelegate(s.applicant.id, applicantDelegate.id, "titular");
    await expect(addCandidate(poll.id, applicantDelegate.id, { organisationId: s.applicant.id })).rejects.toMatchObject(key("error.forbidden"));
  });

  test("after the deadline the delegate is refused, the coordinator may still enter and withdraw", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, b.titularId, { organisationId: b.id });
    setNow(new Date(+now() + 3 * HOUR));
    try {
      await expect(addCandidate(poll.id, a.titularId, { organisationId: a.id })).rejects.toMatchObject(key("assemblies.error.poll.candidacyDeadline"));
      await expect(removeCandidate(poll.id, b.titularId, b.id)).rejects.toMatchObject(key("assemblies.error.poll.candidacyDeadline"));
      await addCandidate(poll.id, s.coordinator.id, { organisationId: a.id });
      await removeCandidate(poll.id, s.coordinator.id, b.id);
      expect((await prisma.candidate.findMany({ where: { pollId: poll.id } })).map((c) => c.organisationId)).toEqual([a.id]);
    } finally {
      setNow(undefined);
    }
  });

  test("once the poll is ready nobody changes the candidates", async () => {
    const { s, poll } = await election();
    const [a, b] = s.members;
    await addCandidate(poll.id, a.titularId, { organisationId: a.id });
    await markReady(poll.id, s.coordinator.id);
    await expect(addCandidate(poll.id, b.titularId, { organisationId: b.id })).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
    await expect(addCandidate(poll.id, s.coordinator.id, { organisationId: b.id })).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
    await expect(removeCandidate(poll.id, s.coordinator.id, a.id)).rejects.toMatchObject(key("assemblies.error.poll.candidaciesClosed"));
  });
});
