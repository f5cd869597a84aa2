/**
 * The plan file loader: `migration-plan.json` as `synth` writes it, checked against its version and JSON Schema
 * (`migration-plan.schema.json`) before any later step acts on it. Errors name the JSON path, as the metadata
 * loader's do.
 */
import { AlikafkaMigrateError } from '../errors';
import Ajv from 'ajv';
import type { MigrationPlanFile } from '../plan/types';
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';
import { ajvIssue, MetadataIssue } from './load';
import schema from './migration-plan.schema.json';

/** The plan file versions this build reads (the major version; fields added within it are optional). */
export const SUPPORTED_PLAN_FILE_VERSIONS: readonly number[] = [1];

/** Thrown when a plan file cannot be used; `issues` lists every problem found, each at its JSON path. */
export class PlanFileError extends AlikafkaMigrateError {
  public readonly issues: readonly MetadataIssue[];
  public readonly file?: string;

  constructor(issues: readonly MetadataIssue[], file?: string) {
    const where = file ? `${file}: ` : '';
    const lines = issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`);
    super('input', `${where}invalid plan file (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
      field: issues[0]?.path || undefined,
    });
    this.name = 'PlanFileError';
    this.issues = issues;
    this.file = file;
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function getValidator(): ReturnType<Ajv['compile']> {
  if (!validator) validator = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  return validator;
}

const HINT = 'is this the migration-plan.json synth writes beside cdk.tf.json?';

/** Checks an already-parsed value as a plan file; throws `PlanFileError` listing every problem with its JSON path. */
export function validatePlanFile(value: unknown, file?: string): MigrationPlanFile {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PlanFileError([{ path: '', message: `the document must be a JSON object (${HINT})` }], file);
  }
  const version = (value as Record<string, unknown>).planVersion;
  if (version === undefined) throw new PlanFileError([{ path: 'planVersion', message: `is required (${HINT})` }], file);
  if (typeof version === 'number' && Number.isInteger(version) && !SUPPORTED_PLAN_FILE_VERSIONS.includes(version)) {
    const newer = version > Math.max(...SUPPORTED_PLAN_FILE_VERSIONS);
    throw new PlanFileError(
      [
        {
          path: 'planVersion',
          message: `plan version ${version} is not supported by this build (supported: ${SUPPORTED_PLAN_FILE_VERSIONS.join(', ')}); ${newer ? 'upgrade alikafka-migrate, or synth the plan again with this version' : 'synth the plan again with this version'}`,
        },
      ],
      file,
    );
  }
  const validate = getValidator();
  if (!validate(value)) {
    const issues: MetadataIssue[] = [];
    const seen = new Set<string>();
    // `if` only says that a `then`/`else` branch failed; that branch's own errors name the field
    for (const err of (validate.errors ?? []).filter((e) => e.keyword !== 'if')) {
      const issue = ajvIssue(err, value);
      const key = `${issue.path}\u0000${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push(issue);
      }
    }
    throw new PlanFileError(issues, file);
  }
  return value as MigrationPlanFile;
}

/** Parses plan file text; a syntax error becomes a `PlanFileError`. */
export function parsePlanFileText(text: string, file?: string): MigrationPlanFile {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonShapeError)
      throw new PlanFileError([{ path: e.problem.path, message: `${e.problem.message} (line ${e.problem.line}, column ${e.problem.column})` }], file);
    throw new PlanFileError([{ path: '', message: `not valid JSON: ${(e as Error).message}` }], file);
  }
  return validatePlanFile(value, file);
}

/** Reads and checks a plan file. */
export function loadPlanFile(file: string): MigrationPlanFile {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new PlanFileError([{ path: '', message: `cannot read the plan file: ${(e as Error).message}` }], file);
  }
  return parsePlanFileText(text, file);
}
