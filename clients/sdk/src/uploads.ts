import { SaldoError } from './errors';
import type { FetchLike } from './transport';

/** What `POST /uploads` answers (201). */
export interface UploadedFile {
  fileId: string;
  filename: string;
  size: number;
  sha256: string;
}

export interface UploadProgress {
  sentBytes: number;
  /** Undefined for a stream of unknown length. */
  totalBytes: number | undefined;
}

export interface UploadOptions {
  /** Defaults to the File's name or the path's base name. */
  filename?: string;
  contentType?: string;
  /** Length of a stream source, when known (for progress). */
  size?: number;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
  /** Where the file goes: `import` (statements, the default) or `billing` (charge files). */
  purpose?: 'import' | 'billing';
}

/** A path (Node only), a Blob/File, a web ReadableStream or a Node stream / async iterable. */
export type UploadSource =
  string | Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

interface Body {
  stream: () => ReadableStream<Uint8Array>;
  size: number | undefined;
  filename: string | undefined;
  /** Can be sent again (after a token refresh). */
  replayable: boolean;
}

// Paths exist only on Node: its built-ins are fetched at run time, so bundlers for the
// browser never see them.
function builtin<T>(id: string): T {
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (!get) {
    throw new SaldoError(
      'BAD_USER_INPUT',
      'uploads.put(path) needs Node 20.16+: pass a Blob or a stream',
    );
  }
  return get(id) as T;
}

async function bodyOf(source: UploadSource, size: number | undefined): Promise<Body> {
  if (typeof source === 'string') {
    const fs = builtin<typeof import('node:fs')>('node:fs');
    const fsp = builtin<typeof import('node:fs/promises')>('node:fs/promises');
    const path = builtin<typeof import('node:path')>('node:path');
    const stream = builtin<typeof import('node:stream')>('node:stream');
    const info = await fsp.stat(source);
    return {
      stream: () =>
        stream.Readable.toWeb(fs.createReadStream(source)) as ReadableStream<Uint8Array>,
      size: info.size,
      filename: path.basename(source),
      replayable: true,
    };
  }
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const name = (source as { name?: unknown }).name;
    return {
      stream: () => source.stream(),
      size: source.size,
      filename: typeof name === 'string' ? name : undefined,
      replayable: true,
    };
  }
  if (typeof ReadableStream !== 'undefined' && source instanceof ReadableStream) {
    return { stream: () => source, size, filename: undefined, replayable: false };
  }
  const iterable = source as AsyncIterable<Uint8Array | string>;
  const encoder = new TextEncoder();
  return {
    stream: () => {
      const iterator = iterable[Symbol.asyncIterator]();
      return new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await iterator.next();
          if (next.done) controller.close();
          else
            controller.enqueue(
              typeof next.value === 'string' ? encoder.encode(next.value) : next.value,
            );
        },
        async cancel() {
          await iterator.return?.();
        },
      });
    },
    size,
    filename: undefined,
    replayable: false,
  };
}

function counted(body: Body, onProgress: UploadOptions['onProgress']): ReadableStream<Uint8Array> {
  const source = body.stream();
  if (!onProgress) return source;
  let sentBytes = 0;
  onProgress({ sentBytes, totalBytes: body.size });
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sentBytes += chunk.byteLength;
        controller.enqueue(chunk);
        onProgress({ sentBytes, totalBytes: body.size });
      },
    }),
  );
}

export interface UploadContext {
  url: string;
  fetch: FetchLike;
  headers: Record<string, string>;
  authorization: () => Promise<string | undefined>;
  /** Called once on 401 with the header that failed; answers whether to try again. */
  refreshed: (failed: string | undefined) => Promise<boolean>;
}

/** Streams a file to `POST /uploads` (raw body, `x-filename` header). */
export async function putUpload(
  context: UploadContext,
  source: UploadSource,
  options: UploadOptions = {},
): Promise<UploadedFile> {
  const body = await bodyOf(source, options.size);
  const filename = options.filename ?? body.filename;
  if (!filename) {
    throw new SaldoError('BAD_USER_INPUT', 'uploads.put: give a filename for a stream', {
      field: 'filename',
    });
  }
  for (let attempt = 1; ; attempt += 1) {
    const authorization = await context.authorization();
    let response: Response;
    try {
      const url = options.purpose
        ? `${context.url}${context.url.includes('?') ? '&' : '?'}purpose=${options.purpose}`
        : context.url;
      response = await context.fetch(url, {
        method: 'POST',
        headers: {
          ...context.headers,
          'content-type': options.contentType ?? 'application/octet-stream',
          'x-filename': encodeURIComponent(filename),
          ...(body.size === undefined ? {} : { 'content-length': String(body.size) }),
          ...(authorization ? { authorization } : {}),
        },
        body: counted(body, options.onProgress),
        // Node's fetch streams a request body only in half-duplex mode.
        duplex: 'half',
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (cause) {
      throw new SaldoError('NETWORK_ERROR', 'Upload failed: the connection dropped', { cause });
    }
    if (response.status === 401 && attempt === 1 && body.replayable) {
      if (await context.refreshed(authorization)) {
        await response.body?.cancel();
        continue;
      }
    }
    return answer(response);
  }
}

async function answer(response: Response): Promise<UploadedFile> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  if (response.status === 201 || response.status === 200) {
    const file = json as Partial<UploadedFile> | undefined;
    if (file && typeof file.fileId === 'string') return file as UploadedFile;
    throw new SaldoError('BAD_RESPONSE', 'Upload answered without a fileId', {
      status: response.status,
    });
  }
  const errors = (json as { errors?: { message: string; extensions?: Record<string, unknown> }[] })
    ?.errors;
  if (errors?.length) throw SaldoError.fromGraphQL(errors, response.status);
  const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
  throw new SaldoError(
    error?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'BAD_RESPONSE'),
    error?.message ?? `Upload refused: HTTP ${response.status}`,
    { status: response.status },
  );
}
