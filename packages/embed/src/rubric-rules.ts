// The rubric rules of the page: parsing and validating a rubric (zod, decimal.js) and scoring a sheet.
// Imported by rules.ts when the page first has a rubric to check, never by a page that has none.
export { loadRubric as parseRubric, scoreSheet } from '@kaohe/scoring';
