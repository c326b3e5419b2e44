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
# Publish the finished file under its name only once it is complete.
"$kefu" --db "$tmp" backup "$db" >/dev/null
rm -f "$tmp" "$tmp-wal" "$tmp-shm" "$tmp-wait"
echo "kefu: created demo database $db"
