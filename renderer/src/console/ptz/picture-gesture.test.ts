import { describe, expect, it } from 'vitest';
import { pictureGesture } from './picture-gesture';

const size = { width: 400, height: 200 };

describe('pictureGesture', () => {
  it('centres on a click, as fractions of the picture', () => {
    expect(pictureGesture({ x: 300, y: 50 }, { x: 302, y: 51 }, size)).toEqual({
      kind: 'centre',
      point: { x: 302 / 400, y: 51 / 200 },
    });
  });

  it('zooms into a box dragged rightwards and out of one dragged leftwards', () => {
    expect(pictureGesture({ x: 100, y: 50 }, { x: 200, y: 150 }, size)).toEqual({
      kind: 'area-zoom',
      box: { x: 0.25, y: 0.25, width: 0.25, height: 0.5 },
      zoomIn: true,
    });
    expect(pictureGesture({ x: 200, y: 150 }, { x: 100, y: 50 }, size)).toMatchObject({ zoomIn: false });
  });

  it('keeps a box dragged past the edge inside the picture', () => {
    const gesture = pictureGesture({ x: 350, y: 150 }, { x: 480, y: 260 }, size);
    expect(gesture).toEqual({
      kind: 'area-zoom',
      box: { x: 0.875, y: 0.75, width: 0.125, height: 0.25 },
      zoomIn: true,
    });
  });
});
