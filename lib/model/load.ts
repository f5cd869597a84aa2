import { AlikafkaMigrateError } from '../errors';
import { createHash } from 'crypto';
import { readUserFile } from '../util/fs';
import { JsonShapeError, parseJsonText } from '../util/json';
import Ajv, { ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { ClusterMetadata, SUPPORTED_FORMAT_VERSIONS } from './types';
import schema from './metadata.schema.json';

/** One problem in a metadata file, located by its JSON path (`topics[3].partitions`). */
export interface MetadataIssue {
  readonly path: string;
  readonly message: string;
}

/** Thrown when a metadata file cannot be used. `issues` lists every problem found, not only the first. */
export class MetadataError extends AlikafkaMigrateError {
  public readonly issues: readonly MetadataIssue[];
  public readonly file?: string;

  constructor(issues: readonly MetadataIssue[], file?: string) {
    const where = file ? `${file}: ` : '';
    const lines = issues.map((i) => `  ${i.path ? `${i.path}: ` : ''}${i.message}`);
    super('input', `${where}invalid metadata (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`, {
      field: issues[0]?.path || undefined,
    });
    this.name = 'MetadataError';
    this.issues = issues;
    this.file = file;
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;
function getValidator(): ReturnType<Ajv['compile']> {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

/** Formats an instance path such as `/topics/3/partitions` as `topics[3].partitions`. */
export function formatJsonPath(pointer: string): string {
  if (pointer === '') return '';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function valueAt(root: unknown, pointer: string): unknown {
  let cur: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** One schema error as a problem at its JSON path (shared by the metadata and plan file loaders). */
export function ajvIssue(err: ErrorObject, root: unknown): MetadataIssue {
  const path = formatJsonPath(err.instancePath);
  const got = `, got ${describeValue(valueAt(root, err.instancePath))}`;
  switch (err.keyword) {
    case 'required':
      return {
        path: formatJsonPath(`${err.instancePath}/${String(err.params.missingProperty)}`),
        message: 'is required',
      };
    case 'additionalProperties':
      return {
        path: formatJsonPath(`${err.instancePath}/${String(err.params.additionalProperty)}`),
        message: 'is not a known field (put extensions under an "x-" prefixed key)',
      };
    case 'type':
      return { path, message: `must be ${err.params.type === 'integer' ? 'an integer' : `of type ${String(err.params.type)}`}${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum': {
      const cmp = err.keyword === 'minimum' ? '>=' : err.keyword === 'maximum' ? '<=' : '>';
      const what = typeof valueAt(root, err.instancePath) === 'number' && Number.isInteger(valueAt(root, err.instancePath)) ? 'an integer' : 'a number';
      return { path, message: `must be ${what} ${cmp} ${String(err.params.limit)}${got}` };
    }
    case 'enum':
      return { path, message: `must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${got}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(err.params.allowedValue)}${got}` };
    case 'minLength':
      return { path, message: `must have at least ${String(err.params.limit)} character(s)${got}` };
    case 'maxLength':
      return { path, message: `must have at most ${String(err.params.limit)} characters${got}` };
    case 'format':
      return { path, message: `must be a ${String(err.params.format)} (ISO 8601)${got}` };
    case 'not':
      return { path, message: 'must not contain credentials (user:password@)' };
    default:
      return { path, message: `${err.message ?? 'is invalid'}${got}` };
  }
}

/** Reports integers that JSON.parse could not represent exactly (values above 2^53). */
function unsafeNumbers(value: unknown, pointer: string, out: MetadataIssue[]): void {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && Math.abs(value) > Number.MAX_SAFE_INTEGER) {
      out.push({ path: formatJsonPath(pointer), message: `must be at most 2^53-1 (${Number.MAX_SAFE_INTEGER}); larger values lose precision, got ${value}` });
    }
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => unsafeNumbers(v, `${pointer}/${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) unsafeNumbers(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
}

function duplicates<T>(items: readonly T[] | undefined, key: (t: T) => string, field: string, what: string, out: MetadataIssue[]): void {
  if (!items) return;
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    const first = seen.get(k);
    if (first !== undefined) {
      out.push({ path: `${field}[${i}]`, message: `duplicate ${what} ${JSON.stringify(k)} (first at ${field}[${first}]); each must appear once` });
    } else {
      seen.set(k, i);
    }
  });
}

/**
 * Validates an already-parsed value as metadata format version 1.
 * Throws `MetadataError` listing every problem with its JSON path.
 */
export function validateMetadata(value: unknown, file?: string): ClusterMetadata {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new MetadataError([{ path: '', message: `the document must be a JSON object, got ${describeValue(value)}` }], file);
  }
  const version = (value as Record<string, unknown>).formatVersion;
  if (typeof version === 'number' && !SUPPORTED_FORMAT_VERSIONS.includes(version)) {
    throw new MetadataError(
      [
        {
          path: 'formatVersion',
          message: `format version ${version} is not supported by this build (supported: ${SUPPORTED_FORMAT_VERSIONS.join(', ')}); ${version > Math.max(...SUPPORTED_FORMAT_VERSIONS) ? 'upgrade alikafka-migrate' : 're-export the cluster'}`,
        },
      ],
      file,
    );
  }
  const issues: MetadataIssue[] = [];
  const validate = getValidator();
  if (!validate(value)) {
    const seen = new Set<string>();
    for (const err of validate.errors ?? []) {
      // patternProperties ("x-") produce no errors of their own; skip ajv's duplicate reports.
      const issue = ajvIssue(err, value);
      const key = `${issue.path}\u0000${issue.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        issues.push(issue);
      }
    }
  }
  unsafeNumbers(value, '', issues);
  const meta = value as ClusterMetadata;
  if (Array.isArray(meta.topics)) {
    duplicates(
      meta.topics.filter((t) => t && typeof t.name === 'string'),
      (t) => t.name,
      'topics',
      'topic name',
      issues,
    );
  }
  if (Array.isArray(meta.consumerGroups)) {
    duplicates(
      meta.consumerGroups.filter((g) => g && typeof g.groupId === 'string'),
      (g) => g.groupId,
      'consumerGroups',
      'group id',
      issues,
    );
  }
  if (issues.length > 0) throw new MetadataError(issues, file);
  return meta;
}

/** Parses JSON text, turning a syntax error into a `MetadataError` with line and column. */
export function parseMetadataText(text: string, file?: string): ClusterMetadata {
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (e) {
    if (e instanceof JsonShapeError)
      throw new MetadataError([{ path: e.problem.path, message: `${e.problem.message} (line ${e.problem.line}, column ${e.problem.column})` }], file);
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    let where = '';
    if (pos) {
      const offset = Number(pos[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const col = offset - before.lastIndexOf('\n');
      where = ` at line ${line}, column ${col}`;
    } else if (/end of (JSON )?input/i.test(msg) || text.trim() === '') {
      where = ' (the file ends early: is it truncated?)';
    }
    throw new MetadataError([{ path: '', message: `not valid JSON${where}: ${msg}` }], file);
  }
  return validateMetadata(value, file);
}

/** SHA-256 of a text file's content, lower-case hex (the file's bytes, for a UTF-8 file). */
export function textSha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Reads and validates a metadata file, with the SHA-256 of its content (what a plan file ties itself to). */
export function readMetadataFile(file: string): { readonly metadata: ClusterMetadata; readonly sha256: string } {
  let text: string;
  try {
    text = readUserFile(file);
  } catch (e) {
    throw new MetadataError([{ path: '', message: `cannot read the metadata file: ${(e as Error).message}` }], file);
  }
  return { metadata: parseMetadataText(text, file), sha256: textSha256(text) };
}

/** Reads and validates a metadata file. */
export function loadMetadataFile(file: string): ClusterMetadata {
  return readMetadataFile(file).metadata;
}
