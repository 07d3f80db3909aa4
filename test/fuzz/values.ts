/**
 * Hostile values for the fuzz tests: anything fast-check can build (deeply nested, null prototypes, boxed
 * values, Maps, typed arrays, sparse arrays, BigInts, Dates), objects whose own keys are `__proto__`,
 * `constructor` and `prototype`, extreme numbers, 100,000-character strings, arrays of 10,000 elements and
 * very deep nesting. Small values come first in every `oneof`, so counterexamples shrink to small ones.
 */
import fc from 'fast-check';

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** Numbers at the edges: huge, tiny, negative zero, NaN, infinities, beyond safe integers. */
export const extremeNumber: fc.Arbitrary<number> = fc.constantFrom(
  -0,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 53) - 2,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 63,
  1e21,
  1e-7,
  0.1 + 0.2,
  1_000_000_001,
  8.64e15 + 1,
);

const HUGE = 100_000;
/** Strings of 100,000 characters: plain, all digits (a huge decimal), a number with 100,000 decimals, padding after a valid instant. */
export const hugeString: fc.Arbitrary<string> = fc.constantFrom(
  'a'.repeat(HUGE),
  '9'.repeat(HUGE),
  `1.${'0'.repeat(HUGE - 3)}1`,
  `0.${'0'.repeat(HUGE - 3)}1`,
  `-${'9'.repeat(HUGE - 1)}`,
  `2024-01-01T00:00:00${'0'.repeat(HUGE)}Z`,
  `$${'.a'.repeat(HUGE / 2)}`,
  '\u{1F600}'.repeat(HUGE / 2),
  '\u0000'.repeat(HUGE),
);

/** Short strings that mean something to a parser: prototype keys, numbers in odd notations, instants at the edges of time. */
export const trickyString: fc.Arbitrary<string> = fc.constantFrom(
  '',
  ' ',
  ...PROTO_KEYS,
  'toString',
  'valueOf',
  'hasOwnProperty',
  'polluted',
  '0',
  '-0',
  '-0.00',
  '1e308',
  '1e-308',
  '1e999',
  'NaN',
  'Infinity',
  '0x10',
  '1_000',
  '.5',
  '5.',
  '00012.30',
  '\u0661\u0662',
  '１２',
  '2024-01-01T00:00:00Z',
  '2024-01-01T00:00:00',
  '2024-02-30T00:00:00Z',
  '2024-01-01T24:00:00Z',
  '2024-01-01T00:00:00+14:00',
  '2024-01-01T00:00:00-23:59',
  '2024-01-01T00:00:60Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59.999-23:59',
  '+275760-09-13T00:00:00Z',
  '1969-12-31T23:59:59.999Z',
  'USD',
  'Europe/London',
  'Not/AZone',
  '$',
  "$['__proto__']",
  '$.constructor.prototype',
  '$..a',
  '$[*]',
  '$[0:1]',
);

/**
 * Objects with prototype keys as real own properties (built with JSON.parse, which defines them as
 * data properties where an assignment or an object literal would set the prototype instead).
 */
export const protoObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    '{"prototype":{"polluted":"yes"}}',
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}',
    '{"a":{"__proto__":{"polluted":"yes"}}}',
    '[{"__proto__":{"polluted":"yes"}}]',
    '{"__proto__":[]}',
    '{"__proto__":null}',
    '{"__proto__":"yes"}',
    '{"toString":"x","valueOf":1,"hasOwnProperty":2,"polluted":"yes"}',
    '{"constructor":"x"}',
  ).map((text) => JSON.parse(text) as unknown),
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...PROTO_KEYS, 'polluted', 'toString'), fc.string({ maxLength: 8 })), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 })
    .map((entries) => JSON.parse(`{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`) as unknown),
);

const BIG = 10_000;
/** Arrays of 10,000 elements (shared element), and a sparse one. */
export const bigArray: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(0, 'x', null, -0, { sku: 'a', quantity: 1, unitPrice: '1.00' }, []).map((v) => Array.from({ length: BIG }, () => v)),
  fc.constant(null).map(() => new Array<unknown>(BIG)),
  fc.constant(null).map(() => Array.from({ length: BIG }, (_, i) => ({ id: `x${i}`, type: 'tick', memberId: 'm1', at: '2024-01-01T00:00:00Z' }))),
);

/** Nesting far past any schema's depth: arrays, objects and json-rules-engine groups. */
export const deepValue: fc.Arbitrary<unknown> = fc
  .record({ depth: fc.constantFrom(10, 100, 1_000, 5_000), shape: fc.constantFrom('array', 'object', 'all', 'not') })
  .map(({ depth, shape }) => {
    let v: unknown = shape === 'all' || shape === 'not' ? { fact: 'x', operator: 'equal', value: 1 } : 1;
    for (let i = 0; i < depth; i++) {
      v = shape === 'array' ? [v] : shape === 'object' ? { a: v } : shape === 'all' ? { all: [v] } : { not: v };
    }
    return v;
  });

/** fast-check's `anything`, with every kind of value it can make and prototype keys among the keys. */
export const anyValue: fc.Arbitrary<unknown> = fc.anything({
  maxDepth: 6,
  key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...PROTO_KEYS, 'id', 'type', 'at', 'memberId', 'amount', 'all', 'any', 'not', 'fact', 'path')),
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Any hostile value. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 3, arbitrary: anyValue },
  { weight: 2, arbitrary: trickyString },
  { weight: 2, arbitrary: extremeNumber },
  { weight: 2, arbitrary: protoObject },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: bigArray },
  { weight: 1, arbitrary: deepValue },
);

/** A value to put at one place of a valid input: mostly small and close to valid, sometimes anything. */
export const leaf: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: trickyString },
  { weight: 3, arbitrary: extremeNumber },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, undefined, true, false, 0, 1, -1, [], {}) },
  { weight: 2, arbitrary: protoObject },
  { weight: 2, arbitrary: anyValue },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: bigArray },
  { weight: 1, arbitrary: deepValue },
);

/** {@link garbage} without the 100,000-character strings and the 10,000-element arrays. */
export const garbageOfUsualSize: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 3, arbitrary: anyValue },
  { weight: 2, arbitrary: trickyString },
  { weight: 2, arbitrary: extremeNumber },
  { weight: 2, arbitrary: protoObject },
  { weight: 1, arbitrary: deepValue },
);
