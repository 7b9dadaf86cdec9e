// The one error a bad workspace produces: it names the file, the field and the problem.

export class WorkspaceError extends Error {
  constructor(
    /** Path of the file relative to the workspace folder. */
    readonly file: string,
    /** Dotted path of the field inside the file, or '' for the whole file. */
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}${field ? ` → ${field}` : ''}: ${problem}`);
    this.name = 'WorkspaceError';
  }
}
