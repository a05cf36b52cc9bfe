// Dates and times for people, in the locale's style and on the company's clock
// (WorkCalendar.timeZone): a history entry stamped 23:30 UTC reads "07:30 on the 8th" to a company in
// Shanghai, whatever zone the reader's computer is set to. Intl does the zone's arithmetic.
import type { Locale } from './locale.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    cache.set(key, found);
  }
  return found;
}

// What is not a date is shown as given.
function format(at: string, locale: Locale, options: Intl.DateTimeFormatOptions): string {
  const instant = Date.parse(at);
  return Number.isNaN(instant) ? at : formatter(locale, options).format(instant);
}

/** An instant (ISO timestamp) as date and time in `timeZone`: "Nov 8, 2026, 7:30 AM". */
export function formatDateTime(at: string, locale: Locale, timeZone: string): string {
  return format(at, locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/**
 * A business day (YYYY-MM-DD, already the company's day: a due date) as a date: "Nov 7, 2026". It
 * names a day of the calendar, not an instant, so no zone may move it: a date-only ISO string is
 * read as that day's UTC midnight (ECMA-262) and shown in UTC.
 */
export function formatDay(day: string, locale: Locale): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? format(day, locale, { dateStyle: 'medium', timeZone: 'UTC' }) : day;
}
