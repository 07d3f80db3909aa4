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

/** A JSON string, number, boolean or `null`. */
export type JsonPrimitive = string | number | boolean | null;
/** Any JSON value: a condition's `value`. */
export type JsonValue = JsonPrimitive | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A right-hand side read from another fact: `{ "fact": "member", "path": "$.orders" }`. */
export interface FactReference {
  /** The fact to read (`event`, `member`, `time`, `item`). */
  readonly fact: string;
  /** A plain JSONPath into that fact (`$.orders`). */
  readonly path?: string;
}

interface ConditionProperties {
  /** Higher runs first within its `all`/`any`; equal priorities form one group (default 1). */
  readonly priority?: number;
  /** A label for people; ignored. */
  readonly name?: string;
}

/** Compares one fact (optionally a path inside it) with a value. */
export interface FactCondition extends ConditionProperties {
  /** The fact to read (`event`, `member`, `time`, `item`). */
  readonly fact: string;
  /** How the fact's value is compared with `value`. */
  readonly operator: OperatorName;
  /** The value compared with, or another fact to read it from. */
  readonly value: JsonValue | FactReference;
  /** A plain JSONPath into the fact: `$.a.b`, `$.items[0].sku`, `$['a b']`. */
  readonly path?: string;
}

/** True when every child is (an empty `all` is true). */
export interface AllCondition extends ConditionProperties {
  /** The children. */
  readonly all: readonly NestedCondition[];
}
/** True when at least one child is (an empty `any` is true, as in json-rules-engine). */
export interface AnyCondition extends ConditionProperties {
  /** The children. */
  readonly any: readonly NestedCondition[];
}
/** True when its child is false. */
export interface NotCondition extends ConditionProperties {
  /** The negated condition. */
  readonly not: NestedCondition;
}
/** Refers to a named condition declared in the program's `conditions`. */
export interface ConditionReference extends ConditionProperties {
  /** The name of the condition, a key of the program's `conditions`. */
  readonly condition: string;
}

/** Any node of a condition: a fact comparison, `all`, `any`, `not` or a reference. */
export type NestedCondition = FactCondition | AllCondition | AnyCondition | NotCondition | ConditionReference;
/** What a rule's `condition` holds: json-rules-engine requires `all`, `any`, `not` or a reference at the root. */
export type TopLevelCondition = AllCondition | AnyCondition | NotCondition | ConditionReference;

/** The facts a condition reads, by name. */
export type Facts = Readonly<Record<string, unknown>>;
