package lab

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"
)

// codingJSON is the document the content coding scenarios send: about 4 KiB of JSON that
// compresses well, as API responses do.
var codingJSON = `{"items":[` + strings.Repeat(`{"id":7,"name":"hsx lab","tags":["http","status","wire"],"ok":true},`, 60) +
	`{"id":8,"last":true}]}` + "\n"

// encoders are the content codings the lab can apply, by name.
var encoders = map[string]func([]byte) []byte{
	"gzip": func(b []byte) []byte {
		var out bytes.Buffer
		w := gzip.NewWriter(&out)
		_, _ = w.Write(b)
		_ = w.Close()
		return out.Bytes()
	},
	"br": func(b []byte) []byte {
		var out bytes.Buffer
		w := brotli.NewWriter(&out)
		_, _ = w.Write(b)
		_ = w.Close()
		return out.Bytes()
	},
	"zstd": func(b []byte) []byte {
		e, err := zstd.NewWriter(nil, zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
		if err != nil {
			panic(err) // the options are constant and valid
		}
		defer e.Close()
		return e.EncodeAll(b, nil)
	},
	// rawDeflate is DEFLATE data without the zlib wrapper that the deflate coding has.
	"rawDeflate": func(b []byte) []byte {
		var out bytes.Buffer
		w, _ := flate.NewWriter(&out, flate.DefaultCompression)
		_, _ = w.Write(b)
		_ = w.Close()
		return out.Bytes()
	},
}

// negotiated serves codingJSON in the coding when the request's Accept-Encoding accepts it,
// and uncoded otherwise, with Vary: Accept-Encoding either way: what nginx's gzip and Express's
// compression middleware do.
func negotiated(coding string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Vary", "Accept-Encoding")
		body := []byte(codingJSON)
		if acceptsCoding(r.Header.Values("Accept-Encoding"), coding) {
			w.Header().Set("Content-Encoding", coding)
			body = encoders[coding](body)
		}
		writeBody(w, http.StatusOK, "application/json", string(body))
	}
}

// coded serves codingJSON with the Content-Encoding name whatever the request accepts, after
// passing the encoded bytes through spoil (nil for none).
func coded(name, encoder string, spoil func([]byte) []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		body := encoders[encoder]([]byte(codingJSON))
		if spoil != nil {
			body = spoil(body)
		}
		w.Header().Set("Content-Encoding", name)
		writeBody(w, http.StatusOK, "application/json", string(body))
	}
}

// badCRC spoils the CRC-32 in a gzip member's trailer.
func badCRC(b []byte) []byte {
	b[len(b)-8] ^= 0xff
	return b
}

// acceptsCoding reports whether Accept-Encoding values name the coding (or "*") with a
// qvalue above 0.
func acceptsCoding(values []string, coding string) bool {
	for _, v := range values {
		for m := range strings.SplitSeq(v, ",") {
			name, params, _ := strings.Cut(m, ";")
			name = strings.ToLower(strings.TrimSpace(name))
			if name != coding && name != "*" {
				continue
			}
			q := 1.0
			if k, val, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
					q = f
				}
			}
			if q > 0 {
				return true
			}
		}
	}
	return false
}
