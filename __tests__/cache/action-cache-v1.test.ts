/**
 * The cache jobs (cache-jobs.ts) against the v1 cache service (`_apis/artifactcache`, @actions/cache without
 * ACTIONS_CACHE_SERVICE_V2: GitHub Enterprise Server, older runners). The API exists only on GitHub; the stand-in is
 * support/cache-service-v1.ts. The main scenarios: cold, same go.sum, one dependency added, a failed job.
 */
import { describeCacheJobs } from './cache-jobs.js'

describeCacheJobs('v1')
