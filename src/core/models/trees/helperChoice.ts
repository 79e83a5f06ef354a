/**
 * Whether asking the helper pays, measured as training goes: the time each tree takes to grow with
 * and without it (a whole tree, so everything the helper changes counts: its parts, the hand-overs,
 * the gradients' cache lines moving between cores), as moving averages. Each way is tried a few
 * trees first and now and then after, and otherwise the faster is taken. With a core to spare the
 * helper saves about two fifths of the growing; where the cores are busy (a page drawing the live
 * chart, other processes) the helper's part can arrive late enough to lose. The trees are the same
 * either way.
 *
 * The first tree grown each way is not measured: it runs while the kernels are still being
 * compiled to their fast tier, and the helper's first one wakes a sleeping thread. Counted, that
 * one slow tree would outweigh the next dozen in the average and keep the faster way unused for
 * most of a run (as it did: a first helped tree of 130 ms against 30 ms trees after).
 */
export class HelperChoice {
  /** Moving averages of ms per row: [alone, helped]. */
  private readonly perRow = [0, 0];
  /** Trees grown each way, the unmeasured first included. */
  private readonly grown = [0, 0];
  private trees = 0;

  /** Whether the next tree asks the helper. */
  useHelper(): boolean {
    this.trees++;
    if (this.grown[0] <= TRIALS || this.grown[1] <= TRIALS) return this.grown[1] <= this.grown[0];
    const faster = this.perRow[1] < this.perRow[0];
    return this.trees % RETRY_EVERY === 0 ? !faster : faster;
  }

  /** Records how long a tree of `rows` rows took to grow, with the helper or without. */
  record(helped: boolean, rows: number, ms: number): void {
    const i = helped ? 1 : 0;
    const v = ms / rows;
    this.grown[i]++;
    if (this.grown[i] === 1) return;
    this.perRow[i] = this.grown[i] === 2 ? v : 0.8 * this.perRow[i] + 0.2 * v;
  }
}

/** Measured trees each way before settling on one; then every this many trees the other is tried again. */
const TRIALS = 3;
const RETRY_EVERY = 16;
