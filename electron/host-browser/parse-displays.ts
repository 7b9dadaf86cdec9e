// Parses `--displays` for the browser host: a count (`2`) or sizes (`1920x1080,1920x1080`), laid out left to right.
import type { PhysicalDisplay } from '@shared/layout/plan-windows';

export function parseDisplays(value: string): PhysicalDisplay[] {
  const text = value.trim();
  const sizes = /^\d+$/.test(text)
    ? Array.from({ length: Number(text) }, () => '1920x1080')
    : text.split(',').map((part) => part.trim());
  if (sizes.length < 1 || sizes.length > 16)
    throw new Error(`--displays: between 1 and 16 displays, got ${sizes.length}`);
  let x = 0;
  return sizes.map((size, index) => {
    const match = /^(\d{3,5})x(\d{3,5})$/.exec(size);
    if (!match) throw new Error(`--displays: '${size}' is not WIDTHxHEIGHT (e.g. 1920x1080)`);
    const width = Number(match[1]);
    const height = Number(match[2]);
    const display: PhysicalDisplay = {
      id: `display-${index + 1}`,
      bounds: { x, y: 0, width, height },
      isPrimary: index === 0,
      scaleFactor: 1,
    };
    x += width;
    return display;
  });
}
