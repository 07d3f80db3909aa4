/** The assertions the store contract uses: vitest's and jest's `expect(...)` have them. */
export interface ContractAssertion {
  toBe(expected: unknown): void;
  toEqual(expected: unknown): void;
  toBeUndefined(): void;
}

/**
 * The test functions the contract registers its tests with: pass your
 * framework's (`{ describe, it, expect }` from `vitest`, or jest's globals).
 */
export interface ContractTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void>): void;
  expect(actual: unknown): ContractAssertion;
}
