/**
 * Thrown by scoring's exact integer arithmetic when a value does not fit it exactly (too many
 * decimals, too large, a quotient that does not end): the caller then takes the decimal.js path,
 * whose results stand (O-7). No value ever goes through a binary fraction.
 */
export class Inexact extends Error {}
