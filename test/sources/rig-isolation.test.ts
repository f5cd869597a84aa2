/**
 * The rig script keeps one run directory per RIG_PORT_BASE: a second rig on another port base never sees (and so
 * never attaches to or stops) the first one's processes. Runs the script's own `status` against a fake live pid.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const RIG = path.join(__dirname, '..', '..', 'scripts', 'rig', 'rig.sh');

function status(home: string, base: string): string {
  return execFileSync('bash', [RIG, 'status'], { env: { ...process.env, RIG_HOME: home, RIG_PORT_BASE: base }, encoding: 'utf8' });
}

describe('test rig isolation', () => {
  test('a rig on another RIG_PORT_BASE does not see the processes of the first one', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'rig-home-'));
    // a live process (this test's own) recorded as the first rig's ZooKeeper
    fs.mkdirSync(path.join(home, 'run-29000', 'zk'), { recursive: true });
    fs.writeFileSync(path.join(home, 'run-29000', 'zk', 'pid'), String(process.pid));
    expect(status(home, '29000')).toMatch(new RegExp(`^zk: running \\(pid ${process.pid}\\)$`, 'm'));
    expect(status(home, '31000')).toMatch(/^zk: stopped$/m);
    fs.rmSync(home, { recursive: true, force: true });
  });
});
