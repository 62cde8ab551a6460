import { badInput, parseAmount, type EntityManager } from '@saldo/kit';
import type { ChannelChoice } from '../catalog/types';
import { PreferenceEntity } from './preference.entity';
import { HH_MM } from './quiet-hours';
import type { UpdateNotificationPreferencesInput } from './preference.types';

const E164 = /^\+[1-9]\d{7,14}$/;

/** A user's notification choices. */
export class PreferenceService {
  get(em: EntityManager, userId: string): Promise<PreferenceEntity | null> {
    return em.findOne(PreferenceEntity, { userId });
  }

  async update(
    em: EntityManager,
    userId: string,
    input: UpdateNotificationPreferencesInput,
  ): Promise<PreferenceEntity> {
    const prefs = (await this.get(em, userId)) ?? em.create(PreferenceEntity, { userId });
    if (input.channels) {
      const channels = { ...prefs.channels };
      for (const c of input.channels) {
        const next: Partial<ChannelChoice> = { ...channels[c.type] };
        for (const key of ['inApp', 'email', 'push', 'whatsapp', 'webhook'] as const) {
          const value = c[key];
          if (typeof value === 'boolean') next[key] = value;
        }
        channels[c.type] = next as ChannelChoice;
      }
      prefs.channels = channels;
    }
    if (input.quietHours !== undefined) {
      const q = input.quietHours;
      if (q && (!HH_MM.test(q.start) || !HH_MM.test(q.end))) {
        throw badInput('quietHours take "HH:MM" times, 00:00 to 23:59', { field: 'quietHours' });
      }
      prefs.quietStart = q?.start ?? null;
      prefs.quietEnd = q?.end ?? null;
    }
    if (typeof input.dailySummary === 'boolean') prefs.dailySummary = input.dailySummary;
    if (input.lowBalanceThreshold !== undefined) {
      const t = input.lowBalanceThreshold;
      if (t !== null) parseAmountOrFail(t);
      prefs.lowBalanceThreshold = t;
    }
    if (input.whatsappNumber !== undefined && input.whatsappNumber !== null) {
      const number = input.whatsappNumber.replace(/[\s()-]/g, '');
      if (number !== '' && !E164.test(number)) {
        throw badInput('whatsappNumber must be E.164, e.g. +5511999998888', {
          field: 'whatsappNumber',
        });
      }
      if ((prefs.whatsappNumber ?? '') !== number) {
        prefs.whatsappNumber = number || null;
        // Confirmed again when that number writes to us (see the WhatsApp webhook).
        prefs.whatsappConfirmedAt = null;
        prefs.whatsappLastInboundAt = null;
      }
    }
    await em.persistAndFlush(prefs);
    return prefs;
  }

  /** A message from a user's number (WhatsApp webhook): confirms it, opens the 24 h window. */
  async inbound(em: EntityManager, number: string, at: Date): Promise<number> {
    return em.nativeUpdate(
      PreferenceEntity,
      { whatsappNumber: number },
      { whatsappLastInboundAt: at, whatsappConfirmedAt: at },
    );
  }
}

function parseAmountOrFail(value: string): void {
  try {
    // The threshold applies in each account's currency: two decimals at most.
    if (parseAmount(value, 'BRL') < 0n) throw new Error('negative');
  } catch {
    throw badInput('lowBalanceThreshold must be a non-negative amount', {
      field: 'lowBalanceThreshold',
    });
  }
}
