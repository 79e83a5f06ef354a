/**
 * Text output in pieces. V8 refuses strings longer than ~2^29 characters ("Invalid string length"),
 * so anything Sapling writes that can grow with the data (a predictions CSV, a model file, a
 * project) is produced as chunks of bounded size and handed to a sink: a file stream in the CLI,
 * Blob parts in the studio.
 */

/** Where chunks of output go; awaiting it is how a slow destination holds the writer back. */
export type TextSink = (chunk: string) => void | Promise<void>;

/** Characters per chunk by default: large enough that a chunk's overhead is nothing, small beside any limit. */
export const CHUNK_CHARS = 1 << 20;

/** Collects small pieces of text (lines) into chunks of about `size` characters. */
export class TextChunker {
  private parts: string[] = [];
  private length = 0;
  private ready: string[] = [];

  constructor(private readonly size = CHUNK_CHARS) {}

  /** Adds a piece; a chunk is complete once the pieces reach the size (a larger piece stands alone). */
  add(piece: string): void {
    this.parts.push(piece);
    this.length += piece.length;
    if (this.length >= this.size) this.close();
  }

  /** Completes the last chunk, however small. */
  end(): void {
    if (this.parts.length) this.close();
  }

  /** The completed chunks since the last call, in order. */
  take(): string[] {
    const out = this.ready;
    this.ready = [];
    return out;
  }

  private close(): void {
    this.ready.push(this.parts.length === 1 ? this.parts[0] : this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/** Characters of strings held before they become one Blob part (so the strings can be freed). */
const BLOB_BATCH_CHARS = 32 << 20;

/**
 * A Blob made from chunks of text without joining them: every ~32 M characters the strings become
 * one Blob, and the Blob of Blobs references those (browsers keep large Blobs outside the JS heap).
 */
export async function blobFromChunks(produce: (write: TextSink) => void | Promise<void>, type: string): Promise<Blob> {
  const blobs: Blob[] = [];
  let batch: string[] = [];
  let chars = 0;
  await produce((chunk) => {
    batch.push(chunk);
    chars += chunk.length;
    if (chars >= BLOB_BATCH_CHARS) {
      blobs.push(new Blob(batch));
      batch = [];
      chars = 0;
    }
  });
  if (batch.length) blobs.push(new Blob(batch));
  return new Blob(blobs, { type });
}

/** Hands every chunk of a synchronous generator to `write` (the JSON writer's output to a sink). */
export async function writeAll(chunks: Iterable<string>, write: TextSink): Promise<void> {
  for (const chunk of chunks) await write(chunk);
}
