/**
 * Draws the Teams app icons into manifest/: color.png (192x192, the brand colour with a white speech
 * bubble) and outline.png (32x32, a white bubble outline on transparent ground), as Teams requires.
 * Replace them with the company's own icons of the same sizes if you like.
 *
 *   npm run teams:icons            # BRAND_COLOR from the environment or .env, default #0b5cab
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { loadConfig } from '../bot/config/config';
import { encodePng } from '../bot/channels/teams/png';
import { projectRoot } from '../bot/channels/projectRoot';

type Rgba = [number, number, number, number];
type Shape = (x: number, y: number) => boolean;
const SAMPLES = 4;

/** The speech bubble in unit coordinates: a rounded rectangle with a tail at the bottom left. */
const bubble: Shape = (x, y) => inRoundedRect(x, y, 0.18, 0.22, 0.82, 0.68, 0.12) || inTriangle(x, y, [0.3, 0.64], [0.27, 0.84], [0.48, 0.64]);
const dots: Shape = (x, y) => [0.36, 0.5, 0.64].some((cx) => (x - cx) ** 2 + (y - 0.45) ** 2 <= 0.05 ** 2);

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function inTriangle(x: number, y: number, a: number[], b: number[], c: number[]): boolean {
  const side = (p: number[], q: number[]) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const [s1, s2, s3] = [side(a, b), side(b, c), side(c, a)];
  return (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
}

/** An outline of `shape`, `width` thick: inside points that have an outside point within `width`. */
function outlineOf(shape: Shape, width: number): Shape {
  const directions = Array.from({ length: 16 }, (_, i) => [Math.cos((i * Math.PI) / 8) * width, Math.sin((i * Math.PI) / 8) * width]);
  return (x, y) => shape(x, y) && directions.some(([dx, dy]) => !shape(x + dx, y + dy));
}

/** Renders `paint` (colour of a unit-square point) at `size`x`size` with 4x4 supersampling. */
function render(size: number, paint: (x: number, y: number) => Rgba): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / SAMPLES ** 2;
      const offset = (py * size + px) * 4;
      pixels.set(alpha > 0 ? [sum[0] / sum[3], sum[1] / sum[3], sum[2] / sum[3], alpha] : [0, 0, 0, 0], offset);
    }
  }
  return pixels;
}

function hexToRgba(hex: string): Rgba {
  return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16), 255];
}

function main(): void {
  dotenv.config({ quiet: true });
  const brand = hexToRgba(loadConfig(process.env).BRAND_COLOR);
  const white: Rgba = [255, 255, 255, 255];
  const none: Rgba = [0, 0, 0, 0];
  const outline = outlineOf(bubble, 0.075);
  const color = render(192, (x, y) => (bubble(x, y) && !dots(x, y) ? white : brand));
  const outlined = render(32, (x, y) => (outline(x, y) || dots(x, y) ? white : none));
  const dir = path.join(projectRoot(), 'manifest');
  writeFileSync(path.join(dir, 'color.png'), encodePng(192, 192, color));
  writeFileSync(path.join(dir, 'outline.png'), encodePng(32, 32, outlined));
  console.log(`Wrote ${path.join(dir, 'color.png')} (192x192) and outline.png (32x32)`);
}

main();
