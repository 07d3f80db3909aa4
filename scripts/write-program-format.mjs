// Writes docs/program-format.md, the reference of every field of the program format, from the JSON Schema in
// docs/program.schema.json (itself written from the code by scripts/write-schema.mjs) and the descriptions in
// scripts/program-format-descriptions.mjs. `npm run schema` runs both.
//
//   node scripts/write-program-format.mjs           writes the file
//   node scripts/write-program-format.mjs --check   exits 1 if the committed file is not what it would write
//
// A field without a description stops the script with the list of what to describe.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { descriptions, intros } from './program-format-descriptions.mjs';

const schemaUrl = new URL('../docs/program.schema.json', import.meta.url);
const targetUrl = new URL('../docs/program-format.md', import.meta.url);

const DECIMAL = '^\\d{1,15}(\\.\\d{1,12})?$';
const ID = '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$';
const CURRENCY = '^[A-Z]{3}$';
const CONDITION = '#/$defs/TopLevelCondition';
/** The $ref of tier criteria (a recursive schema, named by zod: found by its shape). */
let CRITERIA = '';
const criteriaDef = (schema) => Object.entries(schema.$defs ?? {}).find(([, d]) => d.anyOf?.some((v) => v.properties?.metric !== undefined));
/** A union of objects told apart by `kind` with at least this many kinds gets a subsection per kind. */
const SPLIT_AT = 5;

const code = (value) => `\`${value}\``;
const quoted = (value) => code(JSON.stringify(value));
const count = (n) => n.toLocaleString('en-US');
const isDecimal = (n) =>
  Array.isArray(n.anyOf) && n.anyOf.length === 2 && n.anyOf.some((v) => v.type === 'string' && v.pattern === DECIMAL) && n.anyOf.some((v) => v.type === 'number');
const kinded = (n) => {
  const variants = n.oneOf ?? n.anyOf;
  return Array.isArray(variants) && variants.length > 1 && variants.every((v) => v.type === 'object' && v.properties?.kind?.const !== undefined) ? variants : null;
};

function range(min, max, unit = '') {
  const hasMax = max !== undefined && max < Number.MAX_SAFE_INTEGER;
  if (min !== undefined && hasMax) return `${count(min)}–${count(max)}${unit}`;
  if (min !== undefined) return `≥ ${count(min)}${unit}`;
  if (hasMax) return `≤ ${count(max)}${unit}`;
  return '';
}

function entries(min, max) {
  const hasMax = max !== undefined && max < Number.MAX_SAFE_INTEGER;
  if (min !== undefined && min > 0 && hasMax) return `${count(min)}–${count(max)} entries`;
  if (min !== undefined && min > 0) return min === 1 ? 'not empty' : `at least ${count(min)} entries`;
  if (hasMax) return `at most ${count(max)} entries`;
  return '';
}

/** The type of a schema node and what values it allows, for one table row. */
function describeType(n) {
  if (n.$ref === CONDITION) return { type: '[condition](#conditions-in-the-program)', allowed: '' };
  if (n.$ref === CRITERIA) return { type: '[tier criteria](#tier-criteria)', allowed: '' };
  if (isDecimal(n)) return { type: 'decimal', allowed: 'a decimal string (`"12.50"`) or a number, ≥ 0' };
  const variants = kinded(n);
  if (variants) return { type: 'object', allowed: `\`kind\`: ${variants.map((v) => quoted(v.properties.kind.const)).join(', ')}` };
  if (n.anyOf) {
    const parts = n.anyOf.map(describeType);
    return { type: parts.map((p) => (p.type === 'string' && p.allowed.startsWith('`"') ? p.allowed : p.type)).join(' or '), allowed: '' };
  }
  switch (n.type) {
    case 'string': {
      if (n.const !== undefined) return { type: 'string', allowed: quoted(n.const) };
      if (n.enum) return { type: 'string', allowed: n.enum.map(quoted).join(', ') };
      if (n.pattern === ID) return { type: 'identifier', allowed: '[identifier](#identifiers)' };
      if (n.pattern === DECIMAL) return { type: 'decimal string', allowed: 'a decimal string (`"25.00"`), ≥ 0' };
      if (n.pattern === CURRENCY) return { type: 'string', allowed: 'three capital letters (ISO 4217)' };
      if (n.format === 'date') return { type: 'date', allowed: '`YYYY-MM-DD`' };
      if (n.pattern !== undefined) return { type: 'string', allowed: `matches ${code(n.pattern)}` };
      return { type: 'string', allowed: range(n.minLength, n.maxLength, ' characters') };
    }
    case 'integer':
    case 'number':
      return { type: n.type, allowed: range(n.minimum, n.maximum) };
    case 'boolean':
      return { type: 'boolean', allowed: '`true`, `false`' };
    case 'array': {
      const item = describeType(n.items ?? {});
      const size = entries(n.minItems, n.maxItems);
      const objects = n.items?.type === 'object' || kinded(n.items ?? {}) !== null;
      const itemType = objects ? 'objects' : item.type === 'identifier' ? 'identifiers' : item.type === 'string' ? 'strings' : item.type;
      return { type: `array of ${itemType}`, allowed: [size, objects || item.type === 'identifier' ? '' : item.allowed].filter(Boolean).join('; ') };
    }
    case 'object':
      if (n.properties) return { type: 'object', allowed: '' };
      if (n.additionalProperties && typeof n.additionalProperties === 'object') {
        return { type: `object: name → ${describeType(n.additionalProperties).type}`, allowed: 'names are [identifiers](#identifiers)' };
      }
      return { type: 'object', allowed: '' };
    default:
      return { type: 'any', allowed: '' };
  }
}

function globToRegExp(glob) {
  return new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
}
const globs = Object.keys(descriptions)
  .filter((k) => k.includes('*'))
  .map((k) => [globToRegExp(k), descriptions[k]]);
const missing = [];
function description(key) {
  if (Object.hasOwn(descriptions, key)) return descriptions[key];
  for (const [re, text] of globs) if (re.test(key)) return text;
  missing.push(key);
  return '';
}

const cell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * Table rows for the properties of an object node.
 * `key`: the description key of the object (`earn[]{spend}`), `label`: its path as shown (`earn[]`).
 */
function rows(node, key, label, note = '') {
  const out = [];
  const required = new Set(node.required ?? []);
  for (const [name, child] of Object.entries(node.properties ?? {})) {
    if (name === 'kind' && child.const !== undefined) continue;
    const childKey = key === '' ? name : `${key}.${name}`;
    const childLabel = label === '' ? name : `${label}.${name}`;
    out.push(...field(child, childKey, childLabel, required.has(name), note));
  }
  return out;
}

function presence(node, isRequired) {
  if (isRequired) return 'required';
  if (node.default !== undefined) return `default ${code(JSON.stringify(node.default))}`;
  return 'optional';
}

/** The row of one field, then the rows of what is inside it. */
function field(node, key, label, isRequired, note) {
  const { type, allowed } = describeType(node);
  const shown = `${code(label)}${note}`;
  const out = [[shown, type, presence(node, isRequired), allowed, description(key)]];
  const variants = kinded(node);
  if (variants) {
    for (const v of variants) out.push(...rows(v, `${key}{${v.properties.kind.const}}`, label, ` (${code(v.properties.kind.const)})`));
  } else if (node.anyOf) {
    node.anyOf.forEach((v) => {
      if (v.type === 'object' && v.properties) out.push(...rows(v, key, label, note));
    });
  } else if (node.type === 'object' && node.properties) {
    out.push(...rows(node, key, label, note));
  } else if (node.type === 'array' && node.items?.type === 'object' && node.items.properties) {
    out.push(...rows(node.items, `${key}[]`, `${label}[]`, note));
  }
  return out;
}

function table(list) {
  if (list.length === 0) return '';
  const head = '| Field | Type | Required / default | Allowed values | Description |\n| --- | --- | --- | --- | --- |\n';
  return head + list.map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n') + '\n';
}

/** A section for an array of objects told apart by `kind`: the fields every kind has, then one table per kind. */
function splitSection(name, node, isRequired) {
  const variants = kinded(node.items);
  const { type, allowed } = describeType(node);
  let text = table([[code(name), type, presence(node, isRequired), allowed, description(name)]]);
  const firstProps = variants[0].properties;
  const common = Object.keys(firstProps).filter(
    (p) => p !== 'kind' && variants.every((v) => JSON.stringify(v.properties[p]) === JSON.stringify(firstProps[p]) && (v.required ?? []).includes(p) === (variants[0].required ?? []).includes(p)),
  );
  const commonNode = { properties: Object.fromEntries(common.map((p) => [p, firstProps[p]])), required: (variants[0].required ?? []).filter((p) => common.includes(p)) };
  text += `\n### Fields of every kind\n\n${table(rows(commonNode, `${name}[]{*}`, `${name}[]`))}`;
  for (const v of variants) {
    const kind = v.properties.kind.const;
    const own = { properties: Object.fromEntries(Object.entries(v.properties).filter(([p]) => !common.includes(p))), required: v.required };
    const intro = intros[`${name}{${kind}}`];
    text += `\n### ${code(`kind: ${JSON.stringify(kind)}`)}\n\n${intro ? `${intro}\n\n` : ''}${table(rows(own, `${name}[]{${kind}}`, `${name}[]`)) || 'No other fields.\n'}`;
  }
  return text;
}

function conditionSection(schema) {
  const leaf = schema.$defs.NestedCondition.anyOf[0];
  const operators = leaf.properties.operator.enum.map(code).join(', ');
  return [
    '## Conditions in the program',
    '',
    intros.conditions,
    '',
    '| Form | Fields |',
    '| --- | --- |',
    '| all | `all`: an array of conditions, every one true |',
    '| any | `any`: an array of conditions, at least one true |',
    '| not | `not`: one condition, false |',
    '| named | `condition`: the name of an entry of [`conditions`](#the-program-itself) |',
    `| leaf | \`fact\` (required: ${leaf.properties.fact.description}), \`operator\` (required), \`value\` (required: a value, or \`{ "fact", "path"? }\` to compare with another fact), \`path\` (optional, ${leaf.properties.path.description}) |`,
    '',
    `Every form also takes \`name\` (a string) and \`priority\` (an integer ≥ 1), as json-rules-engine does. Operators: ${operators}.`,
    '',
  ].join('\n');
}

function criteriaSection(schema) {
  const variants = criteriaDef(schema)[1].anyOf;
  const metric = variants.find((v) => v.properties?.metric);
  const all = variants.find((v) => v.properties?.all)?.properties.all;
  return [
    '## Tier criteria',
    '',
    intros.criteria,
    '',
    '| Form | Fields |',
    '| --- | --- |',
    `| threshold | \`metric\` (required): ${metric.properties.metric.enum.map(quoted).join(', ')}; \`atLeast\` (required): a decimal, ≥ 0 |`,
    `| all | \`all\`: ${range(all.minItems, all.maxItems, ' criteria')}, every one met |`,
    `| any | \`any\`: ${range(all.minItems, all.maxItems, ' criteria')}, at least one met |`,
    '',
  ].join('\n');
}

/** The whole page, from the schema. */
export function renderProgramFormat(schema) {
  missing.length = 0;
  const criteria = criteriaDef(schema);
  if (criteria === undefined) throw new Error('docs/program.schema.json: no definition of tier criteria (anyOf with a `metric`)');
  CRITERIA = `#/$defs/${criteria[0]}`;
  const required = new Set(schema.required ?? []);
  const out = [intros.page, ''];
  const top = [];
  const sections = [];
  for (const [name, node] of Object.entries(schema.properties)) {
    const isObject = (node.type === 'object' && node.properties) || (node.type === 'array' && node.items && (node.items.type === 'object' || kinded(node.items)));
    if (!isObject) {
      top.push(...field(node, name, name, required.has(name), ''));
      continue;
    }
    const intro = intros[name];
    const split = node.type === 'array' && kinded(node.items) && kinded(node.items).length >= SPLIT_AT;
    const body = split ? splitSection(name, node, required.has(name)) : table(field(node, name, name, required.has(name), ''));
    sections.push(`## ${code(name)}\n\n${intro ? `${intro}\n\n` : ''}${body}`);
  }
  out.push('## The program itself', '', table(top), intros.identifiers, '', intros.decimals, '');
  out.push(...sections);
  out.push(conditionSection(schema), criteriaSection(schema));
  if (missing.length > 0) {
    const list = [...new Set(missing)].join('\n  ');
    throw new Error(`scripts/program-format-descriptions.mjs has no description for:\n  ${list}\nadd one (an exact key or a * pattern) and run npm run schema again`);
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const page = renderProgramFormat(JSON.parse(readFileSync(schemaUrl, 'utf8')));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(targetUrl, 'utf8');
    } catch {
      // missing: reported below
    }
    if (current !== page) {
      console.error('docs/program-format.md is out of date: run npm run schema');
      process.exit(1);
    }
    console.log('docs/program-format.md is up to date');
  } else {
    writeFileSync(targetUrl, page);
    console.log(`wrote ${targetUrl.pathname}`);
  }
}
