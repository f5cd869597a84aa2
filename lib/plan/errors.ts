/** One reason a plan cannot be made, located by what it concerns (a topic, a group, a flag). */
export interface PlanProblem {
  readonly subject: string;
  readonly message: string;
}

/** Thrown when metadata and options cannot give a valid plan; lists every problem found. */
export class PlanError extends Error {
  public readonly problems: readonly PlanProblem[];

  constructor(problems: readonly PlanProblem[]) {
    const lines = problems.map((p) => `  ${p.subject}: ${p.message}`);
    super(`cannot plan the migration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'PlanError';
    this.problems = problems;
  }
}
