// Builds tiny, fake-payload FLV clips (valid container, not decodable video) for unit tests of the media code.

import { encodeAmf0 } from '../../../electron/core/demo/media/amf0';
import { FlvTagType } from '../../../electron/core/demo/media/flv-parser';
import { writeFlvHeader, writeFlvTag } from '../../../electron/core/demo/media/flv-writer';

/** Shape of a synthetic clip. */
export interface SyntheticClipOptions {
  /** Number of video frames (default 10). */
  readonly frames?: number;
  /** Frame interval in ms (default 40, i.e. 25 fps). */
  readonly frameIntervalMs?: number;
  /** Frames per GOP: every n-th frame is a key frame (default 5). */
  readonly gop?: number;
  /** Timestamp of the first frame (default 0). */
  readonly firstTimestamp?: number;
}

/**
 * An FLV buffer shaped like ffmpeg's output: onMetaData, AVC sequence header, frames, AVC end of sequence.
 * Each frame's body is `[frame type | codec 7, AVCPacketType 1, composition time 0 0 0, frame index]`, so
 * tests can tell which source frame a live tag came from (`data[5]`).
 */
export function makeSyntheticClip(options: SyntheticClipOptions = {}): Buffer {
  const { frames = 10, frameIntervalMs = 40, gop = 5, firstTimestamp = 0 } = options;
  const parts: Buffer[] = [writeFlvHeader({ hasVideo: true })];
  const metadata = encodeAmf0([
    'onMetaData',
    {
      duration: (frames * frameIntervalMs) / 1000,
      width: 640,
      height: 360,
      videocodecid: 7,
      filesize: 12345,
    },
  ]);
  parts.push(writeFlvTag(FlvTagType.script, 0, metadata));
  parts.push(
    writeFlvTag(FlvTagType.video, firstTimestamp, Buffer.from([0x17, 0, 0, 0, 0, 1, 0x4d, 0, 0x1f])),
  );
  for (let index = 0; index < frames; index++) {
    const keyframe = index % gop === 0;
    const body = Buffer.from([keyframe ? 0x17 : 0x27, 1, 0, 0, 0, index & 0xff]);
    parts.push(writeFlvTag(FlvTagType.video, firstTimestamp + index * frameIntervalMs, body));
  }
  const lastTimestamp = firstTimestamp + (frames - 1) * frameIntervalMs;
  parts.push(writeFlvTag(FlvTagType.video, lastTimestamp, Buffer.from([0x17, 2, 0, 0, 0])));
  return Buffer.concat(parts);
}
