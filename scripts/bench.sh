#!/usr/bin/env bash
# bench.sh measures hsx against curl and wget on this machine, against servers hsx did not
# write (nginx, and a Python server that writes stray bytes late), and prints each figure as a
# ratio with its target and whether it was met. Every ratio comes from one series in which the
# tools take turns, the first one changing every round, so that a shared machine's load weighs
# on all of them alike; the load average is printed with each figure.
#
#   scripts/bench.sh
#
# Needs: go, curl, wget, nginx, file, GNU time (/usr/bin/time), python3. It is too slow for CI.
# Environment knobs (defaults in brackets):
#   RUNS [60]         runs per command for the short requests and the process start
#   BIG_BYTES [1073741824]  size of the large download
#   BIG_RUNS [7]      runs per tool for the large download (the median is kept)
#   LATE_RUNS [5]     runs per gap for the stray bytes written late
#   FRAME_RUNS [20]   runs for the time to the first TUI frame
#
# The script builds hsx as the README's install line does (CGO_ENABLED=0) and as a plain
# `go build` does, serves nginx and the late-writing server on free loopback ports, and stops
# them when done. It changes nothing in the repository.
set -euo pipefail

cd "$(dirname "$0")/.."
RUNS=${RUNS:-60}
BIG_BYTES=${BIG_BYTES:-1073741824}
BIG_RUNS=${BIG_RUNS:-7}
LATE_RUNS=${LATE_RUNS:-5}
FRAME_RUNS=${FRAME_RUNS:-20}

for tool in go curl wget nginx file truncate /usr/bin/time python3; do
	command -v "$tool" >/dev/null || {
		echo "bench.sh: $tool is not installed" >&2
		exit 2
	}
done

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx's worker may run as another user
pids=()
cleanup() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	if [[ -f $tmp/nginx/nginx.pid ]]; then
		kill "$(cat "$tmp/nginx/nginx.pid")" 2>/dev/null || true
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
# load prints the 1, 5 and 15 minute load averages.
load() { cut -d' ' -f1-3 /proc/loadavg; }
# freeport prints a TCP port that is free on 127.0.0.1.
freeport() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# waitfor URL waits until URL answers.
waitfor() {
	for _ in $(seq 100); do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.05
	done
	echo "bench.sh: $1 did not answer" >&2
	exit 2
}

echo "== machine"
echo "date:     $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//') ($(nproc) cores available)"
echo "memory:   $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
echo "kernel:   $(uname -sr)"
echo "go:       $(go version)"
echo "curl:     $(curl --version | head -1 | cut -d' ' -f1-2)"
echo "wget:     $(wget --version | head -1 | cut -d' ' -f1-3)"
echo "nginx:    $(nginx -v 2>&1 | cut -d' ' -f3)"
echo "load:     $(load) (1, 5, 15 min)"

CGO_ENABLED=0 go build -o "$tmp/hsx" .
go build -o "$tmp/hsx-default" .
go build -o "$tmp/turns" ./scripts/turns
hsx=$tmp/hsx
turns=$tmp/turns
built="built from $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
if [[ -n $(git status --porcelain 2>/dev/null) ]]; then
	built+=" with uncommitted changes"
fi
echo "hsx:      $("$hsx" --version 2>&1 | head -1) ($built; CGO_ENABLED=0: $(file -b "$hsx" | grep -o 'statically linked\|dynamically linked'))"
echo "          plain go build: $(go version -m "$tmp/hsx-default" | awk '$2 ~ /^CGO_ENABLED=/ { print $2 }'), $(file -b "$tmp/hsx-default" | grep -o 'statically linked\|dynamically linked')"

# nginx, with a configuration of its own under $tmp.
port=$(freeport)
h2port=$(freeport)
mkdir -p "$tmp/nginx/www" "$tmp/nginx/tmp"
truncate -s "$BIG_BYTES" "$tmp/nginx/www/big"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 256; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/tmp/body;
	proxy_temp_path $tmp/nginx/tmp/proxy;
	fastcgi_temp_path $tmp/nginx/tmp/fastcgi;
	uwsgi_temp_path $tmp/nginx/tmp/uwsgi;
	scgi_temp_path $tmp/nginx/tmp/scgi;
	sendfile on;
	server {
		listen 127.0.0.1:$port;
		listen 127.0.0.1:$h2port http2;
		root $tmp/nginx/www;
		location = /200 { default_type text/plain; return 200 "hello"; }
		location = /204 { return 204; }
	}
}
EOF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log"
ng=http://127.0.0.1:$port
ng2=http://127.0.0.1:$h2port
waitfor "$ng/204"
echo "nginx:    $ng (/200 returns \"hello\", /204 returns 204, /big is $BIG_BYTES bytes by sendfile)"

# run_turns ARG... runs the turns tool and keeps its output in $tmp/turns.out.
run_turns() {
	"$turns" "$@" >"$tmp/turns.out" 2>"$tmp/turns.err" || {
		cat "$tmp/turns.err" >&2
		exit 2
	}
}
# field NAME COLUMN prints a column of the turns output: 2 median, 3 min, 4 max (ms), 5 KiB.
field() { awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$tmp/turns.out"; }
turns_load() { awk '$1 == "load" { sub(/^load /, ""); print }' "$tmp/turns.out"; }
line() { # NAME LABEL
	printf '%-34s %8.2f ms  (min %.2f, max %.2f)\n' "$2" "$(field "$1" 2)" "$(field "$1" 3)" "$(field "$1" 4)"
}

echo
echo "== process start only (median of $RUNS runs each, in turns)"
run_turns -runs "$RUNS" "hsx=$hsx --version" "default=$tmp/hsx-default --version" \
	"curl=curl --version" "wget=wget --version"
line hsx "hsx --version (CGO_ENABLED=0)"
line default "hsx --version (plain go build)"
line curl "curl --version"
line wget "wget --version"
echo "ratio hsx/curl: $(calc '%.2f' "$(field hsx 2) / $(field curl 2)")x; static/default build: $(calc '%.2f' "$(field hsx 2) / $(field default 2)")x  (load $(turns_load))"
GODEBUG=inittrace=1 "$hsx" --version 2>"$tmp/inittrace.txt" >/dev/null
echo "Go package initializers in one run (GODEBUG=inittrace=1): $(awk '/^init / { s += $5 } END { printf "%.2f", s }' "$tmp/inittrace.txt") ms; the largest:"
awk '/^init / { printf "  %6.3f ms  %s\n", $5, $2 }' "$tmp/inittrace.txt" | sort -rn | head -6

# whole LABEL PATH TARGET: hsx check against curl and wget on nginx's PATH.
whole() {
	local label=$1 path=$2 target=$3
	run_turns -runs "$RUNS" -ok 1 "hsx=$hsx check $ng$path" "curl=curl -s -o /dev/null $ng$path" \
		"wget=wget -q -O /dev/null $ng$path"
	echo
	echo "== whole process, $label: nginx $path (median of $RUNS runs each, in turns)"
	line hsx "hsx check"
	line curl "curl -s -o /dev/null"
	line wget "wget -q -O /dev/null"
	local r
	r=$(calc '%.2f' "$(field hsx 2) / $(field curl 2)")
	echo "ratio hsx/curl: ${r}x  (target <= ${target}x: $(verdict "$r <= $target")); hsx/wget: $(calc '%.2f' "$(field hsx 2) / $(field wget 2)")x  (load $(turns_load))"
}
whole 'return 200 "hello"' /200 0.6
whole 'return 204 (the stray-byte watch included)' /204 3

echo
echo "== stray bytes written 0, 1, 10 and 20 ms after a 204's head, connection kept open ($LATE_RUNS runs per gap)"
late_port=$(freeport)
: >"$tmp/late.log"
python3 scripts/late204.py "$late_port" "$tmp/late.log" &
pids+=($!)
waitfor "http://127.0.0.1:$late_port/0"
late_load=$(load)
all=met
for gap in 0 1 10 20; do
	caught=0 late=0 missed=""
	for run in $(seq "$LATE_RUNS"); do
		target="/$gap?run=$run"
		"$hsx" check --json "http://127.0.0.1:$late_port$target" >"$tmp/late.json" || true
		# When the server really wrote, after the head: a loaded machine can make it late.
		at=
		for _ in $(seq 40); do
			at=$(awk -v t="$target" '$1 == t { print $2 }' "$tmp/late.log")
			[[ -n $at ]] && break
			sleep 0.05
		done
		if python3 -c 'import json, sys; sys.exit(0 if json.load(open(sys.argv[1]))["response"]["extra_bytes"] == 5 else 1)' "$tmp/late.json"; then
			caught=$((caught + 1))
		elif [[ -n $at ]] && awk "BEGIN { exit !($at > $gap + 3) }"; then
			late=$((late + 1)) # written off schedule: says nothing about this gap
			missed+=" ${at}ms"
		else
			all=MISSED
			missed+=" ${at:-?}ms"
		fi
	done
	echo "${gap} ms late: caught $caught of $LATE_RUNS${missed:+; not caught, written after the head at:$missed}${late:+ ($late of them more than 3 ms off schedule)}"
done
echo "every write on schedule caught: $all  (load $late_load -> $(load))"

echo
echo "== large download: $BIG_BYTES bytes from nginx /big (median of $BIG_RUNS runs each, in turns; peak RSS is the largest)"
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
# One untimed download each first, so that neither pays for nginx's first read of the file.
curl -s -o /dev/null "$ng/big"
"$hsx" check "$ng/big" >/dev/null || true
big_load=$(load)
for i in $(seq "$BIG_RUNS"); do
	if ((i % 2)); then
		big hsx "$hsx" check "$ng/big"
		big curl curl -s -o /dev/null "$ng/big"
	else
		big curl curl -s -o /dev/null "$ng/big"
		big hsx "$hsx" check "$ng/big"
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
echo "throughput hsx/curl: $(calc '%.2f' "$curl_s / $hsx_s")x  (target >= 1.2x: $(verdict "$curl_s / $hsx_s >= 1.2"))"
echo "peak RSS of hsx:     $(calc '%.1f' "$hsx_kb / 1024") MiB  (target <= 32 MiB: $(verdict "$hsx_kb <= 32768"))  (load $big_load -> $(load))"

echo
echo "== large download over HTTP/2 with prior knowledge (h2c): the same bytes from nginx's h2c port, in turns"
: >"$tmp/hsx-h2c.times"
: >"$tmp/curl-h2c.times"
h2_load=$(load)
for i in $(seq "$BIG_RUNS"); do
	if ((i % 2)); then
		big hsx-h2c "$hsx" check --http2-prior-knowledge "$ng2/big"
		big curl-h2c curl -s -o /dev/null --http2-prior-knowledge "$ng2/big"
	else
		big curl-h2c curl -s -o /dev/null --http2-prior-knowledge "$ng2/big"
		big hsx-h2c "$hsx" check --http2-prior-knowledge "$ng2/big"
	fi
done
hsx_s=$(cut -d' ' -f1 "$tmp/hsx-h2c.times" | median)
curl_s=$(cut -d' ' -f1 "$tmp/curl-h2c.times" | median)
hsx_kb=$(cut -d' ' -f2 "$tmp/hsx-h2c.times" | sort -g | tail -1)
echo "hsx check:  $hsx_s s, $(calc '%.0f' "$mib / $hsx_s") MiB/s, peak RSS $(calc '%.1f' "$hsx_kb / 1024") MiB"
echo "curl:       $curl_s s, $(calc '%.0f' "$mib / $curl_s") MiB/s"
echo "throughput hsx/curl: $(calc '%.2f' "$curl_s / $hsx_s")x  (target >= 0.8x: $(verdict "$curl_s / $hsx_s >= 0.8"))  (load $h2_load -> $(load))"

echo
echo "== TUI start to the 204 explainer on a pseudo-terminal, 120x40 (median of $FRAME_RUNS runs each, in turns)"
# The first words of the 204 document's body: on screen only once the explainer is drawn.
marker=$(awk 'f == 2 && NF && !/^#/ { print $1, $2, $3; exit } /^---$/ { f++ }' content/docs/204.md)
frame_load=$(load)
frame=$(python3 scripts/first_frame.py --runs "$FRAME_RUNS" --reference "/bin/echo $marker" "$marker" -- "$hsx")
frame_ms=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["median_ms"])' "$frame")
echo_ms=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["reference"]["median_ms"])' "$frame")
echo "until \"$marker\" is drawn: hsx $frame_ms ms $(python3 -c 'import json, sys; r = json.loads(sys.argv[1]); print("(min %s, max %s)" % (r["min_ms"], r["max_ms"]))' "$frame")"
echo "the harness's floor, /bin/echo printing the same words on the same terminal: $echo_ms ms"
echo "hsx: $frame_ms ms  (target <= 25 ms: $(verdict "$frame_ms <= 25")); hsx/echo: $(calc '%.1f' "$frame_ms / $echo_ms")x  (load $frame_load -> $(load))"

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
echo "(load $(load))"
