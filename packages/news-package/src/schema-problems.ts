import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { SCHEMA_PATTERNS } from './package.schema';
import { Problem } from './types';

// Compiled ahead of time (print-validator.ts): checkPackage is synchronous and called per request
// by the services, and the CLI starts for every ingest.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated validator is CommonJS with no declarations
const validateSchema = require('./package.validator') as ValidateFunction;

const P = SCHEMA_PATTERNS;
const PATTERN_MESSAGES: Record<string, string> = {
  [P.key]: 'is not a valid key (lowercase letters, digits and ":._-", starting with a letter or digit, at most 200 characters)',
  [P.outletKey]: 'is not an outlet key ("outlet:" followed by lowercase letters, digits and ":._-")',
  [P.countryCode]: 'is not an ISO 3166-1 alpha-2 country code (two capital letters, e.g. ES)',
  [P.wikidata]: 'is not a Wikidata item id (Q followed by digits, e.g. Q29)',
  [P.language]: 'is not a BCP-47 language tag (e.g. en, pt-BR)',
  [P.partialDate]: 'is not a date (YYYY, YYYY-MM or YYYY-MM-DD)',
  [P.saidAt]: 'is neither a day (YYYY-MM-DD) nor an ISO-8601 instant with offset (e.g. 2026-03-04T10:00:00-05:00)',
  [P.httpUrl]: 'is not an absolute http(s) URL',
};

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  array: 'an array',
  object: 'an object',
  null: 'null',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
};

/** A value quoted for a message, cut short so one bad field cannot flood the output. */
export function show(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
}

function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

function typeMessage(e: ErrorObject): string {
  // An alias is a string or an object; the `else` branch only knows about the object.
  if (e.schemaPath.startsWith('#/$defs/alias/else/')) return 'must be a string or an object {"value", "lang"}';
  const types = ([] as string[]).concat(e.params.type as string | string[]);
  return `must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}`;
}

function toProblem(e: ErrorObject): Problem | null {
  const at = e.instancePath;
  switch (e.keyword) {
    case 'if': // the branch that failed reports its own error
      return null;
    case 'required':
      return { path: `${at}/${pointerSegment(e.params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {});
      return {
        path: `${at}/${pointerSegment(e.params.additionalProperty)}`,
        message: `is not a known property${known.length ? ` (known: ${known.join(', ')})` : ''}`,
      };
    }
    case 'const':
      return { path: at, message: `must be exactly ${JSON.stringify(e.params.allowedValue)}` };
    case 'enum': {
      const values = (e.params.allowedValues as unknown[]).filter((v) => v !== null);
      return { path: at, message: `must be one of ${values.join(', ')}` };
    }
    case 'type':
      return { path: at, message: typeMessage(e) };
    case 'pattern': {
      if (e.params.pattern === P.notBlank) return { path: at, message: 'must not be blank' };
      const what = PATTERN_MESSAGES[e.params.pattern as string];
      return { path: at, message: what ? `${show(e.data)} ${what}` : `must match ${e.params.pattern}` };
    }
    case 'minLength': // same words as the blank check, so an empty string is reported once
      return { path: at, message: e.params.limit === 1 ? 'must not be blank' : `must be at least ${e.params.limit} characters` };
    case 'maxLength':
      return { path: at, message: `must be at most ${e.params.limit} characters` };
    case 'minItems':
      if (/^\/statements\/\d+\/attestations$/.test(at)) {
        return { path: at, message: 'needs at least one attestation (a source reporting the statement)' };
      }
      return { path: at, message: `must have at least ${e.params.limit} item(s)` };
    default:
      return { path: at, message: e.message ?? `fails the ${e.keyword} rule` };
  }
}

/** Checks the document against the JSON Schema; every error becomes a readable Problem. */
export function schemaProblems(doc: unknown): Problem[] {
  if (validateSchema(doc)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of validateSchema.errors ?? []) {
    const p = toProblem(e);
    if (!p) continue;
    const id = `${p.path}\u0000${p.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(p);
  }
  return problems;
}
