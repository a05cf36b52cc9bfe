import type { Flag, Locale, Payslip, ScoreResult } from '@kaohe/scoring';
import { renderTable } from './table.ts';

/** Flags in one cell: "FS-10 調離崗位; FS-3 下崗". */
export function flagsText(flags: readonly Flag[], locale: Locale): string {
  return flags.map((f) => `${f.source} ${f.label[locale]}`).join('; ');
}

export function scoreText(result: ScoreResult, locale: Locale): string {
  const rows = result.sections.flatMap((section) => [
    [section.id, section.label[locale], section.points, section.score, section.gateBreached ? 'gate breached: section voided' : section.floorApplied ? 'floor applied' : ''],
    ...section.items.map((item) => [
      `  ${item.id}`,
      item.label[locale],
      item.points,
      item.score,
      [...item.deductions.map((d) => `−${d.amount}${d.reason ? ` ${d.reason}` : ''}`), ...item.notes, item.status === 'notScored' ? 'not scored' : ''].filter(Boolean).join('; '),
    ]),
  ]);
  const head = `${result.rubric.id} v${result.rubric.version}${result.employee ? ` · ${result.employee}` : ''} · ${result.period}\n\n`;
  const table = renderTable([{ header: 'item' }, { header: 'label' }, { header: 'points', align: 'right' }, { header: 'score', align: 'right' }, { header: 'notes' }], rows);
  const totals = [
    `work ${result.work}`,
    ...(result.attendance !== null ? [`attendance ${result.attendance}`] : []),
    `monthly ${result.monthly}`,
  ].join(' · ');
  const flags = result.flags.length > 0 ? `flags: ${flagsText(result.flags, locale)}\n` : '';
  const missing = result.complete ? '' : `not yet scored: ${result.missing.join(', ')}\n`;
  return `${head}${table}\n${totals}\n${flags}${missing}`;
}

export function payslipText(payslip: Payslip, locale: Locale): string {
  const head = `${payslip.plan.id} v${payslip.plan.version}${payslip.employee ? ` · ${payslip.employee}` : ''}${payslip.period ? ` · ${payslip.period}` : ''}\n\n`;
  const rows = payslip.lines.map((line) => [line.label[locale], line.formula, Object.entries(line.inputs).map(([k, v]) => `${k}=${v}`).join(' '), line.amount]);
  rows.push(['total', '', '', payslip.total]);
  const table = renderTable([{ header: 'line' }, { header: 'formula' }, { header: 'inputs' }, { header: payslip.currency, align: 'right' }], rows);
  const flags = payslip.flags.length > 0 ? `flags: ${flagsText(payslip.flags, locale)}\n` : '';
  return `${head}${table}${flags}`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
