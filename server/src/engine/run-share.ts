/**
 * @module Run shares: how the engine knows that a run has ended (run history), and that a run whose
 * webhook waits has ended without a Response, so the caller gets an answer at once instead of a timeout.
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

/** The exact sum of `shares` ("0/1" for none); malformed ones count as nothing. */
export function addShares(...shares: readonly (string | undefined)[]): string {
  let sum: Fraction = { n: 0n, d: 1n };
  for (const share of shares) {
    const fraction = share === undefined ? undefined : parse(share);
    if (!fraction) continue;
    sum = { n: sum.n * fraction.d + fraction.n * sum.d, d: sum.d * fraction.d };
    const g = gcd(sum.n, sum.d) || 1n;
    sum = { n: sum.n / g, d: sum.d / g };
  }
  return format(sum);
}

/** `a - b`, never below nothing. */
export function subtractShare(a: string, b: string): string {
  const x = parse(a) ?? { n: 0n, d: 1n };
  const y = parse(b) ?? { n: 0n, d: 1n };
  const n = x.n * y.d - y.n * x.d;
  return n <= 0n ? '0/1' : format({ n, d: x.d * y.d });
}

/** True when `share` is the whole run (or more: a share counted twice by mistake). */
export const isWhole = (share: string): boolean => {
  const fraction = parse(share);
  return fraction !== undefined && fraction.n >= fraction.d;
};

/** True when `share` is more than nothing. */
export const isSome = (share: string): boolean => (parse(share)?.n ?? 0n) > 0n;

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
 * the rest. Once it answered the webhook, the held request needs no more returns, but the run
 * history still follows the shares to know when the run ended.
 */
export class ReceiveShare {
  #left: string | undefined;
  #answered = false;
  readonly #timers: string[] = [];

  constructor(share: string | undefined) {
    this.#left = share;
  }

  answered(): void {
    this.#answered = true;
  }

  /** True once the receive answered its webhook: its ended branches return nothing to the request. */
  get isAnswered(): boolean {
    return this.#answered;
  }

  /** The share a timer set now carries, if this message holds one. */
  forTimer(): string | undefined {
    if (this.#left === undefined) return undefined;
    const [timer, rest] = splitShare(this.#left, 2);
    this.#left = rest;
    if (timer !== undefined) this.#timers.push(timer);
    return timer;
  }

  /** What the timers set by this receive carry, summed; undefined when it set none (most receives: no fraction arithmetic). */
  get timers(): string | undefined {
    return this.#timers.length === 0 ? undefined : addShares(...this.#timers);
  }

  /** After the receive: the shares of its `count` messages, or the share its ended branch returns. */
  settle(count: number): { sends?: string[]; ended?: string } {
    if (this.#left === undefined) return {};
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
