// JSON of bounded shape for values the wall keeps from outside (a widget's cell state): the depth and the
// number of values are checked before anything recursive (zod's z.json(), structuredClone, the state hash)
// walks the value, so a small but deeply nested value cannot overflow the stack of the core.
import { z } from 'zod';

/** How deep and how large a JSON value may be. */
export interface JsonLimits {
  /** Most arrays or objects nested inside each other (`[[1]]` is 2 levels deep). */
  readonly maxDepth: number;
  /** Most values in all, containers and scalars alike. */
  readonly maxNodes: number;
}

/**
 * Why `value` exceeds `limits`, or null. Walks the value with an explicit stack, never recursion, and stops at
 * the first excess, so neither its depth nor a cycle can make it overflow or run on.
 */
export function jsonLimitProblem(value: unknown, limits: JsonLimits): string | null {
  const pending: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  let nodes = 0;
  while (pending.length > 0) {
    const { value: item, depth } = pending.pop()!;
    if (++nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
    if (item === null || typeof item !== 'object') continue;
    if (depth + 1 > limits.maxDepth) return `nested more than ${limits.maxDepth} levels deep`;
    const children = Array.isArray(item) ? item : Object.values(item);
    for (const child of children) pending.push({ value: child, depth: depth + 1 });
  }
  return null;
}

/** Any JSON value within `limits`; an excess is reported at the field itself, before the JSON check runs. */
export function boundedJsonSchema(limits: JsonLimits) {
  return z
    .unknown()
    .superRefine((value, context) => {
      const problem = jsonLimitProblem(value, limits);
      if (problem !== null) context.addIssue({ code: 'custom', message: problem });
    })
    .pipe(z.json());
}
