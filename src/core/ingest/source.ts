/**
 * Where CSV bytes come from: a file in the browser (a Blob), a file in Node (`fs.openAsBlob`), or
 * bytes already in memory. Sources can be read more than once (a second pass re-reads columns whose
 * type changed mid-file), and are never held whole as one string.
 */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** The bytes from `start`, in chunks of about `chunkSize`. */
  chunks(chunkSize: number, start?: number): AsyncIterable<Uint8Array>;
}

/** A source over bytes in memory. */
export function bytesSource(bytes: Uint8Array, name = 'data.csv'): ByteSource {
  return {
    name,
    size: bytes.length,
    async *chunks(chunkSize, start = 0) {
      for (let at = start; at < bytes.length; at += chunkSize) yield bytes.subarray(at, Math.min(bytes.length, at + chunkSize));
    },
  };
}

/** A source over a Blob (a browser File, or a Node file opened with `fs.openAsBlob`). */
export function blobSource(blob: Blob, name = (blob as Blob & { name?: string }).name ?? 'data.csv'): ByteSource {
  return {
    name,
    size: blob.size,
    async *chunks(chunkSize, start = 0) {
      for (let at = start; at < blob.size; at += chunkSize) {
        yield new Uint8Array(await blob.slice(at, Math.min(blob.size, at + chunkSize)).arrayBuffer());
      }
    },
  };
}
