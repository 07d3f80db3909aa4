/**
 * A value as error messages quote it, whatever it is: strings quoted and cut
 * to 80 characters, other values by their type. Never throws (a value that
 * cannot become a string is still described).
 */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value === 'bigint') return `${value.toString()}n`;
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
