import { newId, query, queryOne, toDate, type EntityManager } from '@saldo/kit';
import type { CsvMapping } from '../parsers/types';

export interface MappingRecord {
  id: string;
  name: string;
  mapping: CsvMapping;
  createdAt: Date;
  updatedAt: Date;
}

interface MappingRow extends Record<string, unknown> {
  id: string;
  name: string;
  mapping: CsvMapping;
  created_at: string;
  updated_at: string;
}

const toRecord = (r: MappingRow): MappingRecord => ({
  id: r.id,
  name: r.name,
  mapping: r.mapping,
  createdAt: toDate(r.created_at),
  updatedAt: toDate(r.updated_at),
});

/** A user's saved CSV column mappings, by name (saving a name again replaces it). */
export const mappingRepository = {
  async save(
    em: EntityManager,
    userId: string,
    name: string,
    mapping: CsvMapping,
  ): Promise<MappingRecord> {
    const row = await queryOne<MappingRow>(
      em,
      `insert into csv_mappings (id, user_id, name, mapping) values (?::uuid, ?::uuid, ?, ?::jsonb)
       on conflict (user_id, name) do update set mapping = excluded.mapping, updated_at = now()
       returning id, name, mapping, created_at, updated_at`,
      [newId(), userId, name, JSON.stringify(mapping)],
    );
    return toRecord(row!);
  },

  async list(em: EntityManager, userId: string): Promise<MappingRecord[]> {
    const rows = await query<MappingRow>(
      em,
      `select id, name, mapping, created_at, updated_at from csv_mappings
        where user_id = ?::uuid order by name`,
      [userId],
    );
    return rows.map(toRecord);
  },

  async byName(em: EntityManager, userId: string, name: string): Promise<MappingRecord | null> {
    const row = await queryOne<MappingRow>(
      em,
      `select id, name, mapping, created_at, updated_at from csv_mappings
        where user_id = ?::uuid and name = ?`,
      [userId, name],
    );
    return row ? toRecord(row) : null;
  },
};
