/** What the CSV reader made of a file, for the summary. */
export interface CsvStats {
  /** Data lines read (the header excluded). */
  lines: number;
  /** Lines without a member id (guest checkouts), skipped. */
  guestLines: number;
  /** Sale lines with a price of zero or less, skipped. */
  droppedLines: number;
  /** Orders whose sale lines add up to zero, skipped. */
  zeroOrders: number;
  purchases: number;
  refunds: number;
  /** Return lines (negative quantity or amount). */
  returnLines: number;
  /** Return lines matching no earlier order of the member, skipped. */
  unmatchedLines: number;
  /** Return lines matched only in part (more returned than bought). */
  partialLines: number;
}

/**
 * Zeroed counters.
 *
 * @example
 * const stats = emptyCsvStats();
 */
export function emptyCsvStats(): CsvStats {
  return { lines: 0, guestLines: 0, droppedLines: 0, zeroOrders: 0, purchases: 0, refunds: 0, returnLines: 0, unmatchedLines: 0, partialLines: 0 };
}
