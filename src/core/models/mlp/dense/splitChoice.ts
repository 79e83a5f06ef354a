/**
 * Whether splitting a step's batch with the helper thread pays, measured as training goes: boosting's
 * HelperChoice (trees/histogramTeam.ts) shaped for steps a thousand times shorter than a tree. Each
 * way runs in bursts of BURST steps whose first WARM are not counted (the helper may be asleep, and
 * waking it costs as much as a step), and a burst's mean milliseconds per row feed a moving average;
 * a burst whose counted step takes over ABANDON_RATIO times the other way's ends there.
 * After TRIALS bursts each way the faster is kept, and the other is tried again one burst after
 * every `exploit` bursts, a period that doubles each time the trial confirms the choice (a helper
 * that loses on a loaded machine then costs almost nothing) and starts over when it does not.
 */
export class SplitChoice {
  /** Moving averages of ms per row: [alone, split]. */
  private readonly perRow = [0, 0];
  private readonly bursts = [0, 0];
  private way = false;
  private left = 0;
  private counted = { ms: 0, rows: 0 };
  private exploit = EXPLOIT_BURSTS;
  private sinceTrial = 0;
  private lastChoice: boolean | null = null;

  /** Whether the next step splits its batch. */
  useHelper(): boolean {
    if (this.left === 0) this.nextBurst();
    this.left--;
    return this.way;
  }

  /** How long a step of `rows` rows took, split or not. */
  record(helped: boolean, rows: number, ms: number): void {
    if (helped !== this.way || this.left >= BURST - WARM) return;
    this.counted.ms += ms;
    this.counted.rows += rows;
    const i = helped ? 1 : 0;
    // A way far slower than the other (a helper without a core of its own) ends its burst at once.
    const other = this.perRow[1 - i];
    if (this.bursts[1 - i] > 0 && ms / rows > ABANDON_RATIO * other) this.left = 0;
    if (this.left > 0) return;
    const v = this.counted.ms / Math.max(1, this.counted.rows);
    this.perRow[i] = this.bursts[i] === 0 ? v : 0.7 * this.perRow[i] + 0.3 * v;
    this.bursts[i]++;
  }

  private nextBurst(): void {
    this.left = BURST;
    this.counted = { ms: 0, rows: 0 };
    if (this.bursts[0] < TRIALS || this.bursts[1] < TRIALS) {
      this.way = this.bursts[1] < this.bursts[0];
      return;
    }
    const faster = this.perRow[1] < this.perRow[0];
    if (this.lastChoice !== null && this.sinceTrial === 0) {
      // The burst before this one was a trial of the other way: did it confirm the choice?
      this.exploit = faster === this.lastChoice ? Math.min(MAX_EXPLOIT_BURSTS, this.exploit * 2) : EXPLOIT_BURSTS;
    }
    this.lastChoice = faster;
    if (++this.sinceTrial > this.exploit) {
      this.sinceTrial = 0;
      this.way = !faster;
      return;
    }
    this.way = faster;
  }
}

/** Steps a burst, and how many of its first are not counted. */
const BURST = 8;
const WARM = 2;
/** Bursts each way before settling on one. */
const TRIALS = 2;
/** Bursts the faster way between trials of the other, at first and at most. */
const EXPLOIT_BURSTS = 16;
const MAX_EXPLOIT_BURSTS = 1024;
/** How much slower than the other way a counted step may be before its burst is cut short. */
const ABANDON_RATIO = 2;
