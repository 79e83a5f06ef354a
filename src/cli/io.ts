import { closeSync, existsSync, openSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { type CsvReadOptions, type CsvReadResult, readCsv } from '../core/ingest/reader';
import type { ParallelHost } from '../core/ingest/parallel';
import type { ByteSource } from '../core/ingest/source';
import { SaplingError } from '../core/util/errors';
import { jsonChunks } from '../core/util/jsonChunks';
import { writeAll } from '../core/util/textChunks';

/** The share of this machine's memory a table may take before Sapling refuses to read it whole. */
const MEMORY_SHARE = 0.6;

/** The bytes a table may take: `SAPLING_MEMORY_MB` when set (tests, shared machines), else a share of this machine's memory. */
function memoryBudget(): number {
  const mb = Number(process.env.SAPLING_MEMORY_MB);
  return mb > 0 ? mb * 1024 * 1024 : totalmem() * MEMORY_SHARE;
}

function fileError(path: string, e: unknown): SaplingError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
  return new SaplingError('cannot-read', `cannot read ${path}: ${why}`);
}

/** Reads a file's bytes, turning file-system failures into one-line user errors. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw fileError(path, e);
  }
}

/**
 * A file on disk as a byte source, read with `fs` file handles (Node's file Blobs read about five
 * times slower). Chunks come from three buffers used in turn, so reading makes no garbage: a
 * consumer that reads one chunk ahead (as the reader does) never sees a buffer refilled while it
 * still uses it.
 */
export function fileSource(path: string): ByteSource {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    size = stat.size;
  } catch (e) {
    throw fileError(path, e);
  }
  return {
    name: basename(path),
    size,
    async *chunks(chunkSize, start = 0) {
      const handle = await open(path, 'r');
      const buffers = [0, 1, 2].map(() => new Uint8Array(chunkSize));
      try {
        for (let position = start, turn = 0; position < size; turn++) {
          const buffer = buffers[turn % buffers.length];
          const { bytesRead } = await handle.read(buffer, 0, chunkSize, position);
          if (bytesRead === 0) break;
          position += bytesRead;
          yield bytesRead === chunkSize ? buffer : buffer.subarray(0, bytesRead);
        }
      } finally {
        await handle.close();
      }
    },
  };
}

/**
 * What reading needs of the CLI's worker pool (`parallel.ts`'s WorkerPool): workers that parse parts
 * of one file. Named here so io.ts does not import the pool, which imports io.ts for `fileSource`.
 */
export interface ReaderPool {
  reader(path: string): ParallelHost;
}

/** Streams a CSV file from disk (never held whole in memory); errors name the file. */
export async function readCsvFile(path: string, options: CsvReadOptions = {}, pool?: ReaderPool): Promise<CsvReadResult> {
  const source = fileSource(path);
  try {
    return await readCsv(source, { memoryBudget: memoryBudget(), ...(pool ? { parallel: pool.reader(path) } : {}), ...options });
  } catch (e) {
    if (e instanceof SaplingError) throw new SaplingError(e.code, `${basename(path)}: ${e.message}`);
    throw e;
  }
}

function writeError(path: string, e: unknown): SaplingError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT' ? 'no such directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : code === 'ENOSPC' ? 'no space left on the device' : (e as Error).message;
  return new SaplingError('cannot-write', `cannot write ${path}: ${why}`);
}

/** Produces output by handing chunks of text or bytes to `write`, as the writers in core do. */
export type Produce = (write: (chunk: string | Uint8Array) => void | Promise<void>) => void | Promise<void>;

/**
 * Writes a file from text, bytes or chunks handed over by `produce`, never holding the whole output
 * as one string (V8 stops at ~2^29 characters). A regular file is written beside `path` and renamed
 * into place once complete, so a failure midway leaves no half-written file and any earlier file
 * intact; devices and pipes (`/dev/stdout`) are written directly. File-system failures become
 * one-line user errors.
 */
export async function writeOut(path: string, data: string | Uint8Array | Produce): Promise<void> {
  // A symbolic link keeps pointing where it did: the file it points to is the one replaced.
  const real = existsSync(path) ? realpathSync(path) : path;
  const direct = existsSync(real) && !statSync(real).isFile();
  const target = direct ? real : join(dirname(real), `.${basename(real)}.${process.pid}.partial`);
  let fd = -1;
  try {
    fd = openSync(target, 'w');
  } catch (e) {
    throw writeError(path, e);
  }
  const write = (chunk: string | Uint8Array) => {
    try {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    } catch (e) {
      throw writeError(path, e);
    }
  };
  try {
    if (typeof data === 'function') await data(write);
    else write(data);
    closeSync(fd);
    fd = -1;
    if (!direct) renameSync(target, real);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    if (!direct) rmSync(target, { force: true });
    throw e instanceof SaplingError || !(e as NodeJS.ErrnoException).code ? e : writeError(path, e);
  }
}

/** Writes a value as JSON (`space`: indentation, 0 = compact) in chunks; indented files end with a line break. */
export function writeJson(path: string, value: unknown, space = 2): Promise<void> {
  return writeOut(path, async (write) => {
    await writeAll(jsonChunks(value, space), write);
    if (space) write('\n');
  });
}

/** Set once standard output's reader has gone (`sapling transform … | head`): what is left is not wanted. */
let stdoutClosed = false;
let stdoutWatched = false;

/**
 * Writes chunks to standard output, waiting whenever its buffer is full (a slow pipe holds the writer
 * back). A reader that stops early closes the pipe (EPIPE): the remaining chunks are dropped quietly,
 * as other command-line tools do, instead of Node's unhandled stream error and its stack trace.
 */
export async function writeStdout(produce: Produce): Promise<void> {
  if (!stdoutWatched) {
    stdoutWatched = true;
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      stdoutClosed = true;
      process.stdout.emit('drain');
    });
  }
  await produce((chunk) => {
    if (stdoutClosed || process.stdout.write(chunk)) return undefined;
    return new Promise<void>((resolve) => process.stdout.once('drain', resolve));
  });
}

/** Reads a model file and checks it with `parse` (a file with a target, or any); its errors name the file. */
export function readModelFile<T>(path: string, parse: (text: string) => T): T {
  try {
    return parse(new TextDecoder().decode(readBytes(path)));
  } catch (e) {
    if (e instanceof SaplingError) throw new SaplingError(e.code, `${basename(path)}: ${e.message}`);
    throw e;
  }
}
