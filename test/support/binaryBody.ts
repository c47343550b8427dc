/** Supertest's parser for a binary answer: the body as one Buffer (`.buffer(true).parse(binaryBody)`). */

/** Collects the answer's bytes into a Buffer. */
export function binaryBody(
  res: { on(event: string, listener: (chunk?: Buffer) => void): unknown },
  done: (error: Error | null, body: Buffer) => void,
): void {
  const parts: Buffer[] = [];
  res.on('data', (chunk) => {
    if (chunk) parts.push(chunk);
  });
  res.on('end', () => done(null, Buffer.concat(parts)));
}
