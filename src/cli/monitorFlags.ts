// `sapling monitor`'s flags and help, apart from the command so the CLI's entry module does not load
// the monitoring engine to print its usage.

/** The flags only `sapling monitor` reads (with --out and the reading flags every command has). */
export const MONITOR_FLAGS = {
  reference: { type: 'string' },
  chunks: { type: 'string' },
  by: { type: 'string' },
  period: { type: 'string' },
  'drift-share': { type: 'string' },
  html: { type: 'string' },
} as const;

export const MONITOR_USAGE = `sapling monitor <model.json> <new.csv> [--reference train.csv]
                [--chunks N | --by <date column> [--period day|week|month]] [--drift-share S]
                [--out report.json] [--html report.html]`;

export const MONITOR_HELP = `monitor (drift of new rows against the model file's reference; exit code 2 when it alerts, 0 when not, 1 on bad input):
  --reference train.csv  test against these rows (raw rows, exact tests) instead of the model file's
                       reference; needed for model files from before version 4, which keep none
  --chunks N           also split the new rows into N equal chunks in file order, each checked against its band
  --by <col>           … or into periods of this date column (--period day, week or month; default month)
  --drift-share S      the data set drifts when at least this share of its columns do (default 0.5)
  --out report.json    the whole report as JSON; --html report.html: one self-contained page with the charts`;
