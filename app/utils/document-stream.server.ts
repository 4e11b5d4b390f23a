import { Transform, type TransformCallback } from "node:stream";

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
export class DocumentRepair extends Transform {
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
