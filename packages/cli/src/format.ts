import { flagsCell, type Locale, type Payslip, type ScoreResult } from '@kaohe/scoring';
import { renderTable } from './table.ts';

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
  const flags = result.flags.length > 0 ? `flags: ${flagsCell(result.flags, locale)}\n` : '';
  const missing = result.complete ? '' : `not yet scored: ${result.missing.join(', ')}\n`;
  return `${head}${table}\n${totals}\n${flags}${missing}`;
}

export function payslipText(payslip: Payslip, locale: Locale): string {
  const head = `${payslip.plan.id} v${payslip.plan.version}${payslip.employee ? ` · ${payslip.employee}` : ''}${payslip.period ? ` · ${payslip.period}` : ''}\n\n`;
  const rows = payslip.lines.map((line) => [line.label[locale], line.formula, Object.entries(line.inputs).map(([k, v]) => `${k}=${v}`).join(' '), line.amount]);
  rows.push(['total', '', '', payslip.total]);
  const table = renderTable([{ header: 'line' }, { header: 'formula' }, { header: 'inputs' }, { header: payslip.currency, align: 'right' }], rows);
  const flags = payslip.flags.length > 0 ? `flags: ${flagsCell(payslip.flags, locale)}\n` : '';
  return `${head}${table}${flags}`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
