// The names a listener answers to, as Host headers write them.
import { describe, expect, it } from 'vitest';
import { isOwnHost, isOwnOrigin, ownHostNames } from './request-guard';

describe('ownHostNames', () => {
  it('writes a certificate’s IPv6 addresses as a Host header does (bracketed, shortest form)', () => {
    const names = ownHostNames('192.168.1.20', ['FE80:0:0:0:0:0:0:1', 'Wall.Room.CN', '[2001:db8::7]']);
    expect(isOwnHost('[fe80::1]:7443', names, 7443)).toBe(true);
    expect(isOwnHost('wall.room.cn:7443', names, 7443)).toBe(true);
    expect(isOwnHost('[2001:db8::7]:7443', names, 7443)).toBe(true);
    expect(isOwnOrigin('https://wall.room.cn:7443', names, 7443)).toBe(true);
  });

  it('refuses other names, other ports and IP literals on a specific address', () => {
    const names = ownHostNames('192.168.1.20', ['wall.room.cn']);
    expect(isOwnHost('wall.room.cn.evil.example:7443', names, 7443)).toBe(false);
    expect(isOwnHost('wall.room.cn:7444', names, 7443)).toBe(false);
    expect(isOwnHost('192.168.1.21:7443', names, 7443)).toBe(false);
    expect(isOwnOrigin('https://evil.example', names, 7443)).toBe(false);
  });
});
