/** Medians, pair-by-pair ratios and the number formats used in the results table. */

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Ratios a[i]/b[i] of measurements taken in the same repetition (never medians divided by medians). */
export function pairRatios(a: number[], b: number[]): number[] {
  return a.map((x, i) => x / b[i]);
}

/** Milliseconds as seconds with 2 decimals, or ms below one second. */
export function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

/** A ratio like "0.12×". */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return "—";
  return r >= 10 ? `${r.toFixed(0)}×` : r >= 0.1 ? `${r.toFixed(2)}×` : `${r.toFixed(3)}×`;
}

/** "median (run1, run2, run3)" for times. */
export function fmtRuns(ms: number[]): string {
  return `${fmtMs(median(ms))} (${ms.map(fmtMs).join(", ")})`;
}

/** Median of the pair-by-pair ratios, with the individual ratios. */
export function fmtPairRatio(ours: number[], peer: number[]): string {
  const r = pairRatios(ours, peer);
  return `${fmtRatio(median(r))} (${r.map(fmtRatio).join(", ")})`;
}

/** Distinct values of a count list ("1" when every run saw 1, else "1–3 (1, 3, 2)"). */
export function fmtCounts(xs: number[]): string {
  const set = [...new Set(xs)];
  return set.length === 1 ? String(set[0]) : `${median(xs)} (${xs.join(", ")})`;
}

/** Kibibytes as MiB. */
export function fmtKiB(kib: number): string {
  return `${(kib / 1024).toFixed(0)} MiB`;
}
