import { existsSync } from "node:fs";

export default function setup() {
  if (!existsSync("build/index.js")) {
    throw new Error("Browser tests run against the built app: run `npm run build` first (npm test does).");
  }
}
