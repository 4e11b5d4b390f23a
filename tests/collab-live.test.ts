// The live documents as the app uses them (app/collab/live.server.ts), on the real database and
// real Yjs documents: a first text seeded as a Yjs update, snapshots that escape what a writer
// typed, and a server edit (restoring a version) that is kept before it returns and changes only
// what differs, so a passage anchored by a relative position still points at its words.
import { expect, test } from "vitest";
import * as Y from "yjs";

import { editLiveDocument, initialUpdate, jsonOfDoc, loadDoc, plainTextToJson, replaceLiveText, snapshotOf } from "#app/collab/live.server";
import { loadDocumentState } from "#app/collab/persistence.server";
import { COLLAB_FIELD } from "#app/collab/schema";
import { prisma } from "#app/utils/db.server";
import { createUser } from "#tests/factories";

test("a first text in the plain format becomes the editor's blocks, seeded as a Yjs update", () => {
  const json = plainTextToJson("## Constat\n\nTrop de familles attendent.\nDepuis 2024.\n\n- un logement\n- un suivi\n\n1. agir\n2. évaluer");
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initialUpdate(json));
  const { html, text } = snapshotOf(jsonOfDoc(doc));
  expect(html).toBe(
    "<h2>Constat</h2><p>Trop de familles attendent.<br />Depuis 2024.</p><ul><li><p>un logement</p></li><li><p>un suivi</p></li></ul><ol><li><p>agir</p></li><li><p>évaluer</p></li></ol>",
  );
  expect(text).toBe("Constat\nTrop de familles attendent.\nDepuis 2024.\nun logement\nun suivi\nagir\névaluer");
});

test("the HTML snapshot escapes what was typed and keeps only safe links", () => {
  const json = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [
          { type: "text", text: "<script>alert(1)</script> & co" },
          { type: "text", text: "lien", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] },
          { type: "text", text: "site", marks: [{ type: "bold" }, { type: "link", attrs: { href: "https://example.org/?a=1&b=2" } }] },
        ],
      },
    ],
  };
  const { html } = snapshotOf(json);
  expect(html).not.toContain("<script");
  expect(html).not.toContain("javascript:");
  expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
  expect(html).toContain('<a href="https://example.org/?a=1&amp;b=2" rel="noopener noreferrer"><strong>site</strong></a>');
});

test("a server edit is appended before it returns, and a restore changes only what differs", async () => {
  const name = `test:${Math.random()}`;
  const user = await createUser();
  const first = plainTextToJson("Premier paragraphe qui reste.\n\nDeuxième paragraphe à changer.");
  await editLiveDocument(name, { userId: user.id }, (doc) => Y.applyUpdate(doc, initialUpdate(first)));
  expect(await prisma.collabUpdate.count({ where: { documentName: name } })).toBe(1);

  // A passage anchored in the first paragraph, as a comment thread keeps it.
  const before = await loadDoc(name);
  const firstText = before.getXmlFragment(COLLAB_FIELD).get(0) as Y.XmlElement;
  const anchor = Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(firstText.get(0) as Y.XmlText, 8));

  await replaceLiveText(name, { userId: user.id }, plainTextToJson("Premier paragraphe qui reste.\n\nDeuxième paragraphe changé."));
  const after = new Y.Doc();
  Y.applyUpdate(after, (await loadDocumentState(name))!);
  expect(snapshotOf(jsonOfDoc(after)).text).toBe("Premier paragraphe qui reste.\nDeuxième paragraphe changé.");
  const position = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(anchor), after);
  expect(position).not.toBeNull();
  expect((position!.type as Y.XmlText).toString().slice(position!.index)).toBe("paragraphe qui reste.");
  // The restore is one more update, made by the person it was made for.
  expect(await prisma.collabUpdate.count({ where: { documentName: name } })).toBe(2);
  expect(await prisma.collabClient.findMany({ where: { documentName: name }, select: { userId: true } })).toEqual(
    expect.arrayContaining([{ userId: user.id }]),
  );
});
