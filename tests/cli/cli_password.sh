#!/usr/bin/env bash
# cli_password.sh — passwords: user passwd (from standard input), user add
# --password, and password login with --login. Each hash costs ~0.1 s, so
# this script uses few of them.
. "$(dirname "$0")/lib.sh" "$@"

fresh_db
expect_exit 0 k user add zhangwei 张伟 technician
expect_exit 0 k user add wangfang 王芳 reception

# --- an admin sets a password --------------------------------------------
feed 'secret-pw-1'
expect_exit 0 k user passwd zhangwei
expect_out '^set the password of zhangwei$'
expect_exit 0 k user show zhangwei
expect_out '^password: +set$'
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].action' staff.passwd
expect_json_eq '$[0].entity_id' 2
expect_json_eq '$[0].before.pw_hash' '(secret)'
# A digest of the new hash, so kefu check sees a hash copied or changed
# outside kefu; never the hash itself.
expect_eq blake2b "$(json '$[0].after.pw_hash' | cut -d: -f1)" "the audited digest"
expect_out_not 'argon2'
# Neither the password nor its hash is anywhere in the audit trail, and the
# password itself is nowhere in the file.
expect_eq 0 "$(db_sql "SELECT count(*) FROM audit WHERE after LIKE '%argon2%'
    OR before LIKE '%argon2%' OR after LIKE '%secret-pw%'")" "hashes in the audit trail"
expect_eq 0 "$(cat "$DB" "$DB-wal" 2>/dev/null | grep -c 'secret-pw-1')" \
    "the password in the database file"

# Bad input: too short, nothing on standard input, unknown account, usage.
rows=$(audit_rows)
feed 'short'
expect_exit 1 k user passwd zhangwei
expect_err 'at least 8 characters'
expect_exit 1 k user passwd zhangwei
expect_err 'no password'
feed '1234567'
expect_exit 1 k user passwd zhangwei
expect_err 'at least 8 characters'
feed "$(head -c 1025 /dev/zero | tr '\0' p)"
expect_exit 1 k user passwd zhangwei
expect_err '1024'
feed $'bad-utf8-\xff\xfe-pw'
expect_exit 1 k user passwd zhangwei
expect_err 'UTF-8'
feed 'secret-pw-x'
expect_exit 2 k user passwd nosuch
expect_exit 1 k user passwd
expect_exit 1 k user passwd zhangwei wangfang
expect_exit 1 k user passwd zhangwei --bogus
expect_eq "$rows" "$(audit_rows)" "no audit row from refused password changes"

# --- --login: the password is the first line of standard input ------------
feed 'secret-pw-1'
expect_exit 0 k --login zhangwei user show zhangwei
expect_out '^login: +zhangwei$'
# Only the first line is the password.
printf 'secret-pw-1\nsomething else\n' >"$T/two-lines"
expect_exit 0 sh -c '"$1" --db "$2" --login zhangwei user show zhangwei <"$3"' \
    sh "$KEFU" "$DB" "$T/two-lines"
# A wrong password, an unknown login, an account without a password: the
# same denial, which does not tell which of login or password was wrong.
feed 'wrong-pw-22'
expect_exit 4 k --login zhangwei user show zhangwei
expect_err 'wrong login or password'
wrong_pw=$(err_text)
feed 'wrong-pw-22'
expect_exit 4 k --login nosuch user show zhangwei
expect_eq "$wrong_pw" "$(err_text)" "unknown login vs wrong password: the message"
expect_err_not nosuch
feed 'anything-at-all'
expect_exit 4 k --login wangfang user show wangfang
expect_eq "$wrong_pw" "$(err_text)" "account without a password vs wrong password"
expect_exit 1 k --login zhangwei user show zhangwei
expect_err 'no password'
# The right password does not get a technician more than his roles.
feed 'secret-pw-1'
expect_exit 4 k --login zhangwei user add x X technician
expect_err 'zhangwei may not'
# Nor into a disabled account.
expect_exit 0 k user disable zhangwei
feed 'secret-pw-1'
expect_exit 4 k --login zhangwei user show zhangwei
expect_err 'disabled'
expect_exit 0 k user disable --enable zhangwei

# --- a technician changes his own password, and nobody else's ---------------
# Logged in by password: the first line logs in, the second is the new one.
printf 'secret-pw-1\nnew-secret-2\n' >"$T/change"
expect_exit 0 sh -c '"$1" --db "$2" --login zhangwei user passwd zhangwei <"$3"' \
    sh "$KEFU" "$DB" "$T/change"
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].actor' zhangwei
expect_json_eq '$[0].action' staff.passwd
feed 'secret-pw-1'
expect_exit 4 k --login zhangwei user show zhangwei
feed 'new-secret-2'
expect_exit 0 k --login zhangwei user show zhangwei
# Acting as himself (owner mode): his own password again.
feed 'exactly8'
expect_exit 0 k --as zhangwei user passwd zhangwei
feed 'exactly8'
expect_exit 0 k --login zhangwei user show zhangwei
feed 'other-secret-3'
expect_exit 4 k --as zhangwei user passwd wangfang
expect_err 'zhangwei may not'
expect_exit 0 k user show wangfang
expect_out '^password: +none$'
expect_exit 4 k --as zhangwei user passwd --clear wangfang

# --- clearing a password ends password login ---------------------------------
expect_exit 0 k user passwd --clear zhangwei
expect_out '^cleared the password of zhangwei$'
expect_exit 0 k user show zhangwei
expect_out '^password: +none$'
feed 'exactly8'
expect_exit 4 k --login zhangwei user show zhangwei
expect_eq "$wrong_pw" "$(err_text)" "login after the password was cleared"

# --- user add --password --------------------------------------------------
feed 'first-secret-4'
expect_exit 0 k user add liuyang 刘洋 technician --password
expect_exit 0 k --json audit list --limit 1
expect_json_eq '$[0].after.password' '(set)'
feed 'first-secret-4'
expect_exit 0 k --login liuyang user show liuyang
expect_out '^password: +set$'
rows=$(audit_rows)
expect_exit 1 k user add nopw 无密码 technician --password
expect_err 'no password'
feed 'short'
expect_exit 1 k user add shortpw 短密码 technician --password
expect_err 'at least 8'
expect_exit 2 k user show nopw
expect_exit 2 k user show shortpw
expect_eq "$rows" "$(audit_rows)" "no account added without its password"

# --- --json: machine-readable output for passwd too -------------------------
feed 'json-secret-5'
expect_exit 0 k --json user passwd liuyang
expect_json

finish
