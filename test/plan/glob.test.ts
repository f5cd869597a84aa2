// --include/--exclude globs: matched without backtracking, so a glob with many `*` over long names stays fast,
// and the matches are the ones a glob means (`*` any run, `?` one character, everything else literal).
import fc from 'fast-check';
import { compileGlob } from '../../lib/plan';
import { topicSelection } from '../../lib/plan/topics';

test('a glob with many * over 3,000 topics (one a long run of "a") is decided in well under a second', () => {
  const topics = Array.from({ length: 3000 }, (_, i) => ({ name: `orders-${i}.events`, partitions: 1, replicationFactor: 3 }));
  topics.push({ name: 'a'.repeat(56), partitions: 1, replicationFactor: 3 });
  const glob = '*a*a*a*a*a*b';
  const start = Date.now();
  const selected = topics.filter((t) => topicSelection(t, [glob], undefined).selected);
  // a RegExp /^.*a.*a.*a.*a.*a.*b$/ spends seconds on the one long name alone
  expect(Date.now() - start).toBeLessThan(1000);
  expect(selected).toEqual([]);
  expect(topicSelection(topics[1], undefined, ['*o*r*d*e*r*s*-*1*.*e*v*e*n*t*s*']).selected).toBe(false);
});

test('glob matches are exactly those of the anchored pattern (* any run, ? one character, the rest literal)', () => {
  const chars = fc.constantFrom('a', 'b', '.', '-', '_', '$', '\u00e9', '\u{1F600}');
  const name = fc.array(chars, { maxLength: 12 }).map((a) => a.join(''));
  const glob = fc.array(fc.oneof(chars, fc.constant('*'), fc.constant('?')), { maxLength: 8 }).map((a) => a.join(''));
  const reference = (g: string): RegExp =>
    new RegExp(`^${Array.from(g, (ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('')}$`, 'su');
  fc.assert(
    fc.property(glob, name, (g, n) => {
      expect(compileGlob(g).test(n)).toBe(reference(g).test(n));
    }),
    { seed: 19, numRuns: 3000 },
  );
  expect(compileGlob('a*').test('a')).toBe(true);
  expect(compileGlob('*a*a').test('aa')).toBe(true);
  expect(compileGlob('a*a').test('a')).toBe(false);
  expect(compileGlob('?').test('\u{1F600}')).toBe(true);
});
