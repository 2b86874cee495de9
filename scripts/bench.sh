#!/usr/bin/env bash
# bench.sh measures hsx against curl, httpie and Go's net/http on this machine, and prints
# ratios (with the figures they come from) rather than bare times.
#
#   scripts/bench.sh
#
# Needs: go, hyperfine, curl, httpie (`http`), GNU time (/usr/bin/time), python3, jq.
# Environment knobs (defaults in brackets):
#   RUNS [100]        hyperfine runs per command for the small loopback requests
#   GRACE_RUNS [30]   hyperfine runs per command for the request that waits out the grace window
#   BIG_BYTES [1073741824]  size of the large download
#   BIG_RUNS [7]      runs per tool for the large download (the median is kept)
#   BENCH_COUNT [5]   go test -count for the in-process benchmark (the median is kept)
#   FRAME_RUNS [20]   runs for the time to the first TUI frame
#   FRAME_MARKER ["f1 help"]  text on the last line of the TUI's first frame
#
# The script builds hsx, serves the lab on a free loopback port with `hsx lab`, and stops it
# when done. It changes nothing in the repository.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-100}
GRACE_RUNS=${GRACE_RUNS:-30}
BIG_BYTES=${BIG_BYTES:-1073741824}
BIG_RUNS=${BIG_RUNS:-7}
BENCH_COUNT=${BENCH_COUNT:-5}
FRAME_RUNS=${FRAME_RUNS:-20}
FRAME_MARKER=${FRAME_MARKER:-f1 help}

for tool in go hyperfine curl http /usr/bin/time python3 jq; do
	command -v "$tool" >/dev/null || {
		echo "bench.sh: $tool is not installed" >&2
		exit 2
	}
done

tmp=$(mktemp -d)
lab_pid=
cleanup() {
	if [[ -n $lab_pid ]]; then
		kill "$lab_pid" 2>/dev/null || true
		wait "$lab_pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# calc evaluates an awk expression and prints it with the given printf format.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
# verdict prints "met" or "MISSED" for a comparison written in awk.
verdict() { awk "BEGIN { if ($1) print \"met\"; else print \"MISSED\" }"; }
# median prints the median of the numbers on standard input, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores available)"
echo "memory:   $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "kernel:   $(uname -sr)"
echo "go:       $(go version)"
echo "curl:     $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "httpie:   $(http --version)"
echo "hyperfine: $(hyperfine --version | cut -d' ' -f2)"
echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"

go build -o "$tmp/hsx" .
hsx=$tmp/hsx
built="built from $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if [[ -n $(git status --porcelain 2>/dev/null) ]]; then
	built+=" with uncommitted changes"
fi
echo "hsx:      $("$hsx" --version 2>&1 | head -1) ($built)"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
lab=http://127.0.0.1:$port
"$hsx" lab --addr "127.0.0.1:$port" >"$tmp/lab.log" 2>&1 &
lab_pid=$!
for _ in $(seq 100); do
	curl -s -o /dev/null "$lab/204" && break
	sleep 0.05
done
curl -s -o /dev/null "$lab/204" || {
	echo "bench.sh: the lab did not start:" >&2
	cat "$tmp/lab.log" >&2
	exit 2
}
echo "lab:      $lab"

# whole_process URL RUNS prints hyperfine's median (in ms) of hsx check, curl and httpie on URL.
whole_process() {
	local url=$1 runs=$2 json=$tmp/hyperfine.json
	hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
		-n hsx "$hsx check $url" \
		-n curl "curl -s -o /dev/null $url" \
		-n httpie "http --ignore-stdin --print=hb $url" >"$tmp/hyperfine.log" 2>&1 || {
		cat "$tmp/hyperfine.log" >&2
		exit 2
	}
	jq -r '.results[] | "\(.command) \(.median * 1000)"' "$json"
}

report_whole() {
	local label=$1 url=$2 runs=$3
	local out hsx_ms curl_ms http_ms
	out=$(whole_process "$url" "$runs")
	hsx_ms=$(awk '$1 == "hsx" { print $2 }' <<<"$out")
	curl_ms=$(awk '$1 == "curl" { print $2 }' <<<"$out")
	http_ms=$(awk '$1 == "httpie" { print $2 }' <<<"$out")
	echo
	echo "== whole process, $label: $url (hyperfine -N, median of $runs runs)"
	echo "hsx check:           $(calc '%.2f' "$hsx_ms") ms"
	echo "curl -s -o /dev/null: $(calc '%.2f' "$curl_ms") ms"
	echo "http (httpie):       $(calc '%.2f' "$http_ms") ms"
	echo "ratio hsx/curl:      $(calc '%.2f' "$hsx_ms / $curl_ms")x  (target <= 1.5x: $(verdict "$hsx_ms / $curl_ms <= 1.5"))"
	echo "ratio hsx/httpie:    $(calc '%.2f' "$hsx_ms / $http_ms")x"
}

# The floor under every whole-process figure: starting the program and exiting.
hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$tmp/start.json" \
	-n hsx "$hsx --version" -n curl "curl --version" >"$tmp/hyperfine.log" 2>&1 || {
	cat "$tmp/hyperfine.log" >&2
	exit 2
}
start_hsx=$(jq -r '.results[] | select(.command == "hsx") | .median * 1000' "$tmp/start.json")
start_curl=$(jq -r '.results[] | select(.command == "curl") | .median * 1000' "$tmp/start.json")
echo
echo "== process start only: hsx --version vs curl --version (hyperfine -N, median of $RUNS runs)"
echo "hsx --version:  $(calc '%.2f' "$start_hsx") ms"
echo "curl --version: $(calc '%.2f' "$start_curl") ms"
GODEBUG=inittrace=1 "$hsx" --version 2>"$tmp/inittrace.txt" >/dev/null
echo "of which Go package initializers (GODEBUG=inittrace=1): $(awk '/^init / { s += $5 } END { printf "%.1f", s }' "$tmp/inittrace.txt") ms; the largest:"
awk '/^init / { printf "  %6.2f ms  %s\n", $5, $2 }' "$tmp/inittrace.txt" | sort -rn | head -4

report_whole "a 200 with a short body" "$lab/200" "$RUNS"
report_whole "a correct 204 (hsx waits out its 200 ms grace window for stray bytes)" "$lab/204" "$GRACE_RUNS"

echo
echo "== large download: $BIG_BYTES bytes from $lab/bytes/$BIG_BYTES (median of $BIG_RUNS runs each, hsx and curl taking turns; peak RSS is the largest)"
# big NAME COMMAND... runs COMMAND once under GNU time and appends "seconds max-RSS-KiB" to
# $tmp/NAME.times.
big() {
	local name=$1 status=0
	shift
	/usr/bin/time -f '%e %M' -o "$tmp/$name.one" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
	# hsx check exits 1 when a finding is an error; the download still completed.
	if ((status > 1)) || { [[ $name != hsx* ]] && ((status != 0)); }; then
		echo "bench.sh: $* exited with status $status:" >&2
		cat "$tmp/$name.err" >&2
		exit 2
	fi
	tail -1 "$tmp/$name.one" >>"$tmp/$name.times"
}
: >"$tmp/hsx.times"
: >"$tmp/curl.times"
# Taking turns, the first one changing each round, so that a shared machine's load drifting
# during the runs weighs on both tools alike.
for i in $(seq "$BIG_RUNS"); do
	if ((i % 2)); then
		big hsx "$hsx" check "$lab/bytes/$BIG_BYTES"
		big curl curl -s -o /dev/null "$lab/bytes/$BIG_BYTES"
	else
		big curl curl -s -o /dev/null "$lab/bytes/$BIG_BYTES"
		big hsx "$hsx" check "$lab/bytes/$BIG_BYTES"
	fi
done
hsx_s=$(cut -d' ' -f1 "$tmp/hsx.times" | median)
curl_s=$(cut -d' ' -f1 "$tmp/curl.times" | median)
hsx_kb=$(cut -d' ' -f2 "$tmp/hsx.times" | sort -g | tail -1)
curl_kb=$(cut -d' ' -f2 "$tmp/curl.times" | sort -g | tail -1)
mib=$(calc '%.1f' "$BIG_BYTES / 1048576")
echo "what hsx check saw: $(grep -m1 '^body' "$tmp/hsx.out" || echo '(no body line in its report)')"
echo "hsx check:  $hsx_s s, $(calc '%.0f' "$mib / $hsx_s") MiB/s, peak RSS $(calc '%.1f' "$hsx_kb / 1024") MiB"
echo "curl:       $curl_s s, $(calc '%.0f' "$mib / $curl_s") MiB/s, peak RSS $(calc '%.1f' "$curl_kb / 1024") MiB"
echo "throughput hsx/curl: $(calc '%.2f' "$curl_s / $hsx_s")x  (target >= 0.8x: $(verdict "$curl_s / $hsx_s >= 0.8"))"
echo "peak RSS of hsx:     $(calc '%.1f' "$hsx_kb / 1024") MiB  (target <= 64 MiB: $(verdict "$hsx_kb <= 65536"))"

echo
echo "== large download over HTTP/2 with prior knowledge (h2c): the same $BIG_BYTES bytes, the same way"
: >"$tmp/hsx-h2c.times"
: >"$tmp/curl-h2c.times"
for i in $(seq "$BIG_RUNS"); do
	if ((i % 2)); then
		big hsx-h2c "$hsx" check --http2-prior-knowledge "$lab/bytes/$BIG_BYTES"
		big curl-h2c curl -s -o /dev/null --http2-prior-knowledge "$lab/bytes/$BIG_BYTES"
	else
		big curl-h2c curl -s -o /dev/null --http2-prior-knowledge "$lab/bytes/$BIG_BYTES"
		big hsx-h2c "$hsx" check --http2-prior-knowledge "$lab/bytes/$BIG_BYTES"
	fi
done
hsx_s=$(cut -d' ' -f1 "$tmp/hsx-h2c.times" | median)
curl_s=$(cut -d' ' -f1 "$tmp/curl-h2c.times" | median)
hsx_kb=$(cut -d' ' -f2 "$tmp/hsx-h2c.times" | sort -g | tail -1)
curl_kb=$(cut -d' ' -f2 "$tmp/curl-h2c.times" | sort -g | tail -1)
echo "what hsx check saw: $(grep -m1 '^body' "$tmp/hsx-h2c.out" || echo '(no body line in its report)')"
echo "hsx check:  $hsx_s s, $(calc '%.0f' "$mib / $hsx_s") MiB/s, peak RSS $(calc '%.1f' "$hsx_kb / 1024") MiB"
echo "curl:       $curl_s s, $(calc '%.0f' "$mib / $curl_s") MiB/s, peak RSS $(calc '%.1f' "$curl_kb / 1024") MiB"
echo "throughput hsx/curl: $(calc '%.2f' "$curl_s / $hsx_s")x  (target >= 0.8x: $(verdict "$curl_s / $hsx_s >= 0.8"))"
echo "peak RSS of hsx:     $(calc '%.1f' "$hsx_kb / 1024") MiB  (target <= 64 MiB: $(verdict "$hsx_kb <= 65536"))"

echo
echo "== in process: one probe.Do exchange vs one net/http client request (go test -bench, median of $BENCH_COUNT)"
go test -run '^$' -bench '^BenchmarkExchange$' -benchtime 2s -count "$BENCH_COUNT" ./probe/ >"$tmp/gobench.txt"
nsop() { awk -v n="BenchmarkExchange/$1-" 'index($1, n) == 1 { print $3 }' "$tmp/gobench.txt" | median; }
for path in item close; do
	p=$(nsop "probe/$path")
	n=$(nsop "net-http/$path")
	case $path in
	item) what="server keeps the connection open" ;;
	close) what="server closes the connection" ;;
	esac
	echo "/$path ($what): probe $(calc '%.1f' "$p / 1000") µs, net/http $(calc '%.1f' "$n / 1000") µs," \
		"ratio $(calc '%.2f' "$p / $n")x  (target <= 1.2x: $(verdict "$p / $n <= 1.2"))"
done

echo
echo "== time to the first complete TUI frame on a pseudo-terminal (120x40; median of $FRAME_RUNS runs)"
frame=$(python3 scripts/first_frame.py --runs "$FRAME_RUNS" "$FRAME_MARKER" -- "$hsx")
frame_ms=$(jq -r .median_ms <<<"$frame")
echo "hsx (starts its lab, draws the explorer) until \"$FRAME_MARKER\" is drawn: $frame_ms ms" \
	"(min $(jq -r .min_ms <<<"$frame"), max $(jq -r .max_ms <<<"$frame"))  (target <= 50 ms: $(verdict "$frame_ms <= 50"))"

echo
echo "== cost of one View() at 200x60 with a 1 MiB JSON body loaded (go test -bench BenchmarkView)"
for pkg in ./ui/ ./ui/results/; do
	case $pkg in
	./ui/) what="whole screen" ;;
	*) what="response pane alone" ;;
	esac
	if list=$(go test -list '^BenchmarkView$' "$pkg" 2>&1) && grep -q '^BenchmarkView$' <<<"$list"; then
		go test -run '^$' -bench '^BenchmarkView$' -benchtime 1s "$pkg" >"$tmp/view.txt"
		awk -v what="$what" '/^BenchmarkView\// { name = $1; sub(/^BenchmarkView\//, "", name); sub(/-[0-9]+$/, "", name)
			ms = $3 / 1e6; printf "%s, %s: %.3f ms per View  (target <= 2 ms: %s)\n", what, name, ms, ms <= 2 ? "met" : "MISSED" }' "$tmp/view.txt"
	else
		echo "$what: not measured: no BenchmarkView in $pkg, or the package does not build:"
		head -5 <<<"$list"
	fi
done
