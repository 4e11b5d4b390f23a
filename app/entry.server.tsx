import { PassThrough, Transform, type TransformCallback } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext, type HandleDocumentRequestFunction } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "#app/components/nonce";

const ABORT_DELAY = 5_000;

const handleRequest: HandleDocumentRequestFunction = (request, responseStatusCode, responseHeaders, remixContext: EntryContext, loadContext: AppLoadContext) => {
  const bot = isbot(request.headers.get("user-agent") ?? "");
  const nonce = typeof loadContext?.cspNonce === "string" ? loadContext.cspNonce : "";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(new DocumentRepair()).pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
};
export default handleRequest;

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

const CLOSE = Buffer.from("</body></html>");

/**
 * Two mends to what React 18 streams, both harmless to what the page says:
 * - NUL bytes: when a multi-byte character (any "é") does not fit at the end of its 2,048-byte
 *   buffer, React 18.3 sends the buffer's unused zero bytes along (react#31134, fixed in React 19
 *   only, which Remix 2 does not support). A page of ours never holds a real NUL (PostgreSQL text
 *   cannot, and server.ts refuses them in requests), so every zero byte is that garbage.
 * - Remix's single-fetch data arrives as `<script>` elements rendered after the document, i.e.
 *   after `</html>`, which HTML does not allow: the closing tags are held back and sent last.
 */
class DocumentRepair extends Transform {
  private pending = Buffer.alloc(0);
  private ended = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const clean = chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk;
    if (this.ended) return done(null, clean);
    const data = this.pending.length ? Buffer.concat([this.pending, clean]) : clean;
    const at = data.indexOf(CLOSE);
    if (at !== -1) {
      this.ended = true;
      this.pending = Buffer.alloc(0);
      this.push(data.subarray(0, at));
      this.push(data.subarray(at + CLOSE.length));
      return done();
    }
    // Keep what could be the start of the closing tags, split across two chunks.
    const keep = Math.min(data.length, CLOSE.length - 1);
    this.pending = Buffer.from(data.subarray(data.length - keep));
    this.push(data.subarray(0, data.length - keep));
    done();
  }

  override _flush(done: TransformCallback) {
    if (this.pending.length) this.push(this.pending);
    if (this.ended) this.push(CLOSE);
    done();
  }
}
