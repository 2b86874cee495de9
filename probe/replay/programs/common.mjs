// What the Node clients of an hsx replay share: the replay URL they got as their one
// argument, the method it asks for, how long they wait for an answer, and the process
// warnings they collect.
export const base = process.argv[2];
export const method = base.endsWith('/head/') ? 'HEAD' : 'GET';
export const timeout = 1000;
export const warnings = [];
process.on('warning', (w) => warnings.push(String(w.message)));
