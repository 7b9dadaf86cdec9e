// Which stream profile a tile should play: the sub stream in small tiles, the main stream in large ones.

/** A stream profile offered by camera platforms. */
export type StreamProfile = 'main' | 'sub';

/**
 * Below this size (CSS px) a 16:9 picture is shown smaller than 960×540, where a sub stream (typically
 * 640×360 or D1) looks the same as the main stream at a fraction of the decoding cost and bandwidth.
 */
export const mainProfileMinimumSize = { width: 960, height: 540 } as const;

/** Resolves a widget's profile option (`auto` picks by tile size) into the profile to request. */
export function chooseProfile(
  profile: 'auto' | StreamProfile,
  size: { readonly width: number; readonly height: number },
): StreamProfile {
  if (profile !== 'auto') return profile;
  const isLarge = size.width >= mainProfileMinimumSize.width && size.height >= mainProfileMinimumSize.height;
  return isLarge ? 'main' : 'sub';
}
