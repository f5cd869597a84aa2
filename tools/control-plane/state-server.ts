/**
 * Remote Terraform state on loopback: a server for Terraform's `http` backend (GET the state, POST a new one; no
 * locking), standing in for the remote state a team keeps its stacks in (the OSS or S3 backend). It matters for the
 * apply bench: with the local backend Terraform rewrites the whole state file after every resource (its
 * `statemgr.Filesystem.WriteState` deep-copies the state, marshals it to compare and to write, and fsyncs), which at
 * thousands of resources slows the apply (the bench's chained pacing ran at 7.28 topics/s on local state, 16.85 on
 * this server); a remote backend keeps the state in memory and uploads it every 20 s.
 */
import * as http from 'http';

export class StateServer {
  private server?: http.Server;
  private state?: Buffer;
  /** States Terraform uploaded. */
  uploads = 0;

  /** Starts on 127.0.0.1 (a free port); returns the backend block for a stack's override file. */
  async start(): Promise<{ http: { address: string } }> {
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (req.method === 'GET') {
          if (this.state) res.writeHead(200, { 'Content-Type': 'application/json' }).end(this.state);
          else res.writeHead(404).end();
        } else if (req.method === 'POST') {
          this.state = Buffer.concat(chunks);
          this.uploads += 1;
          res.writeHead(200).end();
        } else res.writeHead(405).end();
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as { port: number };
    return { http: { address: `http://127.0.0.1:${port}/state` } };
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }
}
