interface HasActive {
  readonly active?: { readonly from?: string | undefined; readonly until?: string | undefined } | undefined;
}

/** Whether a rule's `active` dates (inclusive, program calendar) contain the local date `YYYY-MM-DD`. */
export function isActive(rule: HasActive, date: string): boolean {
  const a = rule.active;
  if (a === undefined) return true;
  return (a.from === undefined || a.from <= date) && (a.until === undefined || date <= a.until);
}
