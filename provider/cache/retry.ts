/** Bounded exponential backoff for transient failures (connection refused/reset, 5xx, timeouts). */
import { HelmError } from "../helm/errors";

export interface RetryOptions {
  /** Attempts in total. @default 4 */
  attempts?: number;
  /** First delay in ms; doubled each time. @default 500 */
  baseDelayMs?: number;
  /** Upper bound of one delay. @default 8000 */
  maxDelayMs?: number;
  onRetry?: (attempt: number, error: Error, delayMs: number) => void;
}

/** Whether an error is worth retrying. */
export function retryable(e: unknown): boolean {
  return e instanceof HelmError && e.transient;
}

export async function withRetry<T>(fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const attempts = o.attempts ?? Number(process.env.PULUMI_HELMFILE_RETRY_ATTEMPTS ?? 4);
  let delay = o.baseDelayMs ?? 500;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || !retryable(e)) throw e;
      const wait = Math.min(delay, o.maxDelayMs ?? 8000);
      o.onRetry?.(i, e as Error, wait);
      await new Promise((r) => setTimeout(r, wait));
      delay *= 2;
    }
  }
}
