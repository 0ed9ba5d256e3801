/**
 * What went wrong while reading an article. `fatal` problems mean there is no article to extract
 * from (unreadable JSON, no text); the others leave an article with something missing that the
 * output must say (no publication date, an unusable URL).
 */
export interface ReadProblem {
  /** where in the input: a JSON field (`/publishedAt`), `line 1`, or '' for the whole file */
  where: string;
  message: string;
  fatal: boolean;
}

export const problem = (where: string, message: string, fatal = false): ReadProblem => ({ where, message, fatal });
