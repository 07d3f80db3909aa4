import { describe, expect, it } from 'vitest';
import { safeDefineProgram, safeParseEvent } from '../../src/index.js';

// JSON.parse makes "__proto__" an own key; schema parsing would drop it silently, so it is refused
describe('own __proto__ keys are refused, not dropped', () => {
  it('in an event, at any depth, with the path', () => {
    const event = JSON.parse(
      '{"id":"e","type":"purchase","memberId":"m","at":"2024-01-01T00:00:00Z","orderId":"o","amount":"1","currency":"GBP","attributes":{"__proto__":{"polluted":1}}}',
    ) as unknown;
    const r = safeParseEvent(event);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.code, i.path])).toEqual([['forbidden_key', ['attributes', '__proto__']]]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('at the top of an event', () => {
    const r = safeParseEvent(JSON.parse('{"__proto__":{},"id":"e","type":"tick","memberId":"m","at":"2024-01-01T00:00:00Z"}'));
    expect(r.success === false && r.error.issues.map((i) => i.path)).toEqual([['__proto__']]);
  });

  it('in a program, e.g. as a named condition', () => {
    const program = JSON.parse(
      '{"id":"p","version":1,"currency":"GBP","timezone":"UTC","points":{"rounding":"floor","expiry":{"kind":"never"},"negativeBalance":"allow"},"conditions":{"__proto__":{"all":[]}}}',
    ) as unknown;
    const r = safeDefineProgram(program);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.map((i) => [i.code, i.path])).toEqual([['forbidden_key', ['conditions', '__proto__']]]);
  });
});
