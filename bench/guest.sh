#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# One run of the benchmark inside the guest (started by bench/run).  $1:
# output folder (shared with the host) for results.json, the raw numbers
# and ratios of this run.  The lines it prints are progress; bench/run
# judges the medians of all runs against bench/figures.

set -u
out=$1
top=$(cd "$(dirname "$0")/.." && pwd)
export SECEX_TOP=$top
. "$top/selftests/lib/swuv.sh"
B=$out/bench_ioctl
W=/tmp/bench
mkdir -p "$W"
cd "$W" || exit 1
json=""

# record KEY VALUE: one JSON member
record() { json="$json${json:+,
}  \"$1\": $2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }

modprobe -a loop dm-crypt secex_paes 2>/dev/null
echo 1 >/sys/module/secex_paes/parameters/clrkey 2>/dev/null

# --- 3. CLR2PROTK vs INFO -------------------------------------------------
# shellcheck disable=SC2046  # split the output into fields on purpose
set -- $("$B" info 20000)
info_ns=$3
# shellcheck disable=SC2046  # split the output into fields on purpose
set -- $("$B" clr2protk 20000)
clr_ns=$3
r=$(ratio "$clr_ns" "$info_ns")
record clr2protk_median_ns "$clr_ns"
record info_median_ns "$info_ns"
record clr2protk_vs_info "$r"
echo "CLR2PROTK vs INFO ioctl: $r x ($clr_ns ns vs $info_ns ns median)"

# --- 2. ATT vs openssl ECDH P-521 -----------------------------------------
# The store must hold the 10,000 secrets of the LIST figure.
SWUV_STORE_SIZE=10240
if swuv_setup; then
	"$OWNER" attest create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
		-o req.exch --arpk arpk >/dev/null
	# shellcheck disable=SC2046  # split the output into fields on purpose
	set -- $("$B" att req.exch 50)
	att_ns=$3
	# "ecdh (nistp521)  <seconds per op>  <ops per second>"
	ecdh_ns=$(openssl speed -seconds 3 ecdhp521 2>/dev/null |
		awk '/nistp521/ && /ecdh/ { printf "%.0f", $(NF - 1) * 1e9 }')
	r=$(ratio "$att_ns" "$ecdh_ns")
	record att_median_ns "$att_ns"
	record openssl_ecdh_p521_ns "${ecdh_ns:-0}"
	record att_vs_ecdh "$r"
	echo "ATT ioctl vs openssl ECDH P-521: $r x ($att_ns ns vs $ecdh_ns ns)"

	# --- 2b. ATT throughput, 2 callers vs 1 (the guest has 2 vCPUs) -----
	# shellcheck disable=SC2046  # split the output into fields on purpose
	set -- $("$B" attpar req.exch 1 20)
	one=$(awk -v c="$3" -v ns="$4" 'BEGIN { printf "%.2f", c * 1e9 / ns }')
	# shellcheck disable=SC2046  # split the output into fields on purpose
	set -- $("$B" attpar req.exch 2 20)
	two=$(awk -v c="$3" -v ns="$4" 'BEGIN { printf "%.2f", c * 1e9 / ns }')
	r=$(ratio "$two" "$one")
	record att_1_caller_per_s "$one"
	record att_2_callers_per_s "$two"
	record att_2_vs_1_callers "$r"
	echo "ATT throughput, 2 callers vs 1: $r x ($two vs $one per s)"

	# --- 5. LIST of 100, 1,000 and 10,000 secrets --------------------
	# One plaintext request, added as often as needed by one process.
	printf 'bench secret' >plain
	"$OWNER" secret create --no-verify --hkd "$SWUV_DIR/host.crt" --hdr "$SWUV_DIR/se.hdr" \
		-o s.req retrievable bench --type plaintext --secret plain >/dev/null
	have=0 prev=0
	for want in 100 1000 10000; do
		"$B" add s.req $((want - have)) >/dev/null && have=$want
		# shellcheck disable=SC2046  # split the output into fields on purpose
		set -- $("$B" list 256 10)
		record "list_${want}_median_ns" "$3"
		record "list_${want}_entries" "$5"
		echo "LIST of $5 secrets in one call (256 pages): $(($3 / 1000)) us median"
		if [ "$prev" != 0 ]; then
			# Linear: 10 times the secrets, about 10 times the time.
			r=$(ratio "$3" "$((prev * 10))")
			record "list_${want}_vs_10x_$((want / 10))" "$r"
			echo "LIST growth, $want vs 10 x $((want / 10)) secrets: $r x"
		fi
		prev=$3
	done
else
	echo "ATT and LIST figures skipped: $SWUV_WHY"
fi

# --- 1. dm-crypt paes vs aes ----------------------------------------------
# A clear-key token (type 0, version 2, AES-XTS-256, 64 bytes), native endian.
token() {
	printf '\000\000\000\000\002\000\000\000'
	if [ "$(printf '\001\000\000\000' | od -An -tu4 | tr -d ' ')" = 1 ]; then
		printf '\013\000\000\000\100\000\000\000'	# little endian
	else
		printf '\000\000\000\013\000\000\000\100'
	fi
	head -c 64 /dev/urandom
}
token >paes.tok
head -c 64 /dev/urandom >aes.key
for c in aes paes; do
	truncate -s 320M $c.img
	losetup -f --show $c.img >$c.dev
	if [ $c = aes ]; then k=aes.key; cipher=aes-xts-plain64; else k=paes.tok; cipher=paes-xts-plain64; fi
	cryptsetup luksFormat -q --type luks2 --cipher $cipher --volume-key-file $k \
		--key-size $(($(wc -c <$k) * 8)) --pbkdf pbkdf2 --pbkdf-force-iterations 1000 \
		--key-file $k "$(cat $c.dev)" && cryptsetup open --key-file $k "$(cat $c.dev)" b$c ||
		{ echo "dm-crypt figures skipped: cannot open the $c volume"; exit 0; }
done
fio_bw() {	# fio_bw DEV RW BS [JOBS]: MiB/s of all jobs together
	fio --name=b --filename="$1" --rw="$2" --bs="$3" --direct=1 --ioengine=libaio \
		--iodepth=8 --runtime=8 --time_based --size=256M --output-format=terse \
		--numjobs="${4:-1}" --group_reporting \
		--terse-version=3 2>/dev/null |
		awk -F';' '{ printf "%.1f", ($7 + $48) / 1024 }'
}
# pair RW BS [JOBS]: "<aes MiB/s> <paes MiB/s>", each the mean of two fio
# runs taken in the order aes, paes, paes, aes: a guest that gets faster or
# slower during the pair (TCG does) weighs on both volumes alike.
pair() {
	a1=$(fio_bw /dev/mapper/baes "$@")
	p1=$(fio_bw /dev/mapper/bpaes "$@")
	p2=$(fio_bw /dev/mapper/bpaes "$@")
	a2=$(fio_bw /dev/mapper/baes "$@")
	awk -v a1="$a1" -v a2="$a2" -v p1="$p1" -v p2="$p2" \
		'BEGIN { printf "%.1f %.1f", (a1 + a2) / 2, (p1 + p2) / 2 }'
}
for w in "read 1M seq_read_1m" "write 1M seq_write_1m" "randrw 4k rand_4k"; do
	set -- $w
	# shellcheck disable=SC2046  # split the pair into its two numbers
	set -- "$@" $(pair "$1" "$2")
	a=$4 p=$5
	r=$(ratio "$p" "$a")
	record "dmcrypt_${3}_aes_mibs" "$a"
	record "dmcrypt_${3}_paes_mibs" "$p"
	record "dmcrypt_${3}_paes_vs_aes" "$r"
	echo "dm-crypt paes vs aes, $3: $r x ($p vs $a MiB/s)"
done
# Scaling: random 4 KiB with 2 jobs vs 1, paes's gain against aes's.
# shellcheck disable=SC2046  # split the pairs into their numbers
set -- $(pair randrw 4k 2) $(pair randrw 4k 1)
ra=$(ratio "$1" "$3")
rp=$(ratio "$2" "$4")
r=$(ratio "$rp" "$ra")
record dmcrypt_rand_4k_aes_2_vs_1_jobs "$ra"
record dmcrypt_rand_4k_paes_2_vs_1_jobs "$rp"
record dmcrypt_scaling_paes_vs_aes "$r"
echo "dm-crypt random 4 KiB, 2 jobs vs 1: paes $rp x, aes $ra x: $r x of aes's scaling"

# --- 4. latency during rotation -------------------------------------------
lat() {	# lat: "<p99 us> <max us>" of 4 KiB random reads for 8 s
	fio --name=l --filename=/dev/mapper/bpaes --rw=randread --bs=4k --direct=1 \
		--ioengine=psync --runtime=8 --time_based --size=256M \
		--output-format=json 2>/dev/null | python3 -c '
import json, sys
j = json.load(sys.stdin)["jobs"][0]["read"]["clat_ns"]
print(int(j["percentile"]["99.000000"]) // 1000, int(j["max"]) // 1000)'
}
# The same fio job without and with a rotation every 100 ms (the software
# core's timed rotation in debugfs; a shell loop cannot keep the rate).
knob=/sys/kernel/debug/secex_swcpacf/rotate_every_ms
gen=/sys/kernel/secex_swcpacf/generation
[ -d /sys/kernel/debug/secex_swcpacf ] || mount -t debugfs none /sys/kernel/debug
# shellcheck disable=SC2046  # split the output into fields on purpose
set -- $(lat)
p99=$1 max=$2
g0=$(cat $gen) t0=$(date +%s.%N)
echo 100 >$knob
# shellcheck disable=SC2046  # split the output into fields on purpose
set -- $(lat)
echo 0 >$knob
g1=$(cat $gen) t1=$(date +%s.%N)
p99r=$1 maxr=$2
rate=$(awk -v g="$((g1 - g0))" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", g / (b - a) }')
record rotations_per_s "$rate"
record rotation_p99_us "$p99r"
record rotation_max_us "$maxr"
record steady_p99_us "$p99"
record steady_max_us "$max"
r=$(ratio "$p99r" "$p99")
record rotation_p99_vs_steady "$r"
echo "I/O p99 latency during $rate rotations/s vs without: $r x ($p99r us vs $p99 us)"
r=$(ratio "$maxr" "$max")
record rotation_max_vs_steady "$r"
echo "I/O max latency during $rate rotations/s vs without: $r x ($maxr us vs $max us)"
echo "rotations per second: $rate"

for c in aes paes; do cryptsetup close b$c; losetup -d "$(cat $c.dev)"; done
printf '{\n%s\n}\n' "$json" >"$out/results.json"
echo "this run: $out/results.json"
