/**
 * @module providers/grid-openadr/vtn-store
 * The simulated VTN's objects: six collections with VTN-assigned ids and timestamps, the 3.0.1 list query
 * parameters of each (PROTOCOLS.md §4.1), and a hook on every create, update and delete that drives the
 * notifications. No sockets here; `simulator.ts` puts HTTP and OAuth in front. Outcomes are values carrying the
 * HTTP status and an RFC 7807 detail, because an invalid request is an expected answer, not a crash.
 */
import type { z } from 'zod';
import { zodIssuesText } from './messages.ts';
import {
  type CrudOperation,
  eventSchema,
  type ObjectType,
  programSchema,
  reportSchema,
  resourceSchema,
  subscriptionSchema,
  type ValuesMap,
  venSchema,
} from './protocol.ts';
import { formatRfc3339 } from './time.ts';

export type Collection = 'programs' | 'events' | 'reports' | 'subscriptions' | 'vens' | 'resources';

interface CollectionSpec {
  readonly objectType: ObjectType;
  readonly idPrefix: string;
  readonly schema: z.ZodType<Record<string, unknown>>;
  readonly writeScope: string;
  /** List query parameters besides `skip` and `limit`, as the 3.0.1 OpenAPI gives them per path. */
  readonly filters: readonly string[];
}

const TARGET_FILTERS = ['targetType', 'targetValues'];
export const COLLECTIONS: Readonly<Record<Collection, CollectionSpec>> = {
  programs: {
    objectType: 'PROGRAM',
    idPrefix: 'program',
    schema: programSchema,
    writeScope: 'write_programs',
    filters: TARGET_FILTERS,
  },
  events: {
    objectType: 'EVENT',
    idPrefix: 'event',
    schema: eventSchema,
    writeScope: 'write_events',
    filters: ['programID', ...TARGET_FILTERS],
  },
  reports: {
    objectType: 'REPORT',
    idPrefix: 'report',
    schema: reportSchema,
    writeScope: 'write_reports',
    filters: ['programID', 'eventID', 'clientName'],
  },
  subscriptions: {
    objectType: 'SUBSCRIPTION',
    idPrefix: 'subscription',
    schema: subscriptionSchema,
    writeScope: 'write_subscriptions',
    filters: ['programID', 'clientName', 'objects', ...TARGET_FILTERS],
  },
  vens: {
    objectType: 'VEN',
    idPrefix: 'ven',
    schema: venSchema,
    writeScope: 'write_vens',
    filters: ['venName', ...TARGET_FILTERS],
  },
  resources: {
    objectType: 'RESOURCE',
    idPrefix: 'resource',
    schema: resourceSchema,
    writeScope: 'write_vens',
    filters: ['resourceName', ...TARGET_FILTERS],
  },
};

export type StoredObject = Record<string, unknown> & { readonly id: string; readonly objectType: ObjectType };
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly status: number; readonly detail: string };
export interface Change {
  readonly objectType: ObjectType;
  readonly operation: CrudOperation;
  readonly object: StoredObject;
}

const MAX_LIMIT = 50;
const fail = (status: number, detail: string) => ({ ok: false, status, detail }) as const;
const ok = <T>(value: T) => ({ ok: true, value }) as const;

/** Fields whose names match a list filter of the same name (`programID`, `venName`, …). */
const EQUALITY_FILTERS = ['programID', 'eventID', 'clientName', 'venName', 'resourceName'];

function matchesTargets(object: StoredObject, type: string | null, values: readonly string[]): boolean {
  const targets = (object.targets ?? []) as readonly ValuesMap[];
  return targets.some(
    (target) =>
      (type === null || target.type === type) &&
      (values.length === 0 ||
        target.values.some((value) => typeof value === 'string' && values.includes(value))),
  );
}

function matchesObjects(object: StoredObject, objects: readonly string[]): boolean {
  const operations = (object.objectOperations ?? []) as readonly { objects: readonly string[] }[];
  return operations.some((entry) => entry.objects.some((name) => objects.includes(name)));
}

export class VtnStore {
  private readonly objects: { [name in Collection]: Map<string, StoredObject> } = {
    programs: new Map(),
    events: new Map(),
    reports: new Map(),
    subscriptions: new Map(),
    vens: new Map(),
    resources: new Map(),
  };
  private nextId = 1;

  constructor(
    private readonly clock: () => number,
    private readonly onChange: (change: Change) => void,
  ) {}

  all(collection: Collection): StoredObject[] {
    return [...this.objects[collection].values()];
  }

  get(collection: Collection, id: string): StoredObject | undefined {
    return this.objects[collection].get(id);
  }

  /** `venID` scopes resources to their VEN (`/vens/{venID}/resources`). */
  list(collection: Collection, query: URLSearchParams, venID?: string): Outcome<StoredObject[]> {
    const spec = COLLECTIONS[collection];
    for (const key of query.keys()) {
      if (key !== 'skip' && key !== 'limit' && !spec.filters.includes(key)) {
        const allowed = ['skip', 'limit', ...spec.filters].join(', ');
        return fail(400, `unknown query parameter ${key} for ${collection} (allowed: ${allowed})`);
      }
    }
    const skip = query.get('skip') ?? '0';
    const limit = query.get('limit') ?? String(MAX_LIMIT);
    if (!/^\d+$/.test(skip)) return fail(400, `skip must be an integer >= 0; got ${skip}`);
    if (!/^\d+$/.test(limit) || Number(limit) > MAX_LIMIT)
      return fail(400, `limit must be 0..50; got ${limit}`);
    const targetType = query.get('targetType');
    const targetValues = query.getAll('targetValues');
    const objects = query.getAll('objects');
    const found = this.all(collection).filter(
      (object) =>
        (venID === undefined || object.venID === venID) &&
        EQUALITY_FILTERS.every((field) => !query.has(field) || object[field] === query.get(field)) &&
        (targetType === null && targetValues.length === 0
          ? true
          : matchesTargets(object, targetType, targetValues)) &&
        (objects.length === 0 || matchesObjects(object, objects)),
    );
    return ok(found.slice(Number(skip), Number(skip) + Number(limit)));
  }

  create(collection: Collection, body: unknown, venID?: string): Outcome<StoredObject> {
    const valid = this.validate(collection, body, venID);
    if (!valid.ok) return valid;
    const now = formatRfc3339(this.clock());
    const spec = COLLECTIONS[collection];
    const object: StoredObject = {
      ...valid.value,
      id: `${spec.idPrefix}-${this.nextId++}`,
      objectType: spec.objectType,
      createdDateTime: now,
      modificationDateTime: now,
      ...(venID === undefined ? {} : { venID }),
    };
    this.objects[collection].set(object.id, object);
    this.onChange({ objectType: spec.objectType, operation: 'CREATE', object });
    return ok(object);
  }

  /** PUT replaces the object; the VTN keeps its id, type and creation time. */
  update(collection: Collection, id: string, body: unknown): Outcome<StoredObject> {
    const previous = this.objects[collection].get(id);
    if (previous === undefined) return fail(404, `no ${collection} object ${id}`);
    const venID = typeof previous.venID === 'string' ? previous.venID : undefined;
    const valid = this.validate(collection, body, venID, id);
    if (!valid.ok) return valid;
    const object: StoredObject = {
      ...valid.value,
      id,
      objectType: previous.objectType,
      createdDateTime: previous.createdDateTime,
      modificationDateTime: formatRfc3339(this.clock()),
      ...(venID === undefined ? {} : { venID }),
    };
    this.objects[collection].set(id, object);
    this.onChange({ objectType: object.objectType, operation: 'UPDATE', object });
    return ok(object);
  }

  remove(collection: Collection, id: string): Outcome<StoredObject> {
    const object = this.objects[collection].get(id);
    if (object === undefined) return fail(404, `no ${collection} object ${id}`);
    this.objects[collection].delete(id);
    this.onChange({ objectType: object.objectType, operation: 'DELETE', object });
    return ok(object);
  }

  /** Schema, then the references and uniqueness a real VTN enforces (so a VEN bug shows here, not in the field). */
  private validate(
    collection: Collection,
    body: unknown,
    venID: string | undefined,
    ownId?: string,
  ): Outcome<Record<string, unknown>> {
    const parsed = COLLECTIONS[collection].schema.safeParse(body);
    if (!parsed.success) return fail(400, `invalid ${collection} body: ${zodIssuesText(parsed.error)}`);
    const value = parsed.data;
    if (typeof value.programID === 'string' && !this.objects.programs.has(value.programID)) {
      return fail(400, `programID ${value.programID} is not a program`);
    }
    if (typeof value.eventID === 'string' && !this.objects.events.has(value.eventID)) {
      return fail(400, `eventID ${value.eventID} is not an event`);
    }
    const unique = { programs: 'programName', vens: 'venName', resources: 'resourceName' } as const;
    const key = unique[collection as keyof typeof unique] as string | undefined;
    const clash =
      key !== undefined &&
      this.all(collection).some(
        (other) =>
          other.id !== ownId && other[key] === value[key] && (venID === undefined || other.venID === venID),
      );
    return clash ? fail(409, `a ${collection} object with ${key} ${String(value[key])} exists`) : ok(value);
  }
}
