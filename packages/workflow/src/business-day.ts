// The company's day. Deadlines (rules.md §4: "before the 8th"), overdue marks, delegation ranges and
// the month a moment belongs to are judged on the calendar of the company's time zone, not on UTC's:
// an approval at 07:30 on the 8th in Shanghai is 23:30 on the 7th in UTC, and it is late.
// The zone's rules (offsets, summer time) come from the platform's Intl data; nothing here adds hours.
import type { WorkCalendar } from './calendar.ts';

/** The zone business days are judged in when the company's calendar names none. */
export const DEFAULT_TIME_ZONE = 'UTC';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
// A date and time without Z or an offset: a time on the company's own clock, so its day is its date.
const WALL_CLOCK = /^(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function dayFormatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    // en-US: Gregorian years and Latin digits, whatever the reader's own settings
    found = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, found);
  }
  return found;
}

/**
 * The IANA name of `zone` as the platform spells it (`asia/shanghai` → `Asia/Shanghai`), or
 * undefined when it is not a zone the platform knows. A bare offset (`+08:00`) is refused: it has
 * no summer time and no history, so it is not a company's zone.
 */
export function canonicalTimeZone(zone: unknown): string | undefined {
  if (typeof zone !== 'string' || !/^[A-Za-z]/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** The zone a calendar judges days in: its `timeZone`, else DEFAULT_TIME_ZONE. */
export function timeZoneOf(calendar: Pick<WorkCalendar, 'timeZone'> | undefined): string {
  return calendar?.timeZone ?? DEFAULT_TIME_ZONE;
}

let last: { at: string; timeZone: string; day: string } | undefined;

/**
 * The company's calendar day (YYYY-MM-DD) at `at` in `timeZone`. `at` is an ISO timestamp with `Z`
 * or an offset (an instant), a date and time without one (read on the company's clock), or a day
 * (YYYY-MM-DD, returned as it is). Throws a RangeError naming anything else.
 */
export function businessDay(at: string, timeZone: string): string {
  if (DAY.test(at)) return at;
  const wall = WALL_CLOCK.exec(at);
  if (wall) return wall[1] as string;
  // A task list asks for the same moment once per row: the last answer is kept.
  if (last && last.at === at && last.timeZone === timeZone) return last.day;
  const instant = Date.parse(at);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(at) || Number.isNaN(instant)) throw new RangeError(`"${at}" is not an ISO date or timestamp`);
  const parts = dayFormatter(timeZone).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  last = { at, timeZone, day };
  return day;
}

/** The month (YYYY-MM) `at` falls in on the company's calendar: the period an action belongs to. */
export function periodOf(at: string, timeZone: string): string {
  return businessDay(at, timeZone).slice(0, 7);
}
