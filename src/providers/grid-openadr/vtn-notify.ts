/**
 * @module providers/grid-openadr/vtn-notify
 * The simulated VTN's webhooks (PROTOCOLS.md §4.1 Subscription): on each change, a POST of
 * `{objectType, operation, object, targets}` to every subscription that asked for that object type and
 * operation in that program, with its bearer token. Fire and forget: a failed delivery is logged, never thrown.
 */
import { type OperationWord, toCrudOperation } from './protocol.ts';
import type { Change, StoredObject } from './vtn-store.ts';

/** One notification POST and how it went. */
export interface Delivery {
  readonly callbackUrl: string;
  readonly objectType: string;
  readonly operation: string;
  /** HTTP status of the callback's reply; null when it gave none. */
  readonly status: number | null;
  readonly error: string | null;
}

interface ObjectOperation {
  readonly objects: readonly string[];
  readonly operations: readonly OperationWord[];
  readonly callbackUrl: string;
  readonly bearerToken?: string | null;
}

/** Bound on one delivery, so a dead callback cannot pile up sockets. */
const DELIVERY_TIMEOUT_MS = 5000;

export class VtnNotifier {
  readonly deliveries: Delivery[] = [];
  private readonly inFlight = new Set<AbortController>();

  /**
   * Subscriptions match on `programID` for objects that belong to a program (a program matches its own id);
   * VENs and resources have none and match any. Subscription `targets` are not used to filter (a simplification).
   */
  notify(change: Change, subscriptions: readonly StoredObject[]): void {
    const programID = change.objectType === 'PROGRAM' ? change.object.id : change.object.programID;
    for (const subscription of subscriptions) {
      if (programID !== undefined && subscription.programID !== programID) continue;
      for (const entry of subscription.objectOperations as readonly ObjectOperation[]) {
        const wanted = entry.operations.map(toCrudOperation).includes(change.operation);
        if (wanted && entry.objects.includes(change.objectType)) this.deliver(entry, change);
      }
    }
  }

  /** Aborts deliveries still in flight (the simulator is closing). */
  abortAll(): void {
    for (const controller of this.inFlight) controller.abort();
  }

  private deliver(entry: ObjectOperation, change: Change): void {
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), DELIVERY_TIMEOUT_MS);
    const record = {
      callbackUrl: entry.callbackUrl,
      objectType: change.objectType,
      operation: change.operation,
    };
    const body = {
      objectType: change.objectType,
      operation: change.operation,
      object: change.object,
      targets: change.object.targets ?? [],
    };
    fetch(entry.callbackUrl, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        'content-type': 'application/json',
        ...(entry.bearerToken ? { authorization: `Bearer ${entry.bearerToken}` } : {}),
      },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        await response.arrayBuffer();
        this.deliveries.push({ ...record, status: response.status, error: null });
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.deliveries.push({ ...record, status: null, error: message });
      })
      .finally(() => {
        clearTimeout(timer);
        this.inFlight.delete(controller);
      });
  }
}
