import { CliError } from '../errors.js';
import { isTimeZone } from './local-time.js';

/** The CSV flags as given (`--csv-member CustomerID` → `member: 'CustomerID'`). */
export interface CsvFlags {
  readonly preset?: string | undefined;
  readonly member?: string | undefined;
  readonly order?: string | undefined;
  readonly time?: string | undefined;
  readonly amount?: string | undefined;
  readonly quantity?: string | undefined;
  readonly price?: string | undefined;
  readonly sku?: string | undefined;
  readonly category?: string | undefined;
  readonly delimiter?: string | undefined;
  readonly timezone?: string | undefined;
  /** Minutes the lines of one order may be spread over (default 60). */
  readonly groupMinutes?: string | undefined;
}

/** An item category derived from a text column: `category` when the column contains `contains` (any case). */
export interface DerivedCategory {
  readonly column: string;
  readonly contains: string;
  readonly category: string;
}

/** How CSV columns become events: the column names, and what the program or a preset supplies. */
export interface CsvMapping {
  readonly preset: string | null;
  readonly member: string;
  readonly order: string;
  readonly time: string;
  /** Line total (negative: a refund). Either this, or `quantity` and `price`. */
  readonly amount: string | null;
  readonly quantity: string | null;
  readonly price: string | null;
  readonly sku: string | null;
  readonly category: string | null;
  readonly derivedCategory: DerivedCategory | null;
  /** `17850.0` → `17850`: drop a trailing `.0` from member ids (ids exported as floats). */
  readonly trimFloatIds: boolean;
  readonly delimiter: string;
  /** For times without an offset. */
  readonly timezone: string;
  readonly currency: string;
  readonly groupWindowMs: number;
}

type PresetFields = Omit<CsvMapping, 'preset' | 'delimiter' | 'currency' | 'groupWindowMs' | 'category'> & { readonly timezone: string };

/**
 * Column mappings for known data sets, chosen with `--csv-preset NAME`.
 *
 * @example
 * CSV_PRESETS['online-retail'].member // 'CustomerID'
 */
export const CSV_PRESETS: Readonly<Record<string, PresetFields>> = {
  /** The UCI "Online Retail" data set (invoice lines of a UK gift shop, 2010-12 to 2011-12). */
  'online-retail': {
    member: 'CustomerID',
    order: 'InvoiceNo',
    time: 'InvoiceDate',
    amount: null,
    quantity: 'Quantity',
    price: 'UnitPrice',
    sku: 'StockCode',
    derivedCategory: { column: 'Description', contains: 'CHRISTMAS', category: 'christmas' },
    trimFloatIds: true,
    timezone: 'Europe/London',
  },
};

/**
 * The CSV mapping from the flags, a preset and the program (its time zone for naive times unless
 * `--timezone` or the preset says otherwise, its currency for purchases). Flags override the preset.
 *
 * @throws CliError (exit 2) naming the flag that is missing or wrong.
 * @example
 * resolveCsvMapping({ preset: 'online-retail' }, { timezone: 'Europe/London', currency: 'GBP' }).quantity // 'Quantity'
 */
export function resolveCsvMapping(flags: CsvFlags, program: { readonly timezone: string; readonly currency: string }): CsvMapping {
  let preset: PresetFields | undefined;
  if (flags.preset !== undefined) {
    preset = CSV_PRESETS[flags.preset];
    if (preset === undefined) throw new CliError(`--csv-preset: unknown preset "${flags.preset}" (known: ${Object.keys(CSV_PRESETS).join(', ')})`);
  }
  const pick = (flag: string | undefined, fromPreset: string | null | undefined): string | null => flag ?? fromPreset ?? null;
  const member = pick(flags.member, preset?.member);
  const order = pick(flags.order, preset?.order);
  const time = pick(flags.time, preset?.time);
  const missing = [member === null && '--csv-member', order === null && '--csv-order', time === null && '--csv-time'].filter((x) => x !== false);
  if (missing.length > 0 || member === null || order === null || time === null) {
    throw new CliError(`CSV input needs ${missing.join(', ')} (the column names), or --csv-preset NAME (known: ${Object.keys(CSV_PRESETS).join(', ')})`);
  }
  const amount = pick(flags.amount, flags.quantity !== undefined || flags.price !== undefined ? null : preset?.amount);
  const quantity = pick(flags.quantity, flags.amount !== undefined ? null : preset?.quantity);
  const price = pick(flags.price, flags.amount !== undefined ? null : preset?.price);
  if (amount !== null && (quantity !== null || price !== null)) throw new CliError('give either --csv-amount, or --csv-quantity and --csv-price, not both');
  if (amount === null && (quantity === null || price === null)) {
    throw new CliError('CSV input needs the money: --csv-amount COLUMN (the line total), or --csv-quantity COLUMN and --csv-price COLUMN');
  }
  const timezone = flags.timezone ?? preset?.timezone ?? program.timezone;
  if (!isTimeZone(timezone)) throw new CliError(`--timezone: unknown time zone "${timezone}" (an IANA name, e.g. Europe/London)`);
  const delimiter = flags.delimiter ?? ',';
  if ([...delimiter].length !== 1 || delimiter === '"') throw new CliError(`--csv-delimiter: must be one character other than a quote, not "${delimiter}"`);
  const minutes = flags.groupMinutes === undefined ? 60 : Number(flags.groupMinutes);
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 7 * 24 * 60) {
    throw new CliError(`--csv-group-minutes: must be a whole number of minutes from 0 to 10080, not "${flags.groupMinutes ?? ''}"`);
  }
  return {
    preset: flags.preset ?? null,
    member,
    order,
    time,
    amount,
    quantity,
    price,
    sku: pick(flags.sku, preset?.sku),
    category: flags.category ?? null,
    derivedCategory: flags.category === undefined ? (preset?.derivedCategory ?? null) : null,
    trimFloatIds: preset?.trimFloatIds ?? false,
    delimiter,
    timezone,
    currency: program.currency,
    groupWindowMs: minutes * 60_000,
  };
}
