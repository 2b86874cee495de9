// The node:http2 client of an hsx replay. It gets one argument, the replay URL of an HTTP/2
// replay server (h2c, prior knowledge), requests the URL's "together" and "late" deliveries
// twice each on one session per delivery (a new session when the first one has closed), and
// prints what it got as one JSON object on standard output. A session error, which would end
// an application that does not listen for it, is reported as a warning.
import http2 from 'node:http2';
import { base, method, timeout, warnings } from './common.mjs';

const url = new URL(base);

function describe(err) {
  return err.code ? `${err.code}: ${err.message}` : String(err.message || err);
}

function connect() {
  const session = http2.connect(url.origin);
  session.on('error', (e) => warnings.push(`session error: ${describe(e)}`));
  session.on('goaway', (code) => {
    if (code !== 0) {
      warnings.push(`the server sent GOAWAY (error code ${code})`);
    }
  });
  return session;
}

function request(session, path) {
  return new Promise((resolve) => {
    let done = false;
    let status = 0;
    let n = 0;
    const finish = (o) => { if (!done) { done = true; clearTimeout(timer); resolve(o); } };
    let req;
    const timer = setTimeout(() => {
      finish({ status, body_bytes: n, error: `no answer within ${timeout} ms` });
      if (req) { req.close(http2.constants.NGHTTP2_CANCEL); }
    }, timeout);
    try {
      req = session.request({ ':method': method, ':path': path }, { endStream: true });
    } catch (e) {
      finish({ body_bytes: 0, error: describe(e) });
      return;
    }
    req.on('response', (headers) => { status = Number(headers[':status']) || 0; });
    req.on('data', (c) => { n += c.length; });
    req.on('end', () => {
      if (status === 0) {
        finish({ body_bytes: n, error: 'the stream ended without a response' });
      } else {
        finish({ status, body_bytes: n });
      }
    });
    req.on('error', (e) => finish({ status, body_bytes: n, error: describe(e) }));
    req.on('aborted', () => finish({ status, body_bytes: n, error: 'the stream was aborted before its end' }));
    // 'end' comes first when the stream ended; a close without it is a stream cut short.
    req.on('close', () => {
      if (req.rstCode && req.rstCode !== http2.constants.NGHTTP2_NO_ERROR) {
        finish({ status, body_bytes: n, error: `the stream was reset (error code ${req.rstCode})` });
      } else if (status === 0) {
        finish({ body_bytes: n, error: 'the stream closed without a response' });
      } else {
        finish({ status, body_bytes: n, error: 'the stream closed before its end' });
      }
    });
  });
}

const deliveries = [];
for (const delivery of ['together', 'late']) {
  const path = url.pathname + delivery;
  let session = connect();
  const first = await request(session, path);
  if (session.closed || session.destroyed) {
    session = connect();
  }
  const next = await request(session, path);
  session.destroy();
  deliveries.push({ delivery, first, next, warnings: warnings.splice(0) });
}
process.stdout.write(JSON.stringify({ version: `${process.version} (nghttp2 ${process.versions.nghttp2})`, deliveries }) + '\n');
