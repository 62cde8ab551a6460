import { createFileStore } from '@saldo/kit';

/** Uploaded charge files: the kit's file store over `billing_files` / `billing_file_chunks`. */
export const billingFiles = createFileStore({
  files: 'billing_files',
  parts: 'billing_file_chunks',
  partBytes: 1024 * 1024,
});
