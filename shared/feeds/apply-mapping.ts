// Turns a backend payload into hub values and incidents with a source's declarative mapping. Every record is
// checked on its own: a bad record is counted and skipped, the good ones still arrive.
import type { IncidentMapping, ValueMapping } from '../model/source';
import type { TopicValue } from '../model/feed';
import { topicSchema } from '../model/feed';
import {
  incidentCategorySchema,
  incidentSchema,
  incidentSeveritySchema,
  type Incident,
} from '../model/incident';
import { readJsonPath } from './json-path';

export interface MappingContext {
  /** Receive time, used when the mapping names no time field. */
  readonly now: number;
  /** The message's own topic (MQTT), for `key: "$topic"`. */
  readonly messageTopic?: string;
  /** Written into each incident's `source` field. */
  readonly sourceId: string;
}

export interface MappedPayload {
  values: TopicValue[];
  incidents: Incident[];
  /** One line per skipped record (bounded), for the source's health. */
  problems: string[];
  rejected: number;
}

/** The hub topic for a key: lower-case, characters outside `a-z0-9_./-` become `-`; undefined if invalid. */
export function topicForKey(template: string, key: string): string | undefined {
  const normalised = key
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_./-]+/g, '-');
  const topic = template.replaceAll('{key}', normalised);
  return topicSchema.safeParse(topic).success ? topic : undefined;
}

/** A time in ms from a backend's number (ms or s) or ISO text; undefined when unreadable. */
export function parseTime(raw: unknown, format: 'ms' | 's' | 'iso'): number | undefined {
  if (format === 'iso') {
    if (typeof raw !== 'string') return undefined;
    const time = Date.parse(raw);
    return Number.isFinite(time) ? time : undefined;
  }
  const number = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof number !== 'number' || !Number.isFinite(number)) return undefined;
  return format === 's' ? number * 1_000 : number;
}

function recordsOf(payload: unknown, path: string | undefined): unknown[] | undefined {
  const found = path === undefined ? payload : readJsonPath(payload, path);
  if (Array.isArray(found)) return found;
  return found !== null && typeof found === 'object' ? [found] : undefined;
}

const maxProblems = 5;

function note(result: MappedPayload, problem: string): void {
  result.rejected++;
  if (result.problems.length < maxProblems) result.problems.push(problem);
}

function mapValues(payload: unknown, mapping: ValueMapping, context: MappingContext, result: MappedPayload) {
  const records = recordsOf(payload, mapping.records);
  if (!records) return note(result, `values: no records at ${mapping.records ?? '$'}`);
  for (const [index, record] of records.entries()) {
    const rawKey = mapping.key === '$topic' ? context.messageTopic : readJsonPath(record, mapping.key);
    if (typeof rawKey !== 'string' && typeof rawKey !== 'number') {
      note(result, `values[${index}]: no key at ${mapping.key}`);
      continue;
    }
    const key = mapping.keys?.[String(rawKey)] ?? String(rawKey);
    const topic = topicForKey(mapping.topic, key);
    if (!topic) {
      note(result, `values[${index}]: key '${key.slice(0, 60)}' makes no valid topic`);
      continue;
    }
    const rawValue = readJsonPath(record, mapping.value);
    const value = typeof rawValue === 'string' && rawValue.trim() !== '' ? Number(rawValue) : rawValue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      note(result, `values[${index}]: value at ${mapping.value} is not a number`);
      continue;
    }
    const ts =
      mapping.time === undefined
        ? context.now
        : parseTime(readJsonPath(record, mapping.time), mapping.timeFormat);
    if (ts === undefined) {
      note(result, `values[${index}]: time at ${mapping.time} is unreadable`);
      continue;
    }
    result.values.push({ topic, value, ts });
  }
}

/** An incident id from a backend id: prefixed with the source, lower-case, at most 64 characters. */
function incidentId(sourceId: string, raw: string): string {
  return `${sourceId}-${raw}`
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 64);
}

function text(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return undefined;
}

function mapIncidents(
  payload: unknown,
  mapping: IncidentMapping,
  context: MappingContext,
  result: MappedPayload,
) {
  const records = recordsOf(payload, mapping.records);
  if (!records) return note(result, `incidents: no records at ${mapping.records ?? '$'}`);
  for (const [index, record] of records.entries()) {
    const read = (path: string | undefined) => (path === undefined ? undefined : readJsonPath(record, path));
    const rawId = text(read(mapping.id));
    const time = mapping.time === undefined ? context.now : parseTime(read(mapping.time), mapping.timeFormat);
    const rawCategory = text(read(mapping.category)) ?? '';
    const rawSeverity = text(read(mapping.severity)) ?? '';
    // Unknown backend words fall back to the defaults: an odd category never loses the alarm itself.
    const category = incidentCategorySchema.safeParse(mapping.categories?.[rawCategory] ?? rawCategory);
    const severity = incidentSeveritySchema.safeParse(mapping.severities?.[rawSeverity] ?? rawSeverity);
    const candidate = {
      id: rawId === undefined ? undefined : incidentId(context.sourceId, rawId),
      title: text(read(mapping.title))?.slice(0, 200),
      category: category.success ? category.data : mapping.defaultCategory,
      severity: severity.success ? severity.data : mapping.defaultSeverity,
      position: [Number(read(mapping.longitude)), Number(read(mapping.latitude))],
      street: text(read(mapping.street)),
      source: context.sourceId,
      status: 'new',
      raisedAt: time,
      updatedAt: time,
      isDrill: false,
    };
    const parsed = incidentSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      note(result, `incidents[${index}]: ${issue.path.join('.')} ${issue.message}`);
      continue;
    }
    result.incidents.push(parsed.data);
  }
}

/** Applies both halves of a mapping to one payload. */
export function applyMapping(
  payload: unknown,
  mapping: { values?: ValueMapping; incidents?: IncidentMapping },
  context: MappingContext,
): MappedPayload {
  const result: MappedPayload = { values: [], incidents: [], problems: [], rejected: 0 };
  if (mapping.values) mapValues(payload, mapping.values, context, result);
  if (mapping.incidents) mapIncidents(payload, mapping.incidents, context, result);
  return result;
}
