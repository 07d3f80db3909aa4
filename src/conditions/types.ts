/**
 * The condition format of json-rules-engine, as programs use it. See
 * https://github.com/CacheControl/json-rules-engine/blob/master/docs/rules.md#conditions
 */

/** The built-in operators of json-rules-engine. Custom operators and decorators are not supported. */
export type OperatorName =
  | 'equal'
  | 'notEqual'
  | 'lessThan'
  | 'lessThanInclusive'
  | 'greaterThan'
  | 'greaterThanInclusive'
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A right-hand side read from another fact: `{ "fact": "member", "path": "$.orders" }`. */
export interface FactReference {
  readonly fact: string;
  readonly path?: string;
}

interface ConditionProperties {
  /** Higher runs first within its `all`/`any`; equal priorities form one group (default 1). */
  readonly priority?: number;
  readonly name?: string;
}

/** Compares one fact (optionally a path inside it) with a value. */
export interface FactCondition extends ConditionProperties {
  readonly fact: string;
  readonly operator: OperatorName;
  readonly value: JsonValue | FactReference;
  /** A plain JSONPath into the fact: `$.a.b`, `$.items[0].sku`, `$['a b']`. */
  readonly path?: string;
}

export interface AllCondition extends ConditionProperties {
  readonly all: readonly NestedCondition[];
}
export interface AnyCondition extends ConditionProperties {
  readonly any: readonly NestedCondition[];
}
export interface NotCondition extends ConditionProperties {
  readonly not: NestedCondition;
}
/** Refers to a named condition declared in the program's `conditions`. */
export interface ConditionReference extends ConditionProperties {
  readonly condition: string;
}

export type NestedCondition = FactCondition | AllCondition | AnyCondition | NotCondition | ConditionReference;
/** What a rule's `condition` holds: json-rules-engine requires `all`, `any`, `not` or a reference at the root. */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

/** The facts a condition reads, by name. */
export type Facts = Readonly<Record<string, unknown>>;
