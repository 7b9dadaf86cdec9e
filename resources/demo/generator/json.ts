// JSON text for the workspace files: Prettier-identical pretty printing (scenario files are checked by
// `prettier --check`), and a one-item-per-line form for the long lists so diffs stay readable.

const printWidth = 110;

/** Display width as Prettier measures it: East Asian wide characters count twice. */
function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    const isWide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      code >= 0x20000;
    width += isWide ? 2 : 1;
  }
  return width;
}

const isPrimitive = (value: unknown) => value === null || typeof value !== 'object';

/**
 * Prints like Prettier's JSON printer with this repository's settings: objects always expanded (Prettier keeps an
 * expanded object expanded), arrays of primitives on one line when they fit, otherwise one item per line.
 */
function print(value: unknown, indent: string, lead: number, trail: number): string {
  if (isPrimitive(value)) return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(isPrimitive)) {
      const inline = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (lead + displayWidth(inline) + trail <= printWidth) return inline;
      // Prettier fills long number arrays several to a line; the demo files never need that.
      if (value.some((item) => typeof item === 'number'))
        throw new Error('json: long number arrays are not supported');
    }
    const lines = value.map((item, index) => {
      const comma = index < value.length - 1 ? ',' : '';
      return `${inner}${print(item, inner, inner.length, comma.length)}${comma}`;
    });
    return `[\n${lines.join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, item], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    const label = `${JSON.stringify(key)}: `;
    return `${inner}${label}${print(item, inner, inner.length + displayWidth(label), comma.length)}${comma}`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** Pretty JSON with 2-space indentation and a final newline. */
export function formatJson(value: unknown): string {
  return `${print(value, '', 0, 0)}\n`;
}

/** Pretty JSON, except that the items of `listKey` are written compactly, one per line. */
export function formatJsonWithCompactList(value: Record<string, unknown>, listKey: string): string {
  const list = value[listKey];
  if (!Array.isArray(list)) throw new Error(`json: ${listKey} is not a list`);
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  const lines = entries.map(([key, item], index) => {
    const comma = index < entries.length - 1 ? ',' : '';
    const label = `  ${JSON.stringify(key)}: `;
    if (key !== listKey) return `${label}${print(item, '  ', displayWidth(label), comma.length)}${comma}`;
    const items = list.map(
      (element, itemIndex) => `    ${JSON.stringify(element)}${itemIndex < list.length - 1 ? ',' : ''}`,
    );
    return `${label}[\n${items.join('\n')}\n  ]${comma}`;
  });
  return `{\n${lines.join('\n')}\n}\n`;
}
