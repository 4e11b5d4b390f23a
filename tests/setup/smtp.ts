// A real SMTP peer in the test process: smtp-server on port 0, messages parsed with mailparser.
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export async function startSmtpPeer(options: { failFirst?: number } = {}) {
  const messages: ParsedMail[] = [];
  let toFail = options.failFirst ?? 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      if (toFail > 0) {
        toFail--;
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Temporary failure"), { responseCode: 451 })));
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          messages.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async waitFor(count: number, timeoutMs = 10_000) {
      const start = Date.now();
      while (messages.length < count) {
        if (Date.now() - start > timeoutMs) throw new Error(`Expected ${count} messages, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
