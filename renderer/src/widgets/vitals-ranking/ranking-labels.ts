// Bar labels of a ranking: the part the names share (e.g. "12345工单" of every street's indicator) is said once by
// the title, so each bar shows only what tells it apart — short enough to read from across the room.

/** Removes the longest suffix all names share, when every name keeps at least two characters of its own. */
export function distinctLabels(names: readonly string[]): string[] {
  if (names.length < 2) return [...names];
  const characters = names.map((name) => [...name]);
  const shortest = Math.min(...characters.map((chars) => chars.length));
  let shared = 0;
  while (shared < shortest) {
    const character = characters[0]![characters[0]!.length - 1 - shared];
    if (!characters.every((chars) => chars[chars.length - 1 - shared] === character)) break;
    shared++;
  }
  // A suffix that would leave a bare character (or nothing) is part of the names' meaning: keep it.
  if (shared === 0 || shortest - shared < 2) return [...names];
  return characters.map((chars) =>
    chars
      .slice(0, chars.length - shared)
      .join('')
      .trim(),
  );
}
