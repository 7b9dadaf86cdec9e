// Whether this browser's MediaSource can decode a stream's video codec (HEVC often cannot: no decoder).

/** A readable name for an RFC 6381 codec string (`hvc1.1.6.L93.B0` → `H.265`). */
export function codecDisplayName(codec: string): string {
  const family = codec.split('.')[0]?.toLowerCase() ?? '';
  if (family === 'hvc1' || family === 'hev1') return 'H.265';
  if (family === 'avc1' || family === 'avc3') return 'H.264';
  if (family === 'av01') return 'AV1';
  if (family === 'vp09' || family === 'vp9') return 'VP9';
  return family.toUpperCase() || codec;
}

type TypeSupportCheck = (mimeType: string) => boolean;

/** `MediaSource.isTypeSupported` (or Safari's `ManagedMediaSource`), or undefined when neither exists. */
function defaultTypeSupportCheck(): TypeSupportCheck | undefined {
  const scope = globalThis as { MediaSource?: typeof MediaSource; ManagedMediaSource?: typeof MediaSource };
  const source = scope.MediaSource ?? scope.ManagedMediaSource;
  return source ? (mimeType) => source.isTypeSupported(mimeType) : undefined;
}

/**
 * The display name of `videoCodec` if MSE cannot play it, else null. mpegts.js remuxes into fragmented MP4,
 * so the question is asked for `video/mp4`. Unknown (no MediaSource at all) counts as supported here: the
 * player reports MSE's absence separately.
 */
export function unsupportedVideoCodec(
  videoCodec: string | null | undefined,
  isTypeSupported: TypeSupportCheck | undefined = defaultTypeSupportCheck(),
): string | null {
  if (!videoCodec || !isTypeSupported) return null;
  return isTypeSupported(`video/mp4; codecs="${videoCodec}"`) ? null : codecDisplayName(videoCodec);
}
