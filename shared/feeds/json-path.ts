// Reads a value out of a JSON payload with the small path language of source mappings (`$.data.items[0].v`).

/** The steps of a path: field names and array indexes. Assumes the path passed `jsonPathSchema`. */
export function parseJsonPath(path: string): Array<string | number> {
  const steps: Array<string | number> = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]/g;
  for (const match of path.slice(1).matchAll(pattern)) {
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return steps;
}

const cache = new Map<string, Array<string | number>>();

/** The value at `path` in `payload`, or undefined when any step is missing. Never throws. */
export function readJsonPath(payload: unknown, path: string): unknown {
  let steps = cache.get(path);
  if (!steps) {
    steps = parseJsonPath(path);
    if (cache.size < 1_000) cache.set(path, steps);
  }
  let current: unknown = payload;
  for (const step of steps) {
    if (current === null || typeof current !== 'object') return undefined;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      // Own properties only: a payload's `__proto__` or `constructor` is never followed.
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}
