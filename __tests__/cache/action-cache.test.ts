/** The cache jobs (cache-jobs.ts) against the v2 cache service, the protocol of GitHub's runners: every scenario. */
import { describeCacheJobs } from './cache-jobs.js'

describeCacheJobs('v2')
