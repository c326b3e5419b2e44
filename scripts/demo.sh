#!/bin/sh
# Creates a demo database: you are its admin, plus one account per role
# (password "kefu-demo" for each; see README.md). Usage: demo.sh KEFU DB
set -eu
kefu=$1
db=$2
tmp="$db.tmp"
rm -f "$tmp" "$tmp-wal" "$tmp-shm"
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
# Publish the finished file under its name only once it is complete.
"$kefu" --db "$tmp" backup "$db" >/dev/null
rm -f "$tmp" "$tmp-wal" "$tmp-shm"
echo "kefu: created demo database $db"
