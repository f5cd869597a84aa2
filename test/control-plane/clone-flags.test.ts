import { splitCloneFlags } from '../../tools/control-plane/clone';

describe('rehearse --clone: which synth flags plan instance A (the estate) and which plan instance B (the move)', () => {
  test('A gets the flags that shape an instance, B every flag; the move flags (renames, selection, MirrorMaker) only B', () => {
    const { source, target } = splitCloneFlags([
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--local-storage',
      'ledger*',
      '--single-zone',
      '--rename-map',
      '/tmp/r.json',
      '--include',
      'a*',
      '--all-users',
      '--max-tasks',
      '2',
    ]);
    expect(source).toEqual(['--region', 'cn-hangzhou', '--zone-id', 'cn-hangzhou-k', '--local-storage', 'ledger*', '--single-zone']);
    expect(target).toEqual([
      '--region',
      'cn-hangzhou',
      '--zone-id',
      'cn-hangzhou-k',
      '--local-storage',
      'ledger*',
      '--single-zone',
      '--rename-map',
      '/tmp/r.json',
      '--include',
      'a*',
      '--all-users',
      '--max-tasks',
      '2',
      '--mirror',
      'dedicated',
      '--replication-factor',
      '1',
      '--checkpoint-interval',
      '5',
    ]);
  });

  test("B's MirrorMaker settings given are kept, not defaulted", () => {
    const { target } = splitCloneFlags(['--mirror', 'dedicated', '--checkpoint-interval', '30', '--replication-factor', '3']);
    expect(target).toEqual(['--mirror', 'dedicated', '--checkpoint-interval', '30', '--replication-factor', '3']);
  });

  test.each([['--instance-id', 'alikafka_post-cn-x'], ['--no-copy'], ['--existing-target', 'x.json'], ['--backend', 'oss']])(
    '%s is refused, naming the flag',
    (...flag) => {
      expect(() => splitCloneFlags(flag)).toThrow(new RegExp(`^${flag[0]} cannot be used with --clone`));
    },
  );

  test('--mirror connect is refused: the rehearsal runs dedicated MirrorMaker 2', () => {
    expect(() => splitCloneFlags(['--mirror', 'connect'])).toThrow(/--mirror dedicated/);
  });
});
