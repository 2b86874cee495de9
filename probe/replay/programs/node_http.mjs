// The node:http client of an hsx replay. It gets one argument, the replay URL, requests the
// URL's "together" and "late" deliveries twice each on a keep-alive Agent of their own, and
// prints what it got as one JSON object on standard output.
import http from 'node:http';
import { base, method, timeout, warnings } from './common.mjs';

function describe(err) {
  return err.code ? `${err.code}: ${err.message}` : String(err.message || err);
}

function request(agent, url) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (o) => { if (!done) { done = true; clearTimeout(timer); resolve(o); } };
    const timer = setTimeout(() => { req.destroy(new Error(`no answer within ${timeout} ms`)); }, timeout);
    const req = http.request(url, { agent, method }, (res) => {
      let n = 0;
      res.on('data', (c) => { n += c.length; });
      res.on('end', () => finish({ status: res.statusCode, body_bytes: n }));
      res.on('error', (e) => finish({ status: res.statusCode, body_bytes: n, error: describe(e) }));
      res.on('aborted', () => finish({ status: res.statusCode, body_bytes: n, error: 'the response was aborted' }));
    });
    req.on('error', (e) => finish({ body_bytes: 0, error: describe(e) }));
    req.end();
  });
}

const deliveries = [];
for (const delivery of ['together', 'late']) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const first = await request(agent, base + delivery);
  const next = await request(agent, base + delivery);
  agent.destroy();
  deliveries.push({ delivery, first, next, warnings: warnings.splice(0) });
}
process.stdout.write(JSON.stringify({ version: process.version, deliveries }) + '\n');
