// Deadlines 時限 (rules.md §4): a step is due on a day of the month after the period unless the
// chain or the calendar says otherwise. Dates are calendar days (YYYY-MM-DD) of the company's time
// zone; a step is on time through the whole of its due day there.
import { businessDay } from './business-day.ts';
import type { ChainStep } from './chain.ts';
import type { AppraisalRecord } from './records.ts';

/** The company's calendar: where its days begin and end, when things are due, when it is closed. */
export interface WorkCalendar {
  /**
   * The IANA time zone the company works in (`Asia/Shanghai`): every business day — due dates,
   * overdue, delegation ranges, the month an action belongs to — is judged on its calendar, and
   * every date and time is shown in it. Default: UTC.
   */
  timeZone?: string;
  /** per step id: a due day (and month offset) that overrides the chain's */
  dueDays?: Record<string, { day: number; monthOffset?: number }>;
  /** days the office is closed (YYYY-MM-DD) */
  closedDays?: string[];
  /** weekdays the office is closed, 0 = Sunday … 6 = Saturday */
  closedWeekdays?: number[];
  /**
   * A due date on a closed day moves to the open day before it ('earlier', the default: a form due
   * "before the 8th" cannot wait for Monday) or after it ('later').
   */
  closedDayRule?: 'earlier' | 'later';
}

/** The day `step` is due for an appraisal of `period` (YYYY-MM), or undefined when the step has no deadline. */
export function dueDate(step: ChainStep, period: string, calendar?: WorkCalendar): string | undefined {
  const override = calendar?.dueDays?.[step.id];
  const day = override?.day ?? step.dueDay;
  if (day === undefined) return undefined;
  const offset = override ? (override.monthOffset ?? 1) : (step.dueMonthOffset ?? 1);
  const [year, month] = parsePeriod(period);
  return shiftOffClosedDays(dayOfMonth(year, month - 1 + offset, day), calendar);
}

/** The day a step opens (W-SV statistics from the 10th), when the chain says so. */
export function startDate(step: ChainStep, period: string): string | undefined {
  if (step.startDay === undefined) return undefined;
  const [year, month] = parsePeriod(period);
  return dayOfMonth(year, month - 1 + (step.dueMonthOffset ?? 1), step.startDay);
}

/**
 * A step is overdue from the day after its due date until the appraisal is published; `now` (an
 * instant) is judged on the calendar of `timeZone`, the company's.
 */
export function isOverdue(record: Pick<AppraisalRecord, 'dueDate' | 'status'>, now: string, timeZone: string): boolean {
  if (record.dueDate === undefined || record.status === 'published') return false;
  return businessDay(now, timeZone) > record.dueDate;
}

function parsePeriod(period: string): [number, number] {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!match) throw new RangeError(`period must be a month as YYYY-MM, not "${period}"`);
  return [Number(match[1]), Number(match[2])];
}

/** Day `day` of the month `monthIndex` (0-based, may run past December); clamped to the month's last day. */
function dayOfMonth(year: number, monthIndex: number, day: number): string {
  const first = new Date(Date.UTC(year, monthIndex, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  // "before the 30th" in February is the end of February, not early March.
  return isoDay(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(day, last))));
}

function shiftOffClosedDays(date: string, calendar?: WorkCalendar): string {
  const closedDays = new Set(calendar?.closedDays ?? []);
  const closedWeekdays = new Set(calendar?.closedWeekdays ?? []);
  if (closedDays.size === 0 && closedWeekdays.size === 0) return date;
  if (closedWeekdays.size >= 7) return date;
  const step = calendar?.closedDayRule === 'later' ? 1 : -1;
  const day = new Date(`${date}T00:00:00Z`);
  // A year of closed days would be a configuration error; stop rather than loop forever.
  for (let guard = 0; guard < 366; guard++) {
    const iso = isoDay(day);
    if (!closedDays.has(iso) && !closedWeekdays.has(day.getUTCDay())) return iso;
    day.setUTCDate(day.getUTCDate() + step);
  }
  return date;
}

// The Dates above stand for days of the calendar (UTC midnight), never for instants: no zone applies.
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
