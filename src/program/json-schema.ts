import { z } from 'zod';
import { OPERATOR_NAMES } from '../conditions/operators.js';
import { ConditionSchema } from './fields.js';
import { ProgramSchema } from './schema.js';

/** JSON Schema of the json-rules-engine condition format as programs use it. */
function conditionJsonSchema(): Record<string, unknown> {
  const common = { priority: { type: 'integer', minimum: 1 }, name: { type: 'string' } };
  const factRef = {
    type: 'object',
    required: ['fact'],
    additionalProperties: false,
    properties: { fact: { type: 'string', minLength: 1 }, path: { type: 'string', pattern: '^\\$' } },
  };
  const nested = { $ref: '#/$defs/NestedCondition' };
  return {
    $defs: {
      NestedCondition: {
        anyOf: [
          {
            type: 'object',
            required: ['fact', 'operator', 'value'],
            additionalProperties: false,
            properties: {
              ...common,
              fact: { type: 'string', minLength: 1, description: 'event, member, time, or (in item filters) item' },
              operator: { enum: OPERATOR_NAMES },
              path: { type: 'string', pattern: '^\\$', description: "plain JSONPath: $.a.b, $.items[0].sku, $['a b']" },
              value: { anyOf: [factRef, {}] },
            },
          },
          { $ref: '#/$defs/TopLevelCondition' },
        ],
      },
      TopLevelCondition: {
        anyOf: [
          { type: 'object', required: ['all'], additionalProperties: false, properties: { ...common, all: { type: 'array', items: nested } } },
          { type: 'object', required: ['any'], additionalProperties: false, properties: { ...common, any: { type: 'array', items: nested } } },
          { type: 'object', required: ['not'], additionalProperties: false, properties: { ...common, not: nested } },
          { type: 'object', required: ['condition'], additionalProperties: false, properties: { ...common, condition: { type: 'string' } } },
        ],
      },
    },
  };
}

/**
 * The JSON Schema (draft 2020-12) of the program format, from zod's own
 * JSON Schema output, for editors and UIs. Static checks (duplicate ids,
 * unknown references, …) are not expressible in it; `defineProgram` runs them.
 *
 * @example
 * fs.writeFileSync('program.schema.json', JSON.stringify(programJsonSchema(), null, 2));
 */
export function programJsonSchema(): Record<string, unknown> {
  const conditions = conditionJsonSchema();
  const schema = z.toJSONSchema(ProgramSchema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (ctx.zodSchema === ConditionSchema) {
        for (const key of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Record<string, unknown>)[key];
        Object.assign(ctx.jsonSchema, { $ref: '#/$defs/TopLevelCondition' });
      }
    },
  }) as Record<string, unknown>;
  return {
    ...schema,
    title: 'loyalty-engine program',
    $defs: { ...((schema.$defs as Record<string, unknown> | undefined) ?? {}), ...(conditions.$defs as Record<string, unknown>) },
  };
}
