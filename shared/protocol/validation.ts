// Turns schema failures into one readable line naming the field and the problem.
import type { z } from 'zod';

/** `displays.left.cells.2.options.cameraId: expected string, received number` — one line per issue. */
export function describeIssues(error: z.ZodError, maxIssues = 5): string {
  const lines = error.issues.slice(0, maxIssues).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${path}: ${issue.message}`;
  });
  const more = error.issues.length > maxIssues ? `; and ${error.issues.length - maxIssues} more` : '';
  return lines.join('; ') + more;
}
