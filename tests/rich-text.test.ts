// The rich-text sanitizer (what the charter, and later minutes, store and display), the plain
// format used without JavaScript, and the fingerprint that signatures refer to.
import { createHash } from "node:crypto";

import { describe, expect, test } from "vitest";

import { fingerprintOf, htmlToPlainText, minutesSearchText, plainTextToHtml, sanitizeRichText } from "#app/utils/rich-text.server";

const ALLOWED_TAGS = new Set(["p", "br", "h2", "h3", "h4", "strong", "em", "u", "s", "ul", "ol", "li", "blockquote", "a", "hr"]);

/** Every tag of the output with its attributes, read with a tolerant regex (the output is small). */
function tags(html: string) {
  return [...html.matchAll(/<\/?([a-zA-Z][\w:-]*)([^>]*)>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attributes: [...m[2].matchAll(/([^\s=/]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/g)].map((a) => ({
      name: a[1].toLowerCase(),
      value: a[2].replace(/^["']|["']$/g, ""),
    })),
  }));
}

function expectSafe(html: string) {
  for (const tag of tags(html)) {
    expect(ALLOWED_TAGS.has(tag.name), `tag <${tag.name}> in ${html}`).toBe(true);
    for (const attribute of tag.attributes) {
      expect(["href", "rel"], `attribute ${attribute.name} in ${html}`).toContain(attribute.name);
      // A scheme, if any, is http, https or mailto (a relative address is harmless).
      if (attribute.name === "href" && /^[a-z][a-z0-9+.-]*:/i.test(attribute.value)) expect(attribute.value, html).toMatch(/^(https?:\/\/|mailto:)/i);
      if (attribute.name === "href") expect(attribute.value, html).not.toMatch(/^\s*\/\//);
    }
  }
  // Whatever survives as text is escaped: no raw markup can come back to life when displayed.
  expect(html).not.toMatch(/<(script|img|svg|iframe|object|embed|style|math|form|input|noscript)\b/i);
  expect(html).not.toMatch(/\son\w+\s*=/i);
  expect(html).not.toMatch(/style\s*=/i);
}

describe("sanitizeRichText against XSS payloads", () => {
  const payloads: [string, string][] = [
    ["a script element", `<script>alert(1)</script><p>texte</p>`],
    ["a script in capitals", `<SCRIPT SRC=https://evil.example/x.js></SCRIPT><p>texte</p>`],
    ["img onerror", `<img src=x onerror=alert(1)><p>texte</p>`],
    ["svg onload", `<svg onload=alert(1)><circle r="1"/></svg><p>texte</p>`],
    ["svg with a script inside", `<svg><script>alert(1)</script></svg><p>texte</p>`],
    ["a javascript: link", `<p><a href="javascript:alert(1)">lien</a></p>`],
    ["a javascript: link in mixed case", `<p><a href="JaVaScRiPt:alert(1)">lien</a></p>`],
    ["a javascript: link after spaces", `<p><a href="   javascript:alert(1)">lien</a></p>`],
    ["a javascript: link with a tab inside", `<p><a href="java&#x09;script:alert(1)">lien</a></p>`],
    ["an entity-encoded javascript: link (decimal)", `<p><a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">lien</a></p>`],
    ["an entity-encoded javascript: link (hex, &colon;)", `<p><a href="&#x6A;&#x61;vascript&colon;alert(1)">lien</a></p>`],
    ["a data: link", `<p><a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">lien</a></p>`],
    ["a vbscript: link", `<p><a href="vbscript:msgbox(1)">lien</a></p>`],
    ["a protocol-relative link", `<p><a href="//evil.example/">lien</a></p>`],
    ["a style attribute", `<p style="background:url(javascript:alert(1))">texte</p>`],
    ["a style element", `<style>body{display:none}</style><p>texte</p>`],
    ["an event handler on an allowed tag", `<p onclick="alert(1)" onmouseover="alert(2)">texte</p>`],
    ["an iframe", `<iframe src="https://evil.example/"></iframe><p>texte</p>`],
    ["an iframe with srcdoc", `<iframe srcdoc="<script>alert(1)</script>"></iframe>`],
    ["object and embed", `<object data="x.swf"></object><embed src="x.swf"><p>texte</p>`],
    ["a form", `<form action="javascript:alert(1)"><input type="submit" value="ok"><button formaction="javascript:alert(1)">x</button></form>`],
    ["math with xlink:href", `<math><mi xlink:href="javascript:alert(1)">x</mi></math>`],
    ["a nested script split around another", `<scr<script>ipt>alert(1)</script>`],
    ["a doubled opening bracket", `<<script>script>alert(1)<</script>/script>`],
    ["an unclosed tag", `<p>texte <img src=x onerror=alert(1)`],
    ["a noscript escape", `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>`],
    ["a comment hiding a script", `<!--<script>alert(1)</script>--><p>texte</p>`],
    ["a CDATA section", `<![CDATA[<script>alert(1)</script>]]><p>texte</p>`],
    ["a meta refresh", `<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><p>texte</p>`],
    ["a base element", `<base href="javascript:alert(1)//"><p><a href="x">lien</a></p>`],
    ["target and other attributes on links", `<p><a href="https://ok.example/" target="_blank" id="x" class="y" title="z">lien</a></p>`],
  ];

  for (const [name, payload] of payloads) {
    test(name, () => {
      const clean = sanitizeRichText(payload);
      expectSafe(clean);
      // Idempotent: the stored form is also the displayed form.
      expect(sanitizeRichText(clean)).toBe(clean);
    });
  }

  test("the text around removed markup stays, the content of scripts and styles does not", () => {
    expect(sanitizeRichText(`<script>alert(1)</script><p>texte</p>`)).toBe("<p>texte</p>");
    expect(sanitizeRichText(`<style>body{}</style><p>texte</p>`)).toBe("<p>texte</p>");
    expect(sanitizeRichText(`<p><a href="javascript:alert(1)">lien</a></p>`)).toBe(`<p><a rel="noopener noreferrer">lien</a></p>`);
    expect(sanitizeRichText(`<iframe src="https://evil.example/"></iframe><p>texte</p>`)).toBe("<p>texte</p>");
  });

  test("allowed formatting is kept: headings, emphasis, lists, safe links; h1 becomes h2, b and i their semantic tags", () => {
    const html =
      `<h2>Nos principes</h2><h3>Envers les personnes</h3><p>Le <strong>respect</strong>, le <em>secret</em>, <u>souligné</u> et <s>barré</s>.<br>Suite</p>` +
      `<ul><li><p>un</p></li><li><p>deux</p></li></ul><ol><li><p>premier</p></li></ol><blockquote><p>citation</p></blockquote><hr>` +
      `<p><a href="https://relais.example/charte">charte</a> et <a href="mailto:coordination@relais.example">nous écrire</a></p>`;
    const clean = sanitizeRichText(html);
    for (const piece of [
      "<h2>Nos principes</h2>",
      "<h3>Envers les personnes</h3>",
      "<strong>respect</strong>",
      "<em>secret</em>",
      "<u>souligné</u>",
      "<s>barré</s>",
      "<ul><li><p>un</p></li><li><p>deux</p></li></ul>",
      "<ol><li><p>premier</p></li></ol>",
      "<blockquote><p>citation</p></blockquote>",
      `<a href="https://relais.example/charte" rel="noopener noreferrer">charte</a>`,
      `<a href="mailto:coordination@relais.example" rel="noopener noreferrer">nous écrire</a>`,
    ]) {
      expect(clean).toContain(piece);
    }
    expect(sanitizeRichText("<h1>Titre</h1><p><b>gras</b> <i>italique</i></p>")).toBe("<h2>Titre</h2><p><strong>gras</strong> <em>italique</em></p>");
    expect(sanitizeRichText("<div><p>dans un <span>div</span></p></div>")).toBe("<p>dans un div</p>");
  });

  test("malformed nesting is repaired, an editor left empty is empty", () => {
    expect(sanitizeRichText("<p>un <b>gras <i>italique</b></i></p>")).toBe("<p>un <strong>gras <em>italique</em></strong></p>");
    expect(sanitizeRichText("<p></p>")).toBe("");
    expect(sanitizeRichText("<p> <br> </p><p>&nbsp;</p>")).toBe("");
    expect(sanitizeRichText(`<img src=x onerror=alert(1)>`)).toBe("");
  });
});

describe("the plain format (no JavaScript) and HTML", () => {
  const plain = [
    "## Nos principes",
    "",
    "Le réseau rassemble les services publics & associatifs.",
    "Une ligne gardée.",
    "",
    "### Envers les personnes",
    "",
    "- le respect de la personne",
    "- le secret professionnel",
    "",
    "1. accueillir",
    "2. orienter",
    "",
    "Un texte avec <script>alert(1)</script> reste du texte.",
  ].join("\n");

  test("plain text becomes headings, paragraphs with line breaks, and lists; markup typed as text stays text", () => {
    const html = plainTextToHtml(plain);
    expect(html).toBe(
      "<h2>Nos principes</h2>" +
        "<p>Le réseau rassemble les services publics &amp; associatifs.<br />Une ligne gardée.</p>" +
        "<h3>Envers les personnes</h3>" +
        "<ul><li><p>le respect de la personne</p></li><li><p>le secret professionnel</p></li></ul>" +
        "<ol><li><p>accueillir</p></li><li><p>orienter</p></li></ol>" +
        "<p>Un texte avec &lt;script&gt;alert(1)&lt;/script&gt; reste du texte.</p>",
    );
    expectSafe(html);
  });

  test("round trip: text → HTML → text is the same text; HTML → text → HTML the same HTML", () => {
    expect(htmlToPlainText(plainTextToHtml(plain))).toBe(plain);
    // What the Tiptap editor posts (lists wrap their items in paragraphs).
    const fromEditor =
      "<h2>Principes</h2><p>Un &amp; deux</p><ul><li><p>a</p></li><li><p>b</p></li></ul><ol><li><p>un</p></li></ol><h3>Fin</h3><p>ligne<br>suite</p>";
    const text = htmlToPlainText(fromEditor);
    expect(text).toBe("## Principes\n\nUn & deux\n\n- a\n- b\n\n1. un\n\n### Fin\n\nligne\nsuite");
    expect(plainTextToHtml(text)).toBe(sanitizeRichText(fromEditor).replace("<br>", "<br />"));
  });

  test("Windows line endings, extra blank lines and spaces do not change the result; empty text is empty", () => {
    expect(plainTextToHtml(plain.replace(/\n/g, "\r\n"))).toBe(plainTextToHtml(plain));
    expect(plainTextToHtml(`\n\n  ${plain.replace(/\n\n/g, "\n\n\n\n")}  \n`)).toBe(plainTextToHtml(plain));
    expect(plainTextToHtml("  \n \n ")).toBe("");
  });
});

describe("fingerprintOf", () => {
  const title = "Charte du Relais social";
  const body = "<h2>Principes</h2><p>Respect de la personne.</p>";

  test("is the SHA-256 of the title and the body, and stable", () => {
    const expected = createHash("sha256").update(`${title}\n${body}`, "utf8").digest("hex");
    expect(fingerprintOf(title, body)).toBe(expected);
    expect(fingerprintOf(title, body)).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprintOf(`${title}`, `${body}`)).toBe(fingerprintOf(title, body));
  });

  test("changes when the title or the text changes, even by one character or an accent", () => {
    const base = fingerprintOf(title, body);
    expect(fingerprintOf(`${title} `, body)).not.toBe(base);
    expect(fingerprintOf(title, body.replace("Respect", "respect"))).not.toBe(base);
    expect(fingerprintOf(title, body.replace("personne", "personné"))).not.toBe(base);
    // The separator keeps title and body apart: moving text from one to the other changes it.
    expect(fingerprintOf("ab", "c")).not.toBe(fingerprintOf("a", "bc"));
  });
});

describe("empty text", () => {
  test("an empty paragraph, heading or list is no text at all", () => {
    for (const html of ["<p></p>", "<h2></h2>", "<ul><li><p> </p></li></ul>", "<p>&nbsp;</p>", "<script>x</script>"]) {
      expect(sanitizeRichText(html), html).toBe("");
    }
    expect(sanitizeRichText("<h2>Principes</h2>")).toBe("<h2>Principes</h2>");
  });
});

describe("minutesSearchText", () => {
  test("the words of title, decisions and body, without markup or plain-format markers", () => {
    const text = minutesSearchText(
      "Groupe Logement",
      "<ul><li><p>Le mémorandum est adopté</p></li></ul>",
      "<h2>Tour de table</h2><p>Le <strong>CPAS</strong> présente</p><ol><li>un point</li></ol>",
    );
    expect(text).toBe("Groupe Logement\n\nLe mémorandum est adopté\n\nTour de table\n\nLe CPAS présente\n\nun point");
    expect(text).not.toMatch(/##|^- |^1\. |</m);
  });
});
