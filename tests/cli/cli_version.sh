#!/usr/bin/env bash
# cli_version.sh — edits that say which version they read (--version V):
# changes to other fields merge, changes to the same field conflict (exit 3)
# with who, when and both values; nothing is silently overwritten.
. "$(dirname "$0")/lib.sh" "$@"

fresh_db
expect_exit 0 k user add guanli 管理员 admin
expect_exit 0 k user add liuyang 刘洋 technician

version_of() {		# version_of LOGIN: the version user show --json gives
	expect_exit 0 k --json user show "$1"
	json '$.version'
}

# --- two admins read version 1, then edit different fields: both win ---------
V=$(version_of liuyang)
expect_eq 1 "$V" "version of a new account"
expect_exit 0 env KEFU_NOW=2026-11-27T10:41:00+08:00 "$KEFU" --db "$DB" \
    user edit liuyang --version "$V" --name 刘洋洋
expect_exit 0 k --as guanli user edit liuyang --version "$V" --unix liuy
expect_exit 0 k --json user show liuyang
expect_json_eq '$.display_name' 刘洋洋
expect_json_eq '$.unix_user' liuy
expect_json_eq '$.version' 3
expect_exit 0 k --json audit list --entity staff --id 3 --limit 2
expect_json_eq '$[0].actor' guanli
expect_json_eq '$[0].version' 3
expect_json_eq '$[0].after.unix_user' liuy
expect_json_eq '$[1].actor' "$ME"
expect_json_eq '$[1].version' 2
expect_json_eq '$[1].after.display_name' 刘洋洋
# A merged change to a third field with the same old version still merges.
expect_exit 0 k --as guanli user roles liuyang technician,billing --version "$V"
expect_exit 0 k --json user show liuyang
expect_json_eq '$.roles' technician,billing
expect_json_eq '$.display_name' 刘洋洋
expect_json_eq '$.unix_user' liuy
expect_json_eq '$.version' 4

# --- the same field from the same old version: the second is refused --------
rows=$(audit_rows)
expect_exit 3 k --as guanli user edit liuyang --version "$V" --name 刘阳
expect_err 'display_name'
expect_err "by $ME"
expect_err '2026-11-27 10:41'		# when, in local time (TZ=Asia/Shanghai)
expect_err_fixed '刘洋洋'		# theirs, now saved
expect_err_fixed '刘阳'		# yours, not saved
expect_eq "$rows" "$(audit_rows)" "no audit row from a conflict"
expect_exit 0 k --json user show liuyang
expect_json_eq '$.display_name' 刘洋洋
expect_json_eq '$.version' 4
# Together with a field nobody touched: the whole edit is refused.
expect_exit 3 k --as guanli user edit liuyang --version "$V" --name 刘阳 --roles technician
expect_exit 0 k --json user show liuyang
expect_json_eq '$.roles' technician,billing
# Even setting the value it has now, from the old version, is a conflict:
# the edit was decided from a value that is gone (two increments must not
# make one).
expect_exit 3 k --as guanli user edit liuyang --version "$V" --name 刘洋洋
expect_err "by $ME"
# From the current version, the same value is no change: no new version.
V=$(version_of liuyang)
expect_exit 0 k --as guanli user edit liuyang --version "$V" --name 刘洋洋
expect_eq "$rows" "$(audit_rows)" "setting the saved value again adds no audit row"
expect_eq "$V" "$(version_of liuyang)" "no new version for no change"

# Roles, both ways round: the message names guanli this time.
V=$(version_of liuyang)
expect_exit 0 k --as guanli user roles liuyang technician --version "$V"
expect_exit 3 k user roles liuyang technician,dispatcher --version "$V"
expect_err 'roles'
expect_err 'by guanli'
expect_err_fixed '"technician"'
expect_err_fixed '"dispatcher,technician"'
# Reading again (the current version) lets the edit through.
V=$(version_of liuyang)
expect_exit 0 k user roles liuyang technician,dispatcher --version "$V"

# Disable and enable from the same old version: the second conflicts.
V=$(version_of liuyang)
expect_exit 0 k user disable liuyang --version "$V"
expect_exit 3 k --as guanli user disable --enable liuyang --version "$V"
expect_err 'disabled'
expect_err "by $ME"
expect_exit 0 k --json user show liuyang
expect_json_eq '$.disabled' 1
# ... while an edit of another field from that version merges.
expect_exit 0 k --as guanli user edit liuyang --name 刘洋 --version "$V"
expect_exit 0 k --json user show liuyang
expect_json_eq '$.disabled' 1
expect_json_eq '$.display_name' 刘洋

# --- versions that cannot have been read -----------------------------------
V=$(version_of liuyang)
for bad in 0 -1 -5; do
	expect_exit 1 k user edit liuyang --version "$bad" --name X
	expect_err 'version'
done
for bad in $((V + 1)) 99 9223372036854775807; do
	expect_exit 1 k user edit liuyang --version "$bad" --name X
	expect_err "no version $bad"
	expect_exit 1 k user disable liuyang --version "$bad"
	expect_exit 1 k user roles liuyang admin --version "$bad"
done
for bad in abc 1x '' 99999999999999999999; do
	expect_exit 1 k user edit liuyang --version "$bad" --name X
	expect_err 'must be a number'
done
expect_exit 0 k --json user show liuyang
expect_json_eq '$.version' "$V"
expect_json_eq '$.display_name' 刘洋

finish
