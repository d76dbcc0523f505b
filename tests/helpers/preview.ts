import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from './cli.js';

/** A `banmian preview` server started as a user would, on any free port. */
export interface PreviewServer {
  process: ChildProcessWithoutNullStreams;
  url: string;
  /** What it has printed on stderr so far. */
  output(): string;
  /** Stops it with Ctrl-C; resolves to its exit code. */
  stop(): Promise<number | null>;
}

export async function startPreview(args: string[], cwd: string): Promise<PreviewServer> {
  const server = spawn(
    process.execPath,
    [path.join(projectRoot, 'bin', 'banmian.js'), 'preview', ...args, '--port', '0'],
    {
      cwd,
    },
  );
  let output = '';
  server.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    server.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /banmian preview: (http:\/\/\S+)/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    server.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${output}`)));
  });
  const stop = async () => {
    if (server.exitCode !== null) return server.exitCode;
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    server.kill('SIGINT');
    return exited;
  };
  return { process: server, url, output: () => output, stop };
}
