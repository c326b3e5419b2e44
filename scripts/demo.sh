#!/bin/sh
# Creates a demo database: you are its admin, plus one account per role
# (password "kefu-demo" for each; see README.md). Usage: demo.sh KEFU DB
set -eu
kefu=$1
db=$2
tmp="$db.tmp"
rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-wait"
"$kefu" --db "$tmp" init >/dev/null
add() {
	printf 'kefu-demo\n' | "$kefu" --db "$tmp" user add "$1" "$2" "$3" --password >/dev/null
}
add wangfang  王芳   reception
add lijun     李军   dispatcher
add zhangwei  张伟   technician
add liuyang   刘洋   technician
add chenjing  陈静   supervisor
add zhaomin   赵敏   billing
add guanli    管理员 admin
# A few thousand realistic Chinese customers for the front desk to find.
"$kefu" --db "$tmp" demo customers 3000 >/dev/null
# Today's first contacts at the front desk (a suggestion waits in each
# queue); KEFU_DEMO_CONTACTS=0 leaves them out (the TUI tests, which run at
# a fixed clock, start from an empty log).
contact() {
	[ "${KEFU_DEMO_CONTACTS:-1}" = 1 ] || return 0
	"$kefu" --db "$tmp" --as wangfang contact log "$@" >/dev/null
}
contact --purpose repair --customer D00000368 --name 李 --title 先生 \
    --asked 燃气灶打不着火 --done 已转维修
contact --purpose inquiry --phone 13912345678 --name 陈 --title 女士 \
    --asked 问燃气费怎么交 --done 已告知营业厅地址
contact --purpose suggestion --customer D00001602 --name 李 --title 先生 \
    --asked 小区路灯太暗,建议更换 --done 已转经理
contact --purpose suggestion --urgent --customer D00000011 --name 李 \
    --title 女士 --asked 3号楼楼道有燃气味,建议马上检查 --done 已转调度
# The paid-service list (有偿服务项目表), prices in yuan.
fee() {
	"$kefu" --db "$tmp" fee add "$@" >/dev/null
}
fee SV-01 更换灶具胶管 次 30
fee SV-02 更换燃气表前阀 个 45.50
fee SV-03 灶具清洗保养 次 60
fee SV-04 户内管道改造 米 85
# Work orders of today: one waiting at the board, one with 张伟 (both
# left out with the contacts: they are at the real time).
order() {
	[ "${KEFU_DEMO_CONTACTS:-1}" = 1 ] || return 0
	"$kefu" --db "$tmp" --as wangfang order new "$@" | sed -n \
	    's/^order \([0-9]*\).*/\1/p'
}
order --category equipment --customer D00000368 --fault 燃气灶打不着火 \
    >/dev/null
id=$(order --category pipe --customer D00001602 --fault 楼道燃气管道漏气)
if [ -n "$id" ]; then
	"$kefu" --db "$tmp" --as lijun order ack "$id" >/dev/null
	"$kefu" --db "$tmp" --as lijun order assign "$id" zhangwei >/dev/null
fi
# Complaints at each stage of their handling, for the supervisor's queue
# (F4); at the real time, so left out with the contacts.
if [ "${KEFU_DEMO_CONTACTS:-1}" = 1 ]; then
	"$kefu" --db "$tmp" demo complaints wangfang zhangwei chenjing \
	    >/dev/null
fi
# Billing (F5) for one building of 翠湖苑: rates, four flats with their
# floor areas and water meters, September's and October's readings,
# October's notices, two payments (one partial) and a chase; November is
# left to key. At fixed dates (KEFU_NOW), so the amounts are always the
# same. KEFU_DEMO_BILLING=0 leaves it out (the TUI tests, which count
# receipts and notices from 1, default to it with KEFU_DEMO_CONTACTS=0).
bill() {
	when=$1
	shift
	KEFU_NOW=$when "$kefu" --db "$tmp" "$@" >/dev/null
}
if [ "${KEFU_DEMO_BILLING:-${KEFU_DEMO_CONTACTS:-1}}" = 1 ]; then
	c=翠湖苑
	for f in "周建国 CH-501 13800135001 501 2016-04-01 98.50" \
	    "吴秀兰 CH-502 13800135002 502 2018-09-15 76" \
	    "郑海 CH-503 13800135003 503 2021-03-01 120.25" \
	    "冯丽 CH-504 13800135004 504 2026-09-10 64"; do
		set -- $f
		bill 2026-09-01T09:00 customer add --name "$1" --account "$2" \
		    --phone "$3" --community $c --building 5号楼 --room "$4" \
		    --move-in "$5"
		bill 2026-09-01T09:10 --as zhaomin meter area "$2" "$6"
	done
	bill 2026-09-01T09:20 rate add mgmt 2026-01 2.10 --community $c \
	    --note 物价局核定
	bill 2026-09-01T09:21 rate add water 2026-01 '15:3.45,*:4.83' \
	    --community $c --note 阶梯水价
	n=0
	for a in CH-501 CH-502 CH-503 CH-504; do
		n=$((n + 1))
		bill 2026-09-01T09:30 --as zhaomin meter add "W-5${a#CH-5}" \
		    water --customer "$a" --position $n --digits 5
	done
	# September's and October's readings (m³), keyed at month end.
	for r in W-501:12:30 W-502:8:17 W-503:21:45 W-504:0:9; do
		set -- $(echo "$r" | tr : ' ')
		bill 2026-09-28T10:00 --as zhaomin reading enter "$1" 2026-09 "$2"
		bill 2026-10-28T10:00 --as zhaomin reading enter "$1" 2026-10 "$3"
	done
	bill 2026-10-28T11:00 --as zhaomin notice run --period 2026-10 \
	    --community $c
	# Paid in full, in part, and not at all (chased).
	bal=$(KEFU_NOW=2026-11-05T09:30 "$kefu" --db "$tmp" --json notice list \
	    --customer CH-501 |
	    sed -n 's/.*"total_due":\([0-9]*\).*/\1/p')
	bill 2026-11-05T09:30 --as zhaomin payment take CH-501 \
	    "$((bal / 100)).$(printf '%02d' $((bal % 100)))" --method mobile
	bill 2026-11-06T15:00 --as zhaomin payment take CH-502 50 --note 先付一部分
	bill 2026-11-20T16:00 --as zhaomin arrears chase CH-503 --method phone \
	    --answer 出差中,月底回来交 --next 月底再打
fi
# Publish the finished file under its name only once it is complete.
"$kefu" --db "$tmp" backup "$db" >/dev/null
rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-wait"
echo "kefu: created demo database $db"
