import type { PageField } from './fields';

// What passes between the page generator (page.ts) and the page's own program (src/page/pageApp.ts):
// a leaf of types, so core names them without holding the program's DOM code.

/** What the generator hands the page besides the model file (a JSON data block). */
export interface PageData {
  readonly fields: readonly PageField[];
  /** Rows the batch table shows at most (the download has them all). */
  readonly previewRows: number;
}

/** The part of the runtime module the page uses. */
export interface PageRuntime {
  loadModel(json: string): Promise<{
    readonly task: string;
    readonly outputColumns: readonly string[];
    readonly classes: readonly string[];
    predict(rows: readonly Record<string, unknown>[]): Record<string, string | number>[];
  }>;
}
