// React 18.3 streams stray zero bytes when a multi-byte character straddles its 2,048-byte
// buffer (react#31134); DocumentRepair drops them and moves </body></html> after the scripts
// Remix streams behind the document. Rendered with React itself, as entry.server.tsx does.
import { PassThrough, type Writable } from "node:stream";

import { createElement, Fragment, Suspense } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { expect, test } from "vitest";

import { DocumentRepair } from "#app/utils/document-stream.server";

/** Paragraphs of accented text of every length from 1 to 300 characters: some straddle a buffer edge. */
function Page({ late }: { late?: Promise<string> }) {
  const paragraphs = Array.from({ length: 300 }, (_, i) => createElement("p", { key: i }, "é".repeat(i + 1)));
  return createElement(
    Fragment,
    null,
    createElement("html", { lang: "fr" }, createElement("body", null, ...paragraphs)),
    late ? createElement(Suspense, null, createElement(Late, { late })) : null,
  );
}
/** Suspends until `late` settles (React 18's way, as Remix's stream of single-fetch data does). */
const settled = new WeakMap<Promise<string>, string>();
function Late({ late }: { late: Promise<string> }) {
  const value = settled.get(late);
  if (value === undefined) throw late.then((v) => void settled.set(late, v));
  return createElement("script", null, value);
}

function render(tree: React.ReactElement, through?: (s: Writable) => Writable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    out.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(tree, {
      onShellReady() {
        if (through) pipe(through(out));
        else pipe(out);
      },
      onShellError: reject,
    });
  });
}

test("React 18 alone leaves NUL bytes in an accented page; through DocumentRepair there are none and the text is whole", async () => {
  const raw = await render(createElement(Page));
  // If this fails, React no longer has the bug: the NUL half of DocumentRepair can go.
  expect(raw.includes(0)).toBe(true);
  const repaired = await render(createElement(Page), (out) => {
    const repair = new DocumentRepair();
    repair.pipe(out);
    return repair;
  });
  expect(repaired.includes(0)).toBe(false);
  expect(repaired.toString("utf8")).not.toContain("\ufffd");
  expect(repaired.toString("utf8").match(/é/g)?.length).toBe((300 * 301) / 2);
  expect(repaired).toEqual(Buffer.from(raw.filter((b) => b !== 0)));
});

test("scripts streamed after the document are moved inside it", async () => {
  let finish!: (s: string) => void;
  const late = new Promise<string>((r) => (finish = r));
  const done = render(createElement(Page, { late }), (out) => {
    const repair = new DocumentRepair();
    repair.pipe(out);
    return repair;
  });
  setTimeout(() => finish("window.late = 1"), 20);
  const html = (await done).toString("utf8");
  expect(html.endsWith("</body></html>")).toBe(true);
  expect(html.indexOf("window.late = 1")).toBeLessThan(html.indexOf("</body></html>"));
  expect(html.split("</body></html>")).toHaveLength(2);
});
