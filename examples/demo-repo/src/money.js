/** Formatting of amounts held in integer cents. */

/**
 * `1234` → `"12.34 EUR"`. Negative amounts keep their sign in front.
 *
 * @param {number} cents
 * @param {string} [currency]
 * @returns {string}
 */
export function formatCents(cents, currency = 'EUR') {
  if (!Number.isInteger(cents)) throw new TypeError(`cents must be an integer, got ${cents}`);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${rest} ${currency}`;
}
