import { z } from 'zod';
import { newId } from '../ids';
import { eventCatalog, isEventType, type EventData, type EventType } from '@saldo/events';

/** Envelope schema version; bump when the envelope itself changes. */
export const ENVELOPE_VERSION = 1;

export interface Envelope<T extends EventType = EventType> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  userId: string | null;
  data: EventData<T>;
}

export type AnyEnvelope = { [T in EventType]: Envelope<T> }[EventType];

const envelopeShape = z.object({
  id: z.uuid(),
  type: z.string(),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  userId: z.uuid().nullable(),
  data: z.unknown(),
});

export class InvalidEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Builds an envelope, validating the payload against the catalog. */
export function createEnvelope<T extends EventType>(
  type: T,
  userId: string | null,
  data: EventData<T>,
  occurredAt = new Date(),
): Envelope<T> {
  const parsed = eventCatalog[type].safeParse(data);
  if (!parsed.success) throw new InvalidEventError(`${type}: ${describe(parsed.error)}`);
  return {
    id: newId(),
    type,
    version: ENVELOPE_VERSION,
    occurredAt: occurredAt.toISOString(),
    userId,
    data: parsed.data as EventData<T>,
  };
}

/** Parses and validates bytes off the wire; throws InvalidEventError with the reason. */
export function parseEnvelope(raw: string | Uint8Array): AnyEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(
      typeof raw === 'string'
        ? raw
        : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8'),
    );
  } catch {
    throw new InvalidEventError('payload is not JSON');
  }
  const shape = envelopeShape.safeParse(json);
  if (!shape.success) throw new InvalidEventError(`envelope: ${describe(shape.error)}`);
  const { type } = shape.data;
  if (!isEventType(type)) throw new InvalidEventError(`unknown event type ${type}`);
  const data = eventCatalog[type].safeParse(shape.data.data);
  if (!data.success) throw new InvalidEventError(`${type}: ${describe(data.error)}`);
  return { ...shape.data, type, data: data.data } as AnyEnvelope;
}
