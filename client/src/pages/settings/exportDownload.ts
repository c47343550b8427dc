/**
 * Downloads my data export with progress: the response is read chunk by chunk (bytes received, and
 * a share of the total when the server says it), then saved under a name that says what it is.
 */

/** Progress of a download: bytes received, and the total when known. */
export interface DownloadProgress {
  received: number;
  total: number | null;
}

/** The export's file name for a day: `concordia-my-data-2026-12-04.json`. */
export function exportFileName(date: Date): string {
  return `concordia-my-data-${date.toISOString().slice(0, 10)}.json`;
}

/** Fetches the export, reporting progress, and returns it as a file-sized blob. Throws on failure. */
export async function fetchExport(onProgress: (progress: DownloadProgress) => void): Promise<Blob> {
  const response = await fetch('/api/v1/me/export', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
  });
  if (!response.ok || !response.body) throw new Error(`export failed: ${response.status}`);
  const length = Number(response.headers.get('Content-Length'));
  // A compressed answer's length is not the length of what is read: then the total is unknown.
  const total =
    Number.isFinite(length) && length > 0 && !response.headers.get('Content-Encoding') ? length : null;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ received, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.byteLength;
    onProgress({ received, total });
  }
  return new Blob(chunks as BlobPart[], { type: 'application/json' });
}

/** Offers the blob to the browser as a file download named `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
