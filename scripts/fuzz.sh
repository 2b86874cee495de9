#!/usr/bin/env bash
# fuzz.sh runs every Go fuzz target of the repository, one after another, for a while each.
#
#   scripts/fuzz.sh [FUZZTIME]
#
# FUZZTIME is how long each target runs, in go test's -fuzztime spelling: a duration such as
# 10s or 5m (the default is 10s), or a count of runs such as 5000x. FUZZ_PARALLEL, when set,
# is the number of fuzzing workers (go test -parallel; the default is GOMAXPROCS).
# FUZZ_MINIMIZE (default 5s) bounds the time spent shrinking each new input the fuzzer keeps;
# go test's own default of 60s can take a whole short run, counted as zero executions.
#
# A failing input is written by go test under the package's testdata/fuzz/<Target>/, where
# it becomes a seed that plain `go test` runs from then on. The script runs every target even
# when one fails, prints a summary and exits 1 if any target failed.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 2
fuzztime=${1:-10s}
minimize=${FUZZ_MINIMIZE:-5s}
parallel=()
if [[ -n ${FUZZ_PARALLEL:-} ]]; then
	parallel=(-parallel "$FUZZ_PARALLEL")
fi

# Packages with fuzz targets, found from their test files.
mapfile -t pkgs < <(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -r -n1 dirname | sort -u)
if ((${#pkgs[@]} == 0)); then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 2
fi

failed=()
summary=()
for pkg in "${pkgs[@]}"; do
	if ! list=$(go test -list '^Fuzz' "$pkg/" 2>&1); then
		echo "$list" >&2
		summary+=("FAIL  $pkg (does not build)")
		failed+=("$pkg")
		continue
	fi
	mapfile -t targets < <(grep '^Fuzz' <<<"$list")
	for target in "${targets[@]}"; do
		echo "== $pkg $target for $fuzztime"
		start=$SECONDS
		if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "${parallel[@]}" "$pkg/"; then
			summary+=("ok    $pkg $target ($((SECONDS - start))s)")
		else
			summary+=("FAIL  $pkg $target ($((SECONDS - start))s)")
			failed+=("$pkg $target")
		fi
	done
done

echo
echo "== summary"
printf '%s\n' "${summary[@]}"
if ((${#failed[@]} > 0)); then
	echo "fuzz.sh: ${#failed[@]} target(s) failed; the failing inputs are under testdata/fuzz/" >&2
	exit 1
fi
