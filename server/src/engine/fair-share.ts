/**
 * @module Fair share of a worker's delivery slots: counts the deliveries in flight per user and per
 * tenant, and says when a message should wait (be deferred back to the queue, never dropped) so that
 * one user, or one tenant with many users or flows, cannot hold every slot while others wait.
 */

export interface FairShareLimits {
  /** Deliveries of one user in flight while the worker is busy. */
  userInFlight: number;
  /** Deliveries of one tenant in flight while the worker is busy; unset or 0: no tenant cap. */
  tenantInFlight?: number | undefined;
  /** Deliveries the worker takes at once. */
  workerSlots: number;
}

function add(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

export class FairShare {
  readonly #users = new Map<string, number>();
  readonly #tenants = new Map<string, number>();
  #running = 0;

  /** `limits` is read at every call: the worker's slots are only known once it starts. */
  constructor(private readonly limitsNow: () => FairShareLimits) {}

  /** Deliveries in flight, all users. */
  get running(): number {
    return this.#running;
  }

  inFlightOf(kind: 'user' | 'tenant', id: string): number {
    return (kind === 'user' ? this.#users : this.#tenants).get(id) ?? 0;
  }

  /**
   * Counts the delivery in and returns true, or returns false (nothing counted) when it should wait.
   * Alone, a user or tenant may use the whole worker; once it is busy (more than halfway from the
   * share to every slot), one over its share waits, so the others always keep slots.
   */
  enter(userId: string, tenantId: string | undefined): boolean {
    const { userInFlight, workerSlots, tenantInFlight } = this.limitsNow();
    const tenantCap = tenantInFlight ?? 0;
    const busyFor = (cap: number) => this.#running >= cap + (workerSlots - cap) / 2;
    if (this.inFlightOf('user', userId) >= userInFlight && busyFor(userInFlight)) return false;
    if (tenantId !== undefined && tenantCap > 0 && this.inFlightOf('tenant', tenantId) >= tenantCap && busyFor(tenantCap)) return false;
    add(this.#users, userId, 1);
    if (tenantId !== undefined) add(this.#tenants, tenantId, 1);
    this.#running += 1;
    return true;
  }

  /** Counts the delivery in whatever the limits (a held timer's message, once due: dispatcher.ts). */
  enterAnyway(userId: string, tenantId: string | undefined): void {
    add(this.#users, userId, 1);
    if (tenantId !== undefined) add(this.#tenants, tenantId, 1);
    this.#running += 1;
  }

  /** The delivery `enter` or `enterAnyway` let in has ended (whatever its outcome). */
  leave(userId: string, tenantId: string | undefined): void {
    add(this.#users, userId, -1);
    if (tenantId !== undefined) add(this.#tenants, tenantId, -1);
    this.#running -= 1;
  }
}
