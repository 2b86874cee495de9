package check

import (
	"testing"

	"github.com/hsx-dev/hsx/probe"
)

// Captured with curl --raw -i from nginx 1.22.1 (static files, gzip_vary, expires, auth_basic,
// return 301 and 302), Express 4.22.3 (express.static, res.redirect after a POST, a Basic-auth
// middleware), Go 1.26 (http.ServeContent, http.FileServer, http.Redirect, a Basic challenge)
// and Python 3.11's http.server, and Apache 2.4.71 with mod_deflate, on loopback: the first response and each follow-up that
// hsx check --deep sends after it.
var captured = map[string]string{
	"nginx static/get": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"nginx static/head": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"\r\n",
	"nginx static/inm": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"\r\n",
	"nginx static/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"\r\n",
	"nginx static/range": "HTTP/1.1 206 Partial Content\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 1\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Content-Range: bytes 0-0/51\r\n" +
		"\r\n" +
		"h",
	"nginx gzip_vary/get": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Transfer-Encoding: chunked\r\n" +
		"Connection: keep-alive\r\n" +
		"Vary: Accept-Encoding\r\n" +
		"ETag: W/\"6b0fc23e-33\"\r\n" +
		"Content-Encoding: gzip\r\n" +
		"\r\n" +
		"45\r\n" +
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\x03\xcbH\xcd\xc9\xc9W(\xcf/\xcaI\xd1Q(\xc9\xc8,V\x00\xa2D\x85\xe2\x92\xc4\x92\xccd\x85\xb4\xcc\x9cT\x85\xb4\xfc\"\x85\xa2\xc4\xbc\xf4T\x85\x92\xd4\xe2\x92b.\x00\x1b\x85$\x1a3\x00\x00\x00\r\n" +
		"0\r\n" +
		"\r\n",
	"nginx gzip_vary/head": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Vary: Accept-Encoding\r\n" +
		"ETag: W/\"6b0fc23e-33\"\r\n" +
		"Content-Encoding: gzip\r\n" +
		"\r\n",
	"nginx gzip_vary/inm": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"\r\n",
	"nginx gzip_vary/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"\r\n",
	"nginx expires/get": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Expires: Wed, 02 Dec 2026 08:12:42 GMT\r\n" +
		"Cache-Control: max-age=3600\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"nginx expires/head": "HTTP/1.1 200 OK\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Expires: Wed, 02 Dec 2026 08:12:42 GMT\r\n" +
		"Cache-Control: max-age=3600\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"\r\n",
	"nginx expires/inm": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Expires: Wed, 02 Dec 2026 08:12:42 GMT\r\n" +
		"Cache-Control: max-age=3600\r\n" +
		"\r\n",
	"nginx expires/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Expires: Wed, 02 Dec 2026 08:12:42 GMT\r\n" +
		"Cache-Control: max-age=3600\r\n" +
		"\r\n",
	"nginx expires/range": "HTTP/1.1 206 Partial Content\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 1\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Expires: Wed, 02 Dec 2026 08:12:42 GMT\r\n" +
		"Cache-Control: max-age=3600\r\n" +
		"Content-Range: bytes 0-0/51\r\n" +
		"\r\n" +
		"h",
	"Express static/get": "HTTP/1.1 200 OK\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Length: 51\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"Express static/head": "HTTP/1.1 200 OK\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Length: 51\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n",
	"Express static/inm": "HTTP/1.1 304 Not Modified\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n",
	"Express static/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n",
	"Express static/range": "HTTP/1.1 206 Partial Content\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Range: bytes 0-0/51\r\n" +
		"Content-Length: 1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n" +
		"h",
	"Go ServeContent/get": "HTTP/1.1 200 OK\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 57\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Etag: \"v1\"\r\n" +
		"Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n" +
		"hello world, this is content served by http.ServeContent\n",
	"Go ServeContent/head": "HTTP/1.1 200 OK\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 57\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Etag: \"v1\"\r\n" +
		"Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"Go ServeContent/inm": "HTTP/1.1 304 Not Modified\r\n" +
		"Etag: \"v1\"\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"Go ServeContent/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"Etag: \"v1\"\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"Go ServeContent/range": "HTTP/1.1 206 Partial Content\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 1\r\n" +
		"Content-Range: bytes 0-0/57\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Etag: \"v1\"\r\n" +
		"Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n" +
		"h",
	"Go FileServer/get": "HTTP/1.1 200 OK\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 51\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"Go FileServer/head": "HTTP/1.1 200 OK\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 51\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"Go FileServer/ims": "HTTP/1.1 304 Not Modified\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"Go FileServer/range": "HTTP/1.1 206 Partial Content\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 1\r\n" +
		"Content-Range: bytes 0-0/51\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n" +
		"h",
	"Python http.server/get": "HTTP/1.0 200 OK\r\n" +
		"Server: SimpleHTTP/0.6 Python/3.11.7\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:02:16 GMT\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"Python http.server/head": "HTTP/1.0 200 OK\r\n" +
		"Server: SimpleHTTP/0.6 Python/3.11.7\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-type: text/plain\r\n" +
		"Content-Length: 51\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:02:16 GMT\r\n" +
		"\r\n",
	"Python http.server/ims": "HTTP/1.0 304 Not Modified\r\n" +
		"Server: SimpleHTTP/0.6 Python/3.11.7\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n",
	"nginx multipart": "HTTP/1.1 206 Partial Content\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: multipart/byteranges; boundary=00000000000000000001\r\n" +
		"Content-Length: 198\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"\r\n" +
		"\r\n" +
		"--00000000000000000001\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Range: bytes 0-1/51\r\n" +
		"\r\n" +
		"he\r\n" +
		"--00000000000000000001\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Range: bytes 5-6/51\r\n" +
		"\r\n" +
		" w\r\n" +
		"--00000000000000000001--\r\n",
	"Go multipart": "HTTP/1.1 206 Partial Content\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Content-Length: 346\r\n" +
		"Content-Type: multipart/byteranges; boundary=1ae2ac6257d1bd5594bdbf2a02ccc57ac47f8a4026bbc01f220c3c5d6b2a\r\n" +
		"Etag: \"v1\"\r\n" +
		"Last-Modified: Thu, 01 Jan 2026 00:00:00 GMT\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"\r\n" +
		"--1ae2ac6257d1bd5594bdbf2a02ccc57ac47f8a4026bbc01f220c3c5d6b2a\r\n" +
		"Content-Range: bytes 0-1/57\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"\r\n" +
		"he\r\n" +
		"--1ae2ac6257d1bd5594bdbf2a02ccc57ac47f8a4026bbc01f220c3c5d6b2a\r\n" +
		"Content-Range: bytes 5-6/57\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"\r\n" +
		" w\r\n" +
		"--1ae2ac6257d1bd5594bdbf2a02ccc57ac47f8a4026bbc01f220c3c5d6b2a--\r\n",
	"Express multipart": "HTTP/1.1 200 OK\r\n" +
		"X-Powered-By: Express\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Cache-Control: public, max-age=0\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"ETag: W/\"33-1a2358ec24d\"\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"Content-Length: 51\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n" +
		"hello world, this is a static file for range tests\n",
	"nginx suffix": "HTTP/1.1 206 Partial Content\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/plain\r\n" +
		"Content-Length: 5\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:01:18 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"ETag: \"6b0fc23e-33\"\r\n" +
		"Content-Range: bytes 46-50/51\r\n" +
		"\r\n" +
		"ests\n",
	"nginx 416": "HTTP/1.1 416 Requested Range Not Satisfiable\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/html\r\n" +
		"Content-Length: 197\r\n" +
		"Connection: keep-alive\r\n" +
		"Content-Range: bytes */51\r\n" +
		"\r\n" +
		"<html>\r\n" +
		"<head><title>416 Requested Range Not Satisfiable</title></head>\r\n" +
		"<body>\r\n" +
		"<center><h1>416 Requested Range Not Satisfiable</h1></center>\r\n" +
		"<hr><center>nginx/1.22.1</center>\r\n" +
		"</body>\r\n" +
		"</html>\r\n",
	"nginx auth_basic": "HTTP/1.1 401 Unauthorized\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/html\r\n" +
		"Content-Length: 179\r\n" +
		"Connection: keep-alive\r\n" +
		"WWW-Authenticate: Basic realm=\"Restricted\"\r\n" +
		"\r\n" +
		"<html>\r\n" +
		"<head><title>401 Authorization Required</title></head>\r\n" +
		"<body>\r\n" +
		"<center><h1>401 Authorization Required</h1></center>\r\n" +
		"<hr><center>nginx/1.22.1</center>\r\n" +
		"</body>\r\n" +
		"</html>\r\n",
	"nginx return 301": "HTTP/1.1 301 Moved Permanently\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/html\r\n" +
		"Content-Length: 169\r\n" +
		"Location: http://127.0.0.1:18301/file.txt\r\n" +
		"Connection: keep-alive\r\n" +
		"\r\n" +
		"<html>\r\n" +
		"<head><title>301 Moved Permanently</title></head>\r\n" +
		"<body>\r\n" +
		"<center><h1>301 Moved Permanently</h1></center>\r\n" +
		"<hr><center>nginx/1.22.1</center>\r\n" +
		"</body>\r\n" +
		"</html>\r\n",
	"nginx return 302 to POST": "HTTP/1.1 302 Moved Temporarily\r\n" +
		"Server: nginx/1.22.1\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Type: text/html\r\n" +
		"Content-Length: 145\r\n" +
		"Location: http://127.0.0.1:18301/done\r\n" +
		"Connection: keep-alive\r\n" +
		"\r\n" +
		"<html>\r\n" +
		"<head><title>302 Found</title></head>\r\n" +
		"<body>\r\n" +
		"<center><h1>302 Found</h1></center>\r\n" +
		"<hr><center>nginx/1.22.1</center>\r\n" +
		"</body>\r\n" +
		"</html>\r\n",
	"Express redirect after POST": "HTTP/1.1 302 Found\r\n" +
		"X-Powered-By: Express\r\n" +
		"Location: /done\r\n" +
		"Vary: Accept\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Content-Length: 27\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n" +
		"Found. Redirecting to /done",
	"Express 401 Basic": "HTTP/1.1 401 Unauthorized\r\n" +
		"X-Powered-By: Express\r\n" +
		"WWW-Authenticate: Basic realm=\"Restricted\", charset=\"UTF-8\"\r\n" +
		"Content-Type: text/html; charset=utf-8\r\n" +
		"Content-Length: 24\r\n" +
		"ETag: W/\"18-nkTgtGmz8J37yU+12MA1vmb3qg0\"\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Connection: keep-alive\r\n" +
		"Keep-Alive: timeout=5\r\n" +
		"\r\n" +
		"Authentication required.",
	"Go Redirect after POST": "HTTP/1.1 302 Found\r\n" +
		"Location: /content\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Length: 0\r\n" +
		"\r\n",
	"Go 401 Basic": "HTTP/1.1 401 Unauthorized\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n" +
		"Www-Authenticate: Basic realm=\"api\"\r\n" +
		"X-Content-Type-Options: nosniff\r\n" +
		"Date: Wed, 02 Dec 2026 07:12:42 GMT\r\n" +
		"Content-Length: 13\r\n" +
		"\r\n" +
		"Unauthorized\n",
	"Apache mod_deflate/get": "HTTP/1.1 200 OK\r\n" +
		"Date: Wed, 02 Dec 2026 07:16:54 GMT\r\n" +
		"Server: Apache/2.4.71 (Debian)\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:16:46 GMT\r\n" +
		"ETag: \"1519-661a16cf9a729-gzip\"\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Vary: Accept-Encoding\r\n" +
		"Content-Encoding: gzip\r\n" +
		"Content-Length: 76\r\n" +
		"Content-Type: text/plain\r\n" +
		"\r\n" +
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xed\xc9\xc1\t\xc0 \x10\x00\xb0\x7f\xa7\xb8\xd5\n\xf5!\x9c\\Q\xbb\x7f\xf7\x90\xe4\x9b\xac\xd9F\xf4w}#\x9e\xca\x9a\xb1\xfa\x8e{\xb4\x1d\xa9\x94RJ)\xa5\x94RJ)\xa5\x94R'\xd6\xf5\x03\xefd\x0f-\x19\x15\x00\x00",
	"Apache mod_deflate/inm": "HTTP/1.1 200 OK\r\n" +
		"Date: Wed, 02 Dec 2026 07:16:54 GMT\r\n" +
		"Server: Apache/2.4.71 (Debian)\r\n" +
		"Last-Modified: Wed, 02 Dec 2026 07:16:46 GMT\r\n" +
		"ETag: \"1519-661a16cf9a729-gzip\"\r\n" +
		"Accept-Ranges: bytes\r\n" +
		"Vary: Accept-Encoding\r\n" +
		"Content-Encoding: gzip\r\n" +
		"Content-Length: 76\r\n" +
		"Content-Type: text/plain\r\n" +
		"\r\n" +
		"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\xed\xc9\xc1\t\xc0 \x10\x00\xb0\x7f\xa7\xb8\xd5\n\xf5!\x9c\\Q\xbb\x7f\xf7\x90\xe4\x9b\xac\xd9F\xf4w}#\x9e\xca\x9a\xb1\xfa\x8e{\xb4\x1d\xa9\x94RJ)\xa5\x94RJ)\xa5\x94R'\xd6\xf5\x03\xefd\x0f-\x19\x15\x00\x00",
}

// TestNoFalseAlarmsCaptured runs the catalog on the captured responses, each with the request
// that got it, and on each follow-up with the first exchange as its Basis: none may produce an
// error or a warning. Informational findings a case exists to show are listed in info.
func TestNoFalseAlarmsCaptured(t *testing.T) {
	type exchange struct {
		key, method, path string
		fields            []string
	}
	tests := []struct {
		first     exchange
		followups []exchange
		info      map[string]string // capture → an informational rule it must show
	}{
		{first: exchange{"nginx multipart", "GET", "/file.txt", []string{"Range: bytes=0-1,5-6"}}},
		{first: exchange{"Go multipart", "GET", "/content", []string{"Range: bytes=0-1,5-6"}}},
		{first: exchange{"Express multipart", "GET", "/static/file.txt", []string{"Range: bytes=0-1,5-6"}}},
		{first: exchange{"nginx suffix", "GET", "/file.txt", []string{"Range: bytes=-5"}}},
		{first: exchange{"nginx 416", "GET", "/file.txt", []string{"Range: bytes=1000-"}}},
		{first: exchange{"nginx auth_basic", "GET", "/private/", nil}},
		{first: exchange{"nginx return 301", "GET", "/old", nil}},
		{first: exchange{"nginx return 302 to POST", "POST", "/post", nil}, info: map[string]string{"nginx return 302 to POST": "D1"}},
		{first: exchange{"Express redirect after POST", "POST", "/form", nil}, info: map[string]string{"Express redirect after POST": "D1"}},
		{first: exchange{"Express 401 Basic", "GET", "/private", nil}},
		{first: exchange{"Go Redirect after POST", "POST", "/redirect", nil}, info: map[string]string{"Go Redirect after POST": "D1"}},
		{first: exchange{"Go 401 Basic", "GET", "/auth", nil}},
	}
	for _, server := range []struct{ name, path, etag, modified, accept string }{
		{"nginx static", "/file.txt", `"6b0fc23e-33"`, "", ""},
		{"nginx gzip_vary", "/gz/file.txt", "", "", "gzip"},
		{"nginx expires", "/cached/file.txt", "", "", ""},
		{"Express static", "/static/file.txt", "", "", ""},
		{"Go ServeContent", "/content", "", "", ""},
		{"Go FileServer", "/files/file.txt", "", "", ""},
		{"Python http.server", "/file.txt", "", "", ""},
	} {
		var extra []string
		if server.accept != "" {
			extra = []string{"Accept-Encoding: " + server.accept}
		}
		get := probe.Parse([]byte(captured[server.name+"/get"]), "GET")
		tc := struct {
			first     exchange
			followups []exchange
			info      map[string]string
		}{first: exchange{server.name + "/get", "GET", server.path, extra}}
		tc.followups = append(tc.followups, exchange{server.name + "/head", "HEAD", server.path, extra})
		if etag, ok := get.Response.Get("ETag"); ok {
			tc.followups = append(tc.followups, exchange{server.name + "/inm", "GET", server.path, append([]string{"If-None-Match: " + etag}, extra...)})
		}
		if lm, ok := get.Response.Get("Last-Modified"); ok {
			tc.followups = append(tc.followups, exchange{server.name + "/ims", "GET", server.path, append([]string{"If-Modified-Since: " + lm}, extra...)})
		}
		if _, ok := captured[server.name+"/range"]; ok {
			tc.followups = append(tc.followups, exchange{server.name + "/range", "GET", server.path, []string{"Range: bytes=0-0"}})
		}
		if server.name == "nginx gzip_vary" {
			// gzip_vary puts Vary on the 200 only: the 304s lack it, which caches survive.
			tc.info = map[string]string{server.name + "/inm": "S38", server.name + "/ims": "S38"}
		}
		tests = append(tests, tc)
	}
	load := func(t *testing.T, e exchange) *probe.Exchange {
		t.Helper()
		stream, ok := captured[e.key]
		if !ok {
			t.Fatalf("no capture %q", e.key)
		}
		ex := parse(t, stream, e.method)
		asked("http://127.0.0.1"+e.path, e.fields...)(ex)
		return ex
	}
	judge := func(t *testing.T, key string, ex *probe.Exchange, info map[string]string) {
		t.Helper()
		shown := info[key] == ""
		for _, f := range Run(ex) {
			if f.Severity >= Warning {
				t.Errorf("%s: %s %s: %s", key, f.Severity, f.ID, f.Message)
			}
			if f.ID == info[key] {
				shown = true
			}
		}
		if !shown {
			t.Errorf("%s: no %s", key, info[key])
		}
	}
	for _, tt := range tests {
		t.Run(tt.first.key, func(t *testing.T) {
			first := load(t, tt.first)
			judge(t, tt.first.key, first, tt.info)
			for _, f := range tt.followups {
				ex := load(t, f)
				ex.Basis = first
				judge(t, f.key, ex, tt.info)
			}
			if len(tt.followups) > 0 && first.Request.URL == nil {
				t.Fatal("the first exchange has no URL")
			}
		})
	}
}

// TestCapturedFindings: what the catalog reports on captured follow-ups of real servers that
// get them wrong. Apache's mod_deflate appends "-gzip" to the ETag of the responses it
// compresses, and then does not recognise that tag in If-None-Match: a 200 where a 304 was due.
func TestCapturedFindings(t *testing.T) {
	tests := []struct {
		first, followup string
		fields          []string
		want            string // "ID:severity"
	}{
		{"Apache mod_deflate/get", "Apache mod_deflate/inm", []string{`If-None-Match: "1519-661a16cf9a729-gzip"`}, "K11:error"},
	}
	for _, tt := range tests {
		first := parse(t, captured[tt.first], "GET")
		asked("http://127.0.0.1/big.txt", "Accept-Encoding: gzip")(first)
		ex := parse(t, captured[tt.followup], "GET")
		asked("http://127.0.0.1/big.txt", append([]string{"Accept-Encoding: gzip"}, tt.fields...)...)(ex)
		ex.Basis = first
		var got []string
		for _, f := range Run(ex) {
			if f.Severity >= Warning {
				got = append(got, f.ID+":"+f.Severity.String())
			}
		}
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: %v, want [%s]", tt.followup, got, tt.want)
		}
	}
}
