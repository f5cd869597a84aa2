import { evaluateSizing } from '../../lib/plan/sizing';
import { sizingInputFromMetadata } from '../../lib/plan';
import { includeFlags, renderSizingMarkdown } from '../../lib/report/sizing';
import { estate, GB, MB } from '../plan/estates';

describe('renderSizingMarkdown', () => {
  const e = evaluateSizing(
    sizingInputFromMetadata(
      estate({ families: ['m'], topicsPerFamily: 4, partitions: 12, bytesInPerSec: 30 * MB, peakBytesInPerSec: 40 * MB, storedBytes: 100 * GB }),
    ),
  );

  test('need vs spec limit vs headroom for every dimension of the evaluation', () => {
    const md = renderSizingMarkdown(e);
    expect(md.startsWith('## Sizing\n')).toBe(true);
    expect(md).toContain('| dimension | need | with headroom | provided | spec limit | headroom |');
    for (const d of e.dimensions) {
      const row = md.split('\n').find((l) => l.startsWith(`| ${d.dimension === 'groups' ? 'consumer groups' : d.dimension} |`));
      expect(row).toBeDefined();
    }
    // write 40 MB/s, +30% = 52, hw.6xlarge gives 60: 50% above the need
    expect(md).toContain('| write | 40 MB/s | 52 MB/s | 60 MB/s | 60 MB/s | 50% |');
  });

  test('the chosen spec and the next smaller spec with the reason it was rejected', () => {
    const md = renderSizingMarkdown(e, { level: 3, title: 'Instance sizing' });
    expect(md.startsWith('### Instance sizing\n')).toBe(true);
    expect(md).toContain('Chosen: `normal` `alikafka.hw.6xlarge`');
    expect(md).toContain('#### Next smaller spec');
    expect(md).toContain("- `normal` `alikafka.hw.3xlarge` rejected: write 40 MB/s +30% = 52 MB/s is above the spec's 30 MB/s");
  });

  test('every input with its origin, and the warnings', () => {
    const md = renderSizingMarkdown(e);
    for (const i of e.inputs) expect(md).toContain(`| ${i.name} | ${i.value} | ${i.origin} |`);
    for (const w of e.warnings) expect(md).toContain(w.message);
  });

  test('an estate that does not fit: the problems and the split as --include flags, no spec table', () => {
    const big = evaluateSizing(
      sizingInputFromMetadata(estate({ families: ['alpha', 'beta', 'gamma'], topicsPerFamily: 100, partitions: 120, bytesInPerSec: 10 * MB })),
    );
    const md = renderSizingMarkdown(big);
    expect(md).toContain('**The estate does not fit one AliKafka instance.**');
    expect(md).toContain(big.problems[0].message);
    expect(md).not.toContain('Need vs. spec');
    expect(md).toContain("`--include 'alpha.*' --include 'beta.*'`");
  });

  test('deterministic, and table cells escape pipes', () => {
    expect(renderSizingMarkdown(e)).toBe(renderSizingMarkdown(e));
    const odd = { ...e, warnings: [{ code: 'version' as const, subject: 'a|b', message: 'x' }] };
    expect(renderSizingMarkdown(odd)).toContain('**a\\|b**');
  });

  test('includeFlags quotes globs for the shell and leaves plain names alone', () => {
    expect(includeFlags({ include: ['orders.*', 'billing.invoices.v1', "it's"] })).toBe(
      "--include 'orders.*' --include billing.invoices.v1 --include 'it'\\''s'",
    );
  });
});
