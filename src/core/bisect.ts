// Bisection over ascending columns (bar starts, emit times). Pure TypeScript, any thread.

/** The first index in [from, to) whose value is at least `t` (values ascend); `to` if none. */
export function firstAtOrAfter(values: Float64Array, t: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index in [from, to) whose value is greater than `t` (values ascend); `to` if none. */
export function firstAfter(values: Float64Array, t: number, from = 0, to = values.length): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
