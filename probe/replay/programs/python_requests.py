"""The requests client of an hsx replay.

It gets one argument, the replay URL, requests the URL's "together" and "late" deliveries
twice each on one Session per delivery, following no redirect, and prints what it got as one JSON object on standard
output. Warnings that requests or urllib3 log or raise on the side are reported with it.
"""
import json
import logging
import sys
import warnings

try:
    import requests
    import urllib3
except ImportError:
    print(json.dumps({"missing": "requests"}))
    sys.exit(0)

base = sys.argv[1]
method = "HEAD" if base.endswith("/head/") else "GET"
seen = []


class Collect(logging.Handler):
    def emit(self, record):
        seen.append(record.getMessage())


logging.getLogger("urllib3").addHandler(Collect(logging.WARNING))
logging.getLogger("urllib3").propagate = False
warnings.showwarning = lambda message, *args, **kwargs: seen.append(str(message))


def describe(err):
    return "%s: %s" % (type(err).__name__, err)


def request(session, url):
    try:
        resp = session.request(method, url, timeout=1, allow_redirects=False)
    except Exception as err:  # every failure is a result
        return {"body_bytes": 0, "error": describe(err)}
    return {"status": resp.status_code, "body_bytes": len(resp.content)}


deliveries = []
for delivery in ("together", "late"):
    with requests.Session() as session:
        session.trust_env = False
        first = request(session, base + delivery)
        nxt = request(session, base + delivery)
    deliveries.append({"delivery": delivery, "first": first, "next": nxt, "warnings": seen[:]})
    del seen[:]
version = "%s (urllib3 %s)" % (requests.__version__, urllib3.__version__)
print(json.dumps({"version": version, "deliveries": deliveries}))
