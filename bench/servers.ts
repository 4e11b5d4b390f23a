// Child processes of the bench: each server runs alone in its own Node process on loopback.
import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

export type Server = { name: string; url: string; stop(): Promise<void>; logs(): string };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts `node <script>` with PORT set and waits until `readyPath` answers 200. BENCH_CPU_PROF=<dir>
 * writes the server's CPU profile there when it stops (open it in Chrome's DevTools).
 */
export async function startServer(name: string, script: string, env: Record<string, string>, readyPath = "/healthz"): Promise<Server> {
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, script], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d));
  child.stderr!.on("data", (d: Buffer) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, url + readyPath, () => output, name);
  return { name, url, logs: () => output, stop: () => stopChild(child) };
}

async function waitUntilUp(child: ChildProcess, url: string, logs: () => string, name: string) {
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${logs()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new Error(`${name} did not start within 60 s:\n${logs()}`);
}

function stopChild(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
