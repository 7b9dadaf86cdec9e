// Declarative mappings as an integrator writes them: paths to key, value and time; bad records skipped, counted.
import { describe, expect, it } from 'vitest';
import { mappingSchema } from '../model/source';
import { applyMapping, parseTime, topicForKey } from './apply-mapping';
import { readJsonPath } from './json-path';

const context = { now: 1_000, sourceId: 'iot' };

describe('readJsonPath', () => {
  it('follows fields and indexes, and returns undefined for anything missing', () => {
    const payload = { data: { items: [{ v: 1 }, { v: 2 }] } };
    expect(readJsonPath(payload, '$.data.items[1].v')).toBe(2);
    expect(readJsonPath(payload, '$')).toBe(payload);
    expect(readJsonPath(payload, '$.data.missing.v')).toBeUndefined();
    expect(readJsonPath(payload, '$.data.items[9].v')).toBeUndefined();
    expect(readJsonPath(payload, '$.data[0]')).toBeUndefined();
  });

  it('never walks into prototypes', () => {
    expect(readJsonPath({}, '$.constructor')).toBeUndefined();
    expect(readJsonPath(JSON.parse('{"__proto__": {"x": 1}}'), '$.__proto__.x')).toBe(1);
    expect(readJsonPath({}, '$.__proto__')).toBeUndefined();
  });
});

describe('applyMapping', () => {
  const mapping = mappingSchema.parse({
    values: {
      records: '$.result.rows',
      key: '$.code',
      value: '$.reading',
      time: '$.at',
      timeFormat: 'iso',
      keys: { RAIN_1H: 'rain-1h' },
    },
  });

  it('maps records to topics with their source time, renaming keys', () => {
    const payload = {
      result: {
        rows: [
          { code: 'RAIN_1H', reading: 12.5, at: '2026-11-21T08:00:00+08:00' },
          { code: 'Tide Bund', reading: '4.61', at: '2026-11-21T08:00:05+08:00' },
        ],
      },
    };
    expect(applyMapping(payload, mapping, context)).toEqual({
      values: [
        { topic: 'vitals/rain-1h', value: 12.5, ts: Date.parse('2026-11-21T00:00:00Z') },
        { topic: 'vitals/tide-bund', value: 4.61, ts: Date.parse('2026-11-21T00:00:05Z') },
      ],
      incidents: [],
      problems: [],
      rejected: 0,
    });
  });

  it('skips and counts records without a number, a key or a time, keeping the good ones', () => {
    const payload = {
      result: {
        rows: [
          { code: 'a', reading: 'n/a', at: '2026-11-21T08:00:00Z' },
          { reading: 1, at: '2026-11-21T08:00:00Z' },
          { code: 'b', reading: 1, at: 'yesterday' },
          { code: 'c', reading: null, at: '2026-11-21T08:00:00Z' },
          { code: 'ok', reading: 3, at: '2026-11-21T08:00:00Z' },
        ],
      },
    };
    const result = applyMapping(payload, mapping, context);
    expect(result.values.map((value) => value.topic)).toEqual(['vitals/ok']);
    expect(result.rejected).toBe(4);
    expect(result.problems[0]).toMatch(/not a number/);
  });

  it('reports a payload without the records array instead of throwing', () => {
    for (const payload of [null, 'text', 42, { result: {} }]) {
      const result = applyMapping(payload, mapping, context);
      expect(result.values).toEqual([]);
      expect(result.rejected).toBe(1);
    }
  });

  it('takes the key from the MQTT topic and the receive time when no time path is given', () => {
    const byTopic = mappingSchema.parse({ values: { key: '$topic', value: '$.v', topic: 'mqtt/{key}' } });
    const result = applyMapping({ v: 7 }, byTopic, { ...context, messageTopic: 'District/Sensors/Rain' });
    expect(result.values).toEqual([{ topic: 'mqtt/district/sensors/rain', value: 7, ts: 1_000 }]);
  });

  it('maps alarms to incidents, translating categories and severities and falling back on unknown words', () => {
    const alarms = mappingSchema.parse({
      incidents: {
        records: '$.alarms',
        id: '$.alarmId',
        title: '$.text',
        longitude: '$.lng',
        latitude: '$.lat',
        time: '$.time',
        timeFormat: 's',
        category: '$.type',
        severity: '$.grade',
        categories: { 电梯困人: 'elevator' },
        severities: { '1': 'red', '2': 'orange' },
      },
    });
    const payload = {
      alarms: [
        {
          alarmId: 'A/77',
          text: '电梯困人',
          lng: 121.49,
          lat: 31.23,
          time: 1_700_000_000,
          type: '电梯困人',
          grade: 1,
        },
        {
          alarmId: 'A/78',
          text: '<b>未知</b>',
          lng: 121.49,
          lat: 31.23,
          time: 1_700_000_001,
          type: '??',
          grade: 9,
        },
        { alarmId: 'A/79', text: '无位置', lng: 'x', lat: 31.23, time: 1_700_000_002 },
      ],
    };
    const result = applyMapping(payload, alarms, context);
    expect(result.incidents).toMatchObject([
      { id: 'iot-a-77', category: 'elevator', severity: 'red', raisedAt: 1_700_000_000_000, source: 'iot' },
      { id: 'iot-a-78', category: 'other', severity: 'yellow', title: '<b>未知</b>' },
    ]);
    expect(result.rejected).toBe(1);
  });
});

describe('topicForKey and parseTime', () => {
  it('normalise keys into valid topics and refuse the rest', () => {
    expect(topicForKey('vitals/{key}', 'Rain 1H')).toBe('vitals/rain-1h');
    expect(topicForKey('{key}', '/etc')).toBeUndefined();
  });

  it('read ms, seconds and ISO times', () => {
    expect(parseTime(5, 's')).toBe(5_000);
    expect(parseTime('5000', 'ms')).toBe(5_000);
    expect(parseTime('1970-01-01T00:00:05Z', 'iso')).toBe(5_000);
    expect(parseTime('soon', 'iso')).toBeUndefined();
    expect(parseTime(Infinity, 'ms')).toBeUndefined();
  });
});
