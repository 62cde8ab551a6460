import { FileSweeper as KitFileSweeper, type Clock, type Logger, type Orm } from '@saldo/kit';
import { fileRepository } from './file.repository';

/** Removes files past their 30 days (a job keeps its rows; its file_id turns null). */
export class FileSweeper extends KitFileSweeper {
  constructor(orm: Orm, clock: Clock, log: Logger) {
    super(orm, fileRepository, clock, log);
  }
}
