/** Start-up refuses to go on with a store it cannot trust; the message names the file and the problem. */
export class StoreLoadError extends Error {
  constructor(readonly file: string, readonly problem: string) {
    super(`Cannot open the store ${file}: ${problem}. The file was left untouched.`);
    this.name = 'StoreLoadError';
  }
}

/** A write that was undone in memory and never reached the disk; the store goes on taking other writes. */
export class StoreWriteRejected extends Error {
  constructor(readonly reason: string) {
    super(`the change was not stored: ${reason}`);
    this.name = 'StoreWriteRejected';
  }
}
