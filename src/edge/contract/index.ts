/**
 * `loyalty-engine/store-contract`: the tests every `Store` must pass, for
 * any test framework. Run it against your own store:
 *
 * @example
 * import { describe, it, expect } from 'vitest';
 * import { storeContract } from 'loyalty-engine/store-contract';
 * storeContract('my store', async () => new MyStore(await freshDatabase()), { describe, it, expect });
 *
 * @packageDocumentation
 * @module loyalty-engine/store-contract
 */
export { storeContract } from './suite.js';
export type { ContractTestApi, ContractAssertion } from './api.js';
