import 'server-only';
import { getDb, type Tx } from '@/lib/db';

/**
 * How a board change runs: on its own (a person changes a setting: its own transaction), or as one step of a larger
 * change that already holds a transaction — an improvement experiment's start applies its prepared board change in
 * the same transaction as the start, and links the history rows it writes to the experiment.
 */
export type ChangeContext = {
  /** The caller's transaction; the change opens its own when absent. */
  readonly tx?: Tx;
  /** The experiment the change belongs to: recorded on its board history rows (BoardEvent.experimentId). */
  readonly experimentId?: string;
};

/** Runs `work` in the context's transaction, or in a new one. */
export function runInChangeTransaction<T>(context: ChangeContext | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
  return context?.tx ? work(context.tx) : getDb().$transaction(work);
}
