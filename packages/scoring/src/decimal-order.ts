// The order of decimal numbers written as text ("92.5", "-3", "100.00"), exactly and without
// decimal.js: a list that only sorts the scores the service computed (the inbox's score column)
// need not load the arithmetic that computed them. Decimal's `comparedTo` gives the same order
// (test/decimal-order.test.ts checks it).

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Compares two decimals written as `-?digits(.digits)?`: negative when `a` is smaller, 0 when they are
 * equal (2.50 and 2.5, -0 and 0), positive when it is larger.
 * @throws TypeError for text that is not such a decimal (as Decimal's constructor throws)
 */
export function compareDecimalText(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  if (x.negative !== y.negative) return x.negative ? -1 : 1;
  const magnitude = x.whole.length - y.whole.length || compareText(x.whole, y.whole) || compareText(x.fraction, y.fraction);
  return x.negative ? -magnitude : magnitude;
}

function parts(text: string): { negative: boolean; whole: string; fraction: string } {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) throw new TypeError(`not a decimal number: "${text}"`);
  const whole = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  return { negative: match[1] === '-' && (whole !== '0' || fraction !== ''), whole, fraction };
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
