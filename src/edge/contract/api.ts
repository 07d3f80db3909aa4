/** The assertions the store contract uses: vitest's and jest's `expect(...)` have them. */
export interface ContractAssertion {
  /** Strict equality (`Object.is`). */
  toBe(expected: unknown): void;
  /** Deep equality. */
  toEqual(expected: unknown): void;
  /** The value is `undefined`. */
  toBeUndefined(): void;
}

/**
 * The test functions the contract registers its tests with: pass your
 * framework's (`{ describe, it, expect }` from `vitest`, or jest's globals).
 */
export interface ContractTestApi {
  /** Groups tests. */
  describe(name: string, body: () => void): void;
  /** Registers one asynchronous test. */
  it(name: string, body: () => Promise<void>): void;
  /** Starts an assertion. */
  expect(actual: unknown): ContractAssertion;
}
