/**
 * The longest delay Node's timers take: a longer one overflows, prints a
 * TimeoutOverflowWarning and fires after 1 ms (https://nodejs.org/api/timers.html#settimeoutcallback-delay-args),
 * which once killed a `timeout: 30d` build after a fraction of a second.
 */
export const maxTimerDelayMs = 2 ** 31 - 1;

/**
 * Call `callback` once after `delayMs`, however long that is: delays beyond Node's limit are
 * waited out in steps of at most `maxTimerDelayMs`. `Infinity` never fires. Returns a cancel
 * function. (Hand-written: the npm `long-timeout` package does the same but was last released
 * in 2016 and is CommonJS only.)
 */
export function setLongTimeout(callback: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const wait = (remaining: number): void => {
    if (remaining > maxTimerDelayMs) {
      timer = setTimeout(() => wait(remaining - maxTimerDelayMs), maxTimerDelayMs);
    } else {
      timer = setTimeout(callback, Math.max(0, remaining));
    }
  };
  wait(delayMs);
  return () => clearTimeout(timer);
}
