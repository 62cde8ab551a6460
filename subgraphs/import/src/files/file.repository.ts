import type { EntityManager } from '@saldo/kit';
import { query, queryOne, toDate } from '@saldo/kit';

export interface FileRecord {
  id: string;
  userId: string;
  filename: string;
  contentType: string | null;
  size: number;
  sha256: string;
  createdAt: Date;
  expiresAt: Date;
}

interface FileRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  filename: string;
  content_type: string | null;
  size: string;
  sha256: string;
  created_at: string;
  expires_at: string;
}

const COLUMNS = 'id, user_id, filename, content_type, size, sha256, created_at, expires_at';

const toRecord = (r: FileRow): FileRecord => ({
  id: r.id,
  userId: r.user_id,
  filename: r.filename,
  contentType: r.content_type,
  size: Number(r.size),
  sha256: r.sha256,
  createdAt: toDate(r.created_at),
  expiresAt: toDate(r.expires_at),
});

/** SQL for stored files; every read is scoped by user id. */
export const fileRepository = {
  async insertHeader(em: EntityManager, f: FileRecord): Promise<void> {
    await query(
      em,
      `insert into files (id, user_id, filename, content_type, size, sha256, created_at, expires_at)
       values (?::uuid, ?::uuid, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)`,
      [
        f.id,
        f.userId,
        f.filename,
        f.contentType,
        f.size,
        f.sha256,
        f.createdAt.toISOString(),
        f.expiresAt.toISOString(),
      ],
    );
  },

  async insertPart(em: EntityManager, fileId: string, seq: number, data: Buffer): Promise<void> {
    await query(em, 'insert into file_parts (file_id, seq, data) values (?::uuid, ?, ?)', [
      fileId,
      seq,
      // A Buffer binds as bytea: the kit hands anything but arrays to the driver as is.
      data as unknown as string,
    ]);
  },

  async finish(em: EntityManager, id: string, size: number, sha256: string): Promise<void> {
    await query(em, 'update files set size = ?, sha256 = ? where id = ?::uuid', [size, sha256, id]);
  },

  async byId(em: EntityManager, userId: string, id: string): Promise<FileRecord | null> {
    const row = await queryOne<FileRow>(
      em,
      `select ${COLUMNS} from files where user_id = ?::uuid and id = ?::uuid`,
      [userId, id],
    );
    return row ? toRecord(row) : null;
  },

  /** The whole content, parts in order (parsers take one buffer; at most the size cap). */
  async content(em: EntityManager, id: string): Promise<Buffer> {
    const rows = await query<{ data: Buffer }>(
      em,
      'select data from file_parts where file_id = ?::uuid order by seq',
      [id],
    );
    return Buffer.concat(rows.map((r) => r.data));
  },

  async remove(em: EntityManager, id: string): Promise<void> {
    await query(em, 'delete from files where id = ?::uuid', [id]);
  },

  /** Removes expired files (their jobs keep their rows; `file_id` becomes null). */
  async removeExpired(em: EntityManager, now: Date): Promise<number> {
    const rows = await query<{ id: string }>(
      em,
      'delete from files where expires_at <= ?::timestamptz returning id',
      [now.toISOString()],
    );
    return rows.length;
  },
};
