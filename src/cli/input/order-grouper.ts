import { inputError } from '../errors.js';
import type { CsvLine } from './csv-line.js';

/** The lines of one order (one invoice), at the time of its first line. */
export interface GroupedOrder {
  readonly orderId: string;
  readonly memberId: string;
  readonly ms: number;
  readonly line: number;
  readonly lines: CsvLine[];
}

/**
 * Groups CSV lines into orders while streaming. The file must be sorted by time; an order's lines may be
 * spread over `windowMs` (they need not be next to each other). An order is complete, and returned, once
 * a line more than `windowMs` after its first line is read, so at most a window's worth of lines is held.
 * Only the ids of completed orders are kept, to refuse an order that comes back later.
 *
 * @example
 * const grouper = new OrderGrouper('retail.csv', 3_600_000);
 * for (const line of lines) for (const order of grouper.add(line)) emit(order);
 * for (const order of grouper.end()) emit(order);
 */
export class OrderGrouper {
  private readonly open = new Map<string, GroupedOrder>();
  private readonly closed = new Map<string, number>();
  private lastMs = -Infinity;
  private lastLine = 0;

  constructor(
    private readonly file: string,
    private readonly windowMs: number,
  ) {}

  /** Adds a line; returns the orders it completes, oldest first. */
  add(line: CsvLine): GroupedOrder[] {
    if (line.ms < this.lastMs) {
      throw inputError(this.file, line.line, `its time is earlier than line ${this.lastLine}'s: the file must be sorted by time`);
    }
    this.lastMs = line.ms;
    this.lastLine = line.line;
    const done = this.flush(line.ms - this.windowMs);
    const open = this.open.get(line.orderId);
    if (open !== undefined) {
      if (open.memberId !== line.memberId) {
        throw inputError(this.file, line.line, `order ${line.orderId} belongs to member ${open.memberId} (line ${open.line}), not ${line.memberId}`);
      }
      open.lines.push(line);
      return done;
    }
    const closedAt = this.closed.get(line.orderId);
    if (closedAt !== undefined) {
      throw inputError(
        this.file,
        line.line,
        `order ${line.orderId} started at line ${closedAt}, more than ${this.windowMs / 60_000} minutes earlier (raise --csv-group-minutes, or give the order a new id)`,
      );
    }
    this.open.set(line.orderId, { orderId: line.orderId, memberId: line.memberId, ms: line.ms, line: line.line, lines: [line] });
    return done;
  }

  /** The orders still open at the end of the file. */
  end(): GroupedOrder[] {
    return this.flush(Infinity);
  }

  private flush(beforeMs: number): GroupedOrder[] {
    const done: GroupedOrder[] = [];
    for (const [id, order] of this.open) {
      // the map is in order of first lines, so in time order: stop at the first order still open
      if (order.ms >= beforeMs) break;
      this.open.delete(id);
      this.closed.set(id, order.line);
      done.push(order);
    }
    return done;
  }
}
