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

/** An instant (ISO timestamp) as date and time in `timeZone`: "Nov 8, 2026, 7:30 AM". Anything else is shown as given. */
export function formatDateTime(at: string, locale: Locale, timeZone: string): string {
  const instant = Date.parse(at);
  if (Number.isNaN(instant)) return at;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(instant);
}

/**
 * A business day (YYYY-MM-DD, already the company's day: a due date) as a date: "Nov 7, 2026". It
 * names a day of the calendar, not an instant, so no zone may move it: it is formatted as the day it
 * is in UTC. Anything else is shown as given.
 */
export function formatDay(day: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return formatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
