import { describe, expect, it } from 'vitest';
import { testNames } from '../../../src/core/risk/test-names.ts';

describe('testNames', () => {
  it.each([
    [
      'vitest/jest',
      ["it('adds items', () => {", '  test.skip("removes", () => {});', "describe('cart', () => {"],
      ['adds items', 'removes'],
    ],
    ['template literal titles', ['it(`handles ${"x"}`, () => {});'], ['handles ${"x"}']],
    ['jasmine focus/skip', ["fit('a', () => {});", "xit('b', () => {});"], ['a', 'b']],
    ['pytest', ['def test_total():', '    async def test_async(self):', 'def helper():'], ['test_total', 'test_async']],
    [
      'go',
      [
        'func TestCart(t *testing.T) {',
        '\tt.Run("empty cart", func(t *testing.T) {',
        'func FuzzParse(f *testing.F) {',
        'func helper() {}',
      ],
      ['TestCart', 'empty cart', 'FuzzParse'],
    ],
    ['junit 5', ['@Test', '@DisplayName("totals")', 'void totalsOrders() {'], ['totalsOrders']],
    [
      'junit parameterized',
      ['@ParameterizedTest', '@ValueSource(ints = {1})', 'public void rounds(int x) {'],
      ['rounds'],
    ],
    ['kotlin backticks', ['@Test', 'fun `adds items to the cart`() {'], ['adds items to the cart']],
    [
      'rust',
      ['#[test]', 'fn removes_items() {', '#[tokio::test]', 'async fn fetches() {'],
      ['removes_items', 'fetches'],
    ],
    ['rspec', ["  it 'has a name' do", '  specify "works" do'], ['has a name', 'works']],
    ['minitest', ['  def test_name', "  test 'creates users' do"], ['test_name', 'creates users']],
  ])('%s', (_name, lines, expected) => {
    expect(testNames(lines)).toEqual(expected);
  });
});
