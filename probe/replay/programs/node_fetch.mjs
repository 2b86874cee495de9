// The fetch (undici) client of an hsx replay. It gets one argument, the replay URL, requests
// the URL's "together" and "late" deliveries twice each, following no redirect, and prints what it got as one JSON
// object on standard output. The replay server closes the connection after each delivery, so
// the global dispatcher's pool never carries one delivery's connection into the next.
import { base, method, timeout, warnings } from './common.mjs';

function describe(err) {
  let s = `${err.name}: ${err.message}`;
  for (let c = err.cause; c; c = c.cause) {
    s += `: ${c.code ? c.code + ': ' : ''}${c.message}`;
  }
  return s;
}

async function request(url) {
  try {
    const res = await fetch(url, { method, redirect: 'manual', signal: AbortSignal.timeout(timeout) });
    try {
      const body = await res.arrayBuffer();
      return { status: res.status, body_bytes: body.byteLength };
    } catch (e) {
      return { status: res.status, body_bytes: 0, error: describe(e) };
    }
  } catch (e) {
    return { body_bytes: 0, error: describe(e) };
  }
}

const deliveries = [];
for (const delivery of ['together', 'late']) {
  const first = await request(base + delivery);
  // undici hands a connection back to its pool a moment after the body ends; without the
  // pause, the second request would go out on a new connection.
  await new Promise((resolve) => setTimeout(resolve, 50));
  const next = await request(base + delivery);
  deliveries.push({ delivery, first, next, warnings: warnings.splice(0) });
  // Give the pool a moment to drop the connection the replay server closed; right away, the
  // next delivery's second request would go out on yet another connection.
  await new Promise((resolve) => setTimeout(resolve, 50));
}
const version = process.versions.undici ? `undici ${process.versions.undici} (Node ${process.version})` : process.version;
process.stdout.write(JSON.stringify({ version, deliveries }) + '\n');
