/**
 * Reading the files verify writes for a run spread over machines (the snapshot, the shard results): JSON checked
 * against its JSON Schema, every problem named with its JSON path, and the SHA-256 of the file's text, which ties
 * a result to its snapshot and plan.
 */
import { createHash } from 'crypto';
import Ajv, { ValidateFunction } from 'ajv';
import { AlikafkaMigrateError } from '../errors';
import { ajvIssue } from '../model';
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';

/** SHA-256 of a file's text (UTF-8), lower-case hex. */
export function sha256Text(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

const validators = new Map<object, ValidateFunction>();

function validator(schema: object): ValidateFunction {
  let v = validators.get(schema);
  if (!v) validators.set(schema, (v = new Ajv({ allErrors: true, strict: true }).compile(schema)));
  return v;
}

/**
 * Parses and checks `text` as `what` (e.g. "verify snapshot"); an input error (exit 1) names the file, and each
 * problem its JSON path. `version` is the field that holds the document's version, checked first.
 */
export function checkDocument<T>(schema: object, text: string, file: string, what: string, version: { field: string; supported: number }): T {
  const fail = (lines: readonly string[]): never => {
    throw new AlikafkaMigrateError(
      'input',
      `${file}: not a valid ${what} (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
  };
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonShapeError)
      return fail([`${e.problem.path ? `${e.problem.path}: ` : ''}${e.problem.message} (line ${e.problem.line}, column ${e.problem.column})`]);
    return fail([`not valid JSON: ${(e as Error).message}`]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail([`the document must be a JSON object (is this a file verify wrote?)`]);
  const v = (value as Record<string, unknown>)[version.field];
  if (v !== version.supported)
    return fail([
      `${version.field}: ${v === undefined ? 'is required' : `version ${JSON.stringify(v)} is not supported by this build (supported: ${version.supported})`}`,
    ]);
  const validate = validator(schema);
  if (!validate(value)) {
    const lines = [...new Set((validate.errors ?? []).map((err) => ajvIssue(err, value)).map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`))];
    return fail(lines);
  }
  return value as T;
}

/** Reads a file verify wrote and checks it (see {@link checkDocument}); also gives the SHA-256 of its text. */
export function readDocument<T>(schema: object, file: string, what: string, version: { field: string; supported: number }): { doc: T; sha256: string } {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new AlikafkaMigrateError('input', `${file}: cannot read the ${what}: ${(e as Error).message}`);
  }
  return { doc: checkDocument<T>(schema, text, file, what, version), sha256: sha256Text(text) };
}
