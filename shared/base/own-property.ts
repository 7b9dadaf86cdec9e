// Lookups by an id that came from outside: only a record's own entries count, never what every object
// inherits (`constructor`, `toString`), which would otherwise pass for a display or a scenario.

/** `record[key]` when `key` is one of the record's own properties, else undefined. */
export function ownValue<T>(record: Readonly<Partial<Record<string, T>>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
