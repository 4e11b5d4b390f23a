// Rich text of the minutes against XSS: each payload, posted through the minutes form as the
// editor posts it (HTML) and as the plain textarea posts it (text), is harmless once stored and
// once shown (the loaders sanitize again before display).
import { describe, expect, test } from "vitest";

import { prisma } from "#app/utils/db.server";

import { draftForm, groupSetting, latestMinutes, postEdit, postMinutes, readEdit, readMinutes } from "./minutes-helpers";

const PAYLOADS = [
  `<script>alert(1)</script>`,
  `<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
  `<img src=x onerror=alert(1)>`,
  `<p onclick="alert(1)" style="background:url(javascript:alert(1))">clic</p>`,
  `<a href="javascript:alert(1)">lien</a>`,
  `<a href="JaVaScRiPt:alert(1)">lien</a>`,
  `<a href="java&#x09;script:alert(1)">lien</a>`,
  `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">lien</a>`,
  `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">lien</a>`,
  `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">`,
  `<svg onload=alert(1)><circle r=5 /></svg>`,
  `<svg><script>alert(1)</script></svg>`,
  `<style>body{display:none}</style>`,
  `<iframe src="https://evil.example"></iframe>`,
  `<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
  `<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">`,
  `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  `<form action="javascript:alert(1)"><input type=submit></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
  `<base href="javascript:alert(1)//">`,
  `&lt;script&gt;alert(1)&lt;/script&gt;`,
  `%3Cscript%3Ealert(1)%3C/script%3E`,
  `<<script>script>alert(1)<</script>/script>`,
  `<a href="  javascript:alert(1)">espaces</a>`,
  `<div><p>texte <strong>gras</strong> <a href="https://ok.example">bon lien</a></p></div>`,
];

const ALLOWED_TAGS = new Set(["p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "ul", "ol", "li", "blockquote", "a", "hr"]);

/**
 * Every real tag (escaped text such as "&lt;script&gt;" is only text) is on the allow-list, with
 * no attribute but a link's href (http, https, mailto) and rel.
 */
function expectHarmless(html: string) {
  for (const [, name, attributes] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    expect(ALLOWED_TAGS.has(name.toLowerCase()), `tag <${name}> in ${html}`).toBe(true);
    for (const [, attr, value] of attributes.matchAll(/([^\s=/]+)(?:\s*=\s*"([^"]*)")?/g)) {
      expect(["href", "rel"], `attribute ${attr} in ${html}`).toContain(attr.toLowerCase());
      if (attr.toLowerCase() === "href") expect(value, html).toMatch(/^(https?:\/\/|mailto:)/);
    }
  }
  expect(html).not.toMatch(/<\s*script/i);
}

describe("the minutes' rich text", () => {
  // 50 submissions and 100 page reads: about 25 s of route calls on a busy two-core machine.
  test("each payload, from the editor (HTML) and from the textarea (text), is stored and shown harmless", { timeout: 120_000 }, async () => {
    const s = await groupSetting();
    await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker);
    for (const payload of PAYLOADS) {
      for (const format of ["html", "text"] as const) {
        const result = await postEdit(
          s,
          draftForm({ bodyFormat: format, body: `<p>Début</p>${payload}`, decisionsFormat: format, decisions: payload }),
          s.cookies.noteTaker,
        );
        expect(result.status, `${format}: ${payload}`).toBe(302);
        const stored = await latestMinutes(s.meeting.id);
        expectHarmless(stored.body);
        expectHarmless(stored.decisions);
        // searchText is plain text (what was typed, markup dropped): never rendered as HTML.
        if (format === "html" && payload.startsWith("<script")) expect(stored.searchText).not.toContain("alert(1)");
        const page = (await readMinutes(s, s.cookies.noteTaker)).body as { current: { body: string; decisions: string } };
        expectHarmless(page.current.body);
        expectHarmless(page.current.decisions);
        const edit = (await readEdit(s, s.cookies.noteTaker)).body as { html: { body: string; decisions: string } };
        expectHarmless(edit.html.body);
        expectHarmless(edit.html.decisions);
      }
    }
    // Allowed markup survives from the editor; the good link keeps its address.
    await postEdit(s, draftForm({ bodyFormat: "html", body: PAYLOADS.at(-1)! }), s.cookies.noteTaker);
    expect((await latestMinutes(s.meeting.id)).body).toBe(
      '<p>texte <strong>gras</strong> <a href="https://ok.example" rel="noopener noreferrer">bon lien</a></p>',
    );
  });

  test("a row stored before the allow-list tightened is cleaned again before display", async () => {
    const s = await groupSetting();
    await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker);
    await postEdit(s, draftForm(), s.cookies.noteTaker);
    const row = await latestMinutes(s.meeting.id);
    // Written behind the application's back (a draft is not frozen): the page still cleans it.
    await prisma.minutes.update({
      where: { id: row.id },
      data: { body: `<p>ok</p><img src=x onerror=alert(1)><script>alert(2)</script>`, decisions: `<a href="javascript:alert(3)">x</a>` },
    });
    const page = (await readMinutes(s, s.cookies.noteTaker)).body as { current: { body: string; decisions: string } };
    expect(page.current.body).toBe("<p>ok</p>");
    expectHarmless(page.current.decisions);
  });

  test("comments are plain text: stored as typed, shown escaped by React", async () => {
    const s = await groupSetting();
    await postMinutes(s, { intent: "volunteer" }, s.cookies.noteTaker);
    await postEdit(s, draftForm({ intent: "submit" }), s.cookies.noteTaker);
    const minutes = await latestMinutes(s.meeting.id);
    await postMinutes(s, { intent: "comment", minutesId: minutes.id, comment: `<img src=x onerror=alert(1)>` }, s.cookies.facilitator);
    const comment = await prisma.minutesComment.findFirstOrThrow({ where: { minutesId: minutes.id } });
    expect(comment.body).toBe(`<img src=x onerror=alert(1)>`);
  });
});
