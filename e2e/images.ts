import { PNG } from 'pngjs';

/** A valid PNG of a small colored square, so Sapa's content sniffing takes it as an image. */
export function png(size = 8): Buffer {
  const image = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      image.data[i] = (x * 30) & 255;
      image.data[i + 1] = (y * 30) & 255;
      image.data[i + 2] = 160;
      image.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(image);
}
