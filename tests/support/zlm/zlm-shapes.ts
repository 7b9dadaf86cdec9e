// The shapes of the ZLMediaKit double's answers, each following the part of ZLMediaKit's source it names
// (ZLMediaKit/ZLMediaKit at fdaec26, August 2026: server/WebApi.h and .cpp, src/Common/MediaSource.h,
// src/Record/MP4Recorder.cpp; written from reading them, no code copied).

/** WebApi.h, enum ApiErr. */
export const apiCode = {
  success: 0,
  otherFailed: -1,
  authFailed: -100,
  sqlFailed: -200,
  invalidArgs: -300,
  exception: -400,
  notFound: -500,
} as const;

/** A refusal as ZLMediaKit's ApiRetException carries it: a code, a message and extra body fields. */
export class ZlmFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** WebApi.h, CHECK_ARGS: a missing or empty argument, named as the macro stringifies it. */
export function requireArgs(args: URLSearchParams, ...names: string[]): void {
  if (names.some((name) => !args.get(name))) {
    throw new ZlmFailure(
      apiCode.invalidArgs,
      `Required parameter missed: ${names.map((name) => `"${name}"`).join(', ')}`,
    );
  }
}

/** MediaSource.h, enum class MediaOriginType: the numbers getMediaList answers in `originType`. */
export const originTypes = {
  unknown: 0,
  rtmp_push: 1,
  rtsp_push: 2,
  rtp_push: 3,
  pull: 4,
  ffmpeg_pull: 5,
  mp4_vod: 6,
  device_chn: 7,
  rtc_push: 8,
  srt_push: 9,
} as const;
export type OriginTypeName = keyof typeof originTypes;

/** One stream the double's ZLMediaKit holds (a MediaSource per schema in the real one). */
export interface ZlmStream {
  readonly vhost: string;
  readonly app: string;
  readonly stream: string;
  readonly originType: OriginTypeName;
  readonly createStamp: number;
  readerCount: number;
  totalReaderCount: number;
  /** For an mp4_vod stream (loadMP4File): the file, its speed and the last seek. */
  vod?: { filePath: string; speed: number; seekMs: number; repeat: boolean };
}

/** The schemas a pushed stream is remuxed into by default (protocol.enable_rtsp/rtmp/fmp4/ts = 1). */
export const defaultSchemas = ['rtsp', 'rtmp', 'fmp4', 'ts'] as const;

/** makeMediaSourceJson (WebApi.cpp): one entry of getMediaList for one schema of a stream. */
export function mediaSourceJson(stream: ZlmStream, schema: string, now: number): Record<string, unknown> {
  const aliveSecond = Math.max(0, Math.floor((now - stream.createStamp) / 1000));
  return {
    schema,
    vhost: stream.vhost,
    app: stream.app,
    stream: stream.stream,
    params: '',
    createStamp: Math.floor(stream.createStamp / 1000),
    aliveSecond,
    bytesSpeed: 262_144,
    totalBytes: 262_144 * aliveSecond,
    readerCount: stream.readerCount,
    totalReaderCount: stream.totalReaderCount,
    originType: originTypes[stream.originType],
    originTypeStr: stream.originType,
    originUrl:
      stream.originType === 'mp4_vod'
        ? (stream.vod?.filePath ?? '')
        : `rtmp://127.0.0.1:1935/${stream.app}/${stream.stream}`,
    isRecordingMP4: false,
    isRecordingHLS: false,
    originSock: null,
    // dumpTracks: codec_type 0 is video, 1 audio (TrackType); H.264 is codec_id 0, AAC 2.
    tracks: [
      {
        codec_id: 0,
        codec_id_name: 'H264',
        codec_type: 0,
        ready: true,
        frames: aliveSecond * 25,
        duration: aliveSecond * 1000,
        width: 1280,
        height: 720,
        fps: 25,
        key_frames: aliveSecond,
        gop_size: 25,
        gop_interval_ms: 1000,
      },
      {
        codec_id: 2,
        codec_id_name: 'mpeg4-generic',
        codec_type: 1,
        ready: true,
        frames: aliveSecond * 43,
        duration: aliveSecond * 1000,
        sample_rate: 44_100,
        channels: 2,
        sample_bit: 16,
      },
    ],
  };
}

/** A stream filter as MediaSource::for_each_media takes it: an empty argument matches everything. */
export function matches(stream: ZlmStream, args: URLSearchParams): boolean {
  const wanted = (name: 'vhost' | 'app' | 'stream') => {
    const value = args.get(name);
    return !value || value === stream[name];
  };
  return wanted('vhost') && wanted('app') && wanted('stream');
}

/** A recording on the double's disk: its folder date and file name as MP4Recorder::createFile makes them. */
export interface ZlmRecordFile {
  readonly vhost: string;
  readonly app: string;
  readonly stream: string;
  /** YYYY-MM-DD, the server's local date. */
  readonly date: string;
  readonly fileName: string;
  /** Still being written: MP4Recorder keeps a `.`-prefixed temporary name until the file is closed. */
  readonly isOpen: boolean;
  readonly durationMs: number;
}

/** The file name a segment gets on disk: `.name` while it is still written. */
export function diskName(file: ZlmRecordFile): string {
  return file.isOpen ? `.${file.fileName}` : file.fileName;
}
