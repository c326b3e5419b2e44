#!/usr/bin/env bash
# cli_deploy.sh — what issue 11 found in a deployment as documented, from
# the command line (tests/stress/deploy.sh checks a real setgid install):
#  (1) the language: a copy of the binary alone (no locale directory
#      anywhere, as docs/admin.md installs it) speaks Chinese to
#      LANG=zh_CN.UTF-8 (a locale this host need not have) and to
#      --lang zh_CN; a language kefu lacks is said once on stderr;
#  (2) a person's files are theirs alone: exports, reject files and
#      backups are 0600 under umask 007 (deployed kefu's) and 002, and an
#      older 0664 export is made private when replaced;
#  (3) --db naming a link to a database the person may not reach says
#      "permission denied", not "no database";
#  (4) a full disk (a real tmpfs, when run as root where mounting is
#      allowed) is called full, with its directory, also for reads before
#      the WAL files exist. tests/unit/test_diskfull.c covers the same
#      deterministically through a test VFS.
. "$(dirname "$0")/lib.sh" "$@"

fresh_db
expect_exit 0 k user add qiantai 前台甲 reception

# --- (1) the catalogues are inside the binary ---------------------------------
mkdir "$T/bin"
cp "$KEFU" "$T/bin/kefu"
K1=$T/bin/kefu
ZH_NODB="$T/none.db 处没有数据库（可用 kefu init 创建）"
expect_exit 2 env LANG=zh_CN.UTF-8 "$K1" --db "$T/none.db" user list
expect_err_fixed "$ZH_NODB"
expect_exit 2 "$K1" --lang zh_CN --db "$T/none.db" user list
expect_err_fixed "$ZH_NODB"
expect_exit 2 env LANGUAGE=zh_CN "$K1" --db "$T/none.db" user list
expect_err_fixed "$ZH_NODB"
# --lang beats the environment, both ways.
expect_exit 2 env LANG=zh_CN.UTF-8 "$K1" --lang en --db "$T/none.db" user list
expect_err_fixed "no database at $T/none.db"
# English and C are no request for a translation: nothing said.
for l in C C.UTF-8 POSIX en_US.UTF-8; do
	expect_exit 2 env LANG=$l "$K1" --db "$T/none.db" user list
	expect_err_fixed "no database at $T/none.db"
done
# A language kefu lacks: English, and one line saying so, once.
run "$K1" --lang fr --db "$DB" --json user show qiantai
expect_eq 0 "$RC" "--lang fr: the command still runs"
expect_eq "kefu: no translation for language fr (kefu has: en, zh_CN)" \
    "$(err_text)" "--lang fr: the warning, once"
expect_json_eq '$.login' qiantai
run env LANG=de_DE.UTF-8 "$K1" --db "$T/none.db" user list
expect_eq 2 "$RC" "LANG=de_DE.UTF-8: exit"
expect_eq "kefu: no translation for language de_DE.UTF-8 (kefu has: en, zh_CN)
kefu: no database at $T/none.db (create one with: kefu init)" "$(err_text)" \
    "LANG=de_DE.UTF-8: the warning, then the English error"
# An unknown --lang leaves the choice to the environment.
run env LANG=zh_CN.UTF-8 "$K1" --lang fr --db "$T/none.db" user list
expect_eq 2 "$RC" "--lang fr, LANG=zh_CN.UTF-8: exit"
expect_err_fixed "$ZH_NODB"
expect_err_fixed "fr"
# Later in LANGUAGE's list is still a request met: nothing said.
expect_exit 2 env LANGUAGE=fr:zh_CN "$K1" --db "$T/none.db" user list
expect_err_fixed "$ZH_NODB"
# The name is printed harmlessly.
run env LANG=$'x\e]0;pwned\a' "$K1" --db "$T/none.db" user list
check "an escape in LANG reaches the terminal" -z "$(tr -d -c '\033\007' <"$ERR")"

# --- (2) a person's files are 0600 --------------------------------------------
mode() { stat -c %a "$1"; }
for u in 007 002; do
	d=$T/u$u
	mkdir "$d"
	printf '%s\n' 'account,name,phones,address' "D$u,好人,13800000011,幸福路1号" \
	    "E$u,李四,138abc," >"$T/bad.csv"
	(
		umask $u
		k customer export "$d/customers.csv" >/dev/null &&
		k customer export --out "$d/customers2.csv" >/dev/null &&
		k contact export --out "$d/contacts.csv" >/dev/null &&
		k customer import "$T/bad.csv" --skip-bad --rejects "$d/rejects.csv" >/dev/null &&
		k backup "$d/backup.db" >/dev/null
	) 2>"$ERR"
	check "umask $u: the exports ran ($(err_text))" ! -s "$ERR"
	for f in customers.csv customers2.csv contacts.csv rejects.csv backup.db; do
		expect_eq 600 "$(mode "$d/$f")" "umask $u: $f's mode"
	done
	# An older export, shared with the group: private once replaced.
	printf 'old\n' >"$d/old.csv"
	chmod 664 "$d/old.csv"
	(umask $u; k customer export "$d/old.csv" >/dev/null)
	expect_eq 600 "$(mode "$d/old.csv")" "umask $u: a replaced 0664 export's mode"
	check "umask $u: the replaced export holds the customers" \
	    "$(head -c 7 "$d/old.csv")" = account
done
# A backup still refuses to replace anything, a link included.
ln -s "$T/u007/customers.csv" "$T/link.db"
expect_exit 1 k backup "$T/link.db"
expect_err 'exists: choose a new file'
check "the backup did not write through the link" \
    "$(head -c 7 "$T/u007/customers.csv")" = account
# Standard output named as a file (a pipe here) is still written.
run bash -c "$(printf %q "$KEFU") --db $(printf %q "$DB") customer export --out /dev/stdout | head -n 1"
expect_out '^account,'

# --- (3) --db naming a link to a database out of reach -------------------------
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	as_other() { setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups "$@"; }
	who="nobody"
else
	as_other() { "$@"; }
	who="$ME"
fi
mkdir -m 700 "$T/locked"
cp "$DB" "$T/locked/kefu.db"
[ "$(id -u)" = 0 ] && chmod 755 "$T"
mkdir -m 777 "$T/mine"
ln -s "$T/locked/kefu.db" "$T/mine/link.db"
ln -s "$T/locked/gone.db" "$T/mine/dangling.db"
if [ "$who" != nobody ]; then chmod 000 "$T/locked"; fi
expect_exit 6 as_other "$K1" --db "$T/mine/link.db" user list
expect_err_fixed "cannot open $T/mine/link.db (a link to $T/locked/kefu.db): permission denied"
expect_err_not 'no database'
expect_exit 2 k --db "$T/mine/dangling.db" user list
expect_err_fixed "no database at $T/mine/dangling.db: it is a link to $T/locked/gone.db, which does not exist"
chmod 700 "$T/locked"

# --- (4) a full disk ----------------------------------------------------------
if [ "$(id -u)" != 0 ]; then
	echo "note: not root: the full tmpfs is left to unit.test_diskfull"
elif ! mkdir "$T/small" || ! mount -t tmpfs -o size=4m,mode=0755 kefu-full "$T/small" 2>"$ERR"; then
	echo "note: cannot mount a tmpfs here ($(err_text)): the full disk is left to unit.test_diskfull"
else
	trap 'umount "$T/small" 2>/dev/null; _cleanup' EXIT
	S=$T/small/kefu.db
	expect_exit 0 kefu --db "$S" init
	check "no -wal after the last session closed" ! -e "$S-wal"
	dd if=/dev/zero of="$T/small/fill" bs=4k 2>/dev/null
	expect_exit 6 kefu --db "$S" user list
	expect_err_fixed "the disk holding $T/small is full"
	expect_err_not 'disk I/O error'
	expect_exit 6 env LANG=zh_CN.UTF-8 "$KEFU" --db "$S" user list
	expect_err_fixed "$T/small 所在的磁盘已满"
	rm -f "$T/small/fill"
	expect_exit 0 kefu --db "$S" user list
	umount "$T/small" || fail "umount $T/small"
fi

finish
