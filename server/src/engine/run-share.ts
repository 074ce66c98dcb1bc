/**
 * @module Run shares: how the engine knows that a run whose webhook waits has ended without a
 * Response, so the caller gets an answer at once instead of a timeout.
 *
 * The webhook's message holds the whole run, a share of 1. A receive hands its message's share on,
 * split exactly, to the messages it sends (and to timers it sets, which carry the run on later);
 * a receive that sends nothing ends its branch and returns its share to the API instance holding
 * the request. When the returned shares add up to 1, no message of the run is left anywhere.
 * Shares are exact fractions "n/d" (BigInt), so no amount of splitting loses a part; a share that
 * never comes back (a cleared timer, a lost report) only means the caller waits for the timeout,
 * as before. Returns are counted once per message id, so a redelivered message cannot count twice.
 */

const WHOLE = '1/1';

export const wholeShare = (): string => WHOLE;

interface Fraction {
  n: bigint;
  d: bigint;
}

function parse(share: string): Fraction | undefined {
  const match = /^(\d{1,600})\/(\d{1,600})$/.exec(share);
  if (!match) return undefined;
  const d = BigInt(match[2]!);
  return d === 0n ? undefined : { n: BigInt(match[1]!), d };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function format({ n, d }: Fraction): string {
  const g = gcd(n, d) || 1n;
  return `${n / g}/${d / g}`;
}

/** `share` divided into `parts` equal shares that add up to it exactly. */
export function splitShare(share: string, parts: number): string[] {
  if (parts <= 1) return parts === 1 ? [share] : [];
  const fraction = parse(share);
  if (!fraction) return [];
  const part = format({ n: fraction.n, d: fraction.d * BigInt(parts) });
  return Array.from({ length: parts }, () => part);
}

/**
 * The share of one receive: timers it sets take half of what is left, the messages it sends split
 * the rest; once it answered the webhook, nothing is handed on or returned (the caller has its answer).
 */
export class ReceiveShare {
  #left: string | undefined;
  #answered = false;

  constructor(share: string | undefined) {
    this.#left = share;
  }

  answered(): void {
    this.#answered = true;
  }

  /** The share a timer set now carries, if this message holds one. */
  forTimer(): string | undefined {
    if (this.#left === undefined || this.#answered) return undefined;
    const [timer, rest] = splitShare(this.#left, 2);
    this.#left = rest;
    return timer;
  }

  /** After the receive: the shares of its `count` messages, or the share its ended branch returns. */
  settle(count: number): { sends?: string[]; ended?: string } {
    if (this.#left === undefined || this.#answered) return {};
    return count > 0 ? { sends: splitShare(this.#left, count) } : { ended: this.#left };
  }
}

/** The returned shares of one held run. */
export class ShareTally {
  #sum: Fraction = { n: 0n, d: 1n };
  readonly #seen = new Set<string>();

  /** Counts the share `messageId` returned (once); true when the whole run has come back. */
  add(messageId: string, share: string): boolean {
    const fraction = parse(share);
    if (!fraction || this.#seen.has(messageId)) return false;
    this.#seen.add(messageId);
    const n = this.#sum.n * fraction.d + fraction.n * this.#sum.d;
    const d = this.#sum.d * fraction.d;
    const g = gcd(n, d) || 1n;
    this.#sum = { n: n / g, d: d / g };
    return this.#sum.n >= this.#sum.d;
  }
}
