import { main } from './main.js'

// The bin entry: everything else lives in main(), which tests call in-process.
void main(process.argv.slice(2)).then(code => {
  process.exitCode = code
})
