// Quorum and proxies of a general assembly, counted in member organisations. Pure: no database,
// no clock, no crypto, so the same code serves the assembly page, the room screen and the tally.
// The model maps its rows (the roll frozen at the convocation, check-ins, proxies) to these
// inputs; the rules below are the only place they are decided (issue 12, items 4 and 5).

/** Where an organisation of the roll is. An organisation missing from the attendance is absent. */
export type Presence = "room" | "online" | "absent";

/**
 * The statutory quorum: a fraction of the roll that must be present or represented.
 * `comparison: "atLeast"` reads "at least numerator/denominator of the roll" (half of 10 → 5);
 * `"moreThan"` reads "more than numerator/denominator of the roll" (more than half of 10 → 6).
 * `null` means no quorum (often the second convocation): the assembly deliberates validly
 * whatever the attendance.
 */
export type QuorumRule = null | { numerator: number; denominator: number; comparison: "atLeast" | "moreThan" };

export interface ProxyInput {
  /** The row's id, echoed in the outcome; optional. */
  id?: string;
  giverId: string;
  holderId: string;
}

export interface QuorumInput {
  /** The electoral roll: member organisations with a vote, frozen at the convocation. */
  roll: readonly string[];
  /** Organisation id → presence. Ids that are not on the roll are ignored. */
  attendance: Readonly<Record<string, Presence>> | ReadonlyMap<string, Presence>;
  /**
   * The proxies not revoked, **earliest given first**: when a holder has more than the maximum,
   * the earliest ones count and the later ones are refused (the order is the input's).
   */
  proxies: readonly ProxyInput[];
  /** The statutory maximum number of proxies one organisation may hold; `null` for no maximum. */
  maxProxiesPerHolder: number | null;
  rule: QuorumRule;
}

/**
 * What happened to one proxy, checked in this order (the first that applies wins):
 * - `giverNotOnRoll`, `holderNotOnRoll`: both organisations must be on the roll (the holder must
 *   be a member with a vote);
 * - `self`: an organisation cannot hold its own proxy;
 * - `duplicate`: a giver has one proxy per assembly; a later one from the same giver is refused;
 * - `chain`: the holder has itself given a proxy (any proxy of the input, whatever its outcome):
 *   a holder cannot pass a vote on, nor hold one while it has handed its own vote away;
 * - `holderAbsent`: a proxy whose holder is absent counts for nothing;
 * - `suspended`: the giver is itself present, so it votes itself and the proxy sleeps (it wakes
 *   if the giver checks out);
 * - `overMaximum`: the holder already holds the maximum of proxies that count, in input order
 *   (only proxies that would otherwise count use up the maximum, so a suspended proxy does not
 *   take the place of a later one);
 * - `counted`: the giver is represented by the holder.
 */
export type ProxyStatus = "counted" | "giverNotOnRoll" | "holderNotOnRoll" | "self" | "duplicate" | "chain" | "holderAbsent" | "suspended" | "overMaximum";

export interface ProxyOutcome extends ProxyInput {
  status: ProxyStatus;
}

/** One entitled organisation and the organisation that casts its ballot (itself, or its proxy holder). */
export interface Voter {
  organisationId: string;
  castById: string;
  through: "present" | "proxy";
}

export interface QuorumResult {
  rollSize: number;
  /** Organisations of the roll present, in the room or online. */
  present: number;
  presentInRoom: number;
  presentOnline: number;
  /** Organisations of the roll absent but represented by a counted proxy. */
  represented: number;
  presentOrRepresented: number;
  /** The number of organisations present or represented that the quorum needs; `null` when there is no quorum rule. */
  required: number | null;
  /** Always true when there is no quorum rule. */
  reached: boolean;
  /** Every organisation that may vote now, in roll order: present ones for themselves, represented ones through their holder. */
  voters: Voter[];
  /** Each input proxy with its outcome, in input order. */
  proxies: ProxyOutcome[];
}

export class QuorumError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "QuorumError";
  }
}

/**
 * The number of organisations present or represented that the rule needs, in integers (no
 * floating point): with a roll of N and a fraction p/q,
 * - "at least p/q of N"  → the smallest k with k·q ≥ N·p, i.e. ⌈N·p/q⌉;
 * - "more than p/q of N" → the smallest k with k·q > N·p, i.e. ⌊N·p/q⌋ + 1.
 */
export function requiredForQuorum(rollSize: number, rule: Exclude<QuorumRule, null>): number {
  const { numerator: p, denominator: q } = rule;
  if (!Number.isInteger(p) || !Number.isInteger(q) || q <= 0 || p < 0 || p > q) {
    throw new QuorumError(`A quorum is a fraction p/q of the roll with 0 ≤ p ≤ q and q > 0 (got ${p}/${q}).`);
  }
  if (!Number.isInteger(rollSize) || rollSize < 0) throw new QuorumError(`The roll size must be a whole number (got ${rollSize}).`);
  const product = rollSize * p;
  return rule.comparison === "atLeast" ? Math.ceil(product / q) : Math.floor(product / q) + 1;
}

export function computeQuorum(input: QuorumInput): QuorumResult {
  const { roll, proxies, maxProxiesPerHolder, rule } = input;
  if (maxProxiesPerHolder !== null && (!Number.isInteger(maxProxiesPerHolder) || maxProxiesPerHolder < 0)) {
    throw new QuorumError(`The maximum of proxies per holder must be a whole number ≥ 0 or null (got ${maxProxiesPerHolder}).`);
  }
  const onRoll = new Set(roll);
  if (onRoll.size !== roll.length) throw new QuorumError("The roll lists an organisation twice.");

  const presenceOf = (id: string): Presence => {
    const value = input.attendance instanceof Map ? input.attendance.get(id) : (input.attendance as Record<string, Presence>)[id];
    return value === "room" || value === "online" ? value : "absent";
  };

  let presentInRoom = 0;
  let presentOnline = 0;
  for (const id of roll) {
    const presence = presenceOf(id);
    if (presence === "room") presentInRoom++;
    else if (presence === "online") presentOnline++;
  }

  const givers = new Set(proxies.map((p) => p.giverId));
  const seenGivers = new Set<string>();
  const heldCount = new Map<string, number>();
  const holderOf = new Map<string, string>();
  const outcomes: ProxyOutcome[] = proxies.map((proxy) => {
    const status = proxyStatus(proxy);
    if (status === "counted") {
      heldCount.set(proxy.holderId, (heldCount.get(proxy.holderId) ?? 0) + 1);
      holderOf.set(proxy.giverId, proxy.holderId);
    }
    return { ...proxy, status };
  });

  function proxyStatus({ giverId, holderId }: ProxyInput): ProxyStatus {
    if (!onRoll.has(giverId)) return "giverNotOnRoll";
    if (!onRoll.has(holderId)) return "holderNotOnRoll";
    if (giverId === holderId) return "self";
    if (seenGivers.has(giverId)) return "duplicate";
    seenGivers.add(giverId);
    if (givers.has(holderId)) return "chain";
    if (presenceOf(holderId) === "absent") return "holderAbsent";
    if (presenceOf(giverId) !== "absent") return "suspended";
    if (maxProxiesPerHolder !== null && (heldCount.get(holderId) ?? 0) >= maxProxiesPerHolder) return "overMaximum";
    return "counted";
  }

  const voters: Voter[] = [];
  for (const id of roll) {
    if (presenceOf(id) !== "absent") voters.push({ organisationId: id, castById: id, through: "present" });
    else {
      const holder = holderOf.get(id);
      if (holder) voters.push({ organisationId: id, castById: holder, through: "proxy" });
    }
  }

  const present = presentInRoom + presentOnline;
  const represented = holderOf.size;
  const presentOrRepresented = present + represented;
  const required = rule === null ? null : requiredForQuorum(roll.length, rule);
  return {
    rollSize: roll.length,
    present,
    presentInRoom,
    presentOnline,
    represented,
    presentOrRepresented,
    required,
    reached: required === null || presentOrRepresented >= required,
    voters,
    proxies: outcomes,
  };
}
