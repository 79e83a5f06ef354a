import { createHash } from 'node:crypto';
import { type FSWatcher, readFileSync, readdirSync, statSync, watch } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { SaplingError, errorMessage } from '../core/util/errors';
import { type SaplingModel, loadModel } from '../runtime';

/** A model as the server holds it: its name, the loaded model, and a version from its file's bytes. */
export interface ServedModel {
  /** The file's name without `.json`: the `{name}` of the routes. */
  readonly name: string;
  readonly model: SaplingModel;
  /** The first 12 hex digits of the file's SHA-256, so a client can tell which file answered. */
  readonly version: string;
  readonly path: string;
}

/** Where the store says what it loaded, kept, or dropped: one line each. */
export type LogLine = (line: string) => void;

/** How long a file must stay quiet before it is (re)loaded: editors and copies write in several steps. */
const SETTLE_MS = 60;

/**
 * The models a server serves, from one model file or every `*.json` model file of a folder, under
 * the file's name without `.json`. `watch()` follows the files: a replaced file is loaded aside and
 * swapped in with one assignment, so a request that already holds the old model finishes with it
 * and the next gets the new one (no request is dropped or sees half a model); a replacement that
 * does not load keeps the old model and logs why; a removed file unloads its model.
 */
export class ModelStore {
  private readonly models = new Map<string, ServedModel>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per file, the load in progress, so loads of one file finish in the order they started. */
  private readonly loading = new Map<string, Promise<void>>();
  private watcher: FSWatcher | undefined;
  /** The folder watched, and, when serving one file, its name (else every `*.json` file counts). */
  private readonly folder: string;
  private readonly only: string | undefined;

  constructor(path: string, private readonly log: LogLine = () => {}) {
    const full = resolve(path);
    // A path that is not there is the user's mistake, said in one line (no cause: nothing to debug).
    const stat = statSync(full, { throwIfNoEntry: false });
    if (!stat) throw new SaplingError('no-such-file', `cannot read ${path}: no such file or folder`);
    const directory = stat.isDirectory();
    this.folder = directory ? full : dirname(full);
    this.only = directory ? undefined : basename(full);
  }

  /**
   * Loads the models. A single file that does not load is an error (there would be nothing to
   * serve); in a folder, a file that does not load is logged and skipped.
   */
  async load(): Promise<void> {
    if (this.only !== undefined) {
      const served = await loadServed(join(this.folder, this.only));
      this.models.set(served.name, served);
      this.log(loadedLine(served));
      return;
    }
    const files = readdirSync(this.folder).filter((f) => this.counts(f)).sort();
    for (const file of files) await this.reload(join(this.folder, file));
  }

  /** The model served under `name`, or undefined. */
  get(name: string): ServedModel | undefined {
    return this.models.get(name);
  }

  /** The names served, sorted. */
  names(): string[] {
    return [...this.models.keys()].sort();
  }

  /** Every model served, by name. */
  all(): ServedModel[] {
    return this.names().map((n) => this.models.get(n) as ServedModel);
  }

  /** Starts following the files (changes settle for SETTLE_MS before a reload). */
  watch(): void {
    if (this.watcher) return;
    // The folder is watched, not the file: an editor or `mv` replaces the file with a new inode,
    // which a watch on the old file would never report.
    this.watcher = watch(this.folder, (_event, file) => {
      if (file && this.counts(file)) this.schedule(join(this.folder, file));
      // A Kubernetes ConfigMap or Secret volume swaps a hidden `..data` symlink to a new folder
      // that the files link through, so their own names are never reported: look at them all.
      else if (!file || file.startsWith('..')) this.rescan();
    });
    this.watcher.on('error', (e) => this.log(`stopped watching ${this.folder}: ${errorMessage(e)}`));
  }

  /** Stops following the files. */
  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Resolves once every reload started so far has finished (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.timers.size || this.loading.size) {
      await Promise.all([...this.loading.values()]);
      if (this.timers.size) await new Promise((r) => setTimeout(r, SETTLE_MS));
    }
  }

  /** Schedules a reload of every file that counts and every model loaded (an unchanged file is kept as it is). */
  private rescan(): void {
    let listed: string[] = [];
    try {
      listed = this.only !== undefined ? [this.only] : readdirSync(this.folder).filter((f) => this.counts(f));
    } catch (e) {
      // Gone or unreadable for a moment: the models loaded are reloaded (and kept if they fail).
      this.log(`cannot list ${this.folder}: ${errorMessage(e)}`);
    }
    const files = new Set(listed);
    for (const served of this.models.values()) files.add(basename(served.path));
    for (const file of files) this.schedule(join(this.folder, file));
  }

  private counts(file: string): boolean {
    return this.only !== undefined ? file === this.only : extname(file) === '.json' && !file.startsWith('.');
  }

  private schedule(path: string): void {
    clearTimeout(this.timers.get(path));
    this.timers.set(
      path,
      setTimeout(() => {
        this.timers.delete(path);
        void this.reload(path);
      }, SETTLE_MS),
    );
  }

  /** Loads `path` aside and swaps it in; keeps the old model when it fails; unloads when it is gone. */
  private reload(path: string): Promise<void> {
    const previous = this.loading.get(path) ?? Promise.resolve();
    const next = previous.then(async () => {
      const name = nameOf(path);
      const old = this.models.get(name);
      let served: ServedModel;
      try {
        served = await loadServed(path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
          if (old) {
            this.models.delete(name);
            this.log(`${name}: ${basename(path)} was removed; the model is unloaded`);
          }
          return;
        }
        this.log(old ? `${name}: ${basename(path)} did not load, still serving the previous model (${old.version}): ${errorMessage(e)}` : `${name}: ${basename(path)} did not load, not served: ${errorMessage(e)}`);
        return;
      }
      if (old?.version === served.version) return;
      this.models.set(name, served);
      this.log(old ? `${name}: reloaded ${basename(path)} (${old.version} → ${served.version})` : loadedLine(served));
    });
    const tracked = next.finally(() => {
      if (this.loading.get(path) === tracked) this.loading.delete(path);
    });
    this.loading.set(path, tracked);
    return tracked;
  }
}

/** The log line of a model loaded for the first time. */
function loadedLine(served: ServedModel): string {
  return `${served.name}: loaded ${basename(served.path)} (${served.version}, ${served.model.family}, ${served.model.task})`;
}

/** A file's model name: its name without `.json`. */
function nameOf(path: string): string {
  return basename(path, extname(path));
}

/** Reads and loads one model file (file-system errors keep their `code`; model errors say what is wrong). */
async function loadServed(path: string): Promise<ServedModel> {
  const text = readFileSync(path, 'utf8');
  const model = await loadModel(text);
  return { name: nameOf(path), model, version: createHash('sha256').update(text).digest('hex').slice(0, 12), path };
}
