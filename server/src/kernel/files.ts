import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live. The local directory is the embedded default; an S3-compatible store implements the
 * same four calls. Keys are opaque, chosen by the caller, and never contain user input.
 */
export interface FileStore {
  /** Stores the stream under key; resolves once the bytes are durable. */
  put(key: string, source: Readable): Promise<void>;
  /** Moves an already written local temp file under key (cheap for the local store). */
  adopt(key: string, tempFile: string): Promise<void>;
  get(key: string): Promise<Readable>;
  remove(key: string): Promise<void>;
  /** A local path for temporary spooling of uploads before they are accepted. */
  tempPath(name: string): Promise<string>;
}

export class LocalFileStore implements FileStore {
  constructor(private readonly root: string) {}

  private resolve(key: string): string {
    if (!/^[a-zA-Z0-9/_.-]+$/.test(key) || key.includes('..')) throw new Error(`invalid file key ${key}`);
    return path.join(this.root, key);
  }

  async put(key: string, source: Readable): Promise<void> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.part`;
    await pipeline(source, createWriteStream(temp));
    await rename(temp, target);
  }

  async adopt(key: string, tempFile: string): Promise<void> {
    const target = this.resolve(key);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tempFile, target);
  }

  async get(key: string): Promise<Readable> {
    const file = this.resolve(key);
    await stat(file);
    return createReadStream(file);
  }

  async remove(key: string): Promise<void> {
    await rm(this.resolve(key), { force: true });
  }

  async tempPath(name: string): Promise<string> {
    const dir = path.join(this.root, 'tmp');
    await mkdir(dir, { recursive: true });
    return path.join(dir, name);
  }
}
