"""The http.client client of an hsx replay.

It gets one argument, the replay URL, requests the URL's "together" and "late" deliveries
twice each on one HTTPConnection per delivery, and prints what it got as one JSON object on
standard output.
"""
import http.client
import json
import platform
import sys
import urllib.parse

base = sys.argv[1]
url = urllib.parse.urlsplit(base)
method = "HEAD" if base.endswith("/head/") else "GET"


def describe(err):
    return "%s: %s" % (type(err).__name__, err)


def request(conn, path):
    try:
        conn.request(method, path)
        resp = conn.getresponse()
    except Exception as err:  # every failure is a result
        return {"body_bytes": 0, "error": describe(err)}
    try:
        body = resp.read()
    except Exception as err:
        return {"status": resp.status, "body_bytes": 0, "error": describe(err)}
    return {"status": resp.status, "body_bytes": len(body)}


deliveries = []
for delivery in ("together", "late"):
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=1)
    first = request(conn, url.path + delivery)
    nxt = request(conn, url.path + delivery)
    conn.close()
    deliveries.append({"delivery": delivery, "first": first, "next": nxt, "warnings": []})
print(json.dumps({"version": platform.python_version(), "deliveries": deliveries}))
