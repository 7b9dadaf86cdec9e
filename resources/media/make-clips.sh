#!/usr/bin/env bash
# Makes the synthetic demo camera clips (H.264 FLV) and an HEVC MPEG-TS sample in resources/media/clips/.
#
# Deterministic and idempotent: fixed seeds, single-threaded bit-exact encoding, no timestamps or
# encoder metadata that change between runs; outputs are written to a temporary folder and moved into
# place, so an interrupted run never leaves a half-written clip behind.
#
# Usage: bash resources/media/make-clips.sh        (or: npm run media:clips)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
clips_dir="${script_dir}/clips"

width=640
height=360
fps=25
seconds=10
hevc_seconds=3

command -v ffmpeg >/dev/null || { echo "make-clips: ffmpeg is required (apt-get install ffmpeg)" >&2; exit 1; }

# Find a monospace font at run time rather than hard-coding one machine's path.
find_font() {
  local family file
  for family in 'DejaVu Sans Mono:style=Bold' 'DejaVu Sans Mono' 'Liberation Mono' 'Noto Sans Mono' 'monospace'; do
    if command -v fc-match >/dev/null; then
      file="$(fc-match -f '%{file}' "${family}" 2>/dev/null || true)"
      if [[ -n "${file}" && -f "${file}" ]]; then
        printf '%s' "${file}"
        return 0
      fi
    fi
  done
  return 1
}
font_file="$(find_font)" || { echo "make-clips: no font found (install fonts-dejavu-core)" >&2; exit 1; }
# drawtext option values are parsed by the filtergraph parser: escape backslash, colon and quote.
font_escaped="$(printf '%s' "${font_file}" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e "s/'/\\\\'/g")"

staging_dir="$(mktemp -d "${TMPDIR:-/tmp}/tianmu-clips.XXXXXX")"
trap 'rm -rf "${staging_dir}"' EXIT

# Burned-in overlays: a large camera label (top left) and a running clock with the frame number (bottom),
# both on opaque boxes so they stay legible on any pattern and a frozen tile is obvious at a glance.
overlay() {
  local label="$1"
  printf '%s' "drawtext=fontfile='${font_escaped}':text='${label}':x=16:y=14:fontsize=56:fontcolor=white:box=1:boxcolor=black@0.8:boxborderw=10,"
  printf '%s' "drawtext=fontfile='${font_escaped}':text='%{pts\\:hms}  #%{eif\\:n\\:d\\:3}':x=16:y=h-th-22:fontsize=44:fontcolor=yellow:box=1:boxcolor=black@0.85:boxborderw=10,"
  printf '%s' "format=yuv420p"
}

# One H.264 clip: low-latency live settings (1 s closed GOP, no B-frames, no scene-cut key frames).
# Optional 4th/5th arguments: bitrate and maximum rate (default 500k / 600k, for 640x360).
make_h264_clip() {
  local name="$1" source="$2" label="$3" bitrate="${4:-500k}" maxrate="${5:-600k}"
  local output="${staging_dir}/${name}.flv"
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "${source}" \
    -vf "$(overlay "${label}")" \
    -frames:v "$((seconds * fps))" \
    -c:v libx264 -profile:v main -pix_fmt yuv420p -preset medium -tune zerolatency \
    -g "${fps}" -keyint_min "${fps}" -sc_threshold 0 -bf 0 \
    -b:v "${bitrate}" -maxrate "${maxrate}" -bufsize "${bitrate}" \
    -threads 1 -flags:v +bitexact -fflags +bitexact -map_metadata -1 -an \
    -f flv "${output}"
  echo "make-clips: ${name}.flv ($(stat -c %s "${output}") bytes)"
}

# PTZ views (云台预置视角) of the demo PTZ cameras: one wide 1920x1080 scene per camera, cut into a 3x3 grid of
# positions at two zoom levels (wide: a 960x540 window; near: 480x270 around the same centre), each scaled to
# 480x270, 2 s, with the position burned in. Every view of a camera has the same frame count, timestamps and
# encoder settings (so the same SPS/PPS) and a key frame every 10 frames: the demo media server switches a
# PTZ camera's live stream from one view to the next at a key frame without the tile reconnecting.
ptz_seconds=2
ptz_gop=10
make_ptz_views() {
  local name="$1" source="$2" label="$3" column row zoom crop output
  mkdir -p "${staging_dir}/ptz"
  for zoom in 0 1; do
    for row in 0 1 2; do
      for column in 0 1 2; do
        if [[ "${zoom}" == 0 ]]; then
          crop="crop=960:540:$((column * 480)):$((row * 270))"
        else
          crop="crop=480:270:$((column * 480 + 240)):$((row * 270 + 135))"
        fi
        output="${staging_dir}/ptz/${name}-c${column}r${row}z${zoom}.flv"
        ffmpeg -nostdin -hide_banner -loglevel error -y \
          -f lavfi -i "${source}" \
          -vf "${crop},scale=480:270,drawtext=fontfile='${font_escaped}':text='${label} P${column} T${row} Z$((zoom + 1))x':x=10:y=10:fontsize=30:fontcolor=white:box=1:boxcolor=black@0.8:boxborderw=6,format=yuv420p" \
          -frames:v "$((ptz_seconds * fps))" \
          -c:v libx264 -profile:v main -pix_fmt yuv420p -preset medium -tune zerolatency \
          -g "${ptz_gop}" -keyint_min "${ptz_gop}" -sc_threshold 0 -bf 0 \
          -b:v 200k -maxrate 250k -bufsize 200k \
          -threads 1 -flags:v +bitexact -fflags +bitexact -map_metadata -1 -an \
          -f flv "${output}"
      done
    done
  done
  echo "make-clips: ptz/${name}-*.flv (18 views, $(cat "${staging_dir}/ptz/${name}"-*.flv | wc -c) bytes)"
}

# `make-clips.sh ptz` makes only the PTZ views.
if [[ "${1:-}" == "ptz" ]]; then
  make_ptz_views ptz-01 "testsrc2=size=1920x1080:rate=${fps}" 'PTZ-01'
  make_ptz_views ptz-02 "mandelbrot=size=1920x1080:rate=${fps}:maxiter=96:start_scale=2.5:end_scale=2.5:start_x=-0.75,hue=h=120" 'PTZ-02'
  mkdir -p "${clips_dir}/ptz"
  mv -f "${staging_dir}"/ptz/*.flv "${clips_dir}/ptz/"
  echo "make-clips: PTZ views written to ${clips_dir}/ptz"
  exit 0
fi

size="${width}x${height}"
make_h264_clip cam-01 "testsrc2=size=${size}:rate=${fps}" 'CAM-01'
make_h264_clip cam-02 "smptehdbars=size=${size}:rate=${fps}" 'CAM-02'
make_h264_clip cam-03 "mandelbrot=size=${size}:rate=${fps}:maxiter=256:start_scale=3:end_scale=0.5,hue=h=200" 'CAM-03'
make_h264_clip cam-04 "rgbtestsrc=size=${size}:rate=${fps},hue=h=36*t:s=1.5" 'CAM-04'
make_h264_clip cam-05 "life=size=${size}:rate=${fps}:seed=20240601:mold=10:life_color=#40ff80:death_color=#101830:mold_color=#205070,scale=${size}:flags=neighbor" 'CAM-05'
make_h264_clip cam-06 "gradients=size=${size}:rate=${fps}:seed=7:c0=#ff4040:c1=#2040ff:c2=#ffd040:nb_colors=3:type=spiral:speed=0.02" 'CAM-06'

# 1280x720 versions of two clips (the main profile in the video bench), and plain MP4 copies of the clips the
# bench plays, remuxed without re-encoding: the same H.264 bitstream, so `<video src=…mp4>` is the browser's
# own decode floor for exactly what mpegts.js plays.
hd_size="1280x720"
make_h264_clip cam-01-720p "testsrc2=size=${hd_size}:rate=${fps}" 'CAM-01 720p' 1000k 1200k
make_h264_clip cam-02-720p "smptehdbars=size=${hd_size}:rate=${fps}" 'CAM-02 720p' 1000k 1200k
for name in cam-01 cam-02 cam-01-720p cam-02-720p; do
  ffmpeg -nostdin -hide_banner -loglevel error -y -i "${staging_dir}/${name}.flv" \
    -c copy -movflags +faststart -fflags +bitexact -flags:v +bitexact -map_metadata -1 \
    "${staging_dir}/${name}.mp4"
  echo "make-clips: ${name}.mp4 ($(stat -c %s "${staging_dir}/${name}.mp4") bytes)"
done

# HEVC sample for "codec unsupported" tests. FLV cannot carry HEVC in ffmpeg 5.1, so MPEG-TS — named
# .m2t, not .ts: a binary .ts file in the tree would be picked up by tsc and eslint as TypeScript.
# (Captured first: `grep -q` closing the pipe early would fail the pipeline under pipefail.)
encoders="$(ffmpeg -hide_banner -encoders 2>/dev/null || true)"
if [[ "${encoders}" == *libx265* ]]; then
  ffmpeg -nostdin -hide_banner -loglevel error -y \
    -f lavfi -i "testsrc2=size=${size}:rate=${fps}" \
    -vf "$(overlay 'HEVC')" \
    -frames:v "$((hevc_seconds * fps))" \
    -c:v libx265 -preset fast -pix_fmt yuv420p \
    -x265-params "log-level=error:keyint=${fps}:min-keyint=${fps}:scenecut=0:bframes=0:pools=1:frame-threads=1:info=0" \
    -b:v 500k -flags:v +bitexact -fflags +bitexact -map_metadata -1 -an \
    -f mpegts "${staging_dir}/hevc-sample.m2t"
  echo "make-clips: hevc-sample.m2t ($(stat -c %s "${staging_dir}/hevc-sample.m2t") bytes)"
else
  echo "make-clips: libx265 is not available in this ffmpeg; skipping hevc-sample.m2t" >&2
fi

make_ptz_views ptz-01 "testsrc2=size=1920x1080:rate=${fps}" 'PTZ-01'
make_ptz_views ptz-02 "mandelbrot=size=1920x1080:rate=${fps}:maxiter=96:start_scale=2.5:end_scale=2.5:start_x=-0.75,hue=h=120" 'PTZ-02'
mkdir -p "${clips_dir}/ptz"
mv -f "${staging_dir}"/ptz/*.flv "${clips_dir}/ptz/"
rmdir "${staging_dir}/ptz"

mkdir -p "${clips_dir}"
for file in "${staging_dir}"/*; do
  mv -f "${file}" "${clips_dir}/$(basename "${file}")"
done
echo "make-clips: clips written to ${clips_dir}"
