/**
 * Extracts the names of test cases declared in a run of source lines, so that a test
 * removed from one place and added in another (a move, a rename of its file) is not
 * mistaken for a deleted test. Names are normalized across frameworks: `it('x')` and
 * `test('x')` both declare `x`.
 */

/** Declarations that carry their name on the same line. */
const NAMED: readonly RegExp[] = [
  // JS/TS (vitest, jest, mocha, jasmine, playwright), Ruby RSpec/minitest spec style
  /^\s*(?:x|f)?(?:it|test|specify|scenario|example)(?:\.\w+)*\s*\(?\s*(["'`])(.+?)\1/,
  // Python, Ruby minitest / test-unit
  /^\s*(?:async\s+)?def\s+(test\w*)/,
  // Go: top-level tests, fuzz targets, examples, and t.Run subtests
  /^\s*func\s+((?:Test|Fuzz|Example)\w*)\s*\(/,
  /\bt\.Run\(\s*"([^"]+)"/,
  // JUnit 3 style without annotations
  /\bvoid\s+(test\w+)\s*\(/,
];

/** Annotations/attributes that make the next function a test (JUnit, Kotlin, Rust). */
const TEST_MARKER =
  /^\s*(?:@(?:Test|ParameterizedTest|RepeatedTest|TestFactory|TestTemplate|Property)\b|#\[(?:\w+::)*test\b)/;
/** The function declared after such a marker. */
const FUNCTION =
  /\b(?:fn|fun|void|def)\s+(`[^`]+`|\w+)\s*[(<]|^\s*(?:public\s+|protected\s+|private\s+)?(?:static\s+)?\w+(?:<[^>]*>)?\s+(\w+)\s*\(/;

/** The test names declared in `lines`, in order (a name may repeat). */
export function testNames(lines: readonly string[]): string[] {
  const names: string[] = [];
  let pendingMarker = false;
  for (const line of lines) {
    if (TEST_MARKER.test(line)) {
      pendingMarker = true;
      continue;
    }
    if (pendingMarker) {
      if (/^\s*(?:@|#\[)/.test(line)) continue; // further annotations
      const fn = FUNCTION.exec(line);
      if (fn) {
        names.push((fn[1] ?? fn[2] ?? '').replace(/`/g, ''));
        pendingMarker = false;
        continue;
      }
    }
    for (const pattern of NAMED) {
      const match = pattern.exec(line);
      if (match) {
        names.push(match[match.length - 1] as string);
        break;
      }
    }
  }
  return names;
}
