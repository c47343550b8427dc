/**
 * The otpauth link as a QR code for the authenticator app to scan: drawn as an inline SVG path from
 * lean-qr's module matrix (no data: image, no inline style, so the strict CSP holds), dark on light
 * with a quiet zone whatever the theme or text direction. The secret stays written out beside it for
 * those who cannot scan.
 */
import { generate, correction } from 'lean-qr/nano';
import { useMemo } from 'react';

/** One path of unit squares, a square for each dark module. */
function modulePath(uri: string): { size: number; d: string } {
  const code = generate(uri, { minCorrectionLevel: correction.M });
  const parts: string[] = [];
  for (let y = 0; y < code.size; y += 1) {
    for (let x = 0; x < code.size; x += 1) if (code.get(x, y)) parts.push(`M${x} ${y}h1v1h-1z`);
  }
  return { size: code.size, d: parts.join('') };
}

const QUIET = 4;

/** The QR code of `uri`, labelled for screen readers with `label`. */
export function TotpQrCode({ uri, label }: { uri: string; label: string }) {
  const { size, d } = useMemo(() => modulePath(uri), [uri]);
  const full = size + QUIET * 2;
  return (
    <svg
      className="totp-qr"
      role="img"
      aria-label={label}
      viewBox={`${-QUIET} ${-QUIET} ${full} ${full}`}
      width="200"
      height="200"
      shapeRendering="crispEdges"
    >
      <rect x={-QUIET} y={-QUIET} width={full} height={full} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
