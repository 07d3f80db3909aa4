import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { programJsonSchema } from '../../src/index.js';

describe('programJsonSchema', () => {
  const schema = programJsonSchema();

  it('is the file editors use (docs/program.schema.json is up to date: npm run schema)', () => {
    const file = JSON.parse(readFileSync(new URL('../../docs/program.schema.json', import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(schema)));
  });

  it('describes conditions in the json-rules-engine format and refuses unknown keys', () => {
    const defs = schema.$defs as Record<string, { anyOf: { required: string[] }[] }>;
    expect(defs.TopLevelCondition?.anyOf.map((s) => s.required[0])).toEqual(['all', 'any', 'not', 'condition']);
    expect(schema.additionalProperties).toBe(false);
    expect(JSON.stringify(schema)).toContain('"greaterThanInclusive"');
  });
});
