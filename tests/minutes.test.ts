// The minutes of a meeting through the routes, as people use them: the note-taker volunteers and
// writes without JavaScript, submits; participants comment; a facilitator approves (or puts the
// approval on the next meeting's agenda) and publishes; every illegal step is refused with a
// sentence and changes nothing; published versions are frozen (also by the database); corrections
// make new versions with their history; who may read what.
import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";
import { createMeeting } from "#tests/factories";

import {
  draftForm,
  futureMeeting,
  groupSetting,
  latestMinutes,
  postAction,
  postEdit,
  postMinutes,
  readAction,
  readEdit,
  readMinutes,
  readPdf,
  readVersion,
  type Setting,
} from "./minutes-helpers";

/** Volunteers Nadia and saves a first draft with one action item for Asbl Bêta. */
async function writeDraft(s: Setting) {
  expect((await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker)).status).toBe(302);
  const saved = await postEdit(
    s,
    draftForm({ "actions[0].what": "Écrire au CPAS", "actions[0].organisation": s.orgB.id, "actions[0].dueOn": "2026-12-15", "actions[0].status": "open" }),
    s.cookies.noteTaker,
  );
  expect(saved.status).toBe(302);
  return latestMinutes(s.meeting.id);
}

const step = (s: Setting, intent: string, minutesId: string, cookie: string, extra: Record<string, string> = {}) =>
  postMinutes(s, { intent, minutesId, ...extra }, cookie);

async function expectRefused(s: Setting, intent: string, minutesId: string, cookie: string, key: string, extra: Record<string, string> = {}) {
  const before = await prisma.minutes.findUniqueOrThrow({ where: { id: minutesId } });
  const result = await step(s, intent, minutesId, cookie, extra);
  expect(result.status, `${intent} from ${before.status}`).toBe(400);
  expect(JSON.stringify(result.body)).toContain(key);
  const after = await prisma.minutes.findUniqueOrThrow({ where: { id: minutesId } });
  expect(after).toEqual(before);
}

describe("the workflow", () => {
  test("draft → submitted → approved → published, each illegal step refused with nothing changed", async () => {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    expect(minutes).toMatchObject({ version: 1, status: "draft", language: "fr", authorId: s.noteTaker.id, authorOrganisationId: s.orgA.id });
    expect(minutes.body).toBe("<p>Tour de table.</p><ul><li><p>Logement d&#39;urgence</p></li><li><p>Permanences</p></li></ul>".replace("&#39;", "'"));
    expect(minutes.searchText).toContain("Réunion de novembre");
    expect(minutes.searchText).toContain("Le groupe écrira au CPAS.");
    expect(minutes.searchText).toContain("Permanences");

    // From draft: only "submit".
    await expectRefused(s, "approve", minutes.id, s.cookies.facilitator, "minutes.error.cannotApprove");
    await expectRefused(s, "approveAtNextMeeting", minutes.id, s.cookies.facilitator, "minutes.error.cannotApprove");
    await expectRefused(s, "publish", minutes.id, s.cookies.facilitator, "minutes.error.cannotPublish", { visibility: "public" });
    await expectRefused(s, "reopen", minutes.id, s.cookies.noteTaker, "minutes.error.cannotReopen");
    expect((await step(s, "submit", minutes.id, s.cookies.noteTaker)).status).toBe(302);

    // From submitted: not submitted again, not published, not edited; the note-taker does not approve.
    const submitted = await latestMinutes(s.meeting.id);
    expect(submitted.status).toBe("submitted");
    await expectRefused(s, "submit", minutes.id, s.cookies.noteTaker, "minutes.error.cannotSubmit");
    await expectRefused(s, "publish", minutes.id, s.cookies.facilitator, "minutes.error.cannotPublish", { visibility: "public" });
    expect((await step(s, "approve", minutes.id, s.cookies.noteTaker)).status).toBe(403);
    const edit = await postEdit(s, draftForm({ body: "Autre texte" }), s.cookies.noteTaker);
    expect(edit.status).toBe(400);
    expect(JSON.stringify(edit.body)).toContain("minutes.error.notDraft");
    expect((await latestMinutes(s.meeting.id)).body).toBe(submitted.body);

    // Back to draft and submitted again, then approved by the facilitator.
    expect((await step(s, "reopen", minutes.id, s.cookies.noteTaker)).status).toBe(302);
    expect((await latestMinutes(s.meeting.id)).status).toBe("draft");
    expect((await step(s, "submit", minutes.id, s.cookies.noteTaker)).status).toBe(302);
    expect((await step(s, "approve", minutes.id, s.cookies.facilitator)).status).toBe(302);
    const approved = await latestMinutes(s.meeting.id);
    expect(approved).toMatchObject({ status: "approved", approvedById: s.facilitator.id });

    // From approved: only "publish", and only with a visibility.
    await expectRefused(s, "submit", minutes.id, s.cookies.noteTaker, "minutes.error.cannotSubmit");
    await expectRefused(s, "approve", minutes.id, s.cookies.facilitator, "minutes.error.cannotApprove");
    await expectRefused(s, "reopen", minutes.id, s.cookies.noteTaker, "minutes.error.cannotReopen");
    await expectRefused(s, "approveAtNextMeeting", minutes.id, s.cookies.facilitator, "minutes.error.cannotApprove");
    await expectRefused(s, "publish", minutes.id, s.cookies.facilitator, "minutes.error.visibilityRequired");
    expect((await step(s, "publish", minutes.id, s.cookies.noteTaker, { visibility: "public" })).status).toBe(403);
    expect((await step(s, "publish", minutes.id, s.cookies.facilitator, { visibility: "group" })).status).toBe(302);
    const published = await latestMinutes(s.meeting.id);
    expect(published).toMatchObject({ status: "published", visibility: "group", publishedById: s.facilitator.id });

    // Published: frozen for every step and for the editor; the database refuses too.
    for (const intent of ["submit", "approve", "reopen", "approveAtNextMeeting"])
      await expectRefused(s, intent, minutes.id, s.cookies.facilitator, "minutes.error.frozen");
    await expectRefused(s, "publish", minutes.id, s.cookies.facilitator, "minutes.error.frozen", { visibility: "public" });
    const frozenEdit = await postEdit(s, draftForm({ body: "Réécrit" }), s.cookies.noteTaker);
    expect(frozenEdit.status).toBe(400);
    expect(JSON.stringify(frozenEdit.body)).toContain("minutes.error.frozen");
    const editPage = await readEdit(s, s.cookies.noteTaker);
    expect(editPage.body).toMatchObject({ locked: { status: "published", version: 1 } });
    await expect(prisma.minutes.update({ where: { id: minutes.id }, data: { body: "<p>En douce</p>" } })).rejects.toThrow(/published and frozen/);
    await expect(prisma.minutes.update({ where: { id: minutes.id }, data: { visibility: "public" } })).rejects.toThrow(/published and frozen/);
    expect((await latestMinutes(s.meeting.id)).body).toBe(published.body);

    const audit = await prisma.auditLog.findMany({
      where: { entityType: "minutes", entityId: minutes.id },
      orderBy: { createdAt: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual(["minutes.create", "minutes.submit", "minutes.reopen", "minutes.submit", "minutes.approve", "minutes.publish"]);
  });

  test("only the note-taker or a manager writes; a participant volunteers once; a manager names a delegate of a member organisation", async () => {
    const s = await groupSetting();
    expect((await postEdit(s, draftForm(), s.cookies.noteTaker)).status).toBe(403); // not the note-taker yet
    expect((await postEdit(s, draftForm(), s.cookies.outsider)).status).toBe(403);
    expect((await postMinutes(s, { intent: "volunteer" }, s.cookies.outsider)).status).toBe(404); // not in the group at all
    expect((await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker)).status).toBe(302);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: s.meeting.id } })).noteTakerId).toBe(s.noteTaker.id);
    const again = await postMinutes(s, { intent: "volunteer" }, s.cookies.facilitator);
    expect(again.status).toBe(400);
    expect(JSON.stringify(again.body)).toContain("minutes.error.noteTakerTaken");

    expect((await postMinutes(s, { intent: "noteTaker", noteTaker: s.outsider.id }, s.cookies.facilitator)).status).toBe(400);
    expect((await postMinutes(s, { intent: "noteTaker", noteTaker: s.facilitator.id }, s.cookies.noteTaker)).status).toBe(403);
    expect((await postMinutes(s, { intent: "noteTaker", noteTaker: s.facilitator.id }, s.cookies.coordinator)).status).toBe(302);
    expect((await prisma.meeting.findUniqueOrThrow({ where: { id: s.meeting.id } })).noteTakerId).toBe(s.facilitator.id);
    expect((await postEdit(s, draftForm(), s.cookies.noteTaker)).status).toBe(403); // no longer the note-taker
  });

  test("an empty text is not submitted", async () => {
    const s = await groupSetting();
    await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker);
    const result = await postEdit(s, draftForm({ intent: "submit", body: "", decisions: "" }), s.cookies.noteTaker);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("minutes.error.bodyEmpty");
    expect((await latestMinutes(s.meeting.id)).status).toBe("draft");
  });

  test("participants comment on submitted minutes only", async () => {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    const early = await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "Trop tôt" }, s.cookies.facilitator);
    expect(early.status).toBe(400);
    expect(JSON.stringify(early.body)).toContain("minutes.error.commentsClosed");
    await step(s, "submit", minutes.id, s.cookies.noteTaker);
    expect((await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "Il manque <b>la date</b>." }, s.cookies.facilitator)).status).toBe(302);
    expect((await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "Moi aussi" }, s.cookies.outsider)).status).toBe(404);
    expect((await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: "  " }, s.cookies.noteTaker)).status).toBe(400);
    const page = await readMinutes(s, s.cookies.noteTaker);
    expect(page.body).toMatchObject({ comments: [{ body: "Il manque <b>la date</b>.", author: { name: "Bruno Anime" } }], may: { comment: true } });
  });
});

describe("approve at the next meeting", () => {
  test("adds an agenda item to the group's next scheduled meeting, once; refused when there is none", async () => {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    await step(s, "submit", minutes.id, s.cookies.noteTaker);
    const none = await step(s, "approveAtNextMeeting", minutes.id, s.cookies.facilitator);
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain("minutes.error.noNextMeeting");

    const later = await futureMeeting(s, 40);
    const next = await futureMeeting(s, 20);
    await createMeeting(s.group.id, { startsAt: new Date(Date.now() + 10 * 86_400_000), status: "cancelled" });
    await prisma.agendaItem.create({ data: { meetingId: next.id, position: 1, title: "Tour de table" } });
    expect((await step(s, "approveAtNextMeeting", minutes.id, s.cookies.facilitator)).status).toBe(302);
    const items = await prisma.agendaItem.findMany({ where: { minutesId: minutes.id } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ meetingId: next.id, position: 2 });
    expect(items[0].title).toContain("Réunion de novembre");
    expect(await prisma.agendaItem.count({ where: { meetingId: later.id } })).toBe(0);
    expect(await latestMinutes(s.meeting.id)).toMatchObject({ status: "submitted", approvalMeetingId: next.id });

    const twice = await step(s, "approveAtNextMeeting", minutes.id, s.cookies.facilitator);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain("minutes.error.alreadyOnAgenda");
    expect(await prisma.agendaItem.count({ where: { minutesId: minutes.id } })).toBe(1);
    // At that meeting, the minutes are approved as usual.
    expect((await step(s, "approve", minutes.id, s.cookies.coordinator)).status).toBe(302);
  });
});

describe("publication", () => {
  test("e-mails each participant and facilitator of the group once, in their language", async () => {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    await step(s, "submit", minutes.id, s.cookies.noteTaker);
    await step(s, "approve", minutes.id, s.cookies.facilitator);
    const result = await step(s, "publish", minutes.id, s.cookies.coordinator, { visibility: "network" });
    expect(result.status).toBe(302);
    const outbox = await prisma.outboxEmail.findMany({ where: { networkId: s.network.id }, orderBy: { to: "asc" } });
    expect(outbox.map((e) => e.to).sort()).toEqual([s.facilitator.email, s.noteTaker.email].sort());
    const toNadia = outbox.find((e) => e.to === s.noteTaker.email)!;
    expect(toNadia.subject).toBe("Procès-verbal publié : Réunion de novembre (Logement)");
    expect(toNadia.text).toContain(`/${s.network.slug}/meetings/${s.meeting.id}/minutes`);
    expect(toNadia.text).toContain("lisible par les organisations du réseau");
    expect(outbox.find((e) => e.to === s.facilitator.email)!.subject).toBe("Verslag gepubliceerd: Réunion de novembre (Logement)");
  });
});

describe("who reads what", () => {
  async function published(visibility: "group" | "network" | "public") {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    await step(s, "submit", minutes.id, s.cookies.noteTaker);
    await step(s, "approve", minutes.id, s.cookies.facilitator);
    await step(s, "publish", minutes.id, s.cookies.facilitator, { visibility });
    return s;
  }

  test("group-only minutes: never for a non-member, whatever the page", async () => {
    const s = await published("group");
    // A member of the group reads them.
    expect(await readMinutes(s, s.cookies.noteTaker)).toMatchObject({ status: 200, body: { current: { version: 1, status: "published" } } });
    // A delegate of another organisation of the network sees the meeting, not the minutes.
    const outsider = await readMinutes(s, s.cookies.outsider);
    expect(outsider).toMatchObject({ status: 200, body: { current: null, actions: [], comments: [] } });
    // …and is told they exist and to whom they are reserved, not "no minutes yet".
    expect(outsider.body).toMatchObject({ reservedTo: "group" });
    expect(await readMinutes(s, s.cookies.noteTaker)).toMatchObject({ body: { reservedTo: null } });
    expect(JSON.stringify(outsider.body)).not.toContain("Permanences");
    expect(JSON.stringify(outsider.body)).not.toContain("Écrire au CPAS");
    // Someone outside the network, and a visitor.
    expect((await readMinutes(s, s.cookies.stranger)).status).toBe(404);
    const anonymous = await readMinutes(s);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
    for (const cookie of [s.cookies.outsider, s.cookies.stranger]) {
      expect((await readVersion(s, 1, cookie)).status).toBe(404);
      const pdf = await readPdf(s, cookie);
      expect(pdf.status).toBe(404);
      expect(pdf.headers.get("Content-Type")).toContain("text/html");
      expect(await pdf.text()).not.toContain("Permanences");
    }
    const pdf = await readPdf(s, s.cookies.facilitator);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  test("network minutes: insiders yes, others no; public minutes: everyone", async () => {
    const s = await published("network");
    expect(await readMinutes(s, s.cookies.outsider)).toMatchObject({ status: 200, body: { current: { version: 1 } } });
    expect((await readMinutes(s, s.cookies.stranger)).status).toBe(404);
    expect((await readPdf(s)).status).toBe(404);

    const p = await published("public");
    expect(await readMinutes(p)).toMatchObject({ status: 200, body: { current: { version: 1, visibility: "public" }, may: { write: false, comment: false } } });
    expect(await readVersion(p, 1)).toMatchObject({ status: 200, body: { version: { version: 1 } } });
    expect((await readPdf(p)).status).toBe(200);
  });

  test("drafts are for the writers; submitted minutes for the group's readers only", async () => {
    const s = await groupSetting();
    const minutes = await writeDraft(s);
    expect(await readMinutes(s, s.cookies.facilitator)).toMatchObject({ body: { current: { status: "draft" } } }); // a manager writes too
    await prisma.meeting.update({ where: { id: s.meeting.id }, data: { noteTakerId: s.noteTaker.id } });
    const coordinatorView = await readMinutes(s, s.cookies.coordinator);
    expect(coordinatorView.body).toMatchObject({ current: { status: "draft" } });
    await step(s, "submit", minutes.id, s.cookies.noteTaker);
    expect(await readMinutes(s, s.cookies.facilitator)).toMatchObject({ body: { current: { status: "submitted" }, may: { comment: true } } });
    expect(await readMinutes(s, s.cookies.outsider)).toMatchObject({ body: { current: null } });
    expect((await readVersion(s, 1, s.cookies.outsider)).status).toBe(404);
    expect((await readPdf(s, s.cookies.outsider)).status).toBe(404);
  });
});

describe("corrections", () => {
  test("a correction is version 2, goes through the workflow and supersedes version 1, which stays readable", async () => {
    const s = await groupSetting();
    const draft = await writeDraft(s);
    await step(s, "submit", draft.id, s.cookies.noteTaker);
    await step(s, "approve", draft.id, s.cookies.facilitator);
    await step(s, "publish", draft.id, s.cookies.facilitator, { visibility: "public" });
    const v1 = await latestMinutes(s.meeting.id);

    expect((await postMinutes(s, { intent: "correct", correctionNote: "" }, s.cookies.noteTaker)).status).toBe(400);
    expect((await postMinutes(s, { intent: "correct", correctionNote: "Nom oublié" }, s.cookies.outsider)).status).toBe(404);
    const started = await postMinutes(s, { intent: "correct", correctionNote: "Nom d'une organisation oublié" }, s.cookies.noteTaker);
    expect(started.status).toBe(302);
    expect(started.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${s.meeting.id}/minutes/edit`);
    const v2 = await latestMinutes(s.meeting.id);
    expect(v2).toMatchObject({ version: 2, status: "draft", body: v1.body, decisions: v1.decisions, correctionNote: "Nom d'une organisation oublié" });
    const twice = await postMinutes(s, { intent: "correct", correctionNote: "Encore" }, s.cookies.noteTaker);
    expect(twice.status).toBe(400);
    expect(JSON.stringify(twice.body)).toContain("minutes.error.correctionOpen");

    // The action item stays on the meeting: the form shows it again, with its id.
    const form = await readEdit(s, s.cookies.noteTaker);
    const item = await prisma.actionItem.findFirstOrThrow({ where: { meetingId: s.meeting.id } });
    expect(form.body).toMatchObject({ version: 2, locked: null, defaults: { actions: [{ id: item.id, what: "Écrire au CPAS" }, { what: "" }] } });
    expect(
      (
        await postEdit(
          s,
          draftForm({
            body: "Tour de table, avec Asbl Gamma.",
            "actions[0].id": item.id,
            "actions[0].what": item.what,
            "actions[0].organisation": s.orgB.id,
            "actions[0].status": "open",
          }),
          s.cookies.noteTaker,
        )
      ).status,
    ).toBe(302);
    // Version 1 is still the published one; the public reads it meanwhile.
    expect(await readMinutes(s)).toMatchObject({ body: { current: { version: 1, status: "published" } } });
    expect(await readMinutes(s, s.cookies.noteTaker)).toMatchObject({
      body: { current: { version: 2, status: "draft" }, history: [{ version: 2 }, { version: 1 }] },
    });

    await step(s, "submit", v2.id, s.cookies.noteTaker);
    await step(s, "approve", v2.id, s.cookies.facilitator);
    expect((await step(s, "publish", v2.id, s.cookies.facilitator, { visibility: "public" })).status).toBe(302);
    expect(await prisma.minutes.findUniqueOrThrow({ where: { id: v1.id } })).toMatchObject({
      status: "superseded",
      body: v1.body,
      publishedAt: v1.publishedAt,
    });
    expect(await prisma.minutes.findUniqueOrThrow({ where: { id: v2.id } })).toMatchObject({
      status: "published",
      body: "<p>Tour de table, avec Asbl Gamma.</p>",
    });
    expect(await prisma.actionItem.count({ where: { meetingId: s.meeting.id } })).toBe(1);

    const history = await readMinutes(s);
    expect(history.body).toMatchObject({
      current: { version: 2 },
      history: [
        { version: 2, status: "published" },
        { version: 1, status: "superseded" },
      ],
    });
    const old = await readVersion(s, 1);
    expect(old).toMatchObject({ status: 200, body: { version: { version: 1, status: "superseded" }, latest: 2 } });
    expect((old.body as { version: { body: string } }).version.body).toContain("Permanences");
    expect((await readVersion(s, 3)).status).toBe(404);
    expect((await readPdf(s, undefined, "?version=1")).status).toBe(200);
    // The superseded version is frozen too.
    await expect(prisma.minutes.update({ where: { id: v1.id }, data: { status: "published" } })).rejects.toThrow(/published and frozen/);
  });
});

describe("action items", () => {
  test("rows are added, changed and removed with the minutes; bad rows explained beside the field", async () => {
    const s = await groupSetting();
    await writeDraft(s);
    const [first] = await prisma.actionItem.findMany({ where: { meetingId: s.meeting.id } });
    expect(first).toMatchObject({ what: "Écrire au CPAS", organisationId: s.orgB.id, status: "open", groupId: s.group.id });
    expect(first.dueOn?.toISOString().slice(0, 10)).toBe("2026-12-15");

    // "Add a row" without JavaScript: nothing saved, the list grows.
    const added = await postEdit(
      s,
      {
        ...draftForm({ "actions[0].what": "x", "actions[0].organisation": s.orgA.id }),
        __intent__: JSON.stringify({ type: "insert", payload: { name: "actions" } }),
      },
      s.cookies.noteTaker,
    );
    expect(added.status).toBe(200);
    expect(await prisma.actionItem.count({ where: { meetingId: s.meeting.id } })).toBe(1);

    const bad = await postEdit(
      s,
      draftForm({
        "actions[0].id": first.id,
        "actions[0].what": "Écrire au CPAS",
        "actions[0].organisation": s.orgB.id,
        "actions[1].what": "Sans organisation",
        "actions[2].organisation": s.orgA.id,
        "actions[3].what": "Dehors",
        "actions[3].organisation": s.outsideOrg.id,
        "actions[4].what": "Date",
        "actions[4].organisation": s.orgA.id,
        "actions[4].dueOn": "2026-02-31",
      }),
      s.cookies.noteTaker,
    );
    expect(bad.status).toBe(400);
    const errors = (bad.body as { error: Record<string, string[]> }).error;
    // The organisation is optional, as its label says (issue 17, item 10): a row without one is not refused.
    expect(errors["actions[1].organisation"]).toBeUndefined();
    expect(errors["actions[2].what"]).toEqual(["minutes.error.actionWhatRequired"]);
    expect(errors["actions[4].dueOn"]).toEqual(["minutes.error.date"]);

    const outside = await postEdit(s, draftForm({ "actions[0].what": "Dehors", "actions[0].organisation": s.outsideOrg.id }), s.cookies.noteTaker);
    expect(outside.status).toBe(400);
    expect((outside.body as { error: Record<string, string[]> }).error["actions[0].organisation"]).toEqual(["minutes.error.actionOrganisation"]);
    expect(await prisma.actionItem.findMany({ where: { meetingId: s.meeting.id } })).toEqual([first]);
    const shared = await postEdit(
      s,
      draftForm({
        "actions[0].id": first.id,
        "actions[0].what": "Écrire au CPAS",
        "actions[0].organisation": s.orgB.id,
        "actions[1].what": "Relire la charte ensemble",
      }),
      s.cookies.noteTaker,
    );
    expect(shared.status).toBe(302);
    expect(await prisma.actionItem.findFirst({ where: { meetingId: s.meeting.id, what: "Relire la charte ensemble" } })).toMatchObject({
      organisationId: null,
    });
    await prisma.actionItem.deleteMany({ where: { meetingId: s.meeting.id, what: "Relire la charte ensemble" } });

    // Change the first, add a second; then remove the first by leaving it out.
    expect(
      (
        await postEdit(
          s,
          draftForm({
            "actions[0].id": first.id,
            "actions[0].what": "Écrire au CPAS et à la commune",
            "actions[0].organisation": s.orgA.id,
            "actions[0].status": "done",
            "actions[1].what": "Inviter le Foyer",
            "actions[1].organisation": s.orgB.id,
            "actions[2].what": "",
          }),
          s.cookies.noteTaker,
        )
      ).status,
    ).toBe(302);
    const two = await prisma.actionItem.findMany({ where: { meetingId: s.meeting.id }, orderBy: { createdAt: "asc" } });
    expect(two.map((a) => [a.what, a.organisationId, a.status, !!a.doneAt])).toEqual([
      ["Écrire au CPAS et à la commune", s.orgA.id, "done", true],
      ["Inviter le Foyer", s.orgB.id, "open", false],
    ]);
    expect(
      (await postEdit(s, draftForm({ "actions[0].id": two[1].id, "actions[0].what": two[1].what, "actions[0].organisation": s.orgB.id }), s.cookies.noteTaker))
        .status,
    ).toBe(302);
    expect((await prisma.actionItem.findMany({ where: { meetingId: s.meeting.id } })).map((a) => a.id)).toEqual([two[1].id]);
  });

  test("a delegate of the organisation responsible or a manager updates the status; nobody else", async () => {
    const s = await groupSetting();
    await writeDraft(s);
    const item = await prisma.actionItem.findFirstOrThrow({ where: { meetingId: s.meeting.id } }); // Asbl Bêta's
    expect((await readAction(s, item.id, s.cookies.facilitator)).body).toMatchObject({ mayUpdate: true });
    expect((await readAction(s, item.id, s.cookies.noteTaker)).body).toMatchObject({ mayUpdate: false });
    expect((await readAction(s, item.id, s.cookies.outsider)).status).toBe(403);
    expect((await postAction(s, item.id, { status: "done" }, s.cookies.noteTaker)).status).toBe(403);
    expect((await postAction(s, item.id, { status: "done" }, s.cookies.outsider)).status).toBe(403);
    expect((await postAction(s, item.id, { status: "finished" }, s.cookies.facilitator)).status).toBe(400);
    expect((await prisma.actionItem.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("open");

    const done = await postAction(s, item.id, { status: "done", redirectTo: `/${s.network.slug}/meetings/${s.meeting.id}/minutes` }, s.cookies.facilitator);
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/${s.network.slug}/meetings/${s.meeting.id}/minutes`);
    expect(await prisma.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "done", doneAt: expect.any(Date) });
    const away = await postAction(s, item.id, { status: "dropped", redirectTo: "//evil.example/x" }, s.cookies.coordinator);
    expect(away.headers.get("Location")).toBe(`/${s.network.slug}/actions/${item.id}`);
    expect(await prisma.actionItem.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "dropped", doneAt: null });
    expect(await prisma.auditLog.count({ where: { entityType: "actionItem", entityId: item.id } })).toBe(2);
  });
});
