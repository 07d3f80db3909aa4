/** Something with a time, as epoch milliseconds. */
export interface Timed {
  readonly ms: number;
}

/**
 * Merges streams that are each in time order into one in time order (ties: the earlier stream first),
 * reading one item ahead per stream.
 *
 * @example
 * for await (const made of mergeByTime([purchases, redemptions])) apply(made);
 */
export async function* mergeByTime<T extends Timed>(streams: readonly AsyncIterable<T>[]): AsyncGenerator<T> {
  if (streams.length === 1 && streams[0] !== undefined) {
    yield* streams[0];
    return;
  }
  const iterators = streams.map((s) => s[Symbol.asyncIterator]());
  const heads: (T | undefined)[] = await Promise.all(iterators.map(async (it) => (await it.next()).value as T | undefined));
  const done = iterators.map((_, i) => heads[i] === undefined);
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (done[i] || head === undefined) continue;
      const current = best < 0 ? undefined : heads[best];
      if (current === undefined || head.ms < current.ms) best = i;
    }
    if (best < 0) return;
    const item = heads[best] as T;
    const next = await (iterators[best] as AsyncIterator<T>).next();
    if (next.done === true) done[best] = true;
    else heads[best] = next.value;
    yield item;
  }
}
