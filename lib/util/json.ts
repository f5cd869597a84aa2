/**
 * JSON from the user's files, with the two limits `JSON.parse` does not have: nesting depth (a deeply nested
 * document parses, then overflows the stack of whatever walks it) and duplicate keys (JSON.parse keeps the last
 * value silently).
 */

import { AlikafkaMigrateError } from '../errors';

/** Deepest nesting accepted in an input JSON file; no input of this tool nests more than about 20 levels. */
export const MAX_JSON_DEPTH = 100;

/** Where a JSON document breaks a limit: a JSON path (`topics[3].configs`), line and column, and what. */
export interface JsonShapeProblem {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Thrown by `parseJsonText` for a document that parses but breaks a limit; the message has path and line. */
export class JsonShapeError extends AlikafkaMigrateError {
  constructor(public readonly problem: JsonShapeProblem) {
    super('input', `${problem.path ? `${problem.path}: ` : ''}${problem.message} (line ${problem.line}, column ${problem.column})`, {
      field: problem.path || undefined,
    });
    this.name = 'JsonShapeError';
  }
}

interface Frame {
  readonly object: boolean;
  readonly keys?: Set<string>;
  /** objects: the current key; arrays: the current index */
  at: string | number;
  expectKey: boolean;
}

function pathOf(stack: readonly Frame[], upTo = stack.length): string {
  let out = '';
  for (let i = 0; i < upTo; i++) {
    const at = stack[i].at;
    if (typeof at === 'number') out += `[${at}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(at)) out += out === '' ? at : `.${at}`;
    else out += `[${JSON.stringify(at)}]`;
    if (out.length > 120) return `${out.slice(0, 120)}...`;
  }
  return out;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The first place a syntactically valid JSON text nests deeper than `maxDepth` or repeats a key within one
 * object; undefined when there is none. One pass over the text, no recursion.
 */
export function jsonShapeProblem(text: string, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | undefined {
  const stack: Frame[] = [];
  const problem = (offset: number, message: string, upTo = stack.length): JsonShapeProblem => ({
    path: pathOf(stack, upTo),
    ...lineColumn(text, offset),
    message,
  });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const top = stack[stack.length - 1];
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= maxDepth) {
        return problem(i, `nested deeper than ${maxDepth} levels, the nesting limit for input files; no input of alikafka-migrate nests that deep`);
      }
      stack.push(c === 0x7b ? { object: true, keys: new Set(), at: '', expectKey: true } : { object: false, at: 0, expectKey: false });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      if (top?.object) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    } else if (c === 0x3a /* : */) {
      if (top) top.expectKey = false;
    } else if (c === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
      if (top?.object && top.expectKey) {
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (top.keys?.has(key)) {
          top.at = key;
          return problem(start, `duplicate key ${JSON.stringify(key)}: JSON keeps only the last value, so the other would be lost silently; remove one`);
        }
        top.keys?.add(key);
        top.at = key;
      }
    }
  }
  return undefined;
}

/** `JSON.parse` (a leading byte-order mark skipped), then the nesting and duplicate-key limits: `JsonShapeError`. */
export function parseJsonText(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const body = text.replace(/^\uFEFF/, '');
  const value: unknown = JSON.parse(body);
  const p = jsonShapeProblem(body, maxDepth);
  if (p) throw new JsonShapeError(p);
  return value;
}
