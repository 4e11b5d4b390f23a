// The limit: Node's http module answering every request with the same bytes (a page of the real
// app, saved by the bench). Nothing is parsed, rendered or compressed.
import { readFileSync } from "node:fs";
import http from "node:http";

const body = readFileSync(process.env.BENCH_HTML_FILE ?? "");
const headers = { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length };
http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening"));
