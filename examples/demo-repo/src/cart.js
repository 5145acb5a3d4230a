/** Cart arithmetic in integer cents, so that totals never pick up floating-point dust. */

/**
 * The total of `items` in cents after an optional percentage discount. The discount
 * is rounded to the nearest cent; half a cent rounds up.
 *
 * @param {{ priceCents: number, quantity: number }[]} items
 * @param {{ discountPercent?: number }} [options]
 * @returns {number}
 */
export function cartTotal(items, { discountPercent = 0 } = {}) {
  if (!Number.isFinite(discountPercent) || discountPercent < 0 || discountPercent > 100) {
    throw new RangeError(`discountPercent must be between 0 and 100, got ${discountPercent}`);
  }
  let subtotal = 0;
  for (const { priceCents, quantity } of items) {
    if (!Number.isInteger(quantity) || quantity < 1) {
      throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
    }
    subtotal += priceCents * quantity;
  }
  const discount = Math.round((subtotal * discountPercent) / 100);
  return subtotal - discount;
}
