import { endOnCancel } from './cancel.js'
import { main } from './main.js'

// The bin entry: everything else lives in main(), which tests call in-process. A cancel ends go and undoes
// half-done work as the action's does.
endOnCancel(process.stderr)
void main(process.argv.slice(2)).then(code => {
  process.exitCode = code
})
