import { Construct } from 'constructs';
import { AlikafkaMigrateError, ERROR_KINDS, InternalError, ValidationError } from '../../lib';

describe('the error family', () => {
  test('the base carries kind, field and cause', () => {
    const cause = new Error('low level');
    const e = new AlikafkaMigrateError('input', 'must be a whole number', { field: 'topics[3].partitions', cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe('input');
    expect(e.field).toBe('topics[3].partitions');
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('must be a whole number');
  });

  test('the brand check recognises the family without instanceof (another copy of the package)', () => {
    expect(AlikafkaMigrateError.isAlikafkaMigrateError(new InternalError('x'))).toBe(true);
    expect(AlikafkaMigrateError.isAlikafkaMigrateError(new Error('x'))).toBe(false);
    expect(AlikafkaMigrateError.isAlikafkaMigrateError({ kind: 'input', message: 'x' })).toBe(false);
    expect(AlikafkaMigrateError.isAlikafkaMigrateError(undefined)).toBe(false);
  });

  test('ERROR_KINDS lists the five kinds', () => {
    expect([...ERROR_KINDS].sort()).toEqual(['input', 'internal', 'plan', 'source', 'usage']);
  });

  test('ValidationError carries the construct path and names it in the message', () => {
    const root = new Construct(undefined as unknown as Construct, 'Root');
    const topic = new Construct(new Construct(root, 'Migration'), 'Topic-orders');
    const e = new ValidationError('partitions must be a whole number >= 1, got 0', topic, { field: 'partitions' });
    expect(e).toBeInstanceOf(AlikafkaMigrateError);
    expect(e.name).toBe('ValidationError');
    expect(e.kind).toBe('input');
    expect(e.constructPath).toBe('Root/Migration/Topic-orders');
    expect(e.problem).toBe('partitions must be a whole number >= 1, got 0');
    expect(e.message).toBe('Root/Migration/Topic-orders: partitions must be a whole number >= 1, got 0');
    expect(new ValidationError('x', topic, { kind: 'plan' }).kind).toBe('plan');
  });
});
