import { runCliMain } from './cli/main';
import { EXIT, runExtract } from './extract/run';

// `npm run extract`; guarded so that importing this file by mistake does not start an extraction.
if (require.main === module) runCliMain('extract', runExtract, __dirname, EXIT.USAGE);
