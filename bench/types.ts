/** The shapes shared by every benchmark module: one table row, and one timed measurement. */

/** One row of bench/RESULTS.md. `ratio` is ours/peer (lower is better for us) unless the notes say otherwise. */
export interface BenchRow {
  figure: string;
  ours: string;
  peer: string;
  ratio: string;
  notes?: string;
}

/** Progress output: one line on stderr, prefixed with the elapsed time of the whole run. */
const started = Date.now();
export function progress(message: string): void {
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${message}\n`);
}
