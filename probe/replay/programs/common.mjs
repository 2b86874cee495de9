// What the Node clients of an hsx replay share: the replay URL they got as their one
// argument, the method it asks for, how long they wait for an answer, and the process
// warnings they collect (not those about Node's own experimental features, such as fetch's
// in older versions: they say nothing about the response).
export const base = process.argv[2];
export const method = base.endsWith('/head/') ? 'HEAD' : 'GET';
export const timeout = 1000;
export const warnings = [];
process.on('warning', (w) => {
  if (w.name !== 'ExperimentalWarning') {
    warnings.push(String(w.message));
  }
});
