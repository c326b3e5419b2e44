#!/usr/bin/env bash
# cli_user.sh — staff accounts: add, list, show, roles, edit, disable, and
# who may do which (passwords: cli_password.sh; --version: cli_version.sh).
. "$(dirname "$0")/lib.sh" "$@"

ROLE_LIST='reception, dispatcher, technician, supervisor, billing, admin'
fresh_db

# --- add -----------------------------------------------------------------
expect_exit 0 k user add wangfang 王芳 reception,billing
expect_out '^added wangfang \(id 2\)$'
expect_exit 0 k user add lijun 李军 admin,dispatcher,dispatcher
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add chenjing 陈静 supervisor --unix chenj
expect_exit 0 k --json user add zhaomin 赵敏 billing
expect_json
expect_json_eq '$.login' zhaomin
expect_json_eq '$.id' 6
expect_exit 0 k user add ascii 'Plain Name' billing
# A login of exactly 32 characters is allowed.
expect_exit 0 k user add abcdefghijklmnopqrstuvwxyz.0_1-2 Long reception
# A name of exactly 64 characters (Chinese) is allowed.
n64=
for i in $(seq 64); do n64=${n64}王; done
expect_exit 0 k user add wang64 "$n64" reception
# Quotes and backslashes in a name survive, in text and in JSON.
expect_exit 0 k user add obrien "O'Brien \"Q\" \\ back" reception
expect_exit 0 k --json user show obrien
expect_json
expect_json_eq '$.display_name' "O'Brien \"Q\" \\ back"
rows=$(audit_rows)
expect_eq 10 "$rows" "one audit row per account added"

expect_exit 0 k user show wangfang
expect_out '^login: +wangfang$'
expect_out '^name: +王芳$'
expect_out '^roles: +reception,billing$'
expect_out '^unix user: +-$'
expect_out '^password: +none$'
expect_out '^status: +active$'
expect_out '^version: +1$'
# Roles are kept in canonical order, each once.
expect_exit 0 k --json user show lijun
expect_json_eq '$.roles' dispatcher,admin
expect_exit 0 k --json user show chenjing
expect_json_eq '$.unix_user' chenj

# Bad roles: exit 1, and the message lists the roles there are.
for r in badrole 'reception,cook' 'reception,,billing' ',admin' 'admin,' '' \
    'Admin' 'reception billing'; do
	expect_exit 1 k user add x1 X "$r"
	expect_err_fixed "$ROLE_LIST"
done
# Bad logins: uppercase, too long, starting with a digit or a dot, empty,
# a space, Chinese.
for l in Upper wangFang abcdefghijklmnopqrstuvwxyz0123456 1abc .abc '' \
    'a b' 王芳 'a/b'; do
	expect_exit 1 k user add "$l" X reception
	expect_err 'bad login'
done
# Blank names: spaces, the ideographic space U+3000, both, nothing.
for n in '   ' '　　' ' 　 ' ''; do
	expect_exit 1 k user add x2 "$n" reception
	expect_err 'display name is empty'
done
# Names with control characters, escape sequences or invisible format
# characters (they could drive a terminal or hide text).
for n in $'a\033[31mred' $'\033]0;title\007' $'a\tb' $'two\nlines' $'a\rb' \
    $'del\177' $'c1\xc2\x85x' $'rtl\u202eb' $'zw\u200bsp' $'bom\ufeff' \
    $'bad\xffutf8' $'bad\xe7\x8e'; do
	expect_exit 1 k user add x3 "$n" reception
	expect_err 'invalid UTF-8 or control characters'
done
expect_exit 1 k user add x4 "${n64}王" reception
expect_err 'longer than 64'
# Taken logins and Unix users: conflicts.
expect_exit 3 k user add wangfang 王芳二 reception
expect_err 'login wangfang is taken'
expect_exit 3 k user add x5 X reception --unix chenj
expect_err 'Unix user chenj already belongs to another account'
expect_exit 3 k user add x5 X reception --unix "$ME"
expect_err "Unix user $ME"
expect_exit 1 k user add x5 X reception --unix 'bad user'
expect_err 'bad Unix user'
expect_exit 1 k user add x5 X reception --unix -dash
# Usage errors.
expect_exit 1 k user add x6 X
expect_err 'needs LOGIN NAME ROLES'
expect_exit 1 k user add x6 X reception extra
expect_exit 1 k user add x6 X reception --bogus
expect_err 'unknown option --bogus'
# An option without its value is not an "unknown option".
expect_exit 1 k user add x6 X reception --unix
expect_err '--unix'
expect_err_not 'unknown option'
expect_eq "$rows" "$(audit_rows)" "no audit row from any refused add"
expect_exit 2 k user show x1
expect_err "no staff account 'x1'"

# --- list ----------------------------------------------------------------
expect_exit 0 k user list
expect_out '^LOGIN +NAME +ROLES +UNIX USER$'
expect_eq 11 "$(out_lines)" "user list: header and ten accounts"
expect_out '^chenjing +陈静 +supervisor +chenj$'
expect_out '^wangfang +王芳 +reception,billing +-$'

# Display column (cells, CJK = 2) where WORD starts in LINE; the names
# here hold only ASCII and 3-byte CJK characters, two cells each.
col_of() {
	local prefix=${1%%"$2"*} b c

	b=$(printf %s "$prefix" | LC_ALL=C wc -c)
	c=$(printf %s "$prefix" | LC_ALL=C.UTF-8 wc -m)
	echo $(((b + c) / 2))
}
# The ROLES column starts at the same place in every row, whatever the
# width of the name: the header, an ASCII name and a Chinese name.
check_columns() {	# check_columns WHAT (on the last stdout)
	local hdr wf asc

	hdr=$(col_of "$(head -n 1 "$OUT")" ROLES)
	wf=$(col_of "$(grep '^wangfang ' "$OUT")" reception)
	asc=$(col_of "$(grep '^ascii ' "$OUT")" billing)
	expect_eq "$hdr" "$wf" "$1: ROLES column of the row of 王芳"
	expect_eq "$hdr" "$asc" "$1: ROLES column of the row of an ASCII name"
}
expect_exit 0 k user list
check_columns "UTF-8 locale"
# A locale that is not installed falls back to UTF-8 (DESIGN.md pitfalls).
expect_exit 0 env LANG=zh_CN.UTF-8 LC_ALL=zh_CN.UTF-8 "$KEFU" --db "$DB" user list
check_columns "uninstalled zh_CN.UTF-8 locale"
# kefu prints UTF-8 whatever the locale (the names are UTF-8 in the
# database): with no locale set at all (cron, env -i, minimal containers)
# the columns must still line up.
expect_exit 0 env -u LANG -u LC_ALL -u LC_CTYPE "$KEFU" --db "$DB" user list
check_columns "no locale set (C)"

# By login (as the admin screen shows them).
expect_exit 0 k --json user list
expect_json
expect_json_eq '$[7].login' wangfang
expect_json_eq '$[7].display_name' 王芳
expect_json_eq '$[7].roles' reception,billing
expect_json_eq '$[7].unix_user' ''
expect_json_eq '$[7].password' 0
expect_json_eq '$[4].login' obrien
expect_json_eq '$[10]' ''
expect_eq 10 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT))")" \
    "user list --json: ten accounts"

# --- show ----------------------------------------------------------------
expect_exit 2 k user show nosuch
expect_err "no staff account 'nosuch'"
expect_exit 1 k user show
expect_exit 1 k user show wangfang lijun
expect_exit 2 k user show 王芳
expect_exit 2 k user show '%'
expect_exit 2 k user show "wangfang' OR '1'='1"

# --- roles and edit ------------------------------------------------------
expect_exit 0 k user roles zhangwei technician,dispatcher
expect_out '^changed zhangwei$'
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.roles' dispatcher,technician
expect_json_eq '$.version' 2
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].action' staff.edit
expect_json_eq '$[0].before.roles' technician
expect_json_eq '$[0].after.roles' dispatcher,technician
expect_exit 1 k user roles zhangwei bogus
expect_err_fixed "$ROLE_LIST"
expect_exit 1 k user roles zhangwei
expect_err 'needs LOGIN ROLES'
expect_exit 2 k user roles nosuch technician
expect_exit 0 k user edit zhangwei --name 张伟伟 --unix zw
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.display_name' 张伟伟
expect_json_eq '$.unix_user' zw
expect_json_eq '$.version' 3
expect_exit 0 k user edit zhangwei --unix ''
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.unix_user' ''
expect_json_eq '$.version' 4
expect_exit 0 k --json user edit zhangwei --roles technician
expect_json
expect_json_eq '$.changed' 1
expect_exit 1 k user edit zhangwei
expect_err 'nothing to change'
expect_exit 1 k user edit zhangwei --name '　'
expect_err 'display name is empty'
expect_exit 1 k user edit zhangwei --name $'x\033[2Jy'
expect_exit 3 k user edit zhangwei --unix chenj
expect_err 'already taken'
expect_exit 1 k user edit zhangwei --unix 'no way'
expect_exit 1 k user edit zhangwei --roles ''
expect_exit 2 k user edit nosuch --name X
expect_exit 1 k user edit zhangwei --name
expect_err '--name'
expect_err_not 'unknown option'
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.display_name' 张伟伟
expect_json_eq '$.roles' technician
expect_json_eq '$.version' 5

# --- disable and enable --------------------------------------------------
expect_exit 0 k user disable zhangwei
expect_out '^disabled zhangwei$'
expect_exit 0 k user list
expect_out '^zhangwei .*\(disabled\)$'
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.disabled' 1
for c in "user show zhangwei" "user list" "policy list" "audit list"; do
	expect_exit 4 k --as zhangwei $c
	expect_err 'disabled'
done
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].action' staff.disable
expect_json_eq '$[0].before.disabled' 0
expect_json_eq '$[0].after.disabled' 1
expect_exit 0 k user disable --enable zhangwei
expect_out '^enabled zhangwei$'
expect_exit 0 k --as zhangwei user show zhangwei
expect_out '^status: +active$'
expect_exit 0 k --json user disable --enable zhangwei
expect_json
expect_exit 2 k user disable nosuch
expect_exit 1 k user disable
expect_exit 1 k user disable zhangwei --bogus

# --- the last enabled admin stays -----------------------------------------
# lijun is an admin too: while he is, root may lose the role; once he is
# disabled, root is the last one.
expect_exit 0 k user disable lijun
rows=$(audit_rows)
expect_exit 5 k user disable "$ME"
expect_err 'last enabled admin'
expect_exit 5 k user roles "$ME" reception
expect_err 'last enabled admin'
expect_exit 5 k user edit "$ME" --roles supervisor --name Boss
expect_err 'last enabled admin'
expect_exit 0 k --json user show "$ME"
expect_json_eq '$.roles' admin
expect_eq "$rows" "$(audit_rows)" "no audit row from the refused changes"
# Keeping the admin role while adding another is fine.
expect_exit 0 k user roles "$ME" admin,supervisor
expect_exit 0 k user disable --enable lijun
expect_exit 0 k --as lijun user roles "$ME" supervisor
expect_exit 4 k user add x7 X reception
expect_err 'may not add staff accounts; needs role: admin'
expect_exit 5 k --as lijun user disable lijun
expect_exit 5 k --as lijun user roles lijun dispatcher
expect_exit 0 k --as lijun user roles "$ME" admin

# --- who may do what -------------------------------------------------------
# A technician: only his own account (show; passwords in cli_password.sh).
for c in "user add x8 X reception" "user list" "user show wangfang" \
    "user roles zhangwei technician,admin" "user edit zhangwei --name 张" \
    "user edit wangfang --name 王" "user disable wangfang" \
    "user disable --enable zhangwei"; do
	expect_exit 4 k --as zhangwei $c
	expect_err 'zhangwei may not'
done
expect_exit 4 k --as zhangwei --json user list
expect_exit 0 k --as zhangwei user show zhangwei
expect_out '^login: +zhangwei$'
expect_exit 0 k --json user show zhangwei
expect_json_eq '$.roles' technician
# A supervisor: list and show everyone, change nothing.
expect_exit 0 k --as chenjing user list
expect_exit 0 k --as chenjing user show wangfang
for c in "user add x9 X reception" "user roles wangfang reception" \
    "user edit wangfang --name 王" "user disable wangfang"; do
	expect_exit 4 k --as chenjing $c
	expect_err 'chenjing may not'
done
# An account that does not exist.
expect_exit 2 k --as nosuch user show nosuch
expect_err "no staff account 'nosuch'"

# --- list pages through many accounts --------------------------------------
# kefu reads the list in pages of 500; 1,200 accounts span three of them.
cp "$DB" "$T/many.db"
sqlite3 "$T/many.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1
    FROM n WHERE i < 1200) INSERT INTO staff (login, display_name, roles,
    created_at) SELECT printf('u%04d', i), '员工' || i, 'reception', 0 FROM n"
expect_exit 0 kefu --db "$T/many.db" user list
expect_eq 1211 "$(out_lines)" "user list of 1,210 accounts (and the header)"
check "every account listed once" "$(cut -d' ' -f1 "$OUT" | sort -u | wc -l)" = 1211
expect_exit 0 kefu --db "$T/many.db" --json user list
expect_json
expect_eq 1210 "$(sqlite3 :memory: "SELECT json_array_length(CAST(readfile('$OUT') AS TEXT))")" \
    "user list --json of 1,210 accounts"
expect_json_eq '$[1205].login' u1200		# by login: six sort before
expect_json_eq '$[1209].login' zhaomin

# A name edited outside kefu (sqlite3 shell) with an escape sequence is
# printed harmlessly: the ESC byte never reaches the terminal.
sqlite3 "$DB" "UPDATE staff SET display_name = 'evil' || char(27) || '[2J' || char(8238) WHERE login = (SELECT login FROM staff ORDER BY id DESC LIMIT 1)"
expect_exit 0 k user list
if grep -q "$(printf '\033')" "$OUT"; then fail "user list printed a raw ESC"; else pass; fi
expect_out_fixed 'evil?[2J?'

finish
