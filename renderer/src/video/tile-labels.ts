// Words a video tile shows for each playback state, Chinese first (the wall's language), English available.
import type { LocalizedText } from '@shared/model/common';
import type { TilePlayerState, TilePlayerStatus } from './tile-player';

/** What the tile is doing: a player state, or `inactive` while the cell is hidden. */
export type TileState = TilePlayerState | 'inactive';

/** The badge text of a state; `{n}` is the reconnect attempt, `{codec}` the unsupported codec. */
const stateTexts: Record<TileState, LocalizedText> = {
  connecting: { zh: '连接中', en: 'Connecting' },
  playing: { zh: '播放中', en: 'Playing' },
  stalled: { zh: '画面停滞', en: 'Stalled' },
  reconnecting: { zh: '重连中 (第 {n} 次)', en: 'Reconnecting (attempt {n})' },
  offline: { zh: '离线', en: 'Offline' },
  unsupported: { zh: '编码不支持 ({codec})', en: 'Unsupported codec ({codec})' },
  error: { zh: '播放出错', en: 'Playback error' },
  forbidden: { zh: '无权限', en: 'No permission' },
  inactive: { zh: '已暂停', en: 'Paused' },
};

/** "最后画面 08:03:21": the time of the last decoded frame, shown whenever the tile is not playing. */
export const lastFrameText: LocalizedText = { zh: '最后画面 {time}', en: 'Last frame {time}' };

/** "第 N 次重连": shown under stalled / offline / error / forbidden while the next attempt is pending. */
export const nextAttemptText: LocalizedText = {
  zh: '即将第 {n} 次重连',
  en: 'Reconnect attempt {n} pending',
};

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}

/** The badge text of a status in the given language picker (`localized` from renderer/src/i18n). */
export function stateText(
  state: TileState,
  status: Pick<TilePlayerStatus, 'reconnectAttempt' | 'codec'>,
  pick: (text: LocalizedText) => string,
): string {
  return fill(pick(stateTexts[state]), { n: status.reconnectAttempt, codec: status.codec ?? '?' });
}

/**
 * The lines under the badge: when the next attempt comes (a tile that is not playing), when the last frame was,
 * and an unsupported codec's detail.
 */
export function stateDetails(
  state: TileState,
  status: Pick<TilePlayerStatus, 'reconnectAttempt' | 'lastFrameAt' | 'detail'>,
  pick: (text: LocalizedText) => string,
): string[] {
  const lines: string[] = [];
  if (['stalled', 'offline', 'error', 'forbidden'].includes(state))
    lines.push(fill(pick(nextAttemptText), { n: status.reconnectAttempt }));
  if (status.lastFrameAt !== null)
    lines.push(fill(pick(lastFrameText), { time: clockTime(status.lastFrameAt) }));
  if (state === 'unsupported' && status.detail) lines.push(status.detail);
  return lines;
}

/** Type of a tile `height` px high that stays legible from five metres on a wall and fits small tiles. */
export function tileFontSize(height: number): string {
  return `${Math.round(Math.min(36, Math.max(16, height * 0.065)))}px`;
}

/** A clock time `HH:MM:SS` (24 h) for a timestamp in ms. */
export function clockTime(timestamp: number): string {
  const date = new Date(timestamp);
  return [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}

/** Tile toolbar, statistics overlay and patrol words. */
export const tileTexts = {
  statistics: { zh: '统计', en: 'Stats' },
  snapshot: { zh: '截图', en: 'Snapshot' },
  snapshotSaved: { zh: '截图已保存：{file}', en: 'Snapshot saved: {file}' },
  snapshotFailed: { zh: '截图失败：{message}', en: 'Snapshot failed: {message}' },
  latency: { zh: '延迟', en: 'Latency' },
  framesPerSecond: { zh: '帧率', en: 'FPS' },
  dropped: { zh: '丢帧', en: 'Dropped' },
  bitrate: { zh: '码率', en: 'Bitrate' },
  profile: { zh: '码流', en: 'Profile' },
  state: { zh: '状态', en: 'State' },
  main: { zh: '主码流', en: 'main' },
  sub: { zh: '子码流', en: 'sub' },
  patrol: { zh: '轮巡 {position}/{count}', en: 'Patrol {position}/{count}' },
  patrolPaused: { zh: '轮巡已暂停 {position}/{count}', en: 'Patrol paused {position}/{count}' },
  patrolPage: { zh: '轮巡 第 {page}/{pages} 页', en: 'Patrol page {page}/{pages}' },
  patrolPagePaused: { zh: '轮巡已暂停 第 {page}/{pages} 页', en: 'Patrol paused, page {page}/{pages}' },
  /** A block tile the group has no camera for (the group is smaller than the block). */
  patrolVacant: { zh: '空位（轮巡组仅 {count} 路）', en: 'Empty (group of {count} cameras)' },
} satisfies Record<string, LocalizedText>;
