/**
 * Says in words what a config field accepts ("an integer from 1 to 50", "one of
 * "auto", "bwrap""), for error messages and for the Type column of the docs.
 */
import { z } from 'zod';
import { unwrapSchema } from './schema-at-path.ts';

interface CheckDef {
  check?: string;
  value?: unknown;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  error?: (issue: unknown) => unknown;
}

function checksOf(schema: z.core.$ZodType): CheckDef[] {
  const checks = (schema._zod.def as { checks?: { _zod: { def: unknown } }[] }).checks ?? [];
  return checks.map((check) => check._zod.def as CheckDef);
}

function describeNumber(schema: z.core.$ZodType): string {
  const checks = checksOf(schema);
  const integer = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
  const min = checks.find((c) => c.check === 'greater_than');
  const max = checks.find((c) => c.check === 'less_than');
  const noun = integer ? 'an integer' : 'a number';
  if (min && max && min.inclusive && max.inclusive) return `${noun} from ${String(min.value)} to ${String(max.value)}`;
  const parts = [
    min ? `${min.inclusive ? '≥' : '>'} ${String(min.value)}` : undefined,
    max ? `${max.inclusive ? '≤' : '<'} ${String(max.value)}` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? `${noun} ${parts.join(' and ')}` : noun;
}

/** The custom message a regex check was given, such as "a kebab-case rule name". */
function regexMessage(check: CheckDef): string | undefined {
  const message = check.error?.({ code: 'invalid_format', format: 'regex' });
  return typeof message === 'string' ? message : undefined;
}

function describeString(schema: z.core.$ZodType): string {
  const checks = checksOf(schema);
  const regex = checks.find((c) => c.check === 'string_format' && c.format === 'regex');
  if (regex) return regexMessage(regex) ?? `a string matching ${String(regex.pattern)}`;
  const format = checks.find((c) => c.check === 'string_format');
  if (format?.format === 'url') return 'a URL';
  if (format?.format !== undefined) return `a string in ${format.format} format`;
  const minLength = checks.find((c) => c.check === 'min_length');
  if (minLength?.minimum === 1) return 'a non-empty string';
  if (minLength?.minimum !== undefined) return `a string of at least ${minLength.minimum} characters`;
  return 'a string';
}

function describeList(element: z.core.$ZodType): string {
  const inner = unwrapSchema(element);
  if (inner instanceof z.ZodString) return 'a list of strings';
  if (inner instanceof z.ZodObject) return 'a list of mappings';
  if (inner instanceof z.ZodNumber) return 'a list of numbers';
  return 'a list';
}

/**
 * A short noun phrase for what `schema` accepts.
 *
 * @example describeSchema(z.number().int().min(1).max(50)) // 'an integer from 1 to 50'
 */
export function describeSchema(schema: z.core.$ZodType): string {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodNumber) return describeNumber(inner);
  if (inner instanceof z.ZodString) return describeString(inner);
  if (inner instanceof z.ZodBoolean) return 'true or false';
  if (inner instanceof z.ZodEnum) return `one of ${inner.options.map((o) => JSON.stringify(o)).join(', ')}`;
  if (inner instanceof z.ZodArray) return describeList(inner.element);
  if (inner instanceof z.ZodObject) return 'a mapping';
  if (inner instanceof z.ZodRecord) return 'a mapping of names to settings';
  return 'a valid value';
}
