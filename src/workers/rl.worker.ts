import { expose } from 'comlink';
import { RlJobs } from './rlJobs';

/** The lab's worker: exposes the RL jobs over comlink, apart from the engine so a long training never holds up the studio's data. */
expose(new RlJobs());
