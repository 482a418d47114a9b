import type Database from 'better-sqlite3';

export interface Migration {
  /** 1, 2, 3… in order; the database's `user_version` is the last one applied. */
  version: number;
  name: string;
  up(db: Database.Database): void;
}
