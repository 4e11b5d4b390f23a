#!/usr/bin/env node
// Recount a published Maillage ballot box yourself: `node scripts/recount.mjs boite.json`, with
// the JSON file downloaded from the poll's ballot box page. Plain Node, nothing but node:crypto.
// It recomputes every ballot's tracker from the poll id, the choices and the nonce, counts the
// ballots (adding the paper totals, when the assembly used them), checks the draw's seed against
// the commitment published when the poll was ready and redoes the draw, then compares all of it
// with the published result. The formulas are those of app/votes/tracker.server.ts and
// app/votes/lots.server.ts (written again here on purpose: a recount must not trust the server).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/** SHA-256 of "maillage-tracker-v1:<poll id>:<choices sorted, joined by ','>:<nonce>"; its first 15 hex digits in Crockford base32, XXXX-XXXX-XXXX. */
export function tracker(pollId, choices, nonce) {
  const digest = sha256(Buffer.from(`maillage-tracker-v1:${pollId}:${[...choices].sort().join(",")}:${nonce}`, "utf8"));
  let value = BigInt(`0x${digest.slice(0, 15)}`);
  let code = "";
  for (let i = 0; i < 12; i++) {
    code = CROCKFORD[Number(value & 31n)] + code;
    value >>= 5n;
  }
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The commitment: SHA-256 of the seed's 32 bytes (not of its hex text). */
export function commitment(seedHex) {
  return createHash("sha256").update(Buffer.from(seedHex, "hex")).digest("hex");
}

/** The draw: candidates ordered by SHA-256 of "<seed hex>:<candidate id>", ascending; the first wins a tie. */
export function drawOrder(seedHex, ids) {
  return [...ids]
    .map((id) => ({ id, key: sha256(Buffer.from(`${seedHex}:${id}`, "utf8")) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((k) => k.id);
}

/** Everything recomputed from the box, and whether it agrees with the published result. */
export function recount(box) {
  const trackers = box.ballots.map((b) => {
    const computed = tracker(box.poll.id, b.choices, b.nonce);
    return { tracker: b.tracker, computed, ok: computed === b.tracker };
  });
  const paper = box.paperTotals;
  let counts;
  let agrees;
  if (box.poll.kind === "resolution") {
    counts = { for: 0, against: 0, abstain: 0, blank: 0 };
    for (const b of box.ballots) counts[b.choices.length === 0 ? "blank" : b.choices[0]]++;
    for (const key of Object.keys(counts)) counts[key] += paper?.totals[key] ?? 0;
    const published = box.result.resolution.counts;
    agrees = Object.keys(counts).every((k) => counts[k] === published[k]);
  } else {
    const votes = Object.fromEntries(box.candidates.map((c) => [c.id, 0]));
    let blank = 0;
    for (const b of box.ballots) {
      if (b.choices.length === 0) blank++;
      for (const id of b.choices) votes[id] = (votes[id] ?? 0) + 1;
    }
    for (const [id, n] of Object.entries(paper?.totals ?? {})) {
      if (id === "blank") blank += n;
      else votes[id] = (votes[id] ?? 0) + n;
    }
    const ballots = box.ballots.length + (paper?.ballots ?? 0);
    counts = { ballots, blank, votes };
    const published = box.result.election;
    agrees = published.ballots === ballots && published.blank === blank && published.candidates.every((c) => votes[c.id] === c.votes);
  }
  let lots = null;
  if (box.lots?.seed) {
    const order = drawOrder(
      box.lots.seed,
      box.candidates.map((c) => c.id),
    );
    lots = {
      commitmentOk: commitment(box.lots.seed) === box.lots.commitment,
      order,
      orderOk: JSON.stringify(order) === JSON.stringify(box.result.lots?.order ?? null),
    };
  }
  const ok = trackers.every((t) => t.ok) && agrees && (!lots || (lots.commitmentOk && lots.orderOk));
  return { trackers, counts, agrees, lots, ok };
}

function main(file) {
  const box = JSON.parse(readFileSync(file, "utf8"));
  const out = recount(box);
  const name = (id) => box.candidates.find((c) => c.id === id)?.name ?? id;
  console.log(`Scrutin : ${box.poll.title} (${box.poll.id})`);
  for (const t of out.trackers) console.log(`${t.ok ? "ok     " : "FAUX   "} ${t.tracker}${t.ok ? "" : ` (recalculé : ${t.computed})`}`);
  if (box.poll.kind === "resolution") console.log("Décompte :", out.counts);
  else {
    console.log(`Bulletins : ${out.counts.ballots}, dont blancs : ${out.counts.blank}`);
    for (const [id, n] of Object.entries(out.counts.votes)) console.log(`  ${name(id)} : ${n}`);
  }
  if (out.lots) {
    console.log(`Engagement de la graine : ${out.lots.commitmentOk ? "correspond" : "NE CORRESPOND PAS"}`);
    console.log(
      `Ordre du tirage : ${out.lots.order.map(name).join(", ")} (${out.lots.orderOk ? "identique au résultat publié" : "DIFFÉRENT du résultat publié"})`,
    );
  }
  console.log(out.agrees ? "Le décompte est identique au résultat publié." : "LE DÉCOMPTE DIFFÈRE DU RÉSULTAT PUBLIÉ.");
  process.exitCode = out.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!process.argv[2]) {
    console.error("Usage : node scripts/recount.mjs boite.json");
    process.exitCode = 2;
  } else main(process.argv[2]);
}
