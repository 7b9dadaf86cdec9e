// Codec names and the MediaSource support check behind the "编码不支持" tile state.
import { describe, expect, it } from 'vitest';
import { codecDisplayName, unsupportedVideoCodec } from './codec-support';

describe('codec support', () => {
  it('names codecs the way operators know them', () => {
    expect(codecDisplayName('hvc1.1.6.L93.B0')).toBe('H.265');
    expect(codecDisplayName('hev1.1.6.L93.B0')).toBe('H.265');
    expect(codecDisplayName('avc1.4d401e')).toBe('H.264');
    expect(codecDisplayName('av01.0.04M.08')).toBe('AV1');
  });

  it('asks MediaSource about fragmented MP4 with the codec', () => {
    const asked: string[] = [];
    const noHevc = (type: string) => (asked.push(type), !type.includes('hvc1'));
    expect(unsupportedVideoCodec('hvc1.1.6.L93.B0', noHevc)).toBe('H.265');
    expect(unsupportedVideoCodec('avc1.4d401e', noHevc)).toBeNull();
    expect(asked[0]).toBe('video/mp4; codecs="hvc1.1.6.L93.B0"');
  });

  it('does not claim a codec is unsupported when it cannot tell', () => {
    expect(unsupportedVideoCodec(undefined, () => false)).toBeNull();
    expect(unsupportedVideoCodec('hvc1.1.6.L93.B0', undefined)).toBeNull();
  });
});
