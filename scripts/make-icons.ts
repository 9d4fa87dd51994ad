// Draws the Teams app icons into appPackage/: color.png (192×192, full colour) and outline.png (32×32, white on
// transparent), as Teams requires. The mark is a bold "S" built from two stroked arcs; edges are anti-aliased by
// supersampling. Run with `npx tsx scripts/make-icons.ts`; tests/manifest.test.ts checks the committed files match.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** Accent colour of the app (also `accentColor` in the manifest): a deep blue. */
export const ACCENT_RGB = [0x0f, 0x4c, 0x81] as const;

interface MarkGeometry {
  /** Centre x of both arcs, and centre y of the upper and lower arc. */
  cx: number;
  topY: number;
  bottomY: number;
  /** Radius to the middle of the stroke, and the stroke's half width. */
  radius: number;
  halfWidth: number;
}

const DEG = Math.PI / 180;

/** Signed angle difference test: is `a` within the arc running from `from` to `to` with increasing angle? */
function withinArc(a: number, from: number, to: number): boolean {
  const norm = (x: number): number => ((x % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return norm(a - from) <= norm(to - from);
}

/**
 * Is the point (x, y) (y pointing down) inside the "S"? The upper arc runs from the upper right (−30°) over the top
 * and the left side to the bottom (90°); the lower arc from its top (−90°) over the right side and the bottom to the
 * lower left (150°). Round caps at the four ends.
 */
function insideS(x: number, y: number, g: MarkGeometry): boolean {
  const arcs: { cy: number; from: number; to: number }[] = [
    { cy: g.topY, from: 90 * DEG, to: 330 * DEG },
    { cy: g.bottomY, from: -90 * DEG, to: 150 * DEG },
  ];
  for (const arc of arcs) {
    const dx = x - g.cx;
    const dy = y - arc.cy;
    const r = Math.hypot(dx, dy);
    if (Math.abs(r - g.radius) <= g.halfWidth && withinArc(Math.atan2(dy, dx), arc.from, arc.to)) return true;
    for (const end of [arc.from, arc.to]) {
      const ex = g.cx + g.radius * Math.cos(end);
      const ey = arc.cy + g.radius * Math.sin(end);
      if (Math.hypot(x - ex, y - ey) <= g.halfWidth) return true;
    }
  }
  return false;
}

/** Fraction (0..1) of the pixel at (px, py) covered by the mark, from an n×n grid of samples. */
function coverage(px: number, py: number, g: MarkGeometry, n = 5): number {
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (insideS(px + (i + 0.5) / n, py + (j + 0.5) / n, g)) hits++;
    }
  }
  return hits / (n * n);
}

/** The mark scaled to a square of `size` pixels, its height taking `heightShare` of the square. */
function geometryFor(size: number, heightShare: number, strokeShare: number): MarkGeometry {
  // The S spans 4·radius + 2·halfWidth vertically.
  const height = size * heightShare;
  const halfWidth = (height * strokeShare) / 2;
  const radius = (height - 2 * halfWidth) / 4;
  const middle = size / 2;
  return { cx: middle, topY: middle - radius, bottomY: middle + radius, radius, halfWidth };
}

/** 192×192, opaque: a white S on the accent colour. The mark stays inside Teams' central safe area. */
export function drawColorIcon(): PNG {
  const size = 192;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const g = geometryFor(size, 0.6, 0.19);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, g);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const bg = ACCENT_RGB[k] ?? 0;
        png.data[i + k] = Math.round(bg + (255 - bg) * c);
      }
      png.data[i + 3] = 255;
    }
  }
  return png;
}

/** 32×32: the same S in white, on a fully transparent background; anti-aliasing lives in the alpha channel only. */
export function drawOutlineIcon(): PNG {
  const size = 32;
  const png = new PNG({ width: size, height: size, colorType: 6 });
  const g = geometryFor(size, 0.8, 0.2);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const a = Math.round(255 * coverage(x, y, g));
      const i = (y * size + x) * 4;
      png.data[i] = 255;
      png.data[i + 1] = 255;
      png.data[i + 2] = 255;
      png.data[i + 3] = a;
    }
  }
  return png;
}

export function encode(png: PNG): Buffer {
  return PNG.sync.write(png, { colorType: 6 });
}

function main(): void {
  const dir = new URL('../appPackage/', import.meta.url);
  writeFileSync(new URL('color.png', dir), encode(drawColorIcon()));
  writeFileSync(new URL('outline.png', dir), encode(drawOutlineIcon()));
  console.log(`Wrote color.png and outline.png to ${fileURLToPath(dir)}`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
