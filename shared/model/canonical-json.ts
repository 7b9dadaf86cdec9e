// Canonical JSON: object keys sorted at every level, no whitespace, so equal values give equal text
// (the wall state hash and file comparisons rely on it).

/** `JSON.stringify` with keys sorted at every level; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([first], [second]) =>
            first < second ? -1 : first > second ? 1 : 0,
          ),
        )
      : item,
  );
}
