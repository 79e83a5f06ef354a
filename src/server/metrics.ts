import type { OutputRow } from '../runtime';

/**
 * The server's counters, printed in the Prometheus text exposition format (version 0.0.4): requests
 * by route, method and status, a latency histogram by route, rows predicted and predicted classes
 * by model. Written by hand: four metric families do not need a client library.
 */

/** Latency bucket bounds in seconds: 0.5 ms to 5 s (predicting one row takes well under 1 ms). */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/** Counters of one server; `text()` renders them for `GET /metrics`. */
export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<string, Histogram>();
  private readonly rows = new Map<string, number>();
  private readonly classes = new Map<string, Map<string, number>>();

  /** Counts one answered request; `route` is the route's pattern (`/v2/models/{name}/infer`), not its URL. */
  request(route: string, method: string, status: number, seconds: number): void {
    const key = `route="${escapeLabel(route)}",method="${escapeLabel(method)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const routeKey = `route="${escapeLabel(route)}"`;
    let h = this.latency.get(routeKey);
    if (!h) this.latency.set(routeKey, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) h.counts[i]++;
    h.sum += seconds;
    h.count++;
  }

  /** Counts a model's predicted rows and, for a classifier, the class each row was given. */
  predicted(model: string, rows: readonly OutputRow[], classifier: boolean): void {
    this.rows.set(model, (this.rows.get(model) ?? 0) + rows.length);
    if (!classifier) return;
    let counts = this.classes.get(model);
    if (!counts) this.classes.set(model, (counts = new Map()));
    for (const row of rows) {
      const label = String(row.prediction);
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
  }

  /** All counters in the Prometheus text format, then `more` (families rendered elsewhere: --monitor's gauges). */
  text(modelsLoaded: number, more = ''): string {
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('sapling_requests_total', 'counter', 'HTTP requests answered, by route, method and status code.');
    for (const [labels, n] of this.requests) lines.push(`sapling_requests_total{${labels}} ${n}`);
    family('sapling_request_duration_seconds', 'histogram', 'Time from receiving a request to sending its response, by route.');
    for (const [labels, h] of this.latency) {
      BUCKETS.forEach((le, i) => lines.push(`sapling_request_duration_seconds_bucket{${labels},le="${le}"} ${h.counts[i]}`));
      lines.push(`sapling_request_duration_seconds_bucket{${labels},le="+Inf"} ${h.count}`);
      lines.push(`sapling_request_duration_seconds_sum{${labels}} ${h.sum}`);
      lines.push(`sapling_request_duration_seconds_count{${labels}} ${h.count}`);
    }
    family('sapling_rows_predicted_total', 'counter', 'Rows predicted, by model.');
    for (const [model, n] of this.rows) lines.push(`sapling_rows_predicted_total{model="${escapeLabel(model)}"} ${n}`);
    family('sapling_predicted_class_total', 'counter', 'Rows given each class, by model (classifiers).');
    for (const [model, counts] of this.classes) {
      for (const [label, n] of counts) lines.push(`sapling_predicted_class_total{model="${escapeLabel(model)}",class="${escapeLabel(label)}"} ${n}`);
    }
    family('sapling_models_loaded', 'gauge', 'Models being served.');
    lines.push(`sapling_models_loaded ${modelsLoaded}`);
    return lines.join('\n') + '\n' + more;
  }
}

/** A label value escaped as the format asks: backslash, double quote and line feed. */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
