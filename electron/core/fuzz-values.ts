// Hostile values for the fuzz tests (protocol and workspace loader): deep nesting, huge numbers, odd ids,
// `__proto__`/`constructor` keys, wrong types — and a way to put one of them into a valid value at one place.
import fc from 'fast-check';

/** A path to a value inside a JSON-like value: object keys and array indexes. */
export type ValuePath = readonly (string | number)[];

/**
 * `[[[…]]]` or `{"a":{"a":…}}` `depth` levels deep, built in a loop (a recursive builder would overflow
 * before the code under test does). 2,000 array levels are 4,000 bytes of JSON: under the 4 KB cell-state cap.
 */
export function deeplyNested(depth: number, shape: 'array' | 'object', innermost: unknown = 0): unknown {
  let value: unknown = innermost;
  for (let level = 0; level < depth; level++) value = shape === 'array' ? [value] : { a: value };
  return value;
}

/** Numbers at the edges: huge, the Date limit, negative zero, just past safe integers, non-finite. */
export const edgeNumbers: readonly number[] = [
  1e308,
  -1e308,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  8.64e15,
  -8.64e15,
  8.64e15 + 1,
  -0,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -1,
  0.5,
  // Only through the Electron bridge (structured clone keeps them); JSON turns them into null.
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/**
 * Ids that name something else somewhere: Object.prototype members, path tricks, Windows device names, empty,
 * very long, and non-ASCII. Several are valid ids by the id schema (`constructor`, `con`, `nul`), on purpose.
 */
export const oddIds: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  '',
  ' ',
  'a'.repeat(64),
  'a'.repeat(65),
  'x'.repeat(100_000),
  '../../etc/passwd',
  '..',
  '.',
  'con',
  'CON',
  'nul',
  'com1',
  'lpt1',
  'aux',
  'prn',
  'con.json',
  'daily\u0000',
  'Daily',
  'DAILY',
  '日常',
  'cam‐0001',
  '\u202ecam-0001',
  '\ufeffdaily',
  '😀',
];

/** Objects whose `__proto__` / `constructor` keys are their own (made by JSON.parse, as a transport would). */
export function prototypeKeyObjects(): unknown[] {
  return [
    JSON.parse('{"__proto__": {"polluted": true}}'),
    JSON.parse('{"__proto__": null}'),
    JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
    JSON.parse('{"toString": "not a function", "valueOf": 1, "hasOwnProperty": null}'),
    JSON.parse('{"__proto__": {"type": "scenario.return"}, "constructor": "x"}'),
  ];
}

/** One bad value: any of the above, a wrong type, or something shapeless. */
export function badValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...edgeNumbers) },
    { weight: 3, arbitrary: fc.constantFrom(...oddIds) },
    { weight: 2, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...prototypeKeyObjects())) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1_400, max: 2_000 })),
          shape: fc.constantFrom('array' as const, 'object' as const),
        })
        .map(({ depth, shape }) => deeplyNested(depth, shape)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 0, '', [], {}, [{}], [null], 'null'),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...oddIds), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/**
 * Every place in a JSON-like value where a replacement can go (the root first), found without recursion. Of an
 * array only the first and the last item are places: the items between add cases, not kinds of case.
 */
export function valuePaths(value: unknown): ValuePath[] {
  const paths: ValuePath[] = [];
  const stack: Array<{ path: ValuePath; value: unknown }> = [{ path: [], value }];
  while (stack.length > 0) {
    const { path, value: current } = stack.pop()!;
    paths.push(path);
    if (Array.isArray(current)) {
      for (const index of new Set([0, current.length - 1]))
        if (index >= 0) stack.push({ path: [...path, index], value: current[index] });
    } else if (current !== null && typeof current === 'object')
      for (const [key, item] of Object.entries(current)) stack.push({ path: [...path, key], value: item });
  }
  return paths;
}

/** A copy of a JSON value with the value at `path` replaced (own property, so `__proto__` stays a key). */
export function withValueAt(value: unknown, path: ValuePath, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  Object.defineProperty(parent, path.at(-1)!, {
    value: replacement,
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/** A copy of a JSON object value with one extra own key at `path` (an object there), e.g. `__proto__`. */
export function withExtraKey(value: unknown, path: ValuePath, key: string, extra: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  let target = copy as Record<string | number, unknown>;
  for (const step of path) target = target[step] as Record<string | number, unknown>;
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return copy;
  Object.defineProperty(target, key, { value: extra, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** What a mutation did, for the report: where, and what was put there. */
export interface Mutation {
  readonly value: unknown;
  readonly description: string;
}

/**
 * Valid `example` with one thing wrong: a value replaced by a bad value, or an extra own key added to an
 * object (`__proto__`, `constructor`, …). Most random input fails the first schema check; this reaches further.
 */
export function mutated(example: unknown): fc.Arbitrary<Mutation> {
  const paths = valuePaths(example);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.tuple(fc.constantFrom(...paths), badValue()).map(([path, replacement]) => ({
        value: withValueAt(example, path, replacement),
        description: `${describePath(path)} = ${describeValue(replacement)}`,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom(...paths),
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'),
          badValue(),
        )
        .map(([path, key, extra]) => ({
          value: withExtraKey(example, path, key, extra),
          description: `${describePath([...path, key])} added = ${describeValue(extra)}`,
        })),
    },
  );
}

export function describePath(path: ValuePath): string {
  return path.length === 0 ? '(root)' : path.join('.');
}

/** A short, readable form of a generated value: nesting as its depth, long strings by their length. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'string')
    return value.length > 40 ? `'${value.slice(0, 12)}…' (${value.length} chars)` : JSON.stringify(value);
  let depth = 0;
  let inner: unknown = value;
  while (inner !== null && typeof inner === 'object' && depth < 10_000) {
    const values = Object.values(inner as object);
    if (values.length !== 1) break;
    inner = values[0];
    depth++;
  }
  if (depth > 8) return `${Array.isArray(value) ? 'array' : 'object'} nested ${depth} levels`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** `TypeError: … (at wall/wall-reducer.ts:120)`: an unexpected error with the first frame of our own code. */
export function describeThrown(error: unknown): string {
  const name = (error as Error)?.name ?? typeof error;
  const message = String((error as Error)?.message ?? error).slice(0, 160);
  const frame = String((error as Error)?.stack ?? '')
    .split('\n')
    .map((line) => /(?:electron\/core|shared)\/([^\s():]+:\d+)/.exec(line)?.[1])
    .find((found) => found && !found.includes('fuzz'));
  return `threw ${name}: ${message}${frame ? ` (at ${frame})` : ''}`;
}
