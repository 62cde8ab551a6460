import { createFileStore, type StoredFile } from '@saldo/kit';

export type FileRecord = StoredFile;

/** Stored statements: the kit's file store over `files` / `file_parts` (parts of 256 KiB). */
export const fileRepository = createFileStore({
  files: 'files',
  parts: 'file_parts',
  partBytes: 256 * 1024,
});
