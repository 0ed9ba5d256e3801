import { runCliMain } from './cli/main';
import { EXIT, runIngest } from './ingest/run';

// `npm run ingest`; guarded so that importing this file by mistake does not start an ingest.
if (require.main === module) runCliMain('ingest', runIngest, __dirname, EXIT.USAGE);
