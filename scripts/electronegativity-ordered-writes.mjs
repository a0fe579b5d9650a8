// Preloaded (node --import) into the electronegativity scanner's process only.
// The scanner writes its CSV report with two fs.writeFile calls issued back to back and never awaited:
// the header with flag 'w' (truncate) and then the rows with flag 'a' (append). Both run at once on
// libuv's thread pool, so when the append lands first the truncating header write either wipes the rows
// (a report with no findings: a silent pass) or overwrites their first bytes (a garbled CSV).
// Here writes to the same file run one after another, in the order they were issued.
import fs from 'node:fs'; // the object the scanner's require('fs') returns: patching it reaches the scanner
import path from 'node:path';

const writeFile = fs.writeFile;
/** Per absolute path: the callback queue of writes still pending, in issue order. */
const pending = new Map();

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  if (typeof file !== 'string') return writeFile.apply(fs, arguments);
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? undefined : options;
  const key = path.resolve(file);
  const queue = pending.get(key) ?? [];
  pending.set(key, queue);
  const start = () =>
    writeFile(file, data, opts ?? {}, (error) => {
      queue.shift();
      if (queue.length > 0) queue[0]();
      else pending.delete(key);
      if (done) done(error);
    });
  queue.push(start);
  if (queue.length === 1) start();
};
