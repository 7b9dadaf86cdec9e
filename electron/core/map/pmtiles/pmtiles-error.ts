// The one error a bad PMTiles file gives: what is wrong, in words, never a crash or a read outside the file.

export class PmtilesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PmtilesError';
  }
}
