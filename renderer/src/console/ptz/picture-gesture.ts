// A pointer gesture on the picture as a PTZ act: a click (or a drag shorter than a few pixels) centres the camera
// on that point; a drag draws a box, zooming into it when dragged rightwards and out of it when dragged leftwards
// (the GB28181 拉框放大 / 拉框缩小 convention).
import type { PictureBox } from '@shared/model/camera-platform';

/** A drag shorter than this (in pixels, either way) is a click. */
export const clickSlopPixels = 6;

export type PictureGesture =
  | { readonly kind: 'centre'; readonly point: { readonly x: number; readonly y: number } }
  | { readonly kind: 'area-zoom'; readonly box: PictureBox; readonly zoomIn: boolean };

const unit = (value: number) => Math.min(1, Math.max(0, value));

/** The gesture from a press at `from` to a release at `to`, in pixels of a picture `width` × `height`. */
export function pictureGesture(
  from: { readonly x: number; readonly y: number },
  to: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
): PictureGesture {
  if (Math.abs(to.x - from.x) < clickSlopPixels && Math.abs(to.y - from.y) < clickSlopPixels)
    return { kind: 'centre', point: { x: unit(to.x / size.width), y: unit(to.y / size.height) } };
  const left = unit(Math.min(from.x, to.x) / size.width);
  const top = unit(Math.min(from.y, to.y) / size.height);
  const right = unit(Math.max(from.x, to.x) / size.width);
  const bottom = unit(Math.max(from.y, to.y) / size.height);
  return {
    kind: 'area-zoom',
    box: { x: left, y: top, width: right - left, height: bottom - top },
    zoomIn: to.x >= from.x,
  };
}
